// Every message of every group in both languages, bundled eagerly: for tests and tooling only
// (the app loads groups lazily through loadMessages in ../index.svelte.ts).
import type { Language } from '$lib/domain/types';
import { GROUPS, type Group, type Messages } from '../groups';

export type { Messages };
export type AreaMessages = Record<Language, Messages>;

const modules = import.meta.glob<Messages>('./*/*.ts', { eager: true, import: 'default' });

/** Each group's table, by language and group. */
export const groupMessages = {
  fr: Object.fromEntries(GROUPS.map((g) => [g, modules[`./fr/${g}.ts`] ?? {}])),
  en: Object.fromEntries(GROUPS.map((g) => [g, modules[`./en/${g}.ts`] ?? {}]))
} as Record<Language, Record<Group, Messages>>;

export const messages: Record<Language, Messages> = {
  fr: Object.assign({}, ...GROUPS.map((g) => groupMessages.fr[g])),
  en: Object.assign({}, ...GROUPS.map((g) => groupMessages.en[g]))
};

/** Keys present in one language and not the other (a unit test keeps this empty). */
export function missingTranslations(): { fr: string[]; en: string[] } {
  return {
    fr: Object.keys(messages.en).filter((k) => !(k in messages.fr)),
    en: Object.keys(messages.fr).filter((k) => !(k in messages.en))
  };
}
