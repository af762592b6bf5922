// The accounts kept incrementally per client (ReceivablesView) on a real Y.Doc: each change
// computes again only the clients it links to, and the accounts always equal a full computation
// over the collections (domain/receivables.ts accountsOfRecords), checked after every step of
// seeded random sequences of changes, and on hand-computed cases.
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import type { ActivityEvent, Client, DocumentRecord, IsoDate, Payment } from '$lib/domain/types';
import { accountsOfRecords, documentFacts, receptionDates, type AccountContext, type DocumentFacts } from '$lib/domain/receivables';
import { effectivePolicies } from '$lib/domain/dunning';
import { formalStepIds } from '$lib/domain/chaseItem';
import { penaltyRateTable } from '$lib/domain/terms';
import { addDays } from '$lib/domain/dates';
import { newDocument } from '$lib/domain/documents';
import { chaseInvoice } from '$lib/domain/fixtures';
import { contactEntry } from './chaseFiles';
import { deleteRecord, patchRecord, putRecord, readCompany, readRecord, writeCompany } from './doc';
import { client, followedCollections, seededDoc } from './fixtures';
import { ReceivablesView, type AccountsSource } from './views.svelte';
import { DashboardView, type DashboardSource } from './dashboard.svelte';
import { dashboardFigures, type DashboardFigures } from '$lib/domain/dashboard';

const TODAY = '2026-06-15';

/** The collections of a document, loaded and followed, as the Workspace has them. */
function sourceOf(doc: Y.Doc): AccountsSource & DashboardSource & { companyListeners: Set<() => void> } {
  return {
    ...followedCollections(doc),
    get company() {
      return readCompany(doc);
    },
    companyListeners: new Set()
  };
}

/** Every account computed from scratch over the collections: what the view must equal. */
function fullAccounts(source: AccountsSource, asOf: IsoDate) {
  const contacts = new Map<string, ReturnType<typeof contactEntry>[]>();
  for (const e of source.events.all()) {
    const entry = contactEntry(e);
    if (entry) contacts.set(entry.clientId, [...(contacts.get(entry.clientId) ?? []), entry]);
  }
  const steps = formalStepIds(effectivePolicies(source.policies.all()));
  const rates = penaltyRateTable(source.penaltyRates.all());
  const context = (clientId: string): AccountContext => {
    const c = source.clients.peek(clientId);
    return { asOf, clientKind: c?.kind ?? 'company', clientPause: c?.chasePause ?? null, contacts: (contacts.get(clientId) ?? []) as never, formalStepIds: steps, rates };
  };
  return accountsOfRecords(source.documents.all(), source.payments.all(), source.company?.vatRegime ?? 'normal', context);
}

/** The dashboard computed from scratch over the collections. */
function fullFigures(source: AccountsSource, asOf: IsoDate): DashboardFigures {
  const reception = receptionDates(source.documents.all());
  const facts: DocumentFacts[] = [];
  for (const d of source.documents.all()) {
    const f = documentFacts(d, source.company?.vatRegime ?? 'normal', (q) => reception.get(q));
    if (f) facts.push(f);
  }
  return dashboardFigures(facts, fullAccounts(source, asOf).values(), source.payments.all(), asOf);
}

/** The figures with lists in one order (summed per client, receivables come client by client). */
function normalised(f: DashboardFigures) {
  const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : 1);
  return {
    ...f,
    open: [...f.open].sort(byKey),
    risks: [...f.risks].sort(([a], [b]) => (a < b ? -1 : 1)),
    forecast: { ...f.forecast, weeks: f.forecast.weeks.map((w) => ({ ...w, entries: [...w.entries].sort((a, b) => byKey(a.receivable, b.receivable)) })) }
  };
}

/** An issued invoice of `ttc` cents (0 % VAT) to `clientId`, due on `due`. */
function invoice(id: string, clientId: string, ttc: number, due: IsoDate, extra: Partial<DocumentRecord> = {}): DocumentRecord {
  return chaseInvoice(id, ttc, due, { clientId, ...extra });
}

