// The app's static import graph, read from the source with no bundler: the files a route (or any
// entry) loads before anything lazy. Used by vite.config.ts to put everything the root layout
// loads into one chunk, and by tests/unit/i18nGroups.test.ts to find the words each screen shows.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

/** @param {string} base */
function candidates(base) {
  return [base, `${base}.ts`, `${base}.js`, join(base, 'index.ts'), join(base, 'index.js')];
}

/**
 * The file an import specifier names, or null for packages and SvelteKit's virtual modules.
 * @param {string} from
 * @param {string} spec
 * @returns {string | null}
 */
function resolveImport(from, spec) {
  let base;
  if (spec.startsWith('$lib/')) base = join(src, 'lib', spec.slice(5));
  else if (spec === '$lib') base = join(src, 'lib');
  else if (spec.startsWith('.')) base = resolve(dirname(from), spec);
  else return null;
  for (const c of candidates(base)) if (existsSync(c) && statSync(c).isFile()) return c;
  return null;
}

/**
 * Static imports only: a dynamic import() is a lazy chunk that loads its own messages.
 * @param {string} file
 * @param {string} text
 */
function staticImports(file, text) {
  /** @type {string[]} */
  const out = [];
  for (const m of text.matchAll(/^\s*import\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) {
    if (m[1]) continue;
    const target = resolveImport(file, m[2]);
    if (target && !/\.(css|json|svg|png)$/.test(target)) out.push(target);
  }
  return out;
}

/** @type {Map<string, string>} */
const sourceCache = new Map();
/**
 * A file's text, read once.
 * @param {string} file
 * @returns {string}
 */
export function source(file) {
  let text = sourceCache.get(file);
  if (text === undefined) sourceCache.set(file, (text = readFileSync(file, 'utf8')));
  return text;
}

/**
 * `entries` and every file they import statically, transitively (message tables excluded: they load lazily).
 * @param {string[]} entries
 * @returns {string[]}
 */
export function closure(entries) {
  /** @type {Set<string>} */
  const seen = new Set();
  /** @param {string} file */
  const visit = (file) => {
    if (seen.has(file) || file.includes(`${join('lib', 'i18n', 'messages')}`)) return;
    seen.add(file);
    for (const dep of staticImports(file, source(file))) visit(dep);
  };
  entries.filter((e) => existsSync(e)).forEach(visit);
  return [...seen];
}

