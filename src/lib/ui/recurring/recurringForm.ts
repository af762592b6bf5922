// The recurring template form's inputs are text (what the user typed); this turns them into a
// template plus the per-field errors, without losing what was typed. Lines parse as a draft's.
import type { DocumentRecord, PaymentTerms } from '$lib/domain/types';
import { recurringProblems, type RecurrenceFrequency, type RecurringTemplate } from '$lib/domain/recurring';
import { isIsoDate } from '$lib/domain/dates';
import { lineToInput, parseLines, type LineInput } from '$lib/ui/documents/draftForm';

export interface RecurringInput {
  clientId: string;
  title: string;
  lines: LineInput[];
  terms: PaymentTerms;
  notes: string;
  frequency: RecurrenceFrequency;
  firstDate: string;
  endDate: string;
  count: string;
  autoIssue: boolean;
}

export function templateToInput(t: RecurringTemplate): RecurringInput {
  return {
    clientId: t.clientId,
    title: t.title,
    lines: t.lines.map(lineToInput),
    terms: t.terms,
    notes: t.notes,
    frequency: t.frequency,
    firstDate: t.firstDate,
    endDate: t.endDate ?? '',
    count: t.count === null ? '' : String(t.count),
    autoIssue: t.autoIssue
  };
}

/** A new template's inputs, from an invoice to bill again (its client, lines, terms, title) or blank. */
export function newRecurringInput(firstDate: string, terms: PaymentTerms, from?: DocumentRecord | null): RecurringInput {
  const source = from?.frozen ?? from;
  return {
    clientId: from?.clientId ?? '',
    title: from?.title ?? '',
    lines: (source?.lines ?? []).map(lineToInput),
    terms: source?.terms ?? terms,
    notes: source?.notes ?? '',
    frequency: 'monthly',
    firstDate,
    endDate: '',
    count: '',
    autoIssue: false
  };
}

export interface ParsedRecurring {
  template: RecurringTemplate | null;
  /** Field → error code ('lines.<id>.quantity', 'firstDate', 'count', 'client', 'lines', 'end_before_start'). */
  errors: Record<string, string>;
}

/** The template the inputs make on top of `base` (ids, dates of record, what was prepared). */
export function parseRecurringForm(input: RecurringInput, base: RecurringTemplate): ParsedRecurring {
  const { lines, errors } = parseLines(input.lines);
  if (!isIsoDate(input.firstDate)) errors.firstDate = 'invalid_date';
  if (input.endDate && !isIsoDate(input.endDate)) errors.endDate = 'invalid_date';
  const count = input.count.trim() === '' ? null : Number(input.count);
  const template: RecurringTemplate = {
    ...base,
    clientId: input.clientId,
    title: input.title.trim(),
    lines,
    terms: input.terms,
    notes: input.notes,
    frequency: input.frequency,
    firstDate: input.firstDate,
    endDate: input.endDate || null,
    count,
    autoIssue: input.autoIssue
  };
  for (const p of recurringProblems(template)) errors[p === 'end_before_start' ? 'endDate' : p] = `recurring_${p}`;
  return { template: Object.keys(errors).length ? null : template, errors };
}