function creditNote(id: string, clientId: string, invoiceId: string, ttc: number): DocumentRecord {
  const doc = chaseInvoice(id, ttc, TODAY, { clientId, kind: 'credit', correctsInvoiceId: invoiceId });
  return { ...doc, frozen: { ...doc.frozen!, kind: 'credit', correctsInvoiceId: invoiceId, totals: { ...doc.frozen!.totals, ttcCents: ttc } } };
}

/** An issued invoice whose client changes (its frozen content with it: what the store reads). */
function moveInvoice(doc: Y.Doc, id: string, clientId: string): void {
  const record = readRecord(doc, 'documents', id)!;
  putRecord(doc, 'documents', { ...record, clientId, frozen: { ...record.frozen!, clientId } });
}

function payment(id: string, clientId: string, date: IsoDate, allocations: [string, number][]): Payment {
  const amountCents = allocations.reduce((s, [, c]) => s + c, 0);
  return { id, clientId, amountCents, date, method: 'transfer', reference: '', allocations: allocations.map(([invoiceId, amountCents]) => ({ invoiceId, amountCents })), memberId: 'm-a', createdAt: `${date}T10:00:00.000Z` };
}

function contact(id: string, clientId: string, date: IsoDate, key: string, outcome: 'promised' | 'sent', stepId: string | null, promisedDate: IsoDate | null = null): ActivityEvent {
  return {
    id,
    at: `${date}T10:00:00.000Z`,
    memberId: 'm-a',
    kind: 'contact',
    clientId,
    documentId: null,
    text: '',
    data: {},
    contact: { targets: [{ key, stepId }], stepId, channel: 'email', outcome, promisedDate, snoozeUntil: null, note: '' }
  };
}

/** A quote whose reception date releases its situations' retentions. */
function quote(id: string, clientId: string, receptionDate: IsoDate | null): DocumentRecord {
  return { ...newDocument('quote', { id, memberId: 'm-a', now: '2026-01-01T00:00:00.000Z', clientId, terms: { kind: 'net', days: 30 } }), receptionDate };
}

/** A progress invoice of `ttc` cents holding `retention` cents back until a year after the quote's reception. */
function situation(id: string, clientId: string, quoteId: string, ttc: number, retention: number, due: IsoDate): DocumentRecord {
  const doc = invoice(id, clientId, ttc, due, { sourceQuoteId: quoteId });
  const progress = { quoteId, quoteNumber: 'D-1', quoteDate: null, situation: 1, final: false, lines: [], retention: { rateBp: 500, cents: retention } };
  return { ...doc, frozen: { ...doc.frozen!, progress } };
}

function setup(clients: Client[] = [client('c1'), client('c2'), client('c3')]) {
  const doc = seededDoc({ clients });
  const source = sourceOf(doc);
  let day = TODAY;
  const view = new ReceivablesView(source, () => day);
  const moveDay = (to: IsoDate) => {
    day = to;
    view.checkDay();
  };
  return { doc, source, view, board: new DashboardView(source, view), moveDay, day: () => day };
}

