// One client's item of the day, read from the receivables model (fixed local today 15 June 2026,
// standard policy; invoices frozen at 12,15 %, sent when issued unless said).
import { describe, expect, it } from 'vitest';
import { chaseClient, chaseEnv, type ChaseEnv } from './chaseItem';
import { DEFAULT_CHASE_CONFIG, STANDARD_POLICY, effectivePolicies, type PolicySettings } from './dunning';
import {
  CHASE_TODAY as TODAY,
  chaseClientRecord as client,
  chaseContact as contact,
  chaseCreditNote as creditNote,
  chaseFile as file,
  chaseInvoice as invoice,
  chasePayment as payment,
  dueFor
} from './fixtures';

const settings: PolicySettings = { policies: effectivePolicies([]), config: DEFAULT_CHASE_CONFIG };
const env: ChaseEnv = chaseEnv(TODAY, 'normal', settings);

describe('chaseClient — one client, the item of the day', () => {
  it('an invoice 10 days late, nothing done: the first reminder, overdue, with interest and the 40 € indemnity', () => {
    const { item } = chaseClient(file([invoice('i1', 120_000, dueFor(10))]), env);
    expect(item!.step.id).toBe('reminder1');
    expect(item!.section).toBe('overdue'); // J+1 was due nine days ago
    expect(item!.stepDueOn).toBe('2026-06-06');
    expect(item!.daysLate).toBe(10);
    // 1 200 € × 12,15 % × 10 / 365 = 3,994… → 3,99 €
    expect(item!.interestCents).toBe(399);
    expect(item!.indemnityCents).toBe(4000);
    expect(item!.totalCents).toBe(120_000 + 399 + 4000);
    expect(item!.statement).toBe(false);
    // No history: risk factor 1; priority = 1 200 € × 10 days × 1.
    expect(item!.priority).toBe(12_000);
    expect(item!.reason).toEqual({ invoiceCount: 1, amountCents: 120_000, daysLate: 10, risk: 'unknown' });
    expect(item!.previousMessage).toBeNull();
  });

  it('a step due today is in « today »; a courtesy one in « courtesy »; an individual owes no indemnity', () => {
    expect(chaseClient(file([invoice('i1', 120_000, dueFor(1))]), env).item!.section).toBe('today');
    const courtesy = chaseClient(file([invoice('i1', 120_000, dueFor(-3))]), env).item!;
    expect([courtesy.section, courtesy.step.id, courtesy.daysLate, courtesy.interestCents]).toEqual(['courtesy', 'courtesy', 0, 0]);
    const individual = chaseClient(file([invoice('i1', 120_000, dueFor(10), {}, 'individual')], [], [], client({ kind: 'individual' })), env).item!;
    // The rate printed on the invoice applies to an individual too; the 40 € never does.
    expect([individual.interestCents, individual.indemnityCents]).toEqual([399, 0]);
  });

  it('an invoice never sent: « Envoyer la facture », today, whatever the minimum gap', () => {
    const docs = [invoice('i1', 120_000, dueFor(10), { sentAt: null, sentChannel: null }), invoice('i2', 50_000, dueFor(20))];
    // Another invoice of the client was chased yesterday: a reminder would wait, sending does not.
    const log = [contact(dueFor(1), [['i2', 'reminder1']])];
    const r = chaseClient(file(docs, log), env);
    expect(r.postponed).toBe(false);
    expect(r.item!.lines.map((l) => [l.receivable.invoiceId, l.step.id])).toEqual([['i1', 'send_invoice']]);
    expect([r.item!.section, r.item!.step.id]).toEqual(['today', 'send_invoice']);
    // Ten days past its due date, but never sent: nothing is claimed with it.
    expect([r.item!.claim.lines, r.item!.interestCents, r.item!.indemnityCents, r.item!.totalCents]).toEqual([[], 0, 0, 120_000]);
  });

  it('an invoice sent after its due date gets the minimum gap before its first reminder', () => {
    // Due 5 June, only sent on 14 June: the first reminder waits until 17 June (gap 3 days).
    const r = chaseClient(file([invoice('i1', 120_000, dueFor(10), { sentAt: dueFor(1) })]), env);
    expect([r.item, r.postponed, r.nextOn]).toEqual([null, true, '2026-06-17']);
    expect(chaseClient(file([invoice('i1', 120_000, dueFor(10), { sentAt: dueFor(1) })]), { ...env, today: '2026-06-17' }).item!.step.id).toBe('reminder1');
  });

  it('partly paid between two steps: the item shows what remains; interest ran on each period’s balance', () => {
    const { item } = chaseClient(file([invoice('i1', 120_000, dueFor(10))], [], [payment('p1', 'i1', 50_000, dueFor(5))]), env);
    expect(item!.amountCents).toBe(70_000);
    // 5 days on 1 200 € then 5 days on 700 €: (120 000 × 5 + 70 000 × 5) × 1215 / 3 650 000
    // = 950 000 × 1215 / 3 650 000 = 316,23… → 3,16 € (not 700 € × 10 days = 2,33 €).
    expect(item!.interestCents).toBe(316);
  });

  it('paid in full between two steps: nothing to do', () => {
    const r = chaseClient(file([invoice('i1', 120_000, dueFor(10))], [], [payment('p1', 'i1', 120_000, dueFor(5))]), env);
    expect(r.item).toBeNull();
    expect(r.decisions).toEqual([]);
  });

  it('a credit note bringing the balance to zero: nothing to do; on part of it: chased for the rest', () => {
    expect(chaseClient(file([invoice('i1', 120_000, dueFor(10)), creditNote('a1', 'i1', 120_000)]), env).item).toBeNull();
    expect(chaseClient(file([invoice('i1', 120_000, dueFor(10)), creditNote('a1', 'i1', 20_000)]), env).item!.amountCents).toBe(100_000);
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
      ['i1', 'reminder2'],
      ['i2', 'reminder1'],
      ['i3', 'reminder1']
    ]);
    expect(item!.step.id).toBe('reminder2');
    expect(item!.statement).toBe(true);
    expect(item!.amountCents).toBe(425_000);
    expect(item!.daysLate).toBe(31);
    expect(item!.indemnityCents).toBe(12_000);
    // 1 000 € × 12,15 % × 31 / 365 = 10,319… → 10,32; 2 000 € × 10 days → 6,657… → 6,66;
    // 1 250 € × 2 days → 0,832… → 0,83. Total 17,81 €.
    expect(item!.interestCents).toBe(1032 + 666 + 83);
    expect(item!.reason).toEqual({ invoiceCount: 3, amountCents: 425_000, daysLate: 31, risk: 'unknown' });
    // The previous message (about i1) is named, so the text may say « malgré notre précédent message ».
    expect(item!.previousMessage?.date).toBe(dueFor(29));
  });

  it('one message, one subject: a reminder leaves out the courtesy line of an invoice not yet due; the claim lists the same lines', () => {
    const docs = [invoice('i1', 100_000, dueFor(31)), invoice('i2', 200_000, dueFor(-3))];
    const log = [contact(dueFor(29), [['i1', 'reminder1']])];
    const { item } = chaseClient(file(docs, log), env);
    expect(item!.lines.map((l) => [l.receivable.key, l.step.id])).toEqual([['i1', 'reminder2']]);
    expect(item!.claim.lines.map((l) => l.key)).toEqual(['i1']);
    // 1 000 € × 12,15 % × 31 / 365 = 10,32 €, and 40 €.
    expect(item!.claim.totalCents).toBe(100_000 + 1032 + 4000);
    expect(item!.totalCents).toBe(item!.claim.totalCents);
  });

  it('sending an invoice is a message of its own: the reminders of the client wait for the next one', () => {
    const docs = [invoice('i1', 100_000, dueFor(31)), invoice('i2', 200_000, dueFor(-30), { sentAt: null })];
    const { item } = chaseClient(file(docs), env);
    expect(item!.lines.map((l) => [l.receivable.key, l.step.id])).toEqual([['i2', 'send_invoice']]);
    expect(item!.step.id).toBe('send_invoice');
    expect(item!.claim.lines).toEqual([]);
  });

  it('a formal notice carries only what is late', () => {
    const docs = [invoice('i1', 100_000, dueFor(40)), invoice('i2', 50_000, dueFor(0))];
    const log = ['reminder1', 'reminder2', 'call'].map((id, n) => contact(dueFor(30 - n), [['i1', id]], 'skipped'));
    // A custom J0 step for i2 (« due today ») would be a message of its own, not part of the notice.
    const policy = { ...STANDARD_POLICY, steps: [{ ...STANDARD_POLICY.steps[1], id: 'j0', offsetDays: 0 }, ...STANDARD_POLICY.steps.slice(1)] };
    const custom = chaseEnv(TODAY, 'normal', { ...settings, policies: effectivePolicies([policy]) });
    const { item } = chaseClient(file(docs, log), custom);
    expect(item!.step.id).toBe('formal_notice');
    expect(item!.lines.map((l) => l.receivable.key)).toEqual(['i1']);
    expect(item!.claim.lines.map((l) => l.key)).toEqual(['i1']);
  });

  it('after a formal notice, no gentler message: a new late invoice is put on notice too, courtesy stops', () => {
    const docs = [invoice('i1', 100_000, dueFor(35)), invoice('i2', 50_000, dueFor(2)), invoice('i3', 40_000, dueFor(-3))];
    const log = [contact(dueFor(5), [['i1', 'formal_notice']])];
    const { item } = chaseClient(file(docs, log), env);
    // i1 waits for its decision (J+45); i2 would get a friendly first reminder: it gets the
    // formal notice; i3 would get a courtesy e-mail: dropped.
    expect(item!.lines.map((l) => [l.receivable.invoiceId, l.step.id])).toEqual([['i2', 'formal_notice']]);
    expect(item!.step.kind).toBe('formal_notice');
  });

  it('minimum gap: contacted two days ago about one invoice, the other waits until the third day', () => {
    const docs = [invoice('i1', 100_000, dueFor(12)), invoice('i2', 50_000, dueFor(1))];
    const r = chaseClient(file(docs, [contact(dueFor(2), [['i1', 'reminder1']])]), env);
    // dueFor(2) = 13 June: contact on 13 June, gap 3 → next contact allowed on 16 June.
    expect(r.item).toBeNull();
    expect(r.postponed).toBe(true);
    expect(r.nextOn).toBe('2026-06-16');
    const later = chaseClient(file(docs, [contact('2026-06-13', [['i1', 'reminder1']])]), { ...env, today: '2026-06-16' });
    expect(later.item!.lines.map((l) => [l.receivable.invoiceId, l.step.id])).toEqual([
      ['i1', 'reminder2'],
      ['i2', 'reminder1']
    ]);
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
    expect(decisions.map((d) => [d.receivable.key, d.receivable.remainingCents, d.receivable.installmentIndex])).toEqual([
      ['i1#b', 25_000, 2],
      ['i1#c', 30_000, 3]
    ]);
    expect(item!.lines.map((l) => [l.receivable.key, l.step.id])).toEqual([['i1#b', 'reminder1']]);
    expect(item!.amountCents).toBe(25_000);
    expect(item!.statement).toBe(false);
    // Installment 3 is not due: never claimed.
    expect(item!.claim.lines.map((l) => l.key)).toEqual(['i1#b']);
  });

  it('policy per category: a « mauvais payeur » follows the strict policy (J+10 call)', () => {
    const docs = [invoice('i1', 100_000, dueFor(10))];
    const log = [contact(dueFor(9), [['i1', 'reminder1']]), contact(dueFor(5), [['i1', 'reminder2']])];
    expect(chaseClient(file(docs, log, [], client({ categories: ['mauvais payeur'] })), env).item!.step.id).toBe('call');
    // Standard: the call comes at J+15.
    expect(chaseClient(file(docs, log), env).item).toBeNull();
  });

  it('a change of policy applies to existing invoices, keeping the steps already done', () => {
    const docs = [invoice('i1', 100_000, dueFor(22))];
    const log = [contact(dueFor(21), [['i1', 'reminder1']]), contact(dueFor(14), [['i1', 'reminder2']]), contact(dueFor(7), [['i1', 'call']], 'reached')];
    // Standard: the formal notice comes at J+30.
    expect(chaseClient(file(docs, log), env).item).toBeNull();
    // Strict: formal notice at J+21 — now due.
    expect(chaseClient(file(docs, log, [], client({ chasePolicyId: 'strict' })), env).item!.step.id).toBe('formal_notice');
    // An edited standard policy (formal notice moved to J+20) applies just the same.
    const edited = { ...STANDARD_POLICY, steps: STANDARD_POLICY.steps.map((s) => (s.id === 'formal_notice' ? { ...s, offsetDays: 20 } : s)) };
    const editedEnv = chaseEnv(TODAY, 'normal', { ...settings, policies: effectivePolicies([edited]) });
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

  it('an invoice due the day before the autumn DST change is 8 days late on 25 October', () => {
    const autumn = chaseClient(file([invoice('i1', 100_000, '2026-10-17')]), { ...env, today: '2026-10-25' });
    expect([autumn.item!.step.id, autumn.item!.section, autumn.item!.daysLate]).toEqual(['reminder1', 'overdue', 8]);
  });
});
