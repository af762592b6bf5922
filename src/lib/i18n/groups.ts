// The message groups: each screen loads only the groups its words live in (a route's +page.ts,
// the root +layout.ts for `core`, the PDF chunk for its own), in the current language only.
// tests/unit/i18nGroups.test.ts reads every screen's source and fails when a key it shows lives in
// a group that screen does not load. One file per group and language: messages/<lang>/<group>.ts.
export type Messages = Record<string, string>;

export const GROUPS = [
  'core',
  'client',
  'catalog',
  'chase',
  'clients',
  'collection',
  'common',
  'dashboard',
  'deposits',
  'documents',
  'errors',
  'issuing',
  'payments',
  'pdf',
  'progress',
  'pwa',
  'rates',
  'records',
  'recurring',
  'review',
  'sending',
  'settings',
  'sync'
] as const;

export type Group = (typeof GROUPS)[number];

/** Groups whose words follow a client's language, not the interface's: always loaded in both. */
export const BILINGUAL_GROUPS: ReadonlySet<Group> = new Set(['client']);
