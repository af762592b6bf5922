// Test fixtures for the store: a company that may issue, clients, members, lines, a pinned clock,
// the collections of a document as the Workspace follows them, and the exchange of Yjs updates
// between two devices. Used by the *.test.ts files and the benchmarks only.
import * as Y from 'yjs';
import type { Client, Company, Line, Member } from '$lib/domain/types';
import { newClient, newCompany } from '$lib/domain/company';
import { newLine } from '$lib/domain/documents';
import { COLLECTIONS } from './schema';
import { initialiseDoc, putRecord, readAll, writeCompany } from './doc';
import type { Actor } from './operations';
import { Collection } from './collection.svelte';
import { followCollection, loadCollection } from './collectionSync';

export const T0 = '2026-03-10T09:00:00.000Z';

/** A company with every mention `missingBeforeIssue` asks for. */
export function company(partial: Partial<Company> = {}): Company {
  return {
    ...newCompany('2026-03-10'),
    name: 'Menuiserie Martin',
    legalForm: 'SARL',
    soleTrader: false,
    shareCapitalCents: 1_000_000,
    address: { line1: '12 rue des Lilas', line2: '', postalCode: '69003', city: 'Lyon', country: 'FR' },
    siret: '73282932000074',
    rcsCity: 'Lyon',
    vatNumber: 'FR44732829320',
    iban: 'FR7630006000011234567890189',
    bic: 'AGRIFRPP',
    logoDataUrl: 'data:image/png;base64,AAAA',
    ...partial
  };
}

export function client(id: string, partial: Partial<Client> = {}): Client {
  return {
    ...newClient(id, T0),
    name: `Client ${id}`,
    billingAddress: { line1: '3 place Bellecour', line2: '', postalCode: '69002', city: 'Lyon', country: 'FR' },
    // A business client's SIREN: every invoice to one needs it (Factur-X, domain/facturx/readiness.ts).
    siren: '732829320',
    contacts: [{ id: `${id}-c1`, name: 'Jeanne Roux', email: 'jeanne@example.fr', phone: '0102030405', role: '', billing: true }],
    ...partial
  };
}

export function member(id: string, seriesLetter: string): Member {
  return { id, name: `Poste ${seriesLetter}`, seriesLetter, createdAt: T0, lastSeenAt: T0, removed: false };
}

export function line(id: string, partial: Partial<Line> = {}): Line {
  return newLine(id, { description: `Prestation ${id}`, unitPriceCents: 10_000, ...partial });
}

/** An actor whose clock is pinned (and can be moved). */
export function actor(memberId: string, at: string = T0): Actor & { at: string } {
  const a = { memberId, at, now: () => new Date(a.at) };
  return a;
}

/** A workspace document as `Workspace.create` leaves it: company, one member, plus clients. */
export function seededDoc(opts: { memberId?: string; letter?: string; clients?: Client[]; company?: Company } = {}): Y.Doc {
  const doc = new Y.Doc();
  initialiseDoc(doc, 'ws-test', T0);
  writeCompany(doc, opts.company ?? company());
  putRecord(doc, 'members', member(opts.memberId ?? 'm-a', opts.letter ?? 'A'));
  for (const c of opts.clients ?? [client('c1')]) putRecord(doc, 'clients', c);
  return doc;
}

/** The collections the views read, loaded from `doc` and following it, as the Workspace keeps them. */
export function followedCollections(doc: Y.Doc) {
  const stops: (() => void)[] = [];
  const make = <K extends 'clients' | 'documents' | 'payments' | 'events' | 'policies' | 'penaltyRates' | 'chaseConfig'>(name: K) => {
    const c = new Collection(name);
    loadCollection(c, doc);
    stops.push(followCollection(c, doc));
    return c;
  };
  return {
    clients: make('clients'),
    documents: make('documents'),
    payments: make('payments'),
    events: make('events'),
    policies: make('policies'),
    penaltyRates: make('penaltyRates'),
    chaseConfig: make('chaseConfig'),
    /** Stops following the document. */
    stop: () => stops.forEach((stop) => stop())
  };
}

/** A second device: starts from everything the first one has. */
export function joinDevice(from: Y.Doc): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(from));
  return doc;
}

export type SyncOrder = 'a→b first' | 'b→a first';
export const SYNC_ORDERS: SyncOrder[] = ['a→b first', 'b→a first'];

/**
 * Two devices meet again: each encodes its whole state before either receives anything, then
 * the updates are applied in the given order.
 */
export function exchange(a: Y.Doc, b: Y.Doc, order: SyncOrder): void {
  const fromA = Y.encodeStateAsUpdate(a);
  const fromB = Y.encodeStateAsUpdate(b);
  if (order === 'a→b first') {
    Y.applyUpdate(b, fromA);
    Y.applyUpdate(a, fromB);
  } else {
    Y.applyUpdate(a, fromB);
    Y.applyUpdate(b, fromA);
  }
}

/** Every record of every collection, sorted by id: equal contents compare equal. */
export function contents(doc: Y.Doc): Record<string, unknown> {
  const out: Record<string, unknown> = {
    meta: doc.getMap('meta').toJSON(),
    company: doc.getMap('company').toJSON()
  };
  for (const name of COLLECTIONS) {
    out[name] = readAll(doc, name).sort((x, y) => ((x as { id: string }).id < (y as { id: string }).id ? -1 : 1));
  }
  return out;
}

export const V1_ADDRESS = { line1: '3 place Bellecour', line2: '', postalCode: '69002', city: 'Lyon', country: 'FR' };

/** A workspace as version 1 of the app wrote it: one contact as three primitive client fields. */
export function v1Doc(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    const meta = doc.getMap('meta');
    meta.set('schemaVersion', 1);
    meta.set('workspaceId', 'ws-v1');
    meta.set('createdAt', T0);
    const companyMap = doc.getMap('company');
    for (const [k, v] of Object.entries(company())) companyMap.set(k, v);
    const clients = doc.getMap<Y.Map<unknown>>('clients');
    const v1Client = (id: string, fields: Record<string, unknown>) => {
      const map = new Y.Map<unknown>();
      clients.set(id, map);
      const base = { id, kind: 'company', name: `Client ${id}`, billingAddress: V1_ADDRESS, deliveryAddress: null, siren: '', vatNumber: '', terms: null, notes: '', createdAt: T0, updatedAt: T0 };
      for (const [k, v] of Object.entries({ ...base, ...fields })) map.set(k, v);
    };
    v1Client('c1', { email: 'compta@atelier.fr', phone: '0102030405', contactName: 'Jeanne Roux' });
    v1Client('c2', { email: '', phone: '', contactName: '' });
    v1Client('c3', { email: '', phone: '0611111111', contactName: '' });
  });
  return doc;
}
