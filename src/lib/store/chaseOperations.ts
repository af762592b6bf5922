// Follow-up operations on a workspace document. Every action on the « À relancer » list writes
// ONE contact event (who, when, channel, outcome, note, which receivables and steps): the
// register of reminders, and what tells the other devices that the step is done.
import type * as Y from 'yjs';
import type {
  RecoveryPoint,
  ChaseClaim,
  ChaseConfig,
  ChasePause,
  ChaseTask,
  ChaseTemplate,
  ContactPayload,
  DunningPolicy,
  Installment,
  IsoDate
} from '$lib/domain/types';
import { BUILT_IN_POLICIES, DEFAULT_CHASE_CONFIG, policyProblems } from '$lib/domain/dunning';
import { isDsoTarget, isRecoveryCurve } from '$lib/domain/dashboardSettings';
import { effectiveTemplates, templateErrors } from '$lib/domain/templates';
import { installmentProblems } from '$lib/domain/installments';
import { completeTask as nextOfTask } from '$lib/domain/tasks';
import { isIsoDate } from '$lib/domain/dates';
import { documentTotals } from '$lib/domain/lifecycle';
import { LOCAL_ORIGIN, collectionMap, deleteRecord, patchRecord, putRecord, readAll, readCompany, readRecord } from './doc';
import { StoreError, logEvent, type Actor } from './operations';
import { newId } from './ids';

export interface ContactInput extends Partial<Omit<ContactPayload, 'targets' | 'channel' | 'outcome'>> {
  clientId: string;
  targets: ContactPayload['targets'];
  channel: ContactPayload['channel'];
  outcome: ContactPayload['outcome'];
  /** A short human summary for the history (e.g. the step's label); the UI words it. */
  text?: string;
}

/** The invoice id of a receivable key (« invoiceId#installmentId » → invoiceId). */
export function invoiceOfKey(key: string): string {
  const i = key.indexOf('#');
  return i < 0 ? key : key.slice(0, i);
}

/**
 * Logs one contact. A promise needs its date, a snooze its date, a skip its reason; « disputed »
 * also flags the invoices concerned as disputed, which pauses their reminders.
 */
export function logContact(doc: Y.Doc, actor: Actor, input: ContactInput): string {
  if (!readRecord(doc, 'clients', input.clientId)) throw new StoreError('unknown_client');
  if (!input.targets.length) throw new StoreError('no_receivable');
  const promisedDate = input.promisedDate ?? null;
  const snoozeUntil = input.snoozeUntil ?? null;
  const note = (input.note ?? '').trim();
  if (input.outcome === 'promised' && !(promisedDate && isIsoDate(promisedDate))) throw new StoreError('missing', ['promised_date']);
  if (input.outcome === 'snoozed' && !(snoozeUntil && isIsoDate(snoozeUntil))) throw new StoreError('missing', ['snooze_date']);
  if (input.outcome === 'skipped' && !note) throw new StoreError('missing', ['skip_reason']);
  const contact: ContactPayload = {
    targets: input.targets.map((t) => ({ key: t.key, stepId: t.stepId })),
    stepId: input.stepId ?? null,
    channel: input.channel,
    outcome: input.outcome,
    promisedDate,
    snoozeUntil,
    note
  };
  const invoiceIds = [...new Set(contact.targets.map((t) => invoiceOfKey(t.key)))];
  let id = '';
  doc.transact(() => {
    id = logEvent(doc, actor, 'contact', {
      clientId: input.clientId,
      documentId: invoiceIds.length === 1 ? invoiceIds[0] : null,
      text: input.text ?? '',
      contact
    });
    if (input.outcome === 'disputed')
      for (const invoiceId of invoiceIds) {
        const invoice = readRecord(doc, 'documents', invoiceId);
        if (invoice && invoice.status === 'issued' && !invoice.disputed)
          patchRecord(doc, 'documents', invoiceId, { disputed: true, updatedAt: actor.now().toISOString() });
      }
  }, LOCAL_ORIGIN);
  return id;
}

// ——— « je m'en occupe » ———

