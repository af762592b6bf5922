// The materialised first screen: what it keeps, how it reads on a later day, what it refuses.
import { describe, expect, it } from 'vitest';
import { accountsOfRecords, plainContext } from '$lib/domain/receivables';
import { documentTotals } from '$lib/domain/lifecycle';
import { CHASE_TODAY, chaseInvoice, chasePayment, dueFor } from '$lib/domain/fixtures';
import { newDocument } from '$lib/domain/documents';
import { rowOnDay } from '$lib/ui/documents/documentRows';
import type { DocumentRecord } from '$lib/domain/types';
import { FIRST_SCREEN_ROWS, buildFirstScreen, firstScreenChase, firstScreenSummary, parseFirstScreen, type FirstScreen } from './firstScreen';

const later = (days: number) => new Date(Date.parse(`${CHASE_TODAY}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

function screenOf(documents: DocumentRecord[], payments = [chasePayment('p1', 'b', 30_000, '2026-06-01')]): FirstScreen {
  const accounts = accountsOfRecords(documents, payments, 'normal', () => plainContext(CHASE_TODAY, 'company'));
  return buildFirstScreen({
    workspaceId: 'ws1',
    companyName: 'Atelier Dupont',
    day: CHASE_TODAY,
    documents,
    clientName: () => 'Boulangerie Martin',
    accounts,
    totals: (d) => documentTotals(d, 'normal'),
    chase: null
  });
}

describe('the first screen', () => {
  // a: 1 000 € late by 10 days; b: 500 € due in 5 days, 300 € paid; c: 200 € due in 20 days,
  // disputed. Issue dates are 30 days before due: c (2026-06-05) is the newest, then b, then a.
  const a = chaseInvoice('a', 100_000, dueFor(10));
  const b = chaseInvoice('b', 50_000, dueFor(-5));
  const c = chaseInvoice('c', 20_000, dueFor(-20), { disputed: true });

  it('keeps the list’s first rows newest first, the count, and every open receivable', () => {
    const screen = screenOf([a, b, c]);
    expect(screen.documents.count).toBe(3);
    expect(screen.documents.rows.map((r) => [r.number, r.status, r.balanceCents])).toEqual([
      ['F-2026-A-c', 'sent', 20_000],
      ['F-2026-A-b', 'partially_paid', 20_000],
      ['F-2026-A-a', 'overdue', 100_000]
    ]);
    expect(screen.open).toEqual([
      [dueFor(10), 100_000, 0],
      [dueFor(-5), 20_000, 0],
      [dueFor(-20), 20_000, 1]
    ]);
  });

  it('keeps no more rows than a screen shows', () => {
    const many = Array.from({ length: FIRST_SCREEN_ROWS + 5 }, (_, i) => chaseInvoice(String(100 + i), 1000, dueFor(-i)));
    const screen = screenOf(many, []);
    expect(screen.documents.count).toBe(FIRST_SCREEN_ROWS + 5);
    expect(screen.documents.rows).toHaveLength(FIRST_SCREEN_ROWS);
  });

  it('reads right on a later day: what fell due since counts as late, in the figures and the rows', () => {
    const screen = screenOf([a, b, c]);
    // Today: 1 000 late; 200 (b) due within 7 days; the disputed 200 held apart.
    expect(firstScreenSummary(screen, CHASE_TODAY)).toMatchObject({ outstandingCents: 140_000, overdueCents: 100_000, overdueCount: 1, dueSoonCents: 20_000, dueSoonCount: 1, heldCents: 20_000 });
    // Six days later b is late too (due 5 days after today), c now due within 7 days (due in 20 − 6 = 14: not yet).
    expect(firstScreenSummary(screen, later(6))).toMatchObject({ overdueCents: 120_000, overdueCount: 2, dueSoonCents: 0, dueSoonCount: 0 });
    const rowB = screen.documents.rows[1];
    expect(rowOnDay(rowB, later(5)).status).toBe('partially_paid'); // due that day: not late yet
    expect(rowOnDay(rowB, later(6)).status).toBe('overdue');
  });

  it('a quote expires on a later day; a paid invoice and a draft never change', () => {
    const quote: DocumentRecord = {
      ...a,
      id: 'q',
      kind: 'quote',
      number: 'D-1',
      frozen: { ...a.frozen!, kind: 'quote', validUntil: later(2) }
    };
    const paid = chaseInvoice('p', 10_000, dueFor(-3));
    const draft = newDocument('invoice', { id: 'd', memberId: 'm-a', now: '2026-06-14T09:00:00.000Z', clientId: 'c1', terms: { kind: 'on_receipt' } });
    const screen = screenOf([quote, paid, draft], [chasePayment('pp', 'p', 10_000, '2026-06-10')]);
    const row = (id: string) => screen.documents.rows.find((r) => r.id === id)!;
    expect(rowOnDay(row('q'), later(3)).status).toBe('expired');
    expect(rowOnDay(row('p'), later(30)).status).toBe('paid');
    expect(rowOnDay(row('d'), later(30)).status).toBe('draft');
  });

  it('shows the chase list it kept only on the day it was made', () => {
    const screen = { ...screenOf([a]), chase: { count: 0, items: [] } };
    expect(firstScreenChase(screen, CHASE_TODAY)).toEqual({ count: 0, items: [] });
    expect(firstScreenChase(screen, later(1))).toBeNull();
  });

  it('refuses garbled text, another format and another workspace’s', () => {
    const screen = screenOf([a]);
    expect(parseFirstScreen(JSON.stringify(screen), 'ws1')).toEqual(screen);
    expect(parseFirstScreen(JSON.stringify(screen), 'ws2')).toBeNull();
    expect(parseFirstScreen(JSON.stringify({ ...screen, format: 2 }), 'ws1')).toBeNull();
    expect(parseFirstScreen(JSON.stringify({ ...screen, documents: null }), 'ws1')).toBeNull();
    expect(parseFirstScreen('{"format":1', 'ws1')).toBeNull();
    expect(parseFirstScreen(undefined, 'ws1')).toBeNull();
  });
});
