// The rules of the « À relancer » list, each with a fixed local today and hand-computed values.
// Standard policy: J-3 courtesy, J+1 reminder1, J+8 reminder2 (+ call), J+15 call,
// J+30 formal notice, J+45 decision; minimum gap 3 days.
import { describe, expect, it } from 'vitest';
import type { ActivityEvent, Client, ContactOutcome, DocumentRecord, Payment } from './types';
import { newDocument, newLine } from './documents';
import { newClient } from './company';
import {
  buildChaseList,
  chaseClient,
  contactEntry,
  documentFacts,
  nextChaseStep,
  type ChaseEnv,
  type ContactEntry,
  type Receivable
} from './chase';
import { DEFAULT_CHASE_CONFIG, STANDARD_POLICY, effectivePolicies, type PolicySettings } from './dunning';
import { addDays, dayNumber, daysBetween, localDate } from './dates';

const TODAY = '2026-06-15';
const settings: PolicySettings = { policies: effectivePolicies([]), config: DEFAULT_CHASE_CONFIG };
const env: ChaseEnv = { today: TODAY, vatRegime: 'normal', penaltyRateBp: 1215, settings };

/** An issued invoice of `ttcCents` TTC (HT at 0 % VAT so HT = TTC), due on `dueDate`. */
function invoice(id: string, ttcCents: number, dueDate: string, extra: Partial<DocumentRecord> = {}): DocumentRecord {
  return {
    ...newDocument('invoice', { id, memberId: 'm-a', now: '2026-01-01T00:00:00.000Z', clientId: 'c1', terms: { kind: 'net', days: 30 } }),
    status: 'issued',
    number: `F-2026-A-${id}`,
    issueDate: addDays(dueDate, -30),
    dueDate,
    lines: [newLine('l1', { quantity: 1, unitPriceCents: ttcCents, vatRateBp: 0 })],
    ...extra
  };
}

function creditNote(id: string, invoiceId: string, ttcCents: number): DocumentRecord {
  const doc = invoice(id, ttcCents, TODAY, { kind: 'credit', correctsInvoiceId: invoiceId });
  return { ...doc, frozen: { totals: { ttcCents } } as DocumentRecord['frozen'] };
}

function payment(id: string, invoiceId: string, amountCents: number, date: string): Payment {
  return { id, clientId: 'c1', amountCents, date, method: 'transfer', reference: '', allocations: [{ invoiceId, amountCents }], memberId: 'm-a', createdAt: `${date}T10:00:00.000Z` };
}

function client(partial: Partial<Client> = {}): Client {
  return { ...newClient('c1', '2026-01-01T00:00:00.000Z'), name: 'Boulangerie Martin', ...partial };
}

let seq = 0;
/** A contact entry on a local date (noon), about the given receivables and steps. */
function contact(date: string, targets: [string, string | null][], outcome: ContactOutcome = 'sent', extra: Partial<ContactEntry['contact']> = {}): ContactEntry {
  seq++;
  return {
    id: `e${seq}`,
    at: `${date}T10:00:${String(seq % 60).padStart(2, '0')}.000Z`,
    date,
    memberId: 'm-a',
    clientId: 'c1',
    documentId: null,
    contact: {
      targets: targets.map(([key, stepId]) => ({ key, stepId })),
      stepId: targets[0]?.[1] ?? null,
      channel: 'email',
      outcome,
      promisedDate: null,
      snoozeUntil: null,
      note: '',
      ...extra
    }
  };
}

function receivable(dueDate: string, extra: Partial<Receivable> = {}): Receivable {
  return { key: 'i1', invoiceId: 'i1', installmentId: null, installmentIndex: null, installmentCount: null, clientId: 'c1', number: 'F-1', dueDate, balanceCents: 120_000, holds: [], ...extra };
}

/** Due date that makes `today` be `late` days after it. */
const dueFor = (late: number) => addDays(TODAY, -late);

