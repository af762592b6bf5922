import { describe, expect, it } from 'vitest';
import type { DocumentRecord } from './types';
import { recurringTemplate } from './fixtures';
import {
  dueOccurrences,
  nextOccurrence,
  occurrenceDate,
  occurrenceDraft,
  occurrenceKey,
  occurrencesBetween,
  takenOccurrences,
  pausePatch,
  recurringDrafts,
  recurringProblems,
  templateHistory,
  type RecurringTemplate
} from './recurring';

const template = recurringTemplate;

describe('occurrence dates', () => {
  it('monthly on the 31st: the last day of shorter months, back to the 31st when the month has one', () => {
    const t = template();
    // Jan 31; February 2026 has 28 days; March 31; April has 30.
    expect([0, 1, 2, 3].map((i) => occurrenceDate(t, i))).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
  });

  it('in a leap year February has 29 days', () => {
    // 2028 is a leap year (divisible by 4, not a century).
    expect(occurrenceDate(template({ firstDate: '2028-01-31' }), 1)).toBe('2028-02-29');
    // Yearly on 29 February 2024: 28 February in 2025–2027, 29 February again in 2028.
    const yearly = template({ frequency: 'yearly', firstDate: '2024-02-29' });
    expect([0, 1, 2, 3, 4].map((i) => occurrenceDate(yearly, i))).toEqual(['2024-02-29', '2025-02-28', '2026-02-28', '2027-02-28', '2028-02-29']);
  });

  it('quarterly: every three months, the day kept from the first date', () => {
    const t = template({ frequency: 'quarterly', firstDate: '2026-11-30' });
    // 30 Nov → Feb 2027 has 28 days → 28 Feb; then 30 May, 30 Aug.
    expect([0, 1, 2, 3].map((i) => occurrenceDate(t, i))).toEqual(['2026-11-30', '2027-02-28', '2027-05-30', '2027-08-30']);
  });

  it('stops at the end date and after the count', () => {
    expect(occurrencesBetween(template(), null, '2026-03-30')).toEqual(['2026-01-31', '2026-02-28']);
    expect(occurrencesBetween(template({ count: 2 }), null, '2026-12-31')).toEqual(['2026-01-31', '2026-02-28']);
    // The end date itself is included; 31 March is after it.
    expect(occurrencesBetween(template({ endDate: '2026-03-30' }), null, '2026-12-31')).toEqual(['2026-01-31', '2026-02-28']);
    expect(occurrencesBetween(template({ endDate: '2026-03-31' }), '2026-01-31', '2026-12-31')).toEqual(['2026-02-28', '2026-03-31']);
  });
});

describe('what to prepare on a day', () => {
  it('every occurrence due and not prepared yet, none while paused', () => {
    // Opened on 1 April having prepared through 31 January: 28 Feb and 31 Mar are due.
    expect(dueOccurrences(template({ preparedThrough: '2026-01-31' }), '2026-04-01')).toEqual(['2026-02-28', '2026-03-31']);
    // Due on the day itself.
    expect(dueOccurrences(template({ preparedThrough: '2026-01-31' }), '2026-02-28')).toEqual(['2026-02-28']);
    expect(dueOccurrences(template({ preparedThrough: '2026-01-31' }), '2026-02-27')).toEqual([]);
    expect(dueOccurrences(template({ paused: true }), '2026-04-01')).toEqual([]);
  });

  it('the next date: the first occurrence after today and after what was prepared; null once over', () => {
    expect(nextOccurrence(template(), '2026-02-10')).toBe('2026-02-28');
    expect(nextOccurrence(template({ preparedThrough: '2026-02-28' }), '2026-02-28')).toBe('2026-03-31');
    expect(nextOccurrence(template({ count: 2 }), '2026-02-28')).toBeNull();
    expect(nextOccurrence(template({ endDate: '2026-03-15' }), '2026-02-28')).toBeNull();
  });

  it('resuming skips what fell due during the pause; pausing keeps the mark', () => {
    const paused = template({ paused: true, preparedThrough: '2026-01-31' });
    // Resumed on 15 April: 28 Feb and 31 Mar are not billed; the next is 30 April.
    const resumed = { ...paused, ...pausePatch(paused, false, '2026-04-15') };
    expect(resumed).toMatchObject({ paused: false, preparedThrough: '2026-04-14' });
    expect(dueOccurrences(resumed, '2026-04-30')).toEqual(['2026-04-30']);
    expect(pausePatch(template({ preparedThrough: '2026-01-31' }), true, '2026-02-10')).toEqual({ paused: true, preparedThrough: '2026-01-31' });
  });
});

describe('occurrence drafts', () => {
  it('a fixed key as the draft id, the template lines and the occurrence date as service date, no issue date', () => {
    const t = template();
    const a = occurrenceDraft(t, '2026-02-28', { memberId: 'm-a', now: '2026-02-28T07:00:00.000Z' });
    const b = occurrenceDraft(t, '2026-02-28', { memberId: 'm-b', now: '2026-02-28T08:00:00.000Z' });
    expect(occurrenceKey('t1', '2026-02-28')).toBe('t1-2026-02-28');
    expect(a.id).toBe('t1-2026-02-28');
    expect(b.id).toBe(a.id);
    expect(a.lines).toEqual(b.lines);
    expect(a).toMatchObject({ kind: 'invoice', status: 'draft', clientId: 'c1', issueDate: null, serviceDate: '2026-02-28', title: 'Maintenance du site' });
    expect(a.recurrence).toEqual({ templateId: 't1', date: '2026-02-28' });
  });

  it('an occurrence is taken by its draft or by an invoice issued from it', () => {
    const draft = occurrenceDraft(template(), '2026-02-28', { memberId: 'm-a', now: '2026-02-28T07:00:00.000Z' });
    const issued: DocumentRecord = { ...draft, id: 'x1', status: 'issued', number: 'F-2026-A-0001', sourceDraftId: draft.id };
    expect(takenOccurrences([draft])).toEqual(new Set(['t1-2026-02-28']));
    expect(takenOccurrences([issued])).toEqual(new Set(['x1', 't1-2026-02-28']));
    expect(takenOccurrences([{ ...issued, recurrence: null }]).size).toBe(0);
    expect(templateHistory('t1', [draft, issued])).toEqual({ issued: [issued], drafts: [draft] });
    expect(recurringDrafts([issued, draft])).toEqual([draft]);
  });
});

describe('invalid requests', () => {
  it('a template needs a client and lines; its end after its start; a count of at least one', () => {
    expect(recurringProblems(template())).toEqual([]);
    expect(recurringProblems(template({ clientId: '', lines: [] }))).toEqual(['client', 'lines']);
    expect(recurringProblems(template({ endDate: '2026-01-30' }))).toEqual(['end_before_start']);
    expect(recurringProblems(template({ count: 0 }))).toEqual(['count']);
    expect(recurringProblems(template({ count: 1.5 }))).toEqual(['count']);
  });
});