describe('ReceivablesView: hand-computed cases', () => {
  it('a draft’s totals follow its lines and the company’s VAT regime', () => {
    const { doc, source, view } = setup();
    const line = { id: 'l1', description: 'Pose', quantity: 2, unit: 'h', unitPriceCents: 5_000, vatRateBp: 2_000, discountCents: 0 };
    const draft = { ...newDocument('invoice', { id: 'd1', memberId: 'm-a', now: '2026-06-01T08:00:00.000Z', clientId: 'c1', terms: { kind: 'net', days: 30 } }), lines: [line] };
    putRecord(doc, 'documents', draft);
    // 2 × 50,00 € HT + 20 % VAT = 120,00 € TTC.
    expect(view.totals(source.documents.get('d1')!).ttcCents).toBe(12_000);
    expect(view.totals(source.documents.get('d1')!).ttcCents).toBe(12_000);
    putRecord(doc, 'documents', { ...draft, lines: [{ ...line, quantity: 3 }] });
    expect(view.totals(source.documents.get('d1')!).ttcCents).toBe(18_000);
    // VAT-exempt small business (franchise en base): no VAT on the same 150,00 € HT.
    writeCompany(doc, { vatRegime: 'franchise' }, readCompany(doc)!);
    expect(view.totals(source.documents.get('d1')!).ttcCents).toBe(15_000);
  });

  it('a payment spread over two clients’ invoices computes those two clients again, and only them', () => {
    const { doc, view, board } = setup();
    // F1 1 000 € to c1, F2 500 € to c2, F3 200 € to c3, all due 1 June (14 days late on 15 June).
    putRecord(doc, 'documents', invoice('F1', 'c1', 100_000, '2026-06-01'));
    putRecord(doc, 'documents', invoice('F2', 'c2', 50_000, '2026-06-01'));
    putRecord(doc, 'documents', invoice('F3', 'c3', 20_000, '2026-06-01'));
    expect(view.account('F1')!.remainingCents).toBe(100_000);
    // c1 pays 300 € on F1 and 200 € on F2 (its parent company's invoice) on 10 June.
    putRecord(doc, 'payments', payment('p1', 'c1', '2026-06-10', [['F1', 30_000], ['F2', 20_000]]));
    // F1: 1 000 − 300 = 700 €; F2: 500 − 200 = 300 €; F3 untouched.
    expect(view.account('F1')!.remainingCents).toBe(70_000);
    expect(view.account('F2')!.remainingCents).toBe(30_000);
    expect(view.account('F3')!.remainingCents).toBe(20_000);
    expect(view.lastRecomputed.sort()).toEqual(['c1', 'c2']);
    expect(view.accountsOf('c1').map((a) => a.invoiceId)).toEqual(['F1']);
    // The dashboard redoes those two clients' shares: 700 + 300 + 200 = 1 200 € owed.
    expect(board.figures.aging.totalCents).toBe(120_000);
    putRecord(doc, 'payments', payment('p2', 'c3', '2026-06-11', [['F3', 5_000]]));
    expect(board.figures.aging.totalCents).toBe(115_000);
    expect(board.lastRecomputed).toEqual(['c3']);
    // Removed: both owe everything again.
    deleteRecord(doc, 'payments', 'p1');
    expect([view.account('F1')!.remainingCents, view.account('F2')!.remainingCents]).toEqual([100_000, 50_000]);
    expect(view.lastRecomputed.sort()).toEqual(['c1', 'c2']);
  });

  it('warm() computes every account in slices, equal to a full computation; a change meanwhile is counted', async () => {
    const doc = seededDoc({ clients: [client('c1'), client('c2'), client('c3')] });
    putRecord(doc, 'documents', invoice('F1', 'c1', 100_000, '2026-06-01'));
    putRecord(doc, 'documents', invoice('F2', 'c2', 50_000, '2026-06-01'));
    putRecord(doc, 'payments', payment('p1', 'c1', '2026-06-10', [['F1', 30_000]]));
    const source = sourceOf(doc);
    const view = new ReceivablesView(source, () => TODAY);
    let pauses = 0;
    // A slice shorter than any record takes: a pause after each.
    await view.warm(async () => void pauses++, -1);
    expect(pauses).toBeGreaterThanOrEqual(5); // 2 invoices, 1 payment, 2 clients
    expect(view.lastRecomputed.sort()).toEqual(['c1', 'c2']);
    expect(view.accounts).toEqual(fullAccounts(source, TODAY));
    // 1 000 − 300 = 700 € left on F1.
    expect(view.account('F1')!.remainingCents).toBe(70_000);

    const again = new ReceivablesView(source, () => TODAY);
    let paid = false;
    await again.warm(async () => {
      if (paid) return;
      paid = true;
      // 200 € more on F1 while the accounts are being computed: 1 000 − 300 − 200 = 500 €.
      putRecord(doc, 'payments', payment('p2', 'c1', '2026-06-12', [['F1', 20_000]]));
    }, -1);
    expect(again.account('F1')!.remainingCents).toBe(50_000);
    expect(again.accounts).toEqual(fullAccounts(source, TODAY));
  });

  it('a credit note weighs on the client of the invoice it corrects, even written to another client', () => {
    const { doc, view } = setup();
    putRecord(doc, 'documents', invoice('F1', 'c1', 100_000, '2026-06-01'));
    putRecord(doc, 'documents', invoice('F2', 'c2', 50_000, '2026-06-01'));
    void view.accounts;
    // A 400 € credit note on F1, addressed to c2 by mistake: F1 owes 1 000 − 400 = 600 €.
    putRecord(doc, 'documents', creditNote('A1', 'c2', 'F1', 40_000));
    expect(view.account('F1')).toMatchObject({ creditedCents: 40_000, remainingCents: 60_000 });
    expect(view.lastRecomputed).toEqual(['c1']);
  });

  it('an invoice moved to another client leaves the first one and joins the second, its payments with it', () => {
    const { doc, view } = setup();
    putRecord(doc, 'documents', invoice('F1', 'c1', 100_000, '2026-06-01'));
    putRecord(doc, 'payments', payment('p1', 'c1', '2026-06-05', [['F1', 25_000]]));
    expect(view.accountsOf('c1').map((a) => a.remainingCents)).toEqual([75_000]);
    // c2 changed first (computed first in the same update): F1's new account is not lost when c1 drops it.
    putRecord(doc, 'documents', invoice('F2', 'c2', 50_000, '2026-06-01'));
    moveInvoice(doc, 'F1', 'c2');
    expect(view.accountsOf('c1')).toEqual([]);
    // Still 1 000 − 250 = 750 € owed, now by c2.
    expect(view.accountsOf('c2').map((a) => [a.invoiceId, a.clientId, a.remainingCents])).toEqual([['F2', 'c2', 50_000], ['F1', 'c2', 75_000]]);
    expect(view.account('F1')!.clientId).toBe('c2');
    expect(view.lastRecomputed.sort()).toEqual(['c1', 'c2']);
  });

  it('two payments of one day: the first one recorded is the one an early-payment discount looks at, whatever was edited since', () => {
    const { doc, view } = setup();
    // 1 000 € due 1 June, issued 2 May with 2 % off within 10 days: 980 € until 12 May.
    const f1 = invoice('F1', 'c1', 100_000, '2026-06-01');
    putRecord(doc, 'documents', { ...f1, frozen: { ...f1.frozen!, earlyDiscount: { rateBp: 200, days: 10 } } });
    // 300 € then 980 € on 7 May: the first is not the discounted amount, so no discount;
    // 300 € + 700 € of the second settle the 1 000 €.
    putRecord(doc, 'payments', payment('p1', 'c1', '2026-05-07', [['F1', 30_000]]));
    putRecord(doc, 'payments', payment('p2', 'c1', '2026-05-07', [['F1', 98_000]]));
    expect(view.account('F1')).toMatchObject({ paidCents: 100_000, remainingCents: 0 });
    // p1's reference corrected: still the first recorded (the collection keeps its place).
    patchRecord(doc, 'payments', 'p1', { reference: 'VIR 123' });
    expect(view.account('F1')).toMatchObject({ paidCents: 100_000, remainingCents: 0 });
    expect(view.account('F1')!.discountTaken).toBeUndefined();
  });

  it('a payment recorded before its invoice arrives counts once the invoice is there', () => {
    const { doc, view } = setup();
    putRecord(doc, 'payments', payment('p1', 'c1', '2026-06-05', [['F1', 25_000]]));
    expect(view.account('F1')).toBeNull();
    putRecord(doc, 'documents', invoice('F1', 'c1', 100_000, '2026-06-01'));
    expect(view.account('F1')!.remainingCents).toBe(75_000);
  });

  it('a quote received releases its situation’s retention a year later; the next day moves days late', () => {
    const { doc, view, moveDay } = setup();
    putRecord(doc, 'documents', quote('Q1', 'c1', null));
    // 1 000 € TTC with 50 € held back, main part due 1 June.
    putRecord(doc, 'documents', situation('S1', 'c1', 'Q1', 100_000, 5_000, '2026-06-01'));
    expect(view.account('S1')!.receivables.map((r) => [r.key, r.amountCents, r.dueDate])).toEqual([
      ['S1', 95_000, '2026-06-01'],
      ['S1#retention', 5_000, '9999-12-31']
    ]);
    // Works received 10 June 2025: released 10 June 2026, 5 days late on 15 June.
    patchRecord(doc, 'documents', 'Q1', { receptionDate: '2025-06-10' });
    expect(view.account('S1')!.receivables[1]).toMatchObject({ dueDate: '2026-06-10', daysLate: 5 });
    expect(view.lastRecomputed).toEqual(['c1']);
    moveDay('2026-06-16');
    // 16 June: main part 15 days late, retention 6.
    expect(view.account('S1')!.receivables.map((r) => r.daysLate)).toEqual([15, 6]);
  });

  it('a contact event about one client computes that client only; an event that is not a contact computes nothing', () => {
    const { doc, view } = setup();
    putRecord(doc, 'documents', invoice('F1', 'c1', 100_000, '2026-06-01'));
    putRecord(doc, 'documents', invoice('F2', 'c2', 50_000, '2026-06-01'));
    void view.accounts;
    putRecord(doc, 'events', contact('e1', 'c1', '2026-06-12', 'F1', 'promised', null, '2026-06-20'));
    expect(view.account('F1')!.receivables[0].promise).toEqual({ date: '2026-06-20', at: '2026-06-12T10:00:00.000Z' });
    expect(view.lastRecomputed).toEqual(['c1']);
    const before = view.accounts.get('F2');
    putRecord(doc, 'events', { ...contact('e2', 'c2', '2026-06-12', 'F2', 'sent', null), kind: 'note', contact: undefined });
    expect(view.accounts.get('F2')).toBe(before);
  });
});