describe('nextChaseStep — the standard policy, one invoice, nothing done', () => {
  const cases: { name: string; late: number; expect: string }[] = [
    { name: '5 days before due: waits for the courtesy e-mail', late: -5, expect: 'waiting:next_step:2026-06-17' },
    { name: '3 days before due: courtesy e-mail', late: -3, expect: 'step:courtesy:2026-06-15' },
    { name: '1 day before due: courtesy e-mail, due two days ago', late: -1, expect: 'step:courtesy:2026-06-13' },
    { name: 'due today: no courtesy any more, waits for J+1', late: 0, expect: 'waiting:next_step:2026-06-16' },
    { name: 'J+1: first reminder', late: 1, expect: 'step:reminder1:2026-06-15' },
    { name: 'J+7: still the first reminder', late: 7, expect: 'step:reminder1:2026-06-09' },
    { name: 'J+10: the latest reminder due, the second one (J+8)', late: 10, expect: 'step:reminder2:2026-06-13' },
    { name: 'J+16: the call (J+15), a reminder', late: 16, expect: 'step:call:2026-06-14' },
    { name: 'J+31 with no reminder done: never a formal notice first — the call', late: 31, expect: 'step:call:2026-05-30' },
    { name: 'J+60 with no reminder done: still the call', late: 60, expect: 'step:call:2026-05-01' }
  ];
  for (const c of cases)
    it(c.name, () => {
      const d = nextChaseStep(receivable(dueFor(c.late)), STANDARD_POLICY, [], TODAY);
      const got = d.kind === 'step' ? `step:${d.step.id}:${d.dueOn}` : d.kind === 'waiting' ? `waiting:${d.reason}:${d.until}` : d.kind;
      expect(got).toBe(c.expect);
    });
});

describe('nextChaseStep — with a contact log', () => {
  const step = (late: number, log: ContactEntry[], extra: Partial<Receivable> = {}) => {
    const d = nextChaseStep(receivable(dueFor(late), extra), STANDARD_POLICY, log, TODAY);
    return d.kind === 'step' ? `step:${d.step.id}` : d.kind === 'waiting' ? `waiting:${d.reason}:${d.until}` : d.kind === 'held' ? `held:${d.hold.reason}` : d.kind;
  };

  it('a step already done is not proposed again: J+1 done today → waits for J+8', () => {
    expect(step(1, [contact(TODAY, [['i1', 'reminder1']])])).toBe('waiting:next_step:2026-06-22');
  });

  it('J+31 after the first reminder: the formal notice', () => {
    expect(step(31, [contact(dueFor(30), [['i1', 'reminder1']])])).toBe('step:formal_notice');
  });

  it('J+46 after a reminder but no formal notice: the formal notice, never the decision first', () => {
    expect(step(46, [contact(dueFor(45), [['i1', 'reminder1']])])).toBe('step:formal_notice');
  });

  it('J+46 after the formal notice: the decision', () => {
    expect(step(46, [contact(dueFor(45), [['i1', 'reminder1']]), contact(dueFor(16), [['i1', 'formal_notice']])])).toBe('step:decision');
  });

  it('a contact about another receivable does not count for this one', () => {
    expect(step(1, [contact(TODAY, [['i2', 'reminder1']])])).toBe('step:reminder1');
  });

  it('a skipped step counts as done', () => {
    expect(step(10, [contact(dueFor(2), [['i1', 'reminder2']], 'skipped'), contact(dueFor(9), [['i1', 'reminder1']])])).toBe('waiting:next_step:2026-06-20');
  });

  it('a promise snoozes until the promised date, and the day after it is broken', () => {
    const promise = (today: string) =>
      nextChaseStep(receivable('2026-06-05'), STANDARD_POLICY, [contact('2026-06-13', [['i1', 'reminder2']], 'promised', { channel: 'phone', promisedDate: '2026-06-20' })], today);
    expect(promise('2026-06-15')).toEqual({ kind: 'waiting', until: '2026-06-21', reason: 'promised' });
    expect(promise('2026-06-20')).toEqual({ kind: 'waiting', until: '2026-06-21', reason: 'promised' });
    const broken = promise('2026-06-21');
    expect(broken.kind === 'step' && [broken.step.id, broken.step.channel, broken.step.tone, broken.dueOn]).toEqual(['promise_broken', 'phone', 'firm', '2026-06-21']);
  });

  it('a promise kept: paid by the promised date, nothing more to do', () => {
    const log = [contact('2026-06-13', [['i1', 'reminder2']], 'promised', { promisedDate: '2026-06-20' })];
    expect(nextChaseStep(receivable('2026-06-05', { balanceCents: 0 }), STANDARD_POLICY, log, '2026-06-21')).toEqual({ kind: 'settled' });
  });

  it('a broken promise once followed up is not proposed again', () => {
    const log = [
      contact('2026-06-13', [['i1', 'reminder2']], 'promised', { promisedDate: '2026-06-20' }),
      contact('2026-06-21', [['i1', 'promise_broken']], 'reached')
    ];
    const d = nextChaseStep(receivable('2026-06-05'), STANDARD_POLICY, log, '2026-06-22');
    expect(d.kind === 'step' && d.step.id).toBe('call'); // J+17: the J+15 call, not done yet
  });

  it('a snooze hides the receivable until its date, then the step comes back', () => {
    const log = [contact('2026-06-15', [['i1', null]], 'snoozed', { snoozeUntil: '2026-06-18' })];
    expect(nextChaseStep(receivable(dueFor(10)), STANDARD_POLICY, log, '2026-06-17')).toEqual({ kind: 'waiting', until: '2026-06-18', reason: 'snoozed' });
    const d = nextChaseStep(receivable(dueFor(10)), STANDARD_POLICY, log, '2026-06-18');
    expect(d.kind === 'step' && d.step.id).toBe('reminder2');
  });

  it('disputed, in collection or paused: held; a dated pause resumes on its date', () => {
    expect(step(10, [], { holds: [{ reason: 'disputed', until: null }] })).toBe('held:disputed');
    expect(step(10, [], { holds: [{ reason: 'in_collection', until: null }] })).toBe('held:in_collection');
    expect(step(10, [], { holds: [{ reason: 'client_paused', until: '2026-06-16' }] })).toBe('held:client_paused');
    expect(step(10, [], { holds: [{ reason: 'invoice_paused', until: TODAY }] })).toBe('step:reminder2');
  });

  it('nothing left to pay: settled', () => {
    expect(step(10, [], { balanceCents: 0 })).toBe('settled');
  });

  it('after the last step: waits with no date', () => {
    const all = STANDARD_POLICY.steps.map((s) => contact(dueFor(60), [['i1', s.id]]));
    expect(step(60, all)).toBe('waiting:no_more_steps:null');
  });
});

