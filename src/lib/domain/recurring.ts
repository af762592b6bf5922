// Recurring invoices: a template (client, lines, every month / quarter / year on a day of the
// period, until an end date or a count) whose occurrences become drafts once due. Each
// occurrence has a fixed key, `${templateId}-${date}`, used as its draft's record id: two devices
// that prepare the same occurrence offline write the same record, which merges into one.
import type { Discount, DocumentRecord, IsoDate, IsoDateTime, Line, PaymentTerms, RecurrenceRef } from './types';
import { addDays, addMonths } from './dates';
import { newDocument } from './documents';

export type RecurrenceFrequency = 'monthly' | 'quarterly' | 'yearly';

export const FREQUENCIES: readonly RecurrenceFrequency[] = ['monthly', 'quarterly', 'yearly'];

const MONTHS: Record<RecurrenceFrequency, number> = { monthly: 1, quarterly: 3, yearly: 12 };

export interface RecurringTemplate {
  id: string;
  clientId: string;
  title: string;
  lines: Line[];
  discount: Discount;
  terms: PaymentTerms;
  notes: string;
  frequency: RecurrenceFrequency;
  /** The first occurrence. Its day is the day of the period: 31 falls on the last day of shorter months. */
  firstDate: IsoDate;
  /** No occurrence after this day (null: none). */
  endDate: IsoDate | null;
  /** At most this many occurrences (null: no limit). */
  count: number | null;
  /** Occurrences are issued on open, dated that day, by one device only: `autoIssueMemberId`. */
  autoIssue: boolean;
  /**
   * The device that issues automatically (the one that turned it on). Two devices auto-issuing the
   * same occurrence offline would give it two numbers; with one issuer it cannot happen, and the
   * others still prepare the draft, which anyone can issue by hand.
   */
  autoIssueMemberId: string | null;
  paused: boolean;
  /** Occurrences up to this day were prepared: a draft deleted by hand does not come back. */
  preparedThrough: IsoDate | null;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
}

/** A loop guard: 100 years of monthly occurrences. */
const MAX_OCCURRENCES = 1200;

/**
 * The `index`-th occurrence (0 = the first), always counted from the first date so that a day
 * clamped in a short month does not stick: monthly from 31 January 2026 → 31 Jan, 28 Feb, 31 Mar.
 */
export function occurrenceDate(template: Pick<RecurringTemplate, 'firstDate' | 'frequency'>, index: number): IsoDate {
  return addMonths(template.firstDate, index * MONTHS[template.frequency]);
}

/**
 * The occurrences after `after` (exclusive; null: from the first) up to `through` (inclusive),
 * within the end date and the count. occurrencesBetween(monthly from 2026-01-31, null, 2026-03-30)
 * → ['2026-01-31', '2026-02-28'].
 */
export function occurrencesBetween(
  template: Pick<RecurringTemplate, 'firstDate' | 'frequency' | 'endDate' | 'count'>,
  after: IsoDate | null,
  through: IsoDate
): IsoDate[] {
  const out: IsoDate[] = [];
  const limit = Math.min(template.count ?? MAX_OCCURRENCES, MAX_OCCURRENCES);
  for (let i = 0; i < limit; i++) {
    const date = occurrenceDate(template, i);
    if (date > through || (template.endDate !== null && date > template.endDate)) break;
    if (after === null || date > after) out.push(date);
  }
  return out;
}

/** The occurrences to prepare on `today`: due and not prepared yet; none while paused. */
export function dueOccurrences(template: RecurringTemplate, today: IsoDate): IsoDate[] {
  if (template.paused) return [];
  return occurrencesBetween(template, template.preparedThrough, today);
}

