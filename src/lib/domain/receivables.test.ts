// The one receivables model, each rule with hand-computed values (rate 12,15 % = 1215 bp unless
// said; interest = Σ cents × days × rate / (10 000 × 365), rounded half-up once per receivable).
import { describe, expect, it } from 'vitest';
import {
  RECOVERY_INDEMNITY_CENTS,
  claimableReceivables,
  clientLedgers,
  documentFacts,
  invoicesPaidBy,
  invoiceWeighedOn,
  ledgerAccounts,
  invoiceAccount,
  invoiceAccounts,
  lateInterestCents,
  openReceivables,
  RETENTION_PENDING_DUE,
  receptionDates,
  outstandingOn,
  plainContext,
  settleDocuments,
  summarizeReceivables,
  type AccountContext,
  type DocumentFacts
} from './receivables';
import type { ContactEntry } from './contactLog';
import type { ContactOutcome, DocumentRecord, Payment } from './types';
import { newDocument, newLine } from './documents';
import { invoiceFacts } from './fixtures';

const facts = invoiceFacts;

const paid = (...p: [string, number][]) => ({ payments: p.map(([date, cents]) => ({ date, cents })), creditedCents: 0 });
const NONE = { payments: [], creditedCents: 0 };
const B2B = (asOf: string) => plainContext(asOf, 'company');

let seq = 0;
function entry(date: string, key: string, outcome: ContactOutcome, extra: Partial<ContactEntry['contact']> = {}, stepId: string | null = null): ContactEntry {
  seq++;
  return {
    id: `e${seq}`,
    at: `${date}T10:00:${String(seq).padStart(2, '0')}.000Z`,
    date,
    memberId: 'm',
    clientId: 'c1',
    documentId: null,
    contact: { targets: [{ key, stepId }], stepId, channel: 'email', outcome, promisedDate: null, snoozeUntil: null, note: '', ...extra }
  };
}

describe('late interest', () => {
  it('runs per day on the balance of each period (the issue example)', () => {
    // 1 000 € due 1 March, 500 € paid 31 March, as of 30 April:
    // 30 days on 1 000 € + 30 days on 500 € = (100 000 × 30 + 50 000 × 30) × 1215 / 3 650 000
    // = 4 500 000 × 1215 / 3 650 000 = 1 497,94… → 14,98 €.
    const a = invoiceAccount(facts(), paid(['2026-03-31', 50_000]), B2B('2026-04-30'));
    expect(a.interestCents).toBe(1498);
    expect(a.remainingCents).toBe(50_000);
    expect(a.paidCents).toBe(50_000);
    expect(a.daysLate).toBe(60);
    expect(a.overdue).toBe(true);
    // Not today's balance × all days: 500 € × 60 days would be 9,99 €.
    expect(lateInterestCents(50_000, 1215, 60)).toBe(999);
  });

  it('is nothing on the due date and from the day after', () => {
    expect(invoiceAccount(facts(), NONE, B2B('2026-03-01')).interestCents).toBe(0);
    expect(invoiceAccount(facts(), NONE, B2B('2026-03-01')).overdue).toBe(false);
    // One day: 100 000 × 1 × 1215 / 3 650 000 = 33,28… → 0,33 €.
    expect(invoiceAccount(facts(), NONE, B2B('2026-03-02')).interestCents).toBe(33);
  });

  it('stops on the day of payment and stays owed after (paid late keeps its claim)', () => {
    // Paid in full on 11 March, 10 days late: 100 000 × 10 × 1215 / 3 650 000 = 332,87… → 3,33 €.
    const a = invoiceAccount(facts(), paid(['2026-03-11', 100_000]), B2B('2026-04-30'));
    expect(a.remainingCents).toBe(0);
    expect(a.interestCents).toBe(333);
    expect(a.indemnityCents).toBe(RECOVERY_INDEMNITY_CENTS);
    expect(a.penalties).toBe('due');
    expect(a.claimableCents).toBe(4333);
    expect(a.settledOn).toBe('2026-03-11');
    expect(a.receivables[0].daysLate).toBe(10);
    expect(a.overdue).toBe(false);
  });

  it('is waived or claimed only by an explicit decision', () => {
    const decided = (decision: 'claimed' | 'waived') =>
      invoiceAccount(facts({ penaltyDecision: { decision, on: '2026-04-01', memberId: 'm' } }), paid(['2026-03-11', 100_000]), B2B('2026-04-30'));
    expect(decided('waived').penalties).toBe('waived');
    expect(decided('waived').claimableCents).toBe(0);
    expect(decided('waived').interestCents).toBe(333);
    expect(decided('claimed').penalties).toBe('claimed');
    expect(decided('claimed').claimableCents).toBe(4333);
  });

  it('an invoice paid on time owes nothing more', () => {
    const a = invoiceAccount(facts(), paid(['2026-03-01', 100_000]), B2B('2026-04-30'));
    expect([a.interestCents, a.indemnityCents, a.penalties, a.claimableCents]).toEqual([0, 0, 'none', 0]);
  });

  it('uses the rate printed on the invoice', () => {
    // 30 days at 10 %: 100 000 × 30 × 1000 / 3 650 000 = 821,91… → 8,22 €.
    expect(invoiceAccount(facts({ rateBp: 1000 }), NONE, B2B('2026-03-31')).interestCents).toBe(822);
  });

  it('without a printed rate, a business owes ECB + 10 points of the due date’s half-year', () => {
    // Due 1 March 2025 (2025 H1: 13,15 %), 30 days: 100 000 × 30 × 1315 / 3 650 000 = 1 080,82… → 10,81 €.
    const a = invoiceAccount(facts({ rateBp: 0, dueDate: '2025-03-01', issueDate: '2025-01-30' }), NONE, B2B('2025-03-31'));
    expect(a.receivables[0].rateBp).toBe(1315);
    expect(a.interestCents).toBe(1081);
  });
});

