// The follow-up on real Y.Docs: each action writes one contact event, the list follows the
// document incrementally (only the clients a change touched are computed again), and a claim
// taken on one device shows on the other once they exchanged updates.
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import type { DocumentRecord } from '$lib/domain/types';
import { STANDARD_POLICY } from '$lib/domain/dunning';
import { ChaseView, type ChaseSource } from './chaseView.svelte';
import { readAll, readCompany, readRecord } from './doc';
import { StoreError, createDocument, issueDocument, markSent, recordPayment, saveDraft } from './operations';
import {
  completeTask,
  logContact,
  releaseItem,
  savePolicy,
  saveTask,
  saveTemplate,
  setClientChase,
  setInstallments,
  setInvoiceChase,
  takeItem
} from './chaseOperations';
import { actor, client, exchange, followedCollections, joinDevice, line, member, seededDoc } from './fixtures';
import { putRecord } from './doc';
import { DEFAULT_TEMPLATES } from '$lib/domain/templates';

const TODAY = '2026-06-15';

/** Collections of a document, loaded and followed, as the Workspace has them. */
function sourceOf(doc: Y.Doc): ChaseSource & { stop: () => void } {
  return {
    ...followedCollections(doc),
    get company() {
      return readCompany(doc);
    }
  };
}

/** 100 € HT at 20 % = 120 € TTC, issued on `issueDate` (net 30 by default) and sent that day. */
async function issued(doc: Y.Doc, clientId: string, issueDate: string, sent = true): Promise<DocumentRecord> {
  const me = actor('m-a', `${issueDate}T09:00:00.000Z`);
  const id = createDocument(doc, me, 'invoice', clientId);
  saveDraft(doc, me, id, { lines: [line('l1')] });
  const invoice = await issueDocument(doc, me, id, issueDate);
  if (sent) markSent(doc, me, invoice.id, issueDate, 'email');
  return readRecord(doc, 'documents', invoice.id)!;
}

async function setup() {
  const doc = seededDoc({ clients: [client('c1'), client('c2'), client('c3')] });
  // Issued 6 May, net 30 → due 5 June: 10 days late on 15 June.
  const i1 = await issued(doc, 'c1', '2026-05-06');
  const i2 = await issued(doc, 'c2', '2026-05-06');
  const me = actor('m-a', `${TODAY}T08:00:00.000Z`);
  const source = sourceOf(doc);
  const view = new ChaseView(source, () => TODAY);
  return { doc, i1, i2, me, source, view };
}