/** This member takes the client's item; the last one to take it wins on every device. */
export function takeItem(doc: Y.Doc, actor: Actor, clientId: string): void {
  const claim: ChaseClaim = { id: clientId, clientId, memberId: actor.memberId, at: actor.now().toISOString() };
  putRecord(doc, 'claims', claim);
}

export function releaseItem(doc: Y.Doc, clientId: string): void {
  if (collectionMap(doc, 'claims').has(clientId)) deleteRecord(doc, 'claims', clientId);
}

// ——— settings: policies, templates, mapping ———

function templateIds(doc: Y.Doc): Set<string> {
  return new Set(effectiveTemplates(readAll(doc, 'templates')).keys());
}

/** Saves a policy (a built-in one edited keeps its id and replaces it); refused while invalid. */
export function savePolicy(doc: Y.Doc, policy: DunningPolicy): void {
  const problems = policyProblems(policy, templateIds(doc));
  if (problems.length) throw new StoreError('invalid_policy', problems);
  putRecord(doc, 'policies', { ...policy, name: policy.name.trim(), removed: false });
}

/** Removes a policy: a built-in one is marked removed (so it does not come back), another deleted. */
export function removePolicy(doc: Y.Doc, id: string): void {
  const builtIn = BUILT_IN_POLICIES.find((p) => p.id === id);
  if (builtIn) putRecord(doc, 'policies', { ...(readRecord(doc, 'policies', id) ?? builtIn), removed: true });
  else deleteRecord(doc, 'policies', id);
}

/** Back to the built-in version of a policy or template: the stored edit is deleted. */
export function resetToBuiltIn(doc: Y.Doc, name: 'policies' | 'templates', id: string): void {
  if (collectionMap(doc, name).has(id)) deleteRecord(doc, name, id);
}

/** Saves a template; refused while a placeholder is unknown (a typo like {montant}). */
export function saveTemplate(doc: Y.Doc, template: ChaseTemplate): void {
  const unknown = [...new Set([...templateErrors(template.fr), ...templateErrors(template.en)])];
  if (unknown.length) throw new StoreError('invalid_template', unknown);
  if (!template.name.trim()) throw new StoreError('missing', ['template_name']);
  putRecord(doc, 'templates', template);
}

export function saveChaseConfig(doc: Y.Doc, config: ChaseConfig): void {
  putRecord(doc, 'chaseConfig', config);
}

/** The dashboard's settings (in the follow-up settings record): refused whole while invalid. */
export function saveDashboardSettings(doc: Y.Doc, settings: { recoveryCurve: RecoveryPoint[] | null; dsoTargetDays: number | null }): void {
  if (settings.recoveryCurve && !isRecoveryCurve(settings.recoveryCurve)) throw new StoreError('invalid_recovery_curve');
  if (settings.dsoTargetDays !== null && !isDsoTarget(settings.dsoTargetDays)) throw new StoreError('invalid_dso_target');
  const current = readRecord(doc, 'chaseConfig', 'main') ?? DEFAULT_CHASE_CONFIG;
  putRecord(doc, 'chaseConfig', { ...current, recoveryCurve: settings.recoveryCurve, dsoTargetDays: settings.dsoTargetDays });
}

// ——— per client, per invoice ———

export interface ChaseOverrides {
  chasePolicyId: string | null;
  chasePause: ChasePause | null;
}

function checkPause(pause: ChasePause | null): void {
  if (pause && pause.until !== null && !isIsoDate(pause.until)) throw new StoreError('missing', ['pause_date']);
}

export function setClientChase(doc: Y.Doc, actor: Actor, clientId: string, overrides: ChaseOverrides): void {
  if (!readRecord(doc, 'clients', clientId)) throw new StoreError('unknown_client');
  checkPause(overrides.chasePause);
  patchRecord(doc, 'clients', clientId, { ...overrides, updatedAt: actor.now().toISOString() });
}

function requireIssuedInvoice(doc: Y.Doc, id: string) {
  const invoice = readRecord(doc, 'documents', id);
  if (!invoice) throw new StoreError('unknown_document');
  if (invoice.kind !== 'invoice' || invoice.status !== 'issued') throw new StoreError('not_issued');
  return invoice;
}