describe('individuals (B2C)', () => {
  const individual = (asOf: string, contacts: ContactEntry[] = []): AccountContext => ({ ...plainContext(asOf, 'individual'), contacts });

  it('owe no 40 € indemnity, late or paid late', () => {
    const open = invoiceAccount(facts({ clientKind: 'individual' }), NONE, individual('2026-03-31'));
    expect(open.indemnityCents).toBe(0);
    // The printed rate still applies from the due date: 30 days → 9,99 € (see lateInterestCents).
    expect(open.interestCents).toBe(999);
    const settled = invoiceAccount(facts({ clientKind: 'individual' }), paid(['2026-03-11', 100_000]), individual('2026-04-30'));
    expect(settled.indemnityCents).toBe(0);
    expect(settled.claimableCents).toBe(333);
  });

  it('without a printed rate: the legal rate, from the formal notice only', () => {
    const doc = facts({ clientKind: 'individual', rateBp: 0 });
    expect(invoiceAccount(doc, NONE, individual('2026-03-31')).interestCents).toBe(0);
    // Formal notice on 16 March 2026, legal rate 2026 H1 = 2,62 %, 15 days to 31 March:
    // 100 000 × 15 × 262 / 3 650 000 = 107,67… → 1,08 €.
    const notice = entry('2026-03-16', 'i1', 'sent', {}, 'formal_notice');
    const a = invoiceAccount(doc, NONE, individual('2026-03-31', [notice]));
    expect(a.receivables[0].rateBp).toBe(262);
    expect(a.interestCents).toBe(108);
  });

  it('the kind frozen on the invoice wins over the client’s kind today', () => {
    // Issued to a business: the 40 € stays owed even if the client is now recorded as an individual.
    expect(invoiceAccount(facts({ clientKind: 'company' }), NONE, individual('2026-03-31')).indemnityCents).toBe(4000);
    // Issued before the kind was frozen: today's kind decides.
    expect(invoiceAccount(facts({ clientKind: null }), NONE, individual('2026-03-31')).indemnityCents).toBe(0);
  });
});

