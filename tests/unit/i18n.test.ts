import { describe, expect, it } from 'vitest';
import { messages, missingTranslations } from '$lib/i18n/messages';
import { formatBytes, formatDate, formatList, formatMoney, formatRate, translate, translateVariant } from '$lib/i18n/index.svelte';

describe('i18n', () => {
  it('has every key in both French and English', () => {
    expect(missingTranslations()).toEqual({ fr: [], en: [] });
  });

  it('fills placeholders and falls back to the key when unknown', () => {
    expect(translate('fr', 'today.daysLate', { days: 12 })).toBe('12 j de retard');
    expect(translate('en', 'today.daysLate', { days: 12 })).toBe('12 days late');
    expect(translate('fr', 'no.such.key')).toBe('no.such.key');
  });

  it('agrees a status with the kind of document: « Facture émise », « Devis émis », « Avoir émis »', () => {
    expect(translateVariant('fr', 'status.issued', 'invoice')).toBe('Émise');
    expect(translateVariant('fr', 'status.issued', 'quote')).toBe('Émis');
    expect(translateVariant('fr', 'status.issued', 'credit')).toBe('Émis');
    expect(translateVariant('fr', 'status.sent', 'invoice')).toBe('Envoyée');
    expect(translateVariant('fr', 'status.sent', 'quote')).toBe('Envoyé');
    expect(translateVariant('fr', 'status.expired', 'quote')).toBe('Expiré');
    expect(translateVariant('fr', 'view.issuedOn', 'invoice', { date: '1er avril 2026' })).toBe('Émise le 1er avril 2026');
    expect(translateVariant('fr', 'view.issuedOn', 'quote', { date: '1er avril 2026' })).toBe('Émis le 1er avril 2026');
    expect(translateVariant('en', 'status.issued', 'quote')).toBe('Issued');
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

  it('writes the first day of a month the French way, « 1er », in long dates only', () => {
    // French typography: the first of the month is an ordinal (« le 1er avril »), every other day a cardinal.
    expect(formatDate('2026-04-01', 'long', 'fr')).toBe('1er avril 2026');
    expect(formatDate('2026-12-01', 'long', 'fr')).toBe('1er décembre 2026');
    expect(formatDate('2026-04-11', 'long', 'fr')).toBe('11 avril 2026');
    expect(formatDate('2026-04-21', 'long', 'fr')).toBe('21 avril 2026');
    expect(formatDate('2026-04-02', 'long', 'fr')).toBe('2 avril 2026');
    // Short dates stay numeric, English long dates stay cardinal.
    expect(formatDate('2026-04-01', 'short', 'fr')).toBe('01/04/2026');
    expect(formatDate('2026-04-01', 'long', 'en')).toBe('1 April 2026');
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

describe('formatList', () => {
  it('lists numbers the way a sentence does', () => {
    expect(formatList(['F-2026-A-0001', 'F-2026-B-0001'], 'fr')).toBe('F-2026-A-0001 et F-2026-B-0001');
    expect(formatList(['A', 'B', 'C'], 'fr')).toBe('A, B et C');
    expect(formatList(['F-2026-A-0001', 'F-2026-B-0001'], 'en')).toBe('F-2026-A-0001 and F-2026-B-0001');
    expect(formatList(['A'], 'fr')).toBe('A');
  });
});
