import { describe, expect, it } from 'vitest';
import { newDocument } from '$lib/domain/documents';
import { draftToInput, parseDraft } from './draftForm';

const NOW = '2026-04-01T09:00:00.000Z';
const draft = (kind: 'quote' | 'invoice') => ({
  ...newDocument(kind, { id: 'd1', memberId: 'm1', now: NOW, clientId: 'c1', terms: { kind: 'net', days: 30 } }),
  issueDate: '2026-04-01'
});

describe('a quote’s validity in the editor', () => {
  it('starts at the default 30 days, and only quotes have one', () => {
    expect(draftToInput(draft('quote')).validity).toEqual({ kind: 'days', days: '30', date: '' });
    expect(draftToInput(draft('invoice')).validity).toBeNull();
    expect(parseDraft(draftToInput(draft('invoice'))).patch).not.toHaveProperty('validity');
  });

  it('reads back what was saved: a number of days or a date', () => {
    expect(draftToInput({ ...draft('quote'), validity: { kind: 'days', days: 45 } }).validity).toEqual({ kind: 'days', days: '45', date: '' });
    expect(draftToInput({ ...draft('quote'), validity: { kind: 'date', date: '2026-06-30' } }).validity).toEqual({ kind: 'date', days: '30', date: '2026-06-30' });
  });

  it('saves a number of days or a date', () => {
    const input = draftToInput(draft('quote'));
    input.validity = { kind: 'days', days: ' 60 ', date: '' };
    expect(parseDraft(input)).toMatchObject({ patch: { validity: { kind: 'days', days: 60 } }, errors: {} });
    input.validity = { kind: 'date', days: '30', date: '2026-05-15' };
    expect(parseDraft(input)).toMatchObject({ patch: { validity: { kind: 'date', date: '2026-05-15' } }, errors: {} });
  });

  describe('invalid requests', () => {
    it('names the problem next to the field and saves no validity', () => {
      const input = draftToInput(draft('quote'));
      for (const [days, code] of [['0', 'validity_days'], ['2,5', 'validity_days'], ['', 'validity_days'], ['400', 'validity_days']]) {
        input.validity = { kind: 'days', days, date: '' };
        const parsed = parseDraft(input);
        expect(parsed.errors, days).toEqual({ validity: code });
        expect(parsed.patch, days).not.toHaveProperty('validity');
      }
      input.validity = { kind: 'date', days: '30', date: '2026-04-01' };
      expect(parseDraft(input).errors).toEqual({ validity: 'validity_before_issue' });
      input.validity = { kind: 'date', days: '30', date: '' };
      expect(parseDraft(input).errors).toEqual({ validity: 'validity_date' });
      // Without an issue date, a date is checked against it later (at issue).
      expect(parseDraft({ ...input, issueDate: '', validity: { kind: 'date', days: '30', date: '2026-04-01' } }).errors).toEqual({});
      // What was typed stays in the input, untouched.
      expect(input.validity).toEqual({ kind: 'date', days: '30', date: '' });
    });
  });
});
