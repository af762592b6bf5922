// Which message keys each screen can show, read from the source: the files a route (or a lazy
// chunk) loads statically, and every key their text names. Used by i18nGroups.test.ts to check
// that each route loads the message groups its keys live in, so that no screen shows a raw key.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { closure, root, source } from '../../scripts/importGraph.js';

export { closure, root, source };
const src = join(root, 'src');

/**
 * The message keys a source text names: every quoted string that is a key, every key that starts
 * with the fixed part of a template literal (`chase.step.${id}`), and the variants of a named key
 * (tv('status.issued', kind) → status.issued.quote).
 */
export function keysIn(text: string, allKeys: ReadonlySet<string>): Set<string> {
  const used = new Set<string>();
  const sorted = [...allKeys];
  for (const m of text.matchAll(/(['"])([a-zA-Z][\w.-]*)\1/g)) {
    const name = m[2];
    if (allKeys.has(name)) used.add(name);
    if (allKeys.has(name) || name.endsWith('.'))
      for (const k of sorted) if (k.startsWith(name.endsWith('.') ? name : `${name}.`)) used.add(k);
  }
  for (const m of text.matchAll(/`([a-zA-Z][\w.-]*\.)\$\{/g)) for (const k of sorted) if (k.startsWith(m[1])) used.add(k);
  return used;
}

/** The groups a file asks for with loadMessages(['a', 'b']) (none when it does not). */
export function groupsLoadedBy(file: string): string[] {
  if (!existsSync(file)) return [];
  const groups: string[] = [];
  for (const m of source(file).matchAll(/loadMessages\(\s*\[([^\]]*)\]/g)) for (const g of m[1].matchAll(/['"]([\w-]+)['"]/g)) groups.push(g[1]);
  return groups;
}

export interface Screen {
  /** '/documents/[id]' for a route, the entry file for a lazy chunk. */
  name: string;
  /** The files whose loadMessages calls apply: the route's +page.ts and its layouts' +layout.ts. */
  loaders: string[];
  /** Every file shown or run on that screen before anything lazy. */
  files: string[];
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Every route of src/routes, with its layouts. */
export function routeScreens(): Screen[] {
  const routes = join(src, 'routes');
  return walk(routes)
    .filter((f) => f.endsWith('+page.svelte'))
    .map((page) => {
      const dir = dirname(page);
      const layoutDirs: string[] = [];
      for (let d = dir; d.startsWith(routes); d = dirname(d)) layoutDirs.push(d);
      const layoutFiles = layoutDirs.flatMap((d) => [join(d, '+layout.svelte'), join(d, '+layout.ts')]);
      const loaders = [join(dir, '+page.ts'), ...layoutDirs.map((d) => join(d, '+layout.ts'))];
      return {
        name: '/' + relative(routes, dir).split('\\').join('/'),
        loaders,
        files: closure([page, join(dir, '+page.ts'), ...layoutFiles])
      };
    });
}