describe('payment plans', () => {
  const plan = [
    { id: 'a', dueDate: '2026-03-01', amountCents: 100_000 },
    { id: 'b', dueDate: '2026-04-01', amountCents: 100_000 },
    { id: 'c', dueDate: '2026-05-01', amountCents: 100_000 }
  ];
  const doc = facts({ ttcCents: 300_000, installments: plan, dueDate: '2026-03-01' });

  it('settles installments in due order and runs interest on each from its own due date', () => {
    // 1 500 € paid 10 March: installment 1 settled 9 days late (100 000 × 9 = 900 000 cent-days
    // → 900 000 × 1215 / 3 650 000 = 299,58… → 3,00 €), 500 € of installment 2 paid before its due
    // date; on 15 April installment 2 is 14 days late on 500 € (700 000 cent-days → 233,01… →
    // 2,33 €), installment 3 not yet due.
    const a = invoiceAccount(doc, paid(['2026-03-10', 150_000]), B2B('2026-04-15'));
    expect(a.receivables.map((r) => [r.key, r.remainingCents, r.daysLate, r.interestCents, r.indemnityCents])).toEqual([
      ['i1#a', 0, 9, 300, 4000],
      ['i1#b', 50_000, 14, 233, 0],
      ['i1#c', 100_000, 0, 0, 0]
    ]);
    expect(a.receivables.map((r) => `${r.installmentIndex}/${r.installmentCount}`)).toEqual(['1/3', '2/3', '3/3']);
    expect(a.remainingCents).toBe(150_000);
    expect(a.interestCents).toBe(533);
    expect(a.daysLate).toBe(14);
  });

  it('settles them in due order even when the plan is stored out of order', () => {
    const shuffled = facts({ ttcCents: 300_000, installments: [plan[2], plan[0], plan[1]] });
    const a = invoiceAccount(shuffled, paid(['2026-02-01', 100_000]), B2B('2026-02-15'));
    expect(a.receivables.map((r) => [r.key, r.remainingCents])).toEqual([
      ['i1#a', 0],
      ['i1#b', 100_000],
      ['i1#c', 100_000]
    ]);
  });

  it('an installment not yet due is neither overdue nor in a claim', () => {
    const a = invoiceAccount(doc, NONE, B2B('2026-03-15'));
    const summary = summarizeReceivables(a.receivables, '2026-03-15');
    // Only installment 1 (due 1 March) is overdue; 2 and 3 are outstanding, not overdue.
    expect(summary).toMatchObject({ outstandingCents: 300_000, overdueCents: 100_000, overdueCount: 1 });
    expect(claimableReceivables(a.receivables).map((r) => r.key)).toEqual(['i1#a']);
  });
});

describe('credit notes and dates', () => {
  it('a credit note lowers what was owed from the start', () => {
    // 1 200 € less a 200 € credit note = 1 000 € owed, 30 days late → 9,99 €.
    const a = invoiceAccount(facts({ ttcCents: 120_000 }), { payments: [], creditedCents: 20_000 }, B2B('2026-03-31'));
    expect([a.remainingCents, a.creditedCents, a.interestCents]).toEqual([100_000, 20_000, 999]);
  });

  it('credited in full with nothing paid: cancelled, nothing owed, never late', () => {
    const a = invoiceAccount(facts(), { payments: [], creditedCents: 100_000 }, B2B('2026-04-30'));
    expect([a.cancelled, a.remainingCents, a.overdue, a.penalties, a.settledOn]).toEqual([true, 0, false, 'none', null]);
  });

  it('a payment counts only once its date has come', () => {
    const a = invoiceAccount(facts(), paid(['2026-04-10', 100_000]), B2B('2026-03-31'));
    expect(a.remainingCents).toBe(100_000);
    expect(a.paidCents).toBe(0);
  });
});