describe('chaseClient — one client, the item of the day', () => {
  const file = (documents: DocumentRecord[], contacts: ContactEntry[] = [], payments: Payment[] = [], c: Client = client()) => ({
    client: c,
    documents: documents.map((d) => documentFacts(d, 'normal')!),
    payments,
    contacts
  });

  it('an invoice 10 days late: J+8 second reminder, overdue, with interest and the 40 € indemnity', () => {
    const { item } = chaseClient(file([invoice('i1', 120_000, dueFor(10))]), env);
    expect(item).not.toBeNull();
    expect(item!.step.id).toBe('reminder2');
    expect(item!.step.followUpCall).toBe(true);
    expect(item!.section).toBe('overdue'); // J+8 was due two days ago
    expect(item!.stepDueOn).toBe('2026-06-13');
    expect(item!.daysLate).toBe(10);
    // 1 200 € × 12,15 % × 10 / 365 = 3,994… → 3,99 €
    expect(item!.interestCents).toBe(399);
    expect(item!.indemnityCents).toBe(4000);
    expect(item!.totalCents).toBe(120_000 + 399 + 4000);
    expect(item!.statement).toBe(false);
    // No history: risk factor 1; priority = 1 200 € × 10 days × 1.
    expect(item!.priority).toBe(12_000);
    expect(item!.reason).toEqual({ invoiceCount: 1, amountCents: 120_000, daysLate: 10, risk: 'unknown' });
  });

  it('a step due today is in « today »; a courtesy one in « courtesy »; an individual owes no indemnity', () => {
    expect(chaseClient(file([invoice('i1', 120_000, dueFor(8))]), env).item!.section).toBe('today');
    const courtesy = chaseClient(file([invoice('i1', 120_000, dueFor(-3))]), env).item!;
    expect([courtesy.section, courtesy.step.id, courtesy.daysLate, courtesy.interestCents]).toEqual(['courtesy', 'courtesy', 0, 0]);
    const individual = chaseClient(file([invoice('i1', 120_000, dueFor(10))], [], [], client({ kind: 'individual' })), env).item!;
    expect([individual.interestCents, individual.indemnityCents]).toEqual([399, 0]);
  });

  it('partly paid between two steps: the item shows what remains, interest on it', () => {
    const { item } = chaseClient(file([invoice('i1', 120_000, dueFor(10))], [], [payment('p1', 'i1', 50_000, dueFor(5))]), env);
    expect(item!.amountCents).toBe(70_000);
    // 700 € × 12,15 % × 10 / 365 = 2,330… → 2,33 €
    expect(item!.interestCents).toBe(233);
  });

  it('paid in full between two steps: nothing to do', () => {
    const r = chaseClient(file([invoice('i1', 120_000, dueFor(10))], [], [payment('p1', 'i1', 120_000, dueFor(5))]), env);
    expect(r.item).toBeNull();
    expect(r.decisions).toEqual([]);
  });

  it('a credit note bringing the balance to zero: nothing to do', () => {
    const r = chaseClient(file([invoice('i1', 120_000, dueFor(10)), creditNote('a1', 'i1', 120_000)]), env);
    expect(r.item).toBeNull();
  });

  it('a credit note on part of it: chased for the rest', () => {
    const r = chaseClient(file([invoice('i1', 120_000, dueFor(10)), creditNote('a1', 'i1', 20_000)]), env);
    expect(r.item!.amountCents).toBe(100_000);
  });

  it('a disputed invoice is left alone, the other invoice of the client is still chased', () => {
    const r = chaseClient(file([invoice('i1', 120_000, dueFor(10), { disputed: true }), invoice('i2', 30_000, dueFor(2))]), env);
    expect(r.item!.lines.map((l) => l.receivable.invoiceId)).toEqual(['i2']);
    expect(r.decisions.find((d) => d.receivable.invoiceId === 'i1')!.decision.kind).toBe('held');
  });

  it('a client paused until a date: nothing before it', () => {
    const paused = client({ chasePause: { until: '2026-06-20', reason: 'congés' } });
    const r = chaseClient(file([invoice('i1', 120_000, dueFor(10))], [], [], paused), env);
    expect(r.item).toBeNull();
    expect(r.nextOn).toBe('2026-06-20');
    expect(chaseClient(file([invoice('i1', 120_000, dueFor(10))], [], [], paused), { ...env, today: '2026-06-20' }).item).not.toBeNull();
  });

  it('grouping: three late invoices, ONE item with the most advanced step, a statement, 3 × 40 €', () => {
    const docs = [invoice('i1', 100_000, dueFor(31)), invoice('i2', 200_000, dueFor(10)), invoice('i3', 125_000, dueFor(2))];
    const log = [contact(dueFor(29), [['i1', 'reminder1']])];
    const { item } = chaseClient(file(docs, log), env);
    expect(item!.lines.map((l) => [l.receivable.invoiceId, l.step.id])).toEqual([
      ['i1', 'formal_notice'],
      ['i2', 'reminder2'],
      ['i3', 'reminder1']
    ]);
    expect(item!.step.id).toBe('formal_notice');
    expect(item!.statement).toBe(true);
    expect(item!.amountCents).toBe(425_000);
    expect(item!.daysLate).toBe(31);
    expect(item!.indemnityCents).toBe(12_000);
    // 1 000 € × 12,15 % × 31 / 365 = 10,319… → 10,32; 2 000 € × 10 days → 6,657… → 6,66;
    // 1 250 € × 2 days → 0,832… → 0,83. Total 17,81 €.
    expect(item!.interestCents).toBe(1032 + 666 + 83);
    expect(item!.reason).toEqual({ invoiceCount: 3, amountCents: 425_000, daysLate: 31, risk: 'unknown' });
  });

  it('minimum gap: contacted two days ago about one invoice, the other waits until the third day', () => {
    const docs = [invoice('i1', 100_000, dueFor(12)), invoice('i2', 50_000, dueFor(1))];
    const r = chaseClient(file(docs, [contact(dueFor(2), [['i1', 'reminder2']])]), env);
    // dueFor(2) = 13 June: contact on 13 June, gap 3 → next contact allowed on 16 June.
    expect(r.item).toBeNull();
    expect(r.postponed).toBe(true);
    expect(r.nextOn).toBe('2026-06-16');
    const later = chaseClient(file(docs, [contact('2026-06-13', [['i1', 'reminder2']])]), { ...env, today: '2026-06-16' });
    expect(later.item!.lines.map((l) => l.step.id)).toEqual(['reminder1']);
  });

  it('a snooze is not a contact: it does not start the minimum gap', () => {
    const r = chaseClient(file([invoice('i1', 100_000, dueFor(12)), invoice('i2', 50_000, dueFor(1))], [contact(TODAY, [['i1', null]], 'snoozed', { snoozeUntil: '2026-06-20' })]), env);
    expect(r.item!.lines.map((l) => l.receivable.invoiceId)).toEqual(['i2']);
  });

  it('installments: each open installment is its own receivable; what was paid settles the first', () => {
    const plan = [
      { id: 'a', dueDate: dueFor(40), amountCents: 40_000 },
      { id: 'b', dueDate: dueFor(10), amountCents: 30_000 },
      { id: 'c', dueDate: dueFor(-20), amountCents: 30_000 }
    ];
    const docs = [invoice('i1', 100_000, dueFor(40), { installments: plan })];
    const { item, decisions } = chaseClient(file(docs, [], [payment('p1', 'i1', 45_000, dueFor(30))]), env);
    expect(decisions.map((d) => [d.receivable.key, d.receivable.balanceCents, d.receivable.installmentIndex])).toEqual([
      ['i1#b', 25_000, 2],
      ['i1#c', 30_000, 3]
    ]);
    expect(item!.lines.map((l) => [l.receivable.key, l.step.id])).toEqual([['i1#b', 'reminder2']]);
    expect(item!.amountCents).toBe(25_000);
    expect(item!.statement).toBe(false);
  });

  it('policy per category: a « mauvais payeur » follows the strict policy (J+10 call)', () => {
    const bad = client({ categories: ['mauvais payeur'] });
    expect(chaseClient(file([invoice('i1', 100_000, dueFor(10))], [], [], bad), env).item!.step.id).toBe('call');
    const good = client({ categories: ['bon payeur'] });
    // Gentle: first reminder at J+3, the second at J+15: at J+10 still the first.
    expect(chaseClient(file([invoice('i1', 100_000, dueFor(10))], [], [], good), env).item!.step.id).toBe('reminder1');
  });

  it('a change of policy applies to existing invoices, keeping the steps already done', () => {
    const docs = [invoice('i1', 100_000, dueFor(22))];
    const log = [contact(dueFor(21), [['i1', 'reminder1']]), contact(dueFor(14), [['i1', 'reminder2']])];
    expect(chaseClient(file(docs, log), env).item!.step.id).toBe('call');
    // Strict: formal notice at J+21 — now due.
    const strictClient = client({ chasePolicyId: 'strict' });
    expect(chaseClient(file(docs, log, [], strictClient), env).item!.step.id).toBe('formal_notice');
    // An edited standard policy (formal notice moved to J+20) applies just the same.
    const edited = { ...STANDARD_POLICY, steps: STANDARD_POLICY.steps.map((s) => (s.id === 'formal_notice' ? { ...s, offsetDays: 20 } : s)) };
    const editedEnv = { ...env, settings: { ...settings, policies: effectivePolicies([edited]) } };
    expect(chaseClient(file(docs, log), editedEnv).item!.step.id).toBe('formal_notice');
  });

  it('risk raises the priority of a client who often paid late', () => {
    const history = [invoice('h1', 10_000, '2026-03-01'), invoice('h2', 10_000, '2026-04-01')];
    const paid = [payment('p1', 'h1', 10_000, '2026-03-31'), payment('p2', 'h2', 10_000, '2026-04-01')];
    const { item } = chaseClient(file([...history, invoice('i1', 120_000, dueFor(10))], [], paid), env);
    // Average 15 days late, half paid late → factor 1 + 15/60 + 0,5 = 1,75.
    expect(item!.risk.factor).toBe(1.75);
    expect(item!.priority).toBe(Math.round(1200 * 10 * 1.75));
    expect(item!.reason.risk).toBe('often_late');
  });
});

