import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { GROUPS, type Group } from '$lib/i18n/groups';
import { groupMessages, messages } from '$lib/i18n/messages';
import { closure, groupsLoadedBy, keysIn, root, routeScreens, source, type Screen } from './i18nUsage';

const lib = (path: string) => join(root, 'src/lib', path);

/** Screens that are not routes: lazy chunks that load their own groups before showing anything. */
const lazyScreens: Screen[] = [
  { name: 'PDF chunk', loaders: [lib('pdf/index.ts')], files: closure([lib('pdf/index.ts')]) },
  { name: 'first-run Setup', loaders: [lib('ui/setup.ts'), join(root, 'src/routes/+layout.ts')], files: closure([lib('ui/Setup.svelte')]) }
];

const allKeys = new Set(Object.keys(messages.fr));
const groupOf = new Map<string, Group>();
for (const g of GROUPS) for (const k of Object.keys(groupMessages.fr[g])) groupOf.set(k, g);

/** For each key a screen shows from a group it does not load: « key (group) in file ». */
function unloaded(screen: Screen): string[] {
  const loaded = new Set(screen.loaders.flatMap(groupsLoadedBy));
  const missing: string[] = [];
  for (const file of screen.files)
    for (const key of keysIn(source(file), allKeys)) {
      const group = groupOf.get(key)!;
      if (!loaded.has(group)) missing.push(`${key} (${group}) in ${file.slice(root.length + 1)}`);
    }
  return missing;
}

describe('message groups', () => {
  it('holds each key in exactly one group, with the same keys in French and English', () => {
    const seen = new Map<string, Group>();
    const twice: string[] = [];
    for (const g of GROUPS) {
      expect(Object.keys(groupMessages.en[g]).sort(), g).toEqual(Object.keys(groupMessages.fr[g]).sort());
      expect(Object.keys(groupMessages.fr[g]).length, `group ${g} is empty`).toBeGreaterThan(0);
      for (const k of Object.keys(groupMessages.fr[g])) {
        if (seen.has(k)) twice.push(`${k}: ${seen.get(k)} and ${g}`);
        seen.set(k, g);
      }
    }
    expect(twice).toEqual([]);
  });

  it('finds the routes and what they show (the scan itself works)', () => {
    const screens = routeScreens();
    const home = screens.find((s) => s.name === '/')!;
    expect(screens.length).toBeGreaterThanOrEqual(20);
    // « Aujourd'hui » names 'today.title' itself and shows the chase cards' step labels through a template literal.
    const keys = new Set(home.files.flatMap((f) => [...keysIn(source(f), allKeys)]));
    expect(keys.has('today.title')).toBe(true);
    expect(keys.has('chase.step.reminder1')).toBe(true);
    expect(keysIn("t('nav.today'); t(`status.${s}`); x('not.a.key')", allKeys)).toEqual(
      new Set(['nav.today', ...[...allKeys].filter((k) => k.startsWith('status.'))])
    );
  });

  it('the first screen loads only the core group (and the client-language words)', () => {
    const home = routeScreens().find((s) => s.name === '/')!;
    expect(new Set(home.loaders.flatMap(groupsLoadedBy))).toEqual(new Set(['core', 'client']));
    expect(unloaded(home)).toEqual([]);
  });

  for (const screen of [...routeScreens(), ...lazyScreens])
    it(`${screen.name} loads every group whose words it shows`, () => {
      expect(unloaded(screen)).toEqual([]);
    });
});
