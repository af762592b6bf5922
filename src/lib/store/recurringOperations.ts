// Recurring invoice templates and the drafts of their occurrences (rules: domain/recurring.ts).
import type * as Y from 'yjs';
import type { DocumentRecord, IsoDate } from '$lib/domain/types';
import {
  dueOccurrences,
  occurrenceDraft,
  occurrenceKey,
  takenOccurrences,
  pausePatch,
  recurringProblems,
  type RecurringTemplate
} from '$lib/domain/recurring';
import { LOCAL_ORIGIN, collectionMap, deleteRecord, patchRecord, putRecord, readAll, readRecord } from './doc';
import { StoreError, type Actor } from './operations';

/**
 * Saves a template (refused with its problems). `base`: the template as the form showed it —
 * only what the user changed is written. Turning automatic issue on makes this device the one
 * that issues (see RecurringTemplate.autoIssueMemberId); turning it off clears it.
 */
export function saveRecurring(doc: Y.Doc, actor: Actor, template: RecurringTemplate, base?: RecurringTemplate): string {
  const problems = recurringProblems(template);
  if (problems.length) throw new StoreError('invalid_recurring', problems);
  const stored = readRecord(doc, 'recurring', template.id);
  const autoIssueMemberId = !template.autoIssue ? null : stored?.autoIssue && stored.autoIssueMemberId ? stored.autoIssueMemberId : actor.memberId;
  // What was prepared is a fact of the workspace, never a form's copy of it.
  const { preparedThrough: _prepared, ...fields } = template;
  const record: RecurringTemplate = { ...fields, preparedThrough: stored?.preparedThrough ?? null, autoIssueMemberId, updatedAt: actor.now().toISOString() };
  putRecord(doc, 'recurring', record, stored && base ? { ...base, preparedThrough: stored.preparedThrough, autoIssueMemberId: stored.autoIssueMemberId } : undefined);
  return template.id;
}

export function setRecurringPaused(doc: Y.Doc, actor: Actor, id: string, paused: boolean, today: IsoDate): void {
  const template = readRecord(doc, 'recurring', id);
  if (!template) throw new StoreError('unknown_recurring');
  patchRecord(doc, 'recurring', id, { ...pausePatch(template, paused, today), updatedAt: actor.now().toISOString() });
}

/** Removes a template; the invoices it prepared or issued stay. */
export function deleteRecurring(doc: Y.Doc, id: string): void {
  deleteRecord(doc, 'recurring', id);
}

/**
 * On open: writes the draft of every occurrence due on `today` that nothing stands for yet (its
 * id is the occurrence key, so two devices doing this offline write one record), and marks the
 * template prepared through the last one. A recurring draft whose occurrence was already issued
 * (a concurrent merge can bring a deleted draft back) is removed. Returns the drafts THIS device
 * issues automatically — the caller issues them one by one through 'document/issue'.
 */
export function prepareRecurring(doc: Y.Doc, actor: Actor, today: IsoDate, documents: () => DocumentRecord[]): string[] {
  const templates = readAll(doc, 'recurring');
  if (!templates.length) return [];
  const docs = documents();
  const taken = takenOccurrences(docs);
  const issuedFrom = new Set(docs.filter((d) => d.status === 'issued' && d.recurrence && d.sourceDraftId).map((d) => d.sourceDraftId));
  const now = actor.now().toISOString();
  const autoIssue: string[] = [];
  doc.transact(() => {
    for (const d of docs) if (d.status === 'draft' && d.recurrence && issuedFrom.has(d.id)) collectionMap(doc, 'documents').delete(d.id);
    for (const template of templates) {
      const due = dueOccurrences(template, today);
      const prepared: string[] = [];
      for (const date of due) {
        const key = occurrenceKey(template.id, date);
        if (taken.has(key)) continue;
        putRecord(doc, 'documents', occurrenceDraft(template, date, { memberId: actor.memberId, now }));
        prepared.push(key);
      }
      if (due.length) patchRecord(doc, 'recurring', template.id, { preparedThrough: due[due.length - 1] });
      if (!template.paused && template.autoIssue && template.autoIssueMemberId === actor.memberId) {
        // Its drafts waiting from earlier opens too (one that could not be issued is tried again).
        for (const d of docs)
          if (d.status === 'draft' && d.recurrence?.templateId === template.id && d.recurrence.date <= today && !issuedFrom.has(d.id)) autoIssue.push(d.id);
        autoIssue.push(...prepared);
      }
    }
  }, LOCAL_ORIGIN);
  return autoIssue;
}