describe('buildChaseList — sections and order', () => {
  it('orders by amount × days late × risk, in sections', () => {
    const clients = [client(), { ...client(), id: 'c2', name: 'Garage Lefèvre' }, { ...client(), id: 'c3', name: 'Atelier Roux' }];
    const documents = [
      invoice('i1', 100_000, dueFor(10)),
      { ...invoice('i2', 300_000, dueFor(9)), clientId: 'c2' },
      { ...invoice('i3', 50_000, dueFor(-3)), clientId: 'c3' }
    ];
    const list = buildChaseList({ clients, documents, payments: [], events: [] }, env);
    expect(list.overdue.map((i) => [i.clientId, i.priority])).toEqual([
      ['c2', 27_000],
      ['c1', 10_000]
    ]);
    expect(list.courtesy.map((i) => i.clientId)).toEqual(['c3']);
    expect(list.today).toEqual([]);
  });

  it('reads contact events from the activity log', () => {
    const event: ActivityEvent = {
      id: 'e1',
      at: '2026-06-15T08:00:00.000Z',
      memberId: 'm-a',
      kind: 'contact',
      clientId: 'c1',
      documentId: 'i1',
      text: '',
      data: {},
      contact: { targets: [{ key: 'i1', stepId: 'reminder2' }], stepId: 'reminder2', channel: 'email', outcome: 'sent', promisedDate: null, snoozeUntil: null, note: '' }
    };
    const list = buildChaseList({ clients: [client()], documents: [invoice('i1', 100_000, dueFor(10))], payments: [], events: [event] }, env);
    expect(list.overdue).toEqual([]);
  });
});