describe('discount window, promise, holds, sent', () => {
  it('offers the early-payment discount until issue + days, while nothing is paid', () => {
    // 2 % of 1 200 € = 24 €, issued 1 March, within 10 days → until 11 March.
    const doc = facts({ ttcCents: 120_000, issueDate: '2026-03-01', dueDate: '2026-03-31', earlyDiscount: { rateBp: 200, days: 10 } });
    expect(invoiceAccount(doc, NONE, B2B('2026-03-11')).receivables[0].discount).toEqual({ until: '2026-03-11', amountCents: 2400, open: true });
    expect(invoiceAccount(doc, NONE, B2B('2026-03-12')).receivables[0].discount?.open).toBe(false);
    expect(invoiceAccount(doc, paid(['2026-03-05', 10_000]), B2B('2026-03-08')).receivables[0].discount?.open).toBe(false);
    expect(invoiceAccount(facts(), NONE, B2B('2026-03-08')).receivables[0].discount).toBeNull();
  });

  // 2 % within 10 days on 1 200 € TTC issued 1 March: 24 € off, net 1 176 €, last day 11 March
  // (day 10 after the issue); 12 March is day 11.
  const escompte = facts({ ttcCents: 120_000, issueDate: '2026-03-01', dueDate: '2026-03-31', earlyDiscount: { rateBp: 200, days: 10 } });

  it('1 176 € paid on day 10 (11 March) takes the 24 € discount: settled, the discount recorded', () => {
    const a = invoiceAccount(escompte, paid(['2026-03-11', 117_600]), B2B('2026-03-15'));
    expect(a.remainingCents).toBe(0);
    expect(a.paidCents).toBe(117_600);
    expect(a.discountTaken).toEqual({ amountCents: 2400, on: '2026-03-11' });
    expect(a.settledOn).toBe('2026-03-11');
    expect(a.receivables[0].discountLate).toBeUndefined();
  });

  it('1 176 € paid on day 11 (12 March) is late for the discount: 24 € remain, and why', () => {
    const a = invoiceAccount(escompte, paid(['2026-03-12', 117_600]), B2B('2026-03-15'));
    expect(a.remainingCents).toBe(2400);
    expect(a.discountTaken).toBeUndefined();
    expect(a.receivables[0].discountLate).toEqual({ amountCents: 2400, until: '2026-03-11', paidOn: '2026-03-12' });
    // Once the 24 € come, nothing is owed and nothing more is said.
    const settled = invoiceAccount(escompte, paid(['2026-03-12', 117_600], ['2026-03-20', 2400]), B2B('2026-03-25'));
    expect(settled.remainingCents).toBe(0);
    expect(settled.receivables[0].discountLate).toBeUndefined();
  });

  it('any other first payment takes no discount, even within the window', () => {
    // 1 000 € on 5 March: 200 € remain (not 176 €).
    expect(invoiceAccount(escompte, paid(['2026-03-05', 100_000]), B2B('2026-03-15')).remainingCents).toBe(20_000);
    // The full 1 200 € within the window: paid, no discount taken.
    const full = invoiceAccount(escompte, paid(['2026-03-05', 120_000]), B2B('2026-03-15'));
    expect([full.remainingCents, full.discountTaken]).toEqual([0, undefined]);
    // Without terms, 1 176 € leaves 24 €, with no discount reason.
    const none = invoiceAccount({ ...escompte, earlyDiscount: null }, paid(['2026-03-05', 117_600]), B2B('2026-03-15'));
    expect([none.remainingCents, none.receivables[0].discountLate]).toEqual([2400, undefined]);
  });

  it('a payment dated after the day asked is not counted yet', () => {
    expect(invoiceAccount(escompte, paid(['2026-03-11', 117_600]), B2B('2026-03-10')).remainingCents).toBe(120_000);
  });

  it('carries the latest promise to pay made about the receivable', () => {
    const log = [
      entry('2026-03-05', 'i1', 'promised', { promisedDate: '2026-03-10' }),
      entry('2026-03-12', 'i1', 'promised', { promisedDate: '2026-03-20' }),
      entry('2026-03-13', 'other', 'promised', { promisedDate: '2026-03-30' })
    ];
    const a = invoiceAccount(facts(), NONE, { ...B2B('2026-03-15'), contacts: log });
    expect(a.receivables[0].promise?.date).toBe('2026-03-20');
  });

  it('says what holds it: disputed, in collection, paused until a date', () => {
    const paused = facts({ chasePause: { until: '2026-03-20', reason: '' } });
    expect(invoiceAccount(paused, NONE, B2B('2026-03-19')).receivables[0].hold?.reason).toBe('invoice_paused');
    expect(invoiceAccount(paused, NONE, B2B('2026-03-20')).receivables[0].hold).toBeNull();
    expect(invoiceAccount(facts({ disputed: true }), NONE, B2B('2026-03-20')).receivables[0].hold?.reason).toBe('disputed');
    const client = { ...B2B('2026-03-20'), clientPause: { until: null, reason: 'négociation' } };
    expect(invoiceAccount(facts(), NONE, client).receivables[0].hold?.reason).toBe('client_paused');
  });

  it('is sent when recorded as sent, or when a message about it was', () => {
    expect(invoiceAccount(facts({ sentAt: null }), NONE, B2B('2026-03-20')).receivables[0].sent).toBe(false);
    const log = [entry('2026-02-02', 'i1', 'sent')];
    expect(invoiceAccount(facts({ sentAt: null }), NONE, { ...B2B('2026-03-20'), contacts: log }).receivables[0].sent).toBe(true);
  });
});

