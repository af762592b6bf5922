// French first, English second. Every string the UI shows goes through t(); money and dates
// through Intl so that « 1 234,56 € » and « 22 novembre 2026 » come out right.
//
// Messages arrive by group (./groups.ts), one lazy chunk per group and language: a screen awaits
// loadMessages([...]) before it renders (its +page.ts, the root +layout.ts for `core`), then
// t() and translate() answer synchronously from what has arrived.
import { BILINGUAL_GROUPS, type Group, type Messages } from './groups';
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

/** Each group's chunk, by './messages/<lang>/<group>.ts'. */
const sources = import.meta.glob<Messages>('./messages/*/*.ts', { import: 'default' });
/** What has arrived, merged by language. */
const tables: Record<Language, Messages> = { fr: {}, en: {} };
/** Loads started or done, by '<lang>/<group>'. */
const loads = new Map<string, Promise<void>>();
/** Groups the interface has asked for: a language switch loads them in the new language first. */
const wanted = new Set<Group>();

class I18n {
  locale = $state<Language>(typeof localStorage === 'undefined' ? 'fr' : initialLocale());
  /** Bumped when a group arrives, so that text rendered from it updates. */
  revision = $state(0);
  /** The language being switched to, while its messages load. */
  #switchingTo: Language | null = null;

  /** Switches once every group the screens use has arrived in `locale`: no key shows meanwhile. */
  async setLocale(locale: Language): Promise<void> {
    this.#switchingTo = locale;
    let count: number;
    do {
      count = wanted.size;
      await loadMessages([...wanted], [locale]);
    } while (count !== wanted.size);
    if (this.#switchingTo !== locale) return; // a later switch won
    this.#switchingTo = null;
    this.locale = locale;
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      /* not persisted, still applied */
    }
    if (typeof document !== 'undefined') document.documentElement.lang = locale;
  }

  /** The languages a screen's groups load in: the current one, and the one being switched to. */
  get languages(): Language[] {
    return this.#switchingTo && this.#switchingTo !== this.locale ? [this.locale, this.#switchingTo] : [this.locale];
  }
}

export const i18n = new I18n();

function loadGroup(lang: Language, group: Group): Promise<void> {
  const id = `${lang}/${group}`;
  let load = loads.get(id);
  if (!load) {
    const source = sources[`./messages/${id}.ts`];
    if (!source) return Promise.reject(new Error(`No message group ${id}`));
    load = source().then((table) => {
      Object.assign(tables[lang], table);
      i18n.revision++;
    });
    // A failed download (offline before the app was cached) is tried again on the next request.
    load.catch(() => loads.delete(id));
    loads.set(id, load);
  }
  return load;
}

/**
 * Loads message groups, by default in the interface's language (and in the one it is switching
 * to); `languages` names others, e.g. a PDF in the client's language. Bilingual groups always
 * load in both. Resolves when every table has arrived.
 */
export async function loadMessages(groups: readonly Group[], languages?: readonly Language[]): Promise<void> {
  if (!languages) groups.forEach((g) => wanted.add(g));
  const langs = languages ?? i18n.languages;
  await Promise.all(groups.flatMap((g) => (BILINGUAL_GROUPS.has(g) ? (['fr', 'en'] as const) : langs).map((l) => loadGroup(l, g))));
}

/** Installs whole tables at once, synchronously: for unit tests and tools, never the app. */
export function installMessages(all: Record<Language, Messages>): void {
  Object.assign(tables.fr, all.fr);
  Object.assign(tables.en, all.en);
}

type Params = Record<string, string | number>;

/** The message for `key` in the current language, with {name} placeholders filled. */
export function t(key: string, params?: Params): string {
  void i18n.revision;
  return translate(i18n.locale, key, params);
}

/** The message for `key` in `locale` (French when that table lacks it, the key when neither has it). */
export function translate(locale: Language, key: string, params?: Params): string {
  let text = tables[locale][key] ?? tables.fr[key] ?? key;
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
  return translate(locale, specific in tables[locale] || specific in tables.fr ? specific : key, params);
}

/** translateVariant in the current language. */
export function tv(key: string, variant: string, params?: Params): string {
  void i18n.revision;
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
