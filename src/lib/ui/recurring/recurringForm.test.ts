import { describe, expect, it } from 'vitest';
import type { RecurringTemplate } from '$lib/domain/recurring';
import { chaseInvoice } from '$lib/domain/fixtures';
import { newRecurringInput, parseRecurringForm, templateToInput } from './recurringForm';

const base: RecurringTemplate = {
  id: 't1', clientId: '', title: '', lines: [], discount: { kind: 'none' }, terms: { kind: 'net', days: 30 }, notes: '',
  frequency: 'monthly', firstDate: '2026-01-31', endDate: null, count: null, autoIssue: false, autoIssueMemberId: null,
  paused: false, preparedThrough: '2026-01-31', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z'
};

describe('the recurring template form', () => {
  it('from an invoice to bill again: its client, its frozen lines and terms', () => {
    // An issued invoice of 1 200,00 € (one line at 0 % VAT), net 30.
    const input = newRecurringInput('2026-03-02', { kind: 'on_receipt' }, chaseInvoice('i1', 120_000, '2026-04-01'));
    expect([input.clientId, input.lines.map((l) => l.unitPrice), input.terms, input.firstDate]).toEqual(['c1', ['1200,00'], { kind: 'net', days: 30 }, '2026-03-02']);
  });

  it('parses what was typed onto the template, keeping what was prepared', () => {
    const input = { ...newRecurringInput('2026-03-02', { kind: 'net', days: 30 }, chaseInvoice('i1', 120_000, '2026-04-01')), frequency: 'quarterly' as const, count: '4', endDate: '' };
    const { template, errors } = parseRecurringForm(input, base);
    expect(errors).toEqual({});
    expect(template).toMatchObject({ id: 't1', clientId: 'c1', frequency: 'quarterly', firstDate: '2026-03-02', count: 4, endDate: null, preparedThrough: '2026-01-31' });
    expect(template!.lines[0].unitPriceCents).toBe(120_000);
    expect(templateToInput(template!).count).toBe('4');
  });

  it('says what is wrong, field by field, and gives no template', () => {
    const input = { ...newRecurringInput('2026-03-02', { kind: 'net', days: 30 }), endDate: '2026-03-01', count: '0' };
    const { template, errors } = parseRecurringForm(input, base);
    expect(template).toBeNull();
    expect(errors).toEqual({ client: 'recurring_client', lines: 'recurring_lines', endDate: 'recurring_end_before_start', count: 'recurring_count' });
    expect(parseRecurringForm({ ...input, firstDate: '31/01/2026' }, base).errors.firstDate).toBe('invalid_date');
  });
});