describe('ChaseView', () => {
  it('lists each late client once, 10 days late with nothing done: the first reminder', async () => {
    const { view } = await setup();
    expect(view.list.overdue.map((i) => [i.clientId, i.step.id, i.amountCents])).toEqual([
      ['c1', 'reminder1', 12_000],
      ['c2', 'reminder1', 12_000]
    ]);
    expect(view.count).toBe(2);
  });

  it('built in slices, it gives the same list; a payment recorded meanwhile is in it', async () => {
    const { doc, i1, me, source, view } = await setup();
    let pauses = 0;
    // A slice shorter than any record takes: a pause after each.
    const sliced = await ChaseView.build(source, () => TODAY, async () => void pauses++, -1);
    expect(sliced.list).toEqual(view.list);
    expect(pauses).toBeGreaterThan(3);

    let paid = false;
    const meanwhile = await ChaseView.build(source, () => TODAY, async () => {
      if (paid) return;
      paid = true;
      // 120 € paid on c1's invoice while the list is being built.
      recordPayment(doc, me, { clientId: 'c1', amountCents: 12_000, date: TODAY, method: 'transfer', reference: '', allocations: [{ invoiceId: i1.id, amountCents: 12_000 }] }, new Map([[i1.id, 12_000]]));
    }, -1);
    expect(meanwhile.list.overdue.map((i) => i.clientId)).toEqual(['c2']);
    view.flush();
    expect(meanwhile.list).toEqual(view.list);
  });

  it('a change touching hundreds of clients is computed in slices, the list replaced once at the end', async () => {
    const clients = Array.from({ length: 210 }, (_, i) => client(`c${i}`));
    const doc = seededDoc({ clients });
    const invoices: DocumentRecord[] = [];
    for (const c of clients) invoices.push(await issued(doc, c.id, '2026-05-06'));
    const source = sourceOf(doc);
    let pauses = 0;
    // A slice shorter than any client takes: a pause after each.
    const view = new ChaseView(source, () => TODAY, true, () => new Promise((resolve) => setTimeout(() => resolve(void pauses++), 0)), -1);
    expect(view.list.overdue).toHaveLength(210);
    const me = actor('m-a', `${TODAY}T08:00:00.000Z`);
    // All paid in one transaction (as an archive or a sync's catch-up arrives): 210 clients touched.
    doc.transact(() => invoices.forEach((inv) => recordPayment(doc, me, { clientId: inv.clientId, amountCents: 12_000, date: TODAY, method: 'transfer', reference: '', allocations: [{ invoiceId: inv.id, amountCents: 12_000 }] }, new Map([[inv.id, 12_000]]))));
    await Promise.resolve();
    expect(view.list.overdue).toHaveLength(210); // the list as it was, until the last slice
    while (pauses < 100) await new Promise((resolve) => setTimeout(resolve, 0));
    expect(view.list.overdue).toHaveLength(210);
    // flush() finishes what is left at once.
    view.flush();
    expect(view.list.overdue).toHaveLength(0);
    // The slices then stop, leaving it so.
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    expect(view.list.overdue).toHaveLength(0);
    expect(pauses).toBeLessThan(110);

    // Left to itself, a large change ends with every client computed, once: all paused.
    doc.transact(() => clients.forEach((c) => setClientChase(doc, me, c.id, { chasePolicyId: null, chasePause: { until: null, reason: 'travaux' } })));
    const before = pauses;
    for (let i = 0; i < 2000 && view.lastRecomputed.length !== 210; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    expect(view.lastRecomputed.sort()).toEqual(clients.map((c) => c.id).sort());
    expect(pauses - before).toBeGreaterThanOrEqual(209);
    source.stop();
    view.destroy();
  });

  it('an invoice never sent is listed to be sent, not chased', async () => {
    const doc = seededDoc({ clients: [client('c1')] });
    await issued(doc, 'c1', '2026-05-06', false);
    const view = new ChaseView(sourceOf(doc), () => TODAY);
    expect(view.list.today.map((i) => [i.clientId, i.step.id])).toEqual([['c1', 'send_invoice']]);
    expect(view.list.overdue).toEqual([]);
  });

  it('a contact logged on one client recomputes only that client', async () => {
    const { doc, i1, me, view } = await setup();
    const c2Before = view.client('c2');
    logContact(doc, me, { clientId: 'c1', targets: [{ key: i1.id, stepId: 'reminder1' }], stepId: 'reminder1', channel: 'email', outcome: 'sent' });
    view.flush();
    expect(view.lastRecomputed).toEqual(['c1']);
    expect(view.list.overdue.map((i) => i.clientId)).toEqual(['c2']);
    expect(view.client('c2')).toBe(c2Before); // untouched, same object
  });

  it('a payment on one invoice recomputes only its client', async () => {
    const { doc, i2, me, view } = await setup();
    recordPayment(doc, me, { clientId: 'c2', amountCents: 12_000, date: TODAY, method: 'transfer', reference: '', allocations: [{ invoiceId: i2.id, amountCents: 12_000 }] }, new Map([[i2.id, 12_000]]));
    view.flush();
    expect(view.lastRecomputed).toEqual(['c2']);
    expect(view.list.overdue.map((i) => i.clientId)).toEqual(['c1']);
  });

  it('changes are applied by themselves once the current task ends', async () => {
    const { doc, i1, me, view } = await setup();
    logContact(doc, me, { clientId: 'c1', targets: [{ key: i1.id, stepId: 'reminder2' }], channel: 'email', outcome: 'sent' });
    await Promise.resolve();
    expect(view.list.overdue.map((i) => i.clientId)).toEqual(['c2']);
  });

  it('a note or a draft recomputes nothing; a policy change recomputes everyone', async () => {
    const { doc, me, view } = await setup();
    view.flush();
    view.lastRecomputed = [];
    createDocument(doc, me, 'invoice', 'c3');
    view.flush();
    expect(view.lastRecomputed).toEqual([]);
    savePolicy(doc, { ...STANDARD_POLICY, steps: STANDARD_POLICY.steps.map((s) => (s.id === 'reminder1' ? { ...s, offsetDays: 12 } : s)) });
    view.flush();
    expect(view.lastRecomputed.sort()).toEqual(['c1', 'c2', 'c3']);
    // J+10, the first reminder moved after the second (J+12): the policy's first step due is now the J+8 one.
    expect(view.list.overdue.map((i) => i.step.id)).toEqual(['reminder2', 'reminder2']);
  });

  it('a client paused, or an invoice paused, leaves the list', async () => {
    const { doc, i2, me, view } = await setup();
    setClientChase(doc, me, 'c1', { chasePolicyId: null, chasePause: { until: null, reason: 'travaux en cours' } });
    setInvoiceChase(doc, me, i2.id, { chasePolicyId: null, chasePause: { until: '2026-06-20', reason: '' } });
    view.flush();
    expect(view.list.overdue).toEqual([]);
    expect(view.client('c2')!.nextOn).toBe('2026-06-20');
  });

  it('the day changes: everything is computed for the new day', async () => {
    const { view, source } = await setup();
    let day = TODAY;
    const moving = new ChaseView(source, () => day);
    expect(moving.list.overdue.length).toBe(2);
    day = '2026-06-01'; // before the courtesy e-mail (2 June)
    moving.checkDay();
    expect(moving.list.overdue.length + moving.list.courtesy.length).toBe(0);
    day = '2026-06-03';
    moving.checkDay();
    expect(moving.list.courtesy.map((i) => i.step.id)).toEqual(['courtesy', 'courtesy']);
    view.destroy();
  });
});

describe('follow-up operations', () => {
  it('one contact event per action, with who, when, channel, outcome, note and targets', async () => {
    const { doc, i1, me } = await setup();
    const id = logContact(doc, me, {
      clientId: 'c1',
      targets: [{ key: i1.id, stepId: 'call' }],
      stepId: 'call',
      channel: 'phone',
      outcome: 'promised',
      promisedDate: '2026-06-22',
      note: 'Virement la semaine prochaine'
    });
    const event = readRecord(doc, 'events', id)!;
    expect(event).toMatchObject({ kind: 'contact', memberId: 'm-a', at: `${TODAY}T08:00:00.000Z`, clientId: 'c1', documentId: i1.id });
    expect(event.contact).toEqual({ targets: [{ key: i1.id, stepId: 'call' }], stepId: 'call', channel: 'phone', outcome: 'promised', promisedDate: '2026-06-22', snoozeUntil: null, note: 'Virement la semaine prochaine' });
  });

  it('refuses a promise without a date, a snooze without a date, a skip without a reason', async () => {
    const { doc, i1, me } = await setup();
    const base = { clientId: 'c1', targets: [{ key: i1.id, stepId: 'reminder2' }], channel: 'email' as const };
    expect(() => logContact(doc, me, { ...base, outcome: 'promised' })).toThrow(new StoreError('missing', ['promised_date']));
    expect(() => logContact(doc, me, { ...base, outcome: 'snoozed' })).toThrow(new StoreError('missing', ['snooze_date']));
    expect(() => logContact(doc, me, { ...base, outcome: 'skipped', note: '  ' })).toThrow(new StoreError('missing', ['skip_reason']));
    expect(readAll(doc, 'events').filter((e) => e.kind === 'contact')).toEqual([]);
  });

  it('« litige » logs the contact and flags the invoice disputed, which takes it off the list', async () => {
    const { doc, i1, me, view } = await setup();
    logContact(doc, me, { clientId: 'c1', targets: [{ key: i1.id, stepId: null }], channel: 'phone', outcome: 'disputed', note: 'Conteste la quantité' });
    expect(readRecord(doc, 'documents', i1.id)!.disputed).toBe(true);
    view.flush();
    expect(view.list.overdue.map((i) => i.clientId)).toEqual(['c2']);
  });

  it('a template with an unknown placeholder is not saved', async () => {
    const { doc } = await setup();
    const t = { ...DEFAULT_TEMPLATES[1], fr: { subject: 'Relance', body: 'Reste {montant}' } };
    expect(() => saveTemplate(doc, t)).toThrow(new StoreError('invalid_template', ['montant']));
    expect(readAll(doc, 'templates')).toEqual([]);
    saveTemplate(doc, { ...t, fr: { subject: 'Relance', body: 'Reste {amount}' } });
    expect(readRecord(doc, 'templates', t.id)!.fr.body).toBe('Reste {amount}');
  });

  it('an invalid policy is not saved', async () => {
    const { doc } = await setup();
    expect(() => savePolicy(doc, { ...STANDARD_POLICY, name: '' })).toThrow(StoreError);
    expect(readAll(doc, 'policies')).toEqual([]);
  });

  it('a payment plan must sum to the TTC; each installment is then chased on its own', async () => {
    const { doc, i1, me, view } = await setup();
    expect(() => setInstallments(doc, me, i1.id, [{ id: 'a', dueDate: '2026-06-05', amountCents: 5000 }])).toThrow(StoreError);
    setInstallments(doc, me, i1.id, [
      { id: 'a', dueDate: '2026-06-05', amountCents: 6000 },
      { id: 'b', dueDate: '2026-07-05', amountCents: 6000 }
    ]);
    view.flush();
    const item = view.list.overdue.find((i) => i.clientId === 'c1')!;
    expect(item.lines.map((l) => [l.receivable.key, l.receivable.remainingCents])).toEqual([[`${i1.id}#a`, 6000]]);
  });

  it('tasks: saved, due, and a weekly one moves on when done', async () => {
    const { doc, me } = await setup();
    const id = saveTask(doc, me, { title: 'Rappeler M. Durand', dueDate: TODAY, recurrence: 'weekly', clientId: 'c1' });
    completeTask(doc, id, TODAY);
    expect(readRecord(doc, 'tasks', id)).toMatchObject({ done: false, dueDate: '2026-06-22', title: 'Rappeler M. Durand' });
  });
});

describe('two devices', () => {
  it('a claim taken on A shows on B after they exchange updates; released, it goes', async () => {
    const a = seededDoc({ clients: [client('c1')] });
    await issued(a, 'c1', '2026-05-06');
    const b = joinDevice(a);
    putRecord(b, 'members', member('m-b', 'B'));
    exchange(a, b, 'a→b first');
    takeItem(a, actor('m-a', `${TODAY}T08:00:00.000Z`), 'c1');
    exchange(a, b, 'b→a first');
    expect(readRecord(b, 'claims', 'c1')).toEqual({ id: 'c1', clientId: 'c1', memberId: 'm-a', at: `${TODAY}T08:00:00.000Z` });
    releaseItem(b, 'c1');
    exchange(a, b, 'a→b first');
    expect(readRecord(a, 'claims', 'c1')).toBeNull();
  });

  it('an item done on A disappears from B once synced', async () => {
    const a = seededDoc({ clients: [client('c1')] });
    const invoice = await issued(a, 'c1', '2026-05-06');
    const b = joinDevice(a);
    const onB = new ChaseView(sourceOf(b), () => TODAY);
    expect(onB.list.overdue.length).toBe(1);
    logContact(a, actor('m-a', `${TODAY}T08:00:00.000Z`), { clientId: 'c1', targets: [{ key: invoice.id, stepId: 'reminder2' }], channel: 'email', outcome: 'sent' });
    exchange(a, b, 'a→b first');
    onB.flush();
    expect(onB.list.overdue).toEqual([]);
    expect(onB.lastRecomputed).toEqual(['c1']);
  });

  it('two devices taking the same item at once agree on one taker', async () => {
    const a = seededDoc({ clients: [client('c1')] });
    const b = joinDevice(a);
    takeItem(a, actor('m-a', `${TODAY}T08:00:00.000Z`), 'c1');
    takeItem(b, actor('m-b', `${TODAY}T08:00:01.000Z`), 'c1');
    exchange(a, b, 'a→b first');
    expect(readRecord(a, 'claims', 'c1')).toEqual(readRecord(b, 'claims', 'c1'));
  });
});