describe('write-off (« passé en perte »)', () => {
  const lost = (on: string, cents: number) => facts({ writeOff: { on, cents } });

  it('is no longer owed from its day, kept as a loss; interest ran until then and is not claimed', () => {
    // 1 000 € due 1 March, given up on 31 March: 30 days × 100 000 × 1215 / 3 650 000 = 998,6… → 9,99 €.
    const a = invoiceAccount(lost('2026-03-31', 100_000), NONE, B2B('2026-04-30'));
    expect(a.remainingCents).toBe(0);
    expect(a.writtenOffCents).toBe(100_000);
    expect(a.writtenOffOn).toBe('2026-03-31');
    expect(a.interestCents).toBe(999);
    expect(a.penalties).toBe('written_off');
    expect(a.claimableCents).toBe(0);
    expect(a.overdue).toBe(false);
    expect(a.settledOn).toBeNull(); // not paid: the client's payment habits never read it
    // Late until it was given up: 1 March → 31 March.
    expect(a.receivables[0]).toMatchObject({ remainingCents: 0, writtenOffCents: 100_000, daysLate: 30, settledOn: null });
  });

  it('counts only once its day has come', () => {
    const a = invoiceAccount(lost('2026-03-31', 100_000), NONE, B2B('2026-03-15'));
    expect(a.remainingCents).toBe(100_000);
    expect(a.writtenOffCents).toBe(0);
    expect(a.penalties).toBe('accruing');
  });

  it('a part given up leaves the rest owed; a payment that still comes lowers the loss, never what stays owed', () => {
    // 400 € paid 10 March; 500 € of the 600 € left given up on 31 March → 100 € still owed.
    const a = invoiceAccount(lost('2026-03-31', 50_000), paid(['2026-03-10', 40_000]), B2B('2026-04-30'));
    expect([a.paidCents, a.writtenOffCents, a.remainingCents]).toEqual([40_000, 50_000, 10_000]);
    // All 600 € given up, then 250 € comes on 10 April: paid 650 €, lost 350 €, owed 0.
    const b = invoiceAccount(lost('2026-03-31', 60_000), paid(['2026-03-10', 40_000], ['2026-04-10', 25_000]), B2B('2026-04-30'));
    expect([b.paidCents, b.writtenOffCents, b.remainingCents]).toEqual([65_000, 35_000, 0]);
  });

  it('gives up installments earliest first', () => {
    // 1 000 € in two installments of 500 € (1 March, 1 April); 700 € given up on 15 March:
    // 500 € on the first, 200 € on the second → 300 € of the second still owed.
    const plan = facts({
      installments: [
        { id: 'a', dueDate: '2026-03-01', amountCents: 50_000 },
        { id: 'b', dueDate: '2026-04-01', amountCents: 50_000 }
      ],
      writeOff: { on: '2026-03-15', cents: 70_000 }
    });
    const a = invoiceAccount(plan, NONE, B2B('2026-03-20'));
    expect(a.receivables.map((r) => [r.writtenOffCents, r.remainingCents])).toEqual([[50_000, 0], [20_000, 30_000]]);
  });

  it('leaves past months’ outstanding from its day on (what the DSO reads)', () => {
    expect(outstandingOn([lost('2026-03-31', 100_000)], [NONE], ['2026-03-30', '2026-03-31'])).toEqual([100_000, 0]);
  });
});