/** The next occurrence still to come after `today` (and after what was prepared), or null when the series is over. */
export function nextOccurrence(template: RecurringTemplate, today: IsoDate): IsoDate | null {
  const from = template.preparedThrough && template.preparedThrough > today ? template.preparedThrough : today;
  const limit = Math.min(template.count ?? MAX_OCCURRENCES, MAX_OCCURRENCES);
  for (let i = 0; i < limit; i++) {
    const date = occurrenceDate(template, i);
    if (template.endDate !== null && date > template.endDate) return null;
    if (date > from) return date;
  }
  return null;
}

/** The fixed key of an occurrence, also its draft's record id: occurrenceKey('t1', '2026-02-28') → 't1-2026-02-28'. */
export function occurrenceKey(templateId: string, date: IsoDate): string {
  return `${templateId}-${date}`;
}

/** The occurrence keys a document already stands for: drafts (by id) and invoices issued from them (by `sourceDraftId`). */
export function takenOccurrences(documents: readonly DocumentRecord[]): Set<string> {
  const taken = new Set<string>();
  for (const d of documents) {
    if (!d.recurrence) continue;
    taken.add(d.id);
    if (d.sourceDraftId) taken.add(d.sourceDraftId);
  }
  return taken;
}

/**
 * The draft of one occurrence: the template's lines (same line ids, so two devices write the same
 * draft), its service date the occurrence date. The issue date is set when it is issued, never
 * before: an occurrence issued late is dated the day it is issued.
 */
export function occurrenceDraft(template: RecurringTemplate, date: IsoDate, ids: { memberId: string; now: IsoDateTime }): DocumentRecord & { recurrence: RecurrenceRef } {
  return {
    ...newDocument('invoice', { id: occurrenceKey(template.id, date), memberId: ids.memberId, now: ids.now, clientId: template.clientId, terms: template.terms }),
    lines: template.lines.map((l) => ({ ...l })),
    discount: template.discount,
    notes: template.notes,
    title: template.title,
    serviceDate: date,
    recurrence: { templateId: template.id, date }
  };
}

/**
 * What pausing or resuming writes. Resuming skips what fell due during the pause (a paused
 * subscription is not billed afterwards for it): everything up to yesterday counts as prepared.
 */
export function pausePatch(template: RecurringTemplate, paused: boolean, today: IsoDate): Pick<RecurringTemplate, 'paused' | 'preparedThrough'> {
  if (paused) return { paused, preparedThrough: template.preparedThrough };
  const yesterday = addDays(today, -1);
  return { paused, preparedThrough: template.preparedThrough && template.preparedThrough > yesterday ? template.preparedThrough : yesterday };
}

/** The template's problems, as error codes for the form: none when it can be saved. */
export function recurringProblems(template: RecurringTemplate): string[] {
  const problems: string[] = [];
  if (!template.clientId) problems.push('client');
  if (!template.lines.length) problems.push('lines');
  if (template.endDate !== null && template.endDate < template.firstDate) problems.push('end_before_start');
  if (template.count !== null && (!Number.isSafeInteger(template.count) || template.count < 1)) problems.push('count');
  return problems;
}

/** A template's invoices: those issued from its occurrences, latest first, and its drafts waiting. */
export function templateHistory(templateId: string, documents: readonly DocumentRecord[]): { issued: DocumentRecord[]; drafts: DocumentRecord[] } {
  const mine = documents.filter((d) => d.kind === 'invoice' && d.recurrence?.templateId === templateId);
  const issued = mine.filter((d) => d.status === 'issued').sort((a, b) => (b.recurrence!.date.localeCompare(a.recurrence!.date) || b.number.localeCompare(a.number)));
  const drafts = mine.filter((d) => d.status === 'draft').sort((a, b) => a.recurrence!.date.localeCompare(b.recurrence!.date));
  return { issued, drafts };
}

/** The recurring drafts waiting to be issued (« 3 factures récurrentes à émettre »), oldest first. */
export function recurringDrafts(documents: readonly DocumentRecord[]): DocumentRecord[] {
  return documents.filter((d) => d.status === 'draft' && d.recurrence).sort((a, b) => a.recurrence!.date.localeCompare(b.recurrence!.date));
}
