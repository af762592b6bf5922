import { describe, expect, it } from 'vitest';
import { newClient } from '$lib/domain/company';
import { newDocument } from '$lib/domain/documents';
import type { ActivityEvent, Client, DocumentRecord, Payment } from '$lib/domain/types';
import {
  balancesByClient,
  categoryOptions,
  clientRow,
  filterClients,
  lastActivityByClient,
  sortClients,
  type ClientRow
} from './clientRows';
import type { Receivable } from '$lib/domain/receivables';

const client = (id: string, patch: Partial<Client> = {}): Client => ({ ...newClient(id, '2026-01-10T09:00:00.000Z'), ...patch });

const invoice = (id: string, clientId: string, patch: Partial<DocumentRecord> = {}): DocumentRecord => ({
  ...newDocument('invoice', { id, memberId: 'm', now: '2026-02-01T10:00:00.000Z', clientId, terms: { kind: 'net', days: 30 } }),
  status: 'issued',
  issueDate: '2026-02-01',
  dueDate: '2026-03-03',
  ...patch
});

const row = (id: string, patch: Partial<ClientRow> = {}): ClientRow => ({
  ...clientRow(client(id, { name: id }), undefined, undefined),
  ...patch
});

describe('balancesByClient', () => {
  const receivable = (clientId: string, remainingCents: number, daysLate: number) => ({ clientId, remainingCents, daysLate }) as Receivable;

  it('sums what remains open per client, and the part past its due date', () => {
    const out = balancesByClient([
      receivable('c1', 10000, 9), // 100 € late
      receivable('c1', 5000, 0), // 50 € not yet due (or due today)
      receivable('c1', 2500, 0),
      receivable('c2', 0, 30) // settled: nothing open
    ]);
    expect(out.get('c1')).toEqual({ openCents: 17500, overdueCents: 10000 });
    expect(out.has('c2')).toBe(false);
  });
});

describe('lastActivityByClient', () => {
  it('keeps the latest of documents, payments and events', () => {
    const docs = [invoice('a', 'c1', { issueDate: '2026-02-15' })];
    const payments = [{ clientId: 'c1', date: '2026-03-02', createdAt: '2026-03-01T08:00:00.000Z' } as Payment];
    const events = [{ clientId: 'c2', at: '2026-04-01T08:00:00.000Z' } as ActivityEvent, { clientId: null, at: '2027-01-01' } as ActivityEvent];
    const out = lastActivityByClient(docs, payments, events);
    expect(out.get('c1')).toBe('2026-03-02');
    expect(out.get('c2')).toBe('2026-04-01T08:00:00.000Z');
    expect(out.size).toBe(2);
  });
});

describe('clientRow', () => {
  it('searches name, city, contacts, SIREN and VAT number, accent-free', () => {
    const r = clientRow(
      client('c1', {
        name: 'Boulangerie Ménard',
        billingAddress: { line1: '', line2: '', postalCode: '69003', city: 'Lyon', country: 'FR' },
        siren: '732829320',
        contacts: [{ id: 'k', name: 'Élodie Roux', email: 'elodie@menard.fr', phone: '', role: '', billing: true }]
      }),
      { openCents: 1200, overdueCents: 0 },
      '2026-02-01'
    );
    expect(r.haystack).toContain('boulangerie menard');
    expect(r.haystack).toContain('elodie roux');
    expect(r.haystack).toContain('elodie@menard.fr');
    expect(r.haystack).toContain('732829320');
    expect(r.openCents).toBe(1200);
    expect(r.lastActivity).toBe('2026-02-01');
  });

  it('falls back to the creation date when nothing happened since', () => {
    expect(clientRow(client('c1'), undefined, undefined).lastActivity).toBe('2026-01-10T09:00:00.000Z');
  });
});

describe('categoryOptions', () => {
  it('lists the defaults first, then categories in use A→Z, without duplicates', () => {
    const clients = [{ categories: ['VIP', 'Bon payeur', 'export'] }, { categories: ['vip', ' agence '] }];
    expect(categoryOptions(['bon payeur', 'public'], clients)).toEqual(['bon payeur', 'public', 'agence', 'export', 'VIP']);
  });
});

describe('filterClients', () => {
  const rows = [
    clientRow(client('a', { name: 'Atelier Dupont', categories: ['bon payeur'], siren: '732829320' }), undefined, undefined),
    clientRow(client('b', { name: 'Boulangerie Ménard', categories: ['mauvais payeur'], billingAddress: { line1: '', line2: '', postalCode: '', city: 'Lyon', country: 'FR' } }), undefined, undefined),
    clientRow(client('c', { name: 'Mairie de Lyon', categories: ['public', 'mauvais payeur'] }), undefined, undefined)
  ];
  const ids = (r: ClientRow[]) => r.map((x) => x.id);

  it('matches every word, ignoring accents and case', () => {
    expect(ids(filterClients(rows, { search: 'menard', category: '' }))).toEqual(['b']);
    expect(ids(filterClients(rows, { search: 'lyon', category: '' }))).toEqual(['b', 'c']);
    expect(ids(filterClients(rows, { search: 'mairie lyon', category: '' }))).toEqual(['c']);
  });

  it('finds a SIREN typed with spaces', () => {
    expect(ids(filterClients(rows, { search: '732 829 320', category: '' }))).toEqual(['a']);
  });

  it('filters by category', () => {
    expect(ids(filterClients(rows, { search: '', category: 'mauvais payeur' }))).toEqual(['b', 'c']);
    expect(ids(filterClients(rows, { search: 'lyon', category: 'public' }))).toEqual(['c']);
  });
});

describe('sortClients', () => {
  const rows = [
    row('Zoé', { openCents: 100, lastActivity: '2026-03-01', createdAt: '2026-01-01' }),
    row('alpha', { openCents: 5000, lastActivity: '2026-01-05', createdAt: '2026-02-01' }),
    row('Émile', { openCents: 5000, overdueCents: 5000, lastActivity: '2026-02-01', createdAt: '2025-12-01' })
  ];
  const names = (r: ClientRow[]) => r.map((x) => x.name);

  it('sorts names A→Z the French way', () => {
    expect(names(sortClients(rows, 'name'))).toEqual(['alpha', 'Émile', 'Zoé']);
  });
  it('puts the biggest balance first, late money breaking ties', () => {
    expect(names(sortClients(rows, 'balance'))).toEqual(['Émile', 'alpha', 'Zoé']);
  });
  it('puts the most recent activity or creation first', () => {
    expect(names(sortClients(rows, 'activity'))).toEqual(['Zoé', 'Émile', 'alpha']);
    expect(names(sortClients(rows, 'created'))).toEqual(['alpha', 'Zoé', 'Émile']);
  });
  it('returns a copy', () => {
    const copy = sortClients(rows, 'name');
    expect(copy).not.toBe(rows);
    expect(names(rows)[0]).toBe('Zoé');
  });
});