describe('from records', () => {
  const invoice = (id: string, ttc: number, due: string, extra: Partial<DocumentRecord> = {}): DocumentRecord => ({
    ...newDocument('invoice', { id, memberId: 'm', now: '2026-01-01T00:00:00.000Z', clientId: 'c1', terms: { kind: 'net', days: 30 } }),
    status: 'issued',
    number: `F-2026-A-${id}`,
    issueDate: '2026-01-30',
    dueDate: due,
    lines: [newLine('l1', { quantity: 1, unitPriceCents: ttc, vatRateBp: 0 })],
    ...extra
  });
  const payment = (id: string, allocations: [string, number][], date: string): Payment => ({
    id,
    clientId: 'c1',
    amountCents: allocations.reduce((s, [, c]) => s + c, 0),
    date,
    method: 'transfer',
    reference: '',
    allocations: allocations.map(([invoiceId, amountCents]) => ({ invoiceId, amountCents })),
    memberId: 'm',
    createdAt: `${date}T09:00:00.000Z`
  });

  it('reads issued invoices and credit notes only, and settles each from payments and credit notes', () => {
    const docs = [
      invoice('a', 100_000, '2026-03-01'),
      invoice('b', 50_000, '2026-04-01'),
      { ...invoice('c', 30_000, '2026-03-01'), kind: 'credit' as const, correctsInvoiceId: 'a' },
      { ...invoice('d', 10_000, '2026-03-01'), status: 'draft' as const },
      { ...invoice('e', 10_000, '2026-03-01'), kind: 'quote' as const }
    ];
    const all = docs.map((d) => documentFacts(d, 'normal')).filter((f) => f !== null);
    expect(all.map((f) => f.id)).toEqual(['a', 'b', 'c']);
    expect(all.map((f) => f.writeOff)).toEqual([null, null, null]);
    const settled = settleDocuments(all, [payment('p1', [['a', 20_000], ['b', 5_000]], '2026-03-10')]);
    expect(settled[0]).toEqual({ payments: [{ date: '2026-03-10', cents: 20_000 }], creditedCents: 30_000 });
    const accounts = invoiceAccounts(all, [payment('p1', [['a', 20_000], ['b', 5_000]], '2026-03-10')], () => B2B('2026-03-15'));
    // a: 1 000 − 300 credited − 200 paid = 500 €; b: 500 − 50 = 450 €, not yet due.
    expect([...accounts.values()].map((x) => [x.invoiceId, x.remainingCents, x.overdue])).toEqual([
      ['a', 50_000, true],
      ['b', 45_000, false]
    ]);
    expect(openReceivables(accounts.values()).map((r) => r.key)).toEqual(['a', 'b']);
  });
});

describe('write-off read from records', () => {
  const record = (writeOff: unknown): DocumentRecord =>
    ({ ...newDocument('invoice', { id: 'w', memberId: 'm', now: '2026-01-01T00:00:00.000Z', clientId: 'c1', terms: { kind: 'net', days: 30 } }), status: 'issued', issueDate: '2026-01-30', dueDate: '2026-03-01', writeOff }) as DocumentRecord;

  it('reads a well-formed one, and ignores a malformed one rather than failing', () => {
    expect(documentFacts(record({ cents: 12_345, on: '2026-03-31', memberId: 'm' }), 'normal')!.writeOff).toEqual({ cents: 12_345, on: '2026-03-31' });
    expect(documentFacts(record({ cents: '12', on: '2026-03-31' }), 'normal')!.writeOff).toBeNull();
    expect(documentFacts(record({ cents: 100, on: 'yesterday' }), 'normal')!.writeOff).toBeNull();
    expect(documentFacts(record({ cents: -5, on: '2026-03-31' }), 'normal')!.writeOff).toBeNull();
  });
});