describe('local calendar dates around midnight and the DST changes (Europe/Paris)', () => {
  const TZ = process.env.TZ;
  const inParis = (fn: () => void) => {
    process.env.TZ = 'Europe/Paris';
    try {
      fn();
    } finally {
      process.env.TZ = TZ;
    }
  };
  const event = (at: string): ActivityEvent => ({
    id: 'e',
    at,
    memberId: 'm',
    kind: 'contact',
    clientId: 'c1',
    documentId: null,
    text: '',
    data: {},
    contact: { targets: [], stepId: null, channel: 'email', outcome: 'sent', promisedDate: null, snoozeUntil: null, note: '' }
  });

  it('a contact at 23:59 and one at 00:01 fall on their local days, not the UTC ones', () =>
    inParis(() => {
      // 23:59 in Paris on 14 June (summer, UTC+2) is 21:59 UTC; 00:01 on 15 June is 22:01 UTC on the 14th.
      expect(contactEntry(event('2026-06-14T21:59:00.000Z'))!.date).toBe('2026-06-14');
      expect(contactEntry(event('2026-06-14T22:01:00.000Z'))!.date).toBe('2026-06-15');
    }));

  it('the nights the clocks change (29 March and 25 October 2026) still have whole days', () =>
    inParis(() => {
      // 00:30 on 29 March is still winter time (UTC+1); 03:30 is summer time (UTC+2).
      expect(contactEntry(event('2026-03-28T23:30:00.000Z'))!.date).toBe('2026-03-29');
      expect(contactEntry(event('2026-03-29T01:30:00.000Z'))!.date).toBe('2026-03-29');
      // 00:30 on 25 October is summer time (UTC+2); 23:30 is winter time (UTC+1).
      expect(contactEntry(event('2026-10-24T22:30:00.000Z'))!.date).toBe('2026-10-25');
      expect(contactEntry(event('2026-10-25T22:30:00.000Z'))!.date).toBe('2026-10-25');
      expect(localDate(new Date('2026-10-25T23:00:00.000Z'))).toBe('2026-10-26');
      expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
      expect(dayNumber('2026-03-30') - dayNumber('2026-03-28')).toBe(2);
      expect(dayNumber('2026-10-26') - dayNumber('2026-10-24')).toBe(2);
    }));

  it('an invoice due the day before a DST change is exactly one day late on it', () => {
    const spring = nextChaseStep(receivable('2026-03-28'), STANDARD_POLICY, [], '2026-03-29');
    expect(spring.kind === 'step' && [spring.step.id, spring.dueOn]).toEqual(['reminder1', '2026-03-29']);
    const autumn = chaseClient({ client: client(), documents: [documentFacts(invoice('i1', 100_000, '2026-10-17'), 'normal')!], payments: [], contacts: [] }, { ...env, today: '2026-10-25' });
    // J+8 of 17 October is 25 October: due today, 8 days late.
    expect([autumn.item!.step.id, autumn.item!.section, autumn.item!.daysLate]).toEqual(['reminder2', 'today', 8]);
  });

  it('the minimum gap counts local days: a contact at 23:59 the day before counts for that day', () =>
    inParis(() => {
      const late = contactEntry({ ...event('2026-06-12T21:59:00.000Z'), contact: { ...event('').contact!, targets: [{ key: 'i1', stepId: 'reminder2' }] } })!;
      expect(late.date).toBe('2026-06-12');
      const documents = [invoice('i1', 100_000, dueFor(12)), invoice('i2', 50_000, dueFor(1))].map((d) => documentFacts(d, 'normal')!);
      const r = chaseClient({ client: client(), documents, payments: [], contacts: [late] }, env);
      // 12 June + 3 days = 15 June = today: allowed.
      expect(r.item!.lines.map((l) => l.receivable.invoiceId)).toEqual(['i2']);
    }));
});