export function setInvoiceChase(doc: Y.Doc, actor: Actor, invoiceId: string, overrides: ChaseOverrides): void {
  requireIssuedInvoice(doc, invoiceId);
  checkPause(overrides.chasePause);
  patchRecord(doc, 'documents', invoiceId, { ...overrides, updatedAt: actor.now().toISOString() });
}

/**
 * Claims or waives the late-payment penalties of an invoice (null: back to undecided), and logs
 * it with the amounts at stake (`penaltiesCents`, as the user saw them).
 */
export function decidePenalties(doc: Y.Doc, actor: Actor, invoiceId: string, decision: 'claimed' | 'waived' | null, on: IsoDate, penaltiesCents: number): void {
  const invoice = requireIssuedInvoice(doc, invoiceId);
  doc.transact(() => {
    patchRecord(doc, 'documents', invoiceId, {
      penaltyDecision: decision ? { decision, on, memberId: actor.memberId } : null,
      updatedAt: actor.now().toISOString()
    });
    logEvent(doc, actor, 'penalties_decided', { clientId: invoice.clientId, documentId: invoiceId, text: invoice.number, data: { decision, penaltiesCents } });
  }, LOCAL_ORIGIN);
}

/** Sets (or with null removes) an invoice's payment plan; refused unless it sums to the TTC. */
export function setInstallments(doc: Y.Doc, actor: Actor, invoiceId: string, plan: Installment[] | null): void {
  const invoice = requireIssuedInvoice(doc, invoiceId);
  if (plan) {
    const ttc = documentTotals(invoice, readCompany(doc)?.vatRegime ?? 'normal').ttcCents;
    const problems = installmentProblems(plan, ttc, invoice.issueDate ?? '');
    if (problems.length) throw new StoreError('invalid_installments', problems);
  }
  doc.transact(() => {
    patchRecord(doc, 'documents', invoiceId, { installments: plan, updatedAt: actor.now().toISOString() });
    logEvent(doc, actor, 'note', { clientId: invoice.clientId, documentId: invoiceId, text: plan ? `échéancier:${plan.length}` : 'échéancier:0' });
  }, LOCAL_ORIGIN);
}

// ——— tasks ———

export function saveTask(doc: Y.Doc, actor: Actor, input: Omit<ChaseTask, 'id' | 'memberId' | 'createdAt' | 'done'> & { id?: string }): string {
  if (!input.title.trim()) throw new StoreError('missing', ['task_title']);
  if (!isIsoDate(input.dueDate)) throw new StoreError('missing', ['task_date']);
  const existing = input.id ? readRecord(doc, 'tasks', input.id) : null;
  const task: ChaseTask = {
    id: input.id ?? newId(),
    title: input.title.trim(),
    dueDate: input.dueDate,
    recurrence: input.recurrence,
    clientId: input.clientId,
    done: existing?.done ?? false,
    memberId: existing?.memberId ?? actor.memberId,
    createdAt: existing?.createdAt ?? actor.now().toISOString()
  };
  putRecord(doc, 'tasks', task);
  return task.id;
}

/** Done today: a one-off task is closed, a recurring one moves to its next date. */
export function completeTask(doc: Y.Doc, id: string, today: IsoDate): void {
  const task = readRecord(doc, 'tasks', id);
  if (!task) throw new StoreError('unknown_task');
  patchRecord(doc, 'tasks', id, nextOfTask(task, today));
}

export function deleteTask(doc: Y.Doc, id: string): void {
  deleteRecord(doc, 'tasks', id);
}

/** « Revue faite »: the week's review is logged with its day (the reminder stops until next week). */
export function logReviewDone(doc: Y.Doc, actor: Actor, day: IsoDate): void {
  if (!isIsoDate(day)) throw new StoreError('invalid_date');
  logEvent(doc, actor, 'review_done', { clientId: null, documentId: null, text: day, data: { date: day } });
}

/** The weekday of the weekly review, Monday 1 … Sunday 7. */
export function saveReviewDay(doc: Y.Doc, day: number): void {
  if (!Number.isInteger(day) || day < 1 || day > 7) throw new StoreError('invalid_review_day');
  const current = readRecord(doc, 'chaseConfig', 'main') ?? DEFAULT_CHASE_CONFIG;
  putRecord(doc, 'chaseConfig', { ...current, reviewDay: day });
}