describe('invalid requests', () => {
  it('only an invoice has an account', () => {
    expect(() => invoiceAccount(facts({ kind: 'credit' }), NONE, B2B('2026-03-31'))).toThrow(/not an invoice/);
  });
});

describe('a progress invoice with a retenue de garantie', () => {
  // Situation 1 of progress.test.ts: 708,19 € TTC, 5 % retention 35,41 €, main part 672,78 €,
  // issued 1 March, due 31 March, printed rate 12,15 %.
  const situation = (releaseDate: string | null) =>
    facts({ issueDate: '2026-03-01', dueDate: '2026-03-31', ttcCents: 70_819, retention: { cents: 3_541, releaseDate } });

  it('before the reception date: two receivables, the retention never due', () => {
    const a = invoiceAccount(situation(null), paid(['2026-04-10', 50_000]), B2B('2026-05-01'));
    const [main, retention] = a.receivables;
    // The 500 € paid settle the main part first: 672,78 − 500 = 172,78 € left on it.
    expect([main.key, main.amountCents, main.paidCents, main.remainingCents, main.dueDate, main.retention]).toEqual(['i1', 67_278, 50_000, 17_278, '2026-03-31', undefined]);
    expect([retention.key, retention.amountCents, retention.paidCents, retention.remainingCents, retention.dueDate]).toEqual(['i1#retention', 3_541, 0, 3_541, RETENTION_PENDING_DUE]);
    expect(retention).toMatchObject({ retention: true, retentionPending: true, daysLate: 0, interestCents: 0, indemnityCents: 0, discount: null });
    // The main part is late: 672,78 € × 10 days (1–10 April) + 172,78 € × 21 days (to 1 May):
    // (672 780 + 362 838) cent-days × 12,15 % / 365 = 3,447 → 3,45 €; the 40 € on it.
    expect([main.daysLate, main.interestCents, main.indemnityCents]).toEqual([31, 345, RECOVERY_INDEMNITY_CENTS]);
    // Not late, not due soon, and only the main part overdue.
    const s = summarizeReceivables(a.receivables, '2026-05-01');
    expect([s.outstandingCents, s.overdueCents, s.overdueCount, s.dueSoonCents]).toEqual([17_278 + 3_541, 17_278, 1, 0]);
    expect(claimableReceivables(a.receivables).map((r) => r.key)).toEqual(['i1']);
  });

  it('a year after a reception on 15 March 2025 the retention is late, with interest', () => {
    const a = invoiceAccount(situation('2026-03-15'), paid(['2026-04-10', 67_278]), B2B('2026-05-01'));
    const [main, retention] = a.receivables;
    expect([main.remainingCents, main.settledOn]).toEqual([0, '2026-04-10']);
    // Due 15 March 2026, 47 days late on 1 May: 3 541 × 47 = 166 427 cent-days × 12,15 % / 365 = 55,4 → 0,55 €.
    expect([retention.dueDate, retention.daysLate, retention.interestCents, retention.retentionPending]).toEqual(['2026-03-15', 47, 55, undefined]);
    // One 40 € indemnity per invoice: on the main part, paid 10 days late.
    expect([main.indemnityCents, retention.indemnityCents]).toEqual([RECOVERY_INDEMNITY_CENTS, 0]);
    expect(claimableReceivables(a.receivables).map((r) => r.key)).toEqual(['i1#retention']);
    expect(a.remainingCents).toBe(3_541);
  });

  it('documentFacts reads the retention frozen on the invoice and the quote’s reception date', () => {
    const quote = { ...newDocument('quote', { id: 'q1', memberId: 'm', now: '2026-01-01T00:00:00Z', clientId: 'c1', terms: { kind: 'net', days: 30 } }), receptionDate: '2028-02-29' };
    const base = newDocument('invoice', { id: 'i1', memberId: 'm', now: '2026-01-01T00:00:00Z', clientId: 'c1', terms: { kind: 'net', days: 30 } });
    const progress = { quoteId: 'q1', quoteNumber: 'D-1', quoteDate: null, situation: 1, final: false, lines: [], retention: { rateBp: 500, cents: 3_541 } };
    const invoice = { ...base, status: 'issued' as const, sourceQuoteId: 'q1', issueDate: '2026-03-01', frozen: { totals: { ttcCents: 70_819 }, progress } as unknown as DocumentRecord['frozen'] };
    const dates = receptionDates([quote]);
    expect(documentFacts(invoice, 'normal', (id) => dates.get(id))!.retention).toEqual({ cents: 3_541, releaseDate: '2029-02-28' });
    expect(documentFacts(invoice, 'normal')!.retention).toEqual({ cents: 3_541, releaseDate: null });
  });
});

