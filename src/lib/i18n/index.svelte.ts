// French first, English second. Every string the UI shows goes through t(); money and dates
// through Intl so that « 1 234,56 € » and « 22 novembre 2026 » come out right.
import { messages, type Messages } from './messages';
import type { Cents, IsoDate, Language } from '$lib/domain/types';

const STORAGE_KEY = 'relance.locale';

function initialLocale(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'fr' || saved === 'en') return saved;
  } catch {
    /* no storage: keep French */
  }
  return 'fr';
}

class I18n {
  locale = $state<Language>(typeof localStorage === 'undefined' ? 'fr' : initialLocale());

  setLocale(locale: Language): void {
    this.locale = locale;
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      /* not persisted, still applied */
    }
    if (typeof document !== 'undefined') document.documentElement.lang = locale;
  }
}

export const i18n = new I18n();

type Params = Record<string, string | number>;

/** The message for `key` in the current language, with {name} placeholders filled. */
export function t(key: string, params?: Params): string {
  return translate(i18n.locale, key, params);
}

export function translate(locale: Language, key: string, params?: Params): string {
  const table: Messages = messages[locale];
  let text = table[key] ?? messages.fr[key] ?? key;
  if (params) for (const [name, value] of Object.entries(params)) text = text.replaceAll(`{${name}}`, String(value));
  return text;
}

/**
 * The message `key.variant` when there is one, else `key`'s: French agrees words with the kind
 * of document (« Facture émise », « Devis émis »), so translateVariant('fr', 'status.issued',
 * 'quote') → « Émis » while 'invoice', with no variant of its own, gets « Émise ».
 */
export function translateVariant(locale: Language, key: string, variant: string, params?: Params): string {
  const specific = `${key}.${variant}`;
  return translate(locale, specific in messages[locale] || specific in messages.fr ? specific : key, params);
}

/** translateVariant in the current language. */
export function tv(key: string, variant: string, params?: Params): string {
  return translateVariant(i18n.locale, key, variant, params);
}

const intlTag = (l: Language) => (l === 'fr' ? 'fr-FR' : 'en-GB');
const moneyFormats = new Map<Language, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function formatMoney(cents: Cents, locale: Language = i18n.locale): string {
  let f = moneyFormats.get(locale);
  if (!f) moneyFormats.set(locale, (f = new Intl.NumberFormat(intlTag(locale), { style: 'currency', currency: 'EUR' })));
  return f.format(cents / 100);
}

/**
 * A calendar date, read as local (never shifted by a UTC conversion): the one date formatter of
 * the app, its screens and its PDFs. formatDate('2026-04-01', 'long', 'fr') → « 1er avril 2026 ».
 */
export function formatDate(date: IsoDate | null | undefined, style: 'short' | 'long' = 'short', locale: Language = i18n.locale): string {
  if (!date) return '—';
  const key = `${locale}-${style}`;
  let f = dateFormats.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      style === 'long' ? { day: 'numeric', month: 'long', year: 'numeric' } : { day: '2-digit', month: '2-digit', year: 'numeric' };
    dateFormats.set(key, (f = new Intl.DateTimeFormat(intlTag(locale), { ...options, timeZone: 'UTC' })));
  }
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  const at = new Date(Date.UTC(y, m - 1, d));
  // French writes the first of the month as an ordinal: « 1er avril 2026 », never « 1 avril ».
  if (style === 'long' && locale === 'fr' && d === 1)
    return f.formatToParts(at).map((p) => (p.type === 'day' ? `${p.value}er` : p.value)).join('');
  return f.format(at);
}

export function formatDateTime(iso: string | null | undefined, locale: Language = i18n.locale): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(intlTag(locale), { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

/** 2000 → « 20 % », 550 → « 5,5 % ». */
export function formatRate(bp: number, locale: Language = i18n.locale): string {
  return new Intl.NumberFormat(intlTag(locale), { maximumFractionDigits: 2 }).format(bp / 100) + (locale === 'fr' ? '\u202f%' : '%');
}

export function formatQuantity(q: number, locale: Language = i18n.locale): string {
  return new Intl.NumberFormat(intlTag(locale), { maximumFractionDigits: 3 }).format(q);
}

/** Cents → the editable text of an amount input, « 1234,56 ». */
export function centsToInput(cents: Cents, locale: Language = i18n.locale): string {
  const s = (cents / 100).toFixed(2);
  return locale === 'fr' ? s.replace('.', ',') : s;
}

/**
 * A size in bytes the way people read it, in powers of 1000: formatBytes(1_234_567, 'fr') →
 * « 1,2 Mo », formatBytes(350_000, 'en') → « 350 kB ».
 */
export function formatBytes(bytes: number, locale: Language = i18n.locale): string {
  const units = locale === 'fr' ? ['octets', 'Ko', 'Mo', 'Go', 'To'] : ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit > 0 && value < 10 ? 1 : 0;
  return `${new Intl.NumberFormat(intlTag(locale), { maximumFractionDigits: digits }).format(value)}\u00a0${units[unit]}`;
}

/** Items joined the way a sentence lists them: formatList(['A', 'B', 'C'], 'fr') → « A, B et C ». */
export function formatList(items: string[], locale: Language = i18n.locale): string {
  return new Intl.ListFormat(intlTag(locale), { style: 'long', type: 'conjunction' }).format(items);
}
