import { describe, expect, it } from 'vitest';
import { messages, missingTranslations } from '$lib/i18n/messages';
import { formatBytes, formatDate, formatMoney, formatRate, translate } from '$lib/i18n/index.svelte';

describe('i18n', () => {
  it('has every key in both French and English', () => {
    expect(missingTranslations()).toEqual({ fr: [], en: [] });
  });

  it('fills placeholders and falls back to the key when unknown', () => {
    expect(translate('fr', 'today.daysLate', { days: 12 })).toBe('12 j de retard');
    expect(translate('en', 'today.daysLate', { days: 12 })).toBe('12 days late');
    expect(translate('fr', 'no.such.key')).toBe('no.such.key');
  });

  it('formats money the French way, with narrow no-break spaces', () => {
    // Intl fr-FR: U+202F between thousands, U+00A0 before the euro sign.
    expect(formatMoney(123456, 'fr')).toBe('1\u202f234,56\u00a0€');
    expect(formatMoney(-5, 'fr')).toBe('-0,05\u00a0€');
    expect(formatMoney(123456, 'en')).toBe('€1,234.56');
  });

  it('formats calendar dates without shifting them across time zones', () => {
    expect(formatDate('2026-01-01', 'short', 'fr')).toBe('01/01/2026');
    expect(formatDate('2026-11-22', 'long', 'fr')).toBe('22 novembre 2026');
    expect(formatDate(null, 'short', 'fr')).toBe('—');
  });

  it('formats VAT rates from basis points', () => {
    expect(formatRate(550, 'fr')).toBe('5,5\u202f%');
    expect(formatRate(2000, 'en')).toBe('20%');
  });

  it('formats storage sizes the French way (Ko, Mo, Go) and the English way', () => {
    expect(formatBytes(0, 'fr')).toBe('0\u00a0octets');
    expect(formatBytes(950, 'fr')).toBe('950\u00a0octets');
    expect(formatBytes(350_000, 'fr')).toBe('350\u00a0Ko');
    expect(formatBytes(1_234_567, 'fr')).toBe('1,2\u00a0Mo');
    expect(formatBytes(2_500_000_000, 'fr')).toBe('2,5\u00a0Go');
    expect(formatBytes(1_234_567, 'en')).toBe('1.2\u00a0MB');
    expect(formatBytes(350_000, 'en')).toBe('350\u00a0kB');
  });

  it('keeps French messages free of straight apostrophes in prose', () => {
    const straight = Object.entries(messages.fr).filter(([, v]) => /[a-zé]'[a-zéà]/i.test(v));
    expect(straight).toEqual([]);
  });
});
