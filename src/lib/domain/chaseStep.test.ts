// The next step of ONE receivable, on a fixed local today (15 June 2026), standard policy:
// J-3 courtesy, J+1 reminder1, J+8 reminder2 (+ call), J+15 call, J+30 formal notice, J+45 decision.
import { describe, expect, it } from 'vitest';
import { isDepositReminder, nextChaseStep, stepRank, type ChaseDecision } from './chaseStep';
import { PROMISE_BROKEN_STEP, SEND_INVOICE_STEP, STANDARD_POLICY } from './dunning';
import { CHASE_TODAY as TODAY, chaseContact as contact, dueFor, openReceivable } from './fixtures';
import type { Receivable } from './receivables';
import type { ContactEntry } from './contactLog';

const receivable = openReceivable;

const show = (d: ChaseDecision) =>
  d.kind === 'step' ? `step:${d.step.id}:${d.dueOn}` : d.kind === 'waiting' ? `waiting:${d.reason}:${d.until}:${d.next?.id ?? null}` : d.kind === 'held' ? `held:${d.hold.reason}` : d.kind;

/** The promise the receivables model reads from a log (the latest one). */
const promised = (log: ContactEntry[]) => {
  const p = [...log].reverse().find((e) => e.contact.outcome === 'promised');
  return p ? { date: p.contact.promisedDate!, at: p.at } : null;
};
const step = (late: number, log: ContactEntry[] = [], extra: Partial<Receivable> = {}) =>
  show(nextChaseStep(receivable(dueFor(late), { promise: promised(log), ...extra }), STANDARD_POLICY, log, TODAY));

describe('nextChaseStep — nothing done yet', () => {
  const cases: { name: string; late: number; expect: string }[] = [
    { name: '5 days before due: waits for the courtesy e-mail', late: -5, expect: 'waiting:next_step:2026-06-17:courtesy' },
    { name: '3 days before due: courtesy e-mail', late: -3, expect: 'step:courtesy:2026-06-15' },
    { name: '1 day before due: courtesy e-mail, due two days ago', late: -1, expect: 'step:courtesy:2026-06-13' },
    { name: 'due today: no courtesy any more, waits for J+1', late: 0, expect: 'waiting:next_step:2026-06-16:reminder1' },
    { name: 'J+1: first reminder', late: 1, expect: 'step:reminder1:2026-06-15' },
    { name: 'J+7: still the first reminder', late: 7, expect: 'step:reminder1:2026-06-09' },
    // Nobody opened the app for days: the FIRST step not done, never one that presumes an
    // earlier message (the second reminder says « malgré notre précédent message »).
    { name: 'J+10 with nothing done: the first reminder, not the second', late: 10, expect: 'step:reminder1:2026-06-06' },
    { name: 'J+31 with nothing done: the first reminder, never a formal notice first', late: 31, expect: 'step:reminder1:2026-05-16' },
    { name: 'J+60 with nothing done: still the first reminder', late: 60, expect: 'step:reminder1:2026-04-17' }
  ];
  for (const c of cases) it(c.name, () => expect(step(c.late)).toBe(c.expect));
});

describe('nextChaseStep — an invoice never sent', () => {
  it('is not chased for payment: its one step is sending it, due since its issue date', () => {
    const d = nextChaseStep(receivable(dueFor(10), { sent: false }), STANDARD_POLICY, [], TODAY);
    expect(d).toEqual({ kind: 'step', step: SEND_INVOICE_STEP, dueOn: '2026-05-01' });
    // Before its due date too: no courtesy reminder about an invoice the client never got.
    expect(show(nextChaseStep(receivable(dueFor(-3), { sent: false }), STANDARD_POLICY, [], TODAY))).toBe('step:send_invoice:2026-05-01');
  });

  it('a hold still wins (disputed before it was even sent)', () => {
    expect(step(10, [], { sent: false, holds: [{ reason: 'disputed', until: null }] })).toBe('held:disputed');
  });
});

describe('a deposit not received', () => {
  it('is chased like any invoice, its reminders named « acompte non reçu »; sending it is not', () => {
    const deposit = receivable(dueFor(1), { deposit: true });
    const d = nextChaseStep(deposit, STANDARD_POLICY, [], TODAY);
    expect(show(d)).toBe('step:reminder1:2026-06-15');
    expect(d.kind === 'step' && isDepositReminder(deposit, d.step)).toBe(true);
    expect(isDepositReminder(deposit, SEND_INVOICE_STEP)).toBe(false);
    expect(isDepositReminder(receivable(dueFor(1)), STANDARD_POLICY.steps[1])).toBe(false);
  });
});