/** mulberry32: a small seeded generator, so that a failing sequence can be replayed. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] };
}

describe('ReceivablesView: random sequences of changes equal a full computation', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`seed ${seed}: 300 steps`, () => {
      const clientIds = ['c1', 'c2', 'c3', 'c4'];
      const { doc, source, view, board, moveDay, day } = setup(clientIds.map((id, i) => client(id, { kind: i === 3 ? 'individual' : 'company' })));
      const g = generator(seed);
      const invoices: string[] = [];
      const payments: string[] = [];
      const quotes: string[] = [];
      let n = 0;
      const date = (spread: number) => addDays(day(), g.int(spread * 2) - spread);
      const steps: Record<string, () => void> = {
        issue: () => {
          const id = `F${++n}`;
          const due = date(90);
          const extra: Partial<DocumentRecord> = {};
          if (g.next() < 0.2) extra.installments = [{ id: 'i1', dueDate: due, amountCents: 40_000 }, { id: 'i2', dueDate: addDays(due, 30), amountCents: 60_000 }];
          else if (g.next() < 0.2) extra.disputed = true;
          let doc1 = invoice(id, g.pick(clientIds), 100_000, due, extra);
          // No rate printed: the legal default (a business) or the legal rate from the formal notice (an individual).
          if (g.next() < 0.3) doc1 = { ...doc1, frozen: { ...doc1.frozen!, seller: { ...doc1.frozen!.seller, penaltyRateBp: 0 }, client: { ...doc1.frozen!.client, kind: undefined as never } } };
          if (g.next() < 0.2) doc1 = { ...doc1, frozen: { ...doc1.frozen!, earlyDiscount: { rateBp: 200, days: 10 } } };
          putRecord(doc, 'documents', doc1);
          invoices.push(id);
        },
        situation: () => {
          const q = `Q${++n}`;
          const clientId = g.pick(clientIds);
          putRecord(doc, 'documents', quote(q, clientId, null));
          quotes.push(q);
          const id = `S${++n}`;
          putRecord(doc, 'documents', situation(id, clientId, q, 100_000, 5_000, date(60)));
          invoices.push(id);
        },
        receive: () => quotes.length && patchRecord(doc, 'documents', g.pick(quotes), { receptionDate: date(400) }),
        pay: () => {
          const id = `p${++n}`;
          // One invoice, or two (possibly of two clients), or an invoice still to come.
          const targets = g.next() < 0.1 ? [`F${n + 1}`] : invoices.length ? [g.pick(invoices), ...(g.next() < 0.3 ? [g.pick(invoices)] : [])] : [`F${n + 1}`];
          // Sometimes exactly the TTC less a 2 % discount (98 000), sometimes on the same day as another.
          putRecord(doc, 'payments', payment(id, g.pick(clientIds), date(40), targets.map((t) => [t, g.pick([98_000, 30_000, 100_000, 5_000])])));
          payments.push(id);
        },
        unpay: () => payments.length && deleteRecord(doc, 'payments', payments.splice(g.int(payments.length), 1)[0]),
        repay: () => payments.length && patchRecord(doc, 'payments', g.pick(payments), { date: date(40) }),
        credit: () => invoices.length && putRecord(doc, 'documents', creditNote(`A${++n}`, g.pick(clientIds), g.pick(invoices), g.pick([20_000, 100_000]))),
        move: () => invoices.length && moveInvoice(doc, g.pick(invoices), g.pick(clientIds)),
        writeOff: () => invoices.length && patchRecord(doc, 'documents', g.pick(invoices), { writeOff: { cents: 10_000, on: date(30), memberId: 'm-a' } }),
        contact: () =>
          invoices.length &&
          putRecord(doc, 'events', contact(`e${++n}`, g.pick(clientIds), date(30), g.pick(invoices), g.pick(['promised', 'sent'] as const), g.pick(['formal_notice', 'reminder1', null]), date(30))),
        client: () => patchRecord(doc, 'clients', g.pick(clientIds), g.next() < 0.5 ? { kind: g.pick(['company', 'individual'] as const) } : { chasePause: g.next() < 0.5 ? null : { until: date(20), reason: '' } }),
        day: () => moveDay(addDays(day(), g.int(20) - 5)),
        rate: () => putRecord(doc, 'penaltyRates', { id: '2026-01-01', from: '2026-01-01', ecbRateBp: g.pick([215, 300]), legalRateProBp: 262, source: '', memberId: 'm-a', enteredAt: '2026-01-02T00:00:00.000Z' })
      };
      const weights: [string, number][] = [['issue', 6], ['situation', 1], ['receive', 1], ['pay', 8], ['unpay', 2], ['repay', 2], ['credit', 2], ['move', 2], ['writeOff', 1], ['contact', 2], ['client', 1], ['day', 1], ['rate', 1]];
      const total = weights.reduce((s, [, w]) => s + w, 0);
      for (let step = 0; step < 300; step++) {
        let r = g.int(total);
        const [name] = weights.find(([, w]) => (r -= w) < 0)!;
        steps[name]();
        // Sometimes several changes before the accounts are read again: computed together.
        if (g.next() < 0.3) continue;
        const expected = fullAccounts(source, day());
        expect(view.accounts, `seed ${seed}, step ${step} (${name})`).toEqual(expected);
        // The dashboard, summed per client and redone for the clients that changed, equals it from scratch.
        if (step % 5 === 0) expect(normalised(board.figures), `seed ${seed}, step ${step} (${name}): dashboard`).toEqual(normalised(fullFigures(source, day())));
        // Each client's book holds exactly its invoices' accounts.
        for (const [clientId, book] of view.books) for (const a of book.accounts) expect([a.clientId, view.accounts.get(a.invoiceId)]).toEqual([clientId, a]);
      }
      expect(invoices.length).toBeGreaterThan(50);
      // A full computation after every step: about a second on a quiet machine.
    }, 30_000);
  }
});
