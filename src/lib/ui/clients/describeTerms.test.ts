import { describe, expect, it } from 'vitest';
import { describeTerms } from './describeTerms';

describe('describeTerms', () => {
  it('words each kind of terms in French and English', () => {
    expect(describeTerms({ kind: 'on_receipt' }, 'fr')).toBe('À réception');
    expect(describeTerms({ kind: 'net', days: 30 }, 'fr')).toBe('30 jours net');
    expect(describeTerms({ kind: 'end_of_month', days: 45 }, 'fr')).toBe('45 jours fin de mois');
    expect(describeTerms({ kind: 'date', date: '2026-03-15' }, 'fr')).toBe('Le 15 mars 2026');
    expect(describeTerms({ kind: 'net', days: 30 }, 'en')).toBe('Net 30 days');
    expect(describeTerms({ kind: 'end_of_month', days: 45 }, 'en')).toBe('45 days end of month');
  });
});