describe('nextChaseStep — with a contact log', () => {
  it('a step already done is not proposed again: J+1 done today → waits for J+8', () => {
    expect(step(1, [contact(TODAY, [['i1', 'reminder1']])])).toBe('waiting:next_step:2026-06-22:reminder2');
  });

  it('J+10 after the first reminder: the second', () => {
    expect(step(10, [contact(dueFor(9), [['i1', 'reminder1']])])).toBe('step:reminder2:2026-06-13');
  });

  it('J+31 after the first reminder only: the second reminder, in order', () => {
    expect(step(31, [contact(dueFor(30), [['i1', 'reminder1']])])).toBe('step:reminder2:2026-05-23');
  });

  it('J+31 after both reminders and the call: the formal notice', () => {
    const log = [contact(dueFor(30), [['i1', 'reminder1']]), contact(dueFor(23), [['i1', 'reminder2']]), contact(dueFor(16), [['i1', 'call']], 'reached')];
    expect(step(31, log)).toBe('step:formal_notice:2026-06-14');
  });

  it('J+46 after the formal notice: the decision', () => {
    expect(step(46, [contact(dueFor(45), [['i1', 'reminder1']]), contact(dueFor(16), [['i1', 'formal_notice']])])).toBe('step:decision:2026-06-14');
  });

  it('never the decision before the formal notice', () => {
    const log = ['reminder1', 'reminder2', 'call'].map((s, i) => contact(dueFor(40 - i), [['i1', s]]));
    expect(step(50, log)).toBe('step:formal_notice:2026-05-26');
  });

  it('a contact about another receivable does not count for this one', () => {
    expect(step(1, [contact(TODAY, [['i2', 'reminder1']])])).toBe('step:reminder1:2026-06-15');
  });

  it('a skipped step counts as done', () => {
    expect(step(10, [contact(dueFor(2), [['i1', 'reminder2']], 'skipped'), contact(dueFor(9), [['i1', 'reminder1']])])).toBe('waiting:next_step:2026-06-20:call');
  });

  it('a promise waits until the day after the promised date, and then it is broken', () => {
    const log = [contact('2026-06-13', [['i1', 'reminder2']], 'promised', { channel: 'phone', promisedDate: '2026-06-20' })];
    const on = (today: string) => nextChaseStep(receivable('2026-06-05', { promise: promised(log) }), STANDARD_POLICY, log, today);
    expect(on('2026-06-15')).toEqual({ kind: 'waiting', until: '2026-06-21', reason: 'promised', next: PROMISE_BROKEN_STEP });
    expect(on('2026-06-20')).toEqual({ kind: 'waiting', until: '2026-06-21', reason: 'promised', next: PROMISE_BROKEN_STEP });
    const broken = on('2026-06-21');
    expect(broken.kind === 'step' && [broken.step.id, broken.step.channel, broken.step.tone, broken.dueOn]).toEqual(['promise_broken', 'phone', 'firm', '2026-06-21']);
  });

  it('a promise broken after the formal notice: the decision, never a gentler reminder', () => {
    const log = [
      contact('2026-05-01', [['i1', 'formal_notice']]),
      contact('2026-06-10', [['i1', null]], 'promised', { channel: 'phone', promisedDate: '2026-06-12' })
    ];
    expect(show(nextChaseStep(receivable('2026-04-01', { promise: promised(log) }), STANDARD_POLICY, log, TODAY))).toBe('step:decision:2026-06-13');
  });

  it('a promise kept: paid by the promised date, nothing more to do', () => {
    const log = [contact('2026-06-13', [['i1', 'reminder2']], 'promised', { promisedDate: '2026-06-20' })];
    expect(nextChaseStep(receivable('2026-06-05', { remainingCents: 0, promise: promised(log) }), STANDARD_POLICY, log, '2026-06-21')).toEqual({ kind: 'settled' });
  });

  it('a broken promise once followed up is not proposed again', () => {
    const log = [
      contact('2026-06-13', [['i1', 'reminder2']], 'promised', { promisedDate: '2026-06-20' }),
      contact('2026-06-21', [['i1', 'promise_broken']], 'reached')
    ];
    const d = nextChaseStep(receivable('2026-06-05', { promise: promised(log) }), STANDARD_POLICY, log, '2026-06-22');
    expect(d.kind === 'step' && d.step.id).toBe('call'); // J+17: the J+15 call, not done yet
  });

  it('a snooze hides the receivable until its date and names what comes then', () => {
    const log = [contact('2026-06-15', [['i1', null]], 'snoozed', { snoozeUntil: '2026-06-18' })];
    const r = receivable(dueFor(10));
    expect(nextChaseStep(r, STANDARD_POLICY, log, '2026-06-17')).toEqual({ kind: 'waiting', until: '2026-06-18', reason: 'snoozed', next: STANDARD_POLICY.steps[1] });
    expect(show(nextChaseStep(r, STANDARD_POLICY, log, '2026-06-18'))).toBe('step:reminder1:2026-06-06');
  });

  it('disputed, in collection or paused: held; a dated pause resumes on its date', () => {
    expect(step(10, [], { holds: [{ reason: 'disputed', until: null }] })).toBe('held:disputed');
    expect(step(10, [], { holds: [{ reason: 'in_collection', until: null }] })).toBe('held:in_collection');
    expect(step(10, [], { holds: [{ reason: 'client_paused', until: '2026-06-16' }] })).toBe('held:client_paused');
    expect(step(10, [], { holds: [{ reason: 'invoice_paused', until: TODAY }] })).toBe('step:reminder1:2026-06-06');
  });

  it('nothing left to pay: settled', () => {
    expect(step(10, [], { remainingCents: 0 })).toBe('settled');
  });

  it('after the last step: waits with no date and nothing next', () => {
    const all = STANDARD_POLICY.steps.map((s) => contact(dueFor(60), [['i1', s.id]]));
    expect(step(60, all)).toBe('waiting:no_more_steps:null:null');
  });
});

describe('stepRank', () => {
  it('orders sending < reminders by offset < broken promise < formal notice < decision', () => {
    const [courtesy, r1, r2, call, notice, decision] = STANDARD_POLICY.steps;
    const ranks = [SEND_INVOICE_STEP, courtesy, r1, r2, call, PROMISE_BROKEN_STEP, notice, decision].map(stepRank);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
  });
});

describe('nextChaseStep — a retenue de garantie', () => {
  it('before the reception of the works: never chased, not even sent on its own', () => {
    expect(step(0, [], { retention: true, retentionPending: true, dueDate: '9999-12-31', sent: false })).toBe('waiting:retention_pending:null:null');
  });
  it('after its release date: chased like any receivable, the sending left to its invoice', () => {
    // Released on 14 June, today 15 June: J+1, the first reminder, though the invoice was never recorded as sent.
    expect(step(1, [], { retention: true, sent: false })).toBe('step:reminder1:2026-06-15');
  });
});