describe('client ledgers', () => {
  // F1 1 000 € to c1, F2 500 € to c2; credit note A1 of 200 € on F1 written to c2; p1 pays 300 €
  // on F1 and 100 € on F2; p2 pays 50 € on an invoice that is not issued (yet).
  const docs: DocumentFacts[] = [
    facts({ id: 'F1', clientId: 'c1', ttcCents: 100_000 }),
    facts({ id: 'F2', clientId: 'c2', ttcCents: 50_000 }),
    facts({ id: 'A1', kind: 'credit', clientId: 'c2', ttcCents: 20_000, correctsInvoiceId: 'F1' })
  ];
  const pay = (id: string, allocations: [string, number][]): Payment => ({
    id, clientId: 'c1', amountCents: 0, date: '2026-03-10', method: 'transfer', reference: '', memberId: 'm', createdAt: '2026-03-10T10:00:00.000Z',
    allocations: allocations.map(([invoiceId, amountCents]) => ({ invoiceId, amountCents }))
  });
  const p1 = pay('p1', [['F1', 30_000], ['F2', 10_000]]);
  const p2 = pay('p2', [['F9', 5_000]]);

  it('files a credit note with the invoice it corrects and a payment with each client it pays', () => {
    const ledgers = clientLedgers(docs, [p1, p2]);
    expect([...ledgers.keys()]).toEqual(['c1', 'c2']);
    expect(ledgers.get('c1')!.documents.map((d) => d.id)).toEqual(['F1', 'A1']);
    expect(ledgers.get('c1')!.payments.map((p) => p.id)).toEqual(['p1']);
    expect(ledgers.get('c2')!.documents.map((d) => d.id)).toEqual(['F2']);
    expect(ledgers.get('c2')!.payments.map((p) => p.id)).toEqual(['p1']);
  });

  it('gives each ledger the accounts invoiceAccounts gives its invoices', () => {
    const ctx = B2B('2026-03-10');
    const ledgers = clientLedgers(docs, [p1, p2]);
    // F1: 1 000 − 200 credited − 300 paid = 500 €; F2: 500 − 100 = 400 €.
    expect(ledgerAccounts(ledgers.get('c1')!, ctx).map((a) => [a.invoiceId, a.remainingCents])).toEqual([['F1', 50_000]]);
    expect(ledgerAccounts(ledgers.get('c2')!, ctx).map((a) => [a.invoiceId, a.remainingCents])).toEqual([['F2', 40_000]]);
    const all = invoiceAccounts(docs, [p1, p2], () => ctx);
    expect(ledgerAccounts(ledgers.get('c1')!, ctx)).toEqual([all.get('F1')]);
  });

  it('names the invoices a record weighs on', () => {
    expect(docs.map(invoiceWeighedOn)).toEqual(['F1', 'F2', 'F1']);
    expect(invoicesPaidBy(pay('p3', [['F1', 1], ['F2', 1], ['F1', 2]]))).toEqual(['F1', 'F2']);
  });
});
