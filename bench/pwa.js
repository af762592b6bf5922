// The installed app's weight, from the build output alone (no browser needed):
//
//   precache     what the service worker downloads once to make every screen work offline:
//                the entries of build/sw.js's precache manifest, with their sizes on disk.
//   firstLoadJs  the JavaScript a cold visit to / downloads before its first screen: SvelteKit's
//                two entries, the root layout, root error page and page of /, and every chunk they import
//                statically (from Vite's manifest), plus the message groups the root layout's
//                load awaits before anything renders (src/routes/+layout.ts: loadMessages([…]),
//                in French, and both languages of the bilingual groups of src/lib/i18n/groups.ts).
//                Other dynamic imports (workbox-window, backups, PDFs…) come later and are not counted. Gzip at zlib's default level, as a server
//                would send it; the budget is 120 kB (issue 12).
//
// Usage: node -e "import('./bench/pwa.js').then(m => m.benchPwa('build')).then(r => console.log(JSON.stringify(r, null, 2)))"
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export const FIRST_LOAD_JS_BUDGET_GZIP = 120 * 1024;

const kB = (bytes) => Math.round((bytes / 1024) * 10) / 10;

/** The precache manifest's URLs, read from the generated service worker. */
function precacheUrls(swSource) {
  const urls = [];
  for (const m of swSource.matchAll(/\{url:"([^"]+)",revision:(?:"[^"]*"|null)\}/g)) urls.push(m[1]);
  if (!urls.length) throw new Error('No precache manifest found in sw.js: was it built by scripts/build-sw.mjs?');
  return urls;
}

/**
 * Node indexes loaded for `path`: the root layout (0) and root error page (1), which SvelteKit's
 * client fetches with every route, and the route's own nodes, from its route dictionary.
 */
function nodesFor(generatedApp, path) {
  const dictionary = /export const dictionary = (\{[\s\S]*?\});/.exec(generatedApp);
  if (!dictionary) throw new Error('No route dictionary in .svelte-kit/generated/client-optimized/app.js');
  const entry = new RegExp(`"${path.replace(/[/]/g, '\\/')}":\\s*\\[([^\\]]*)\\]`).exec(dictionary[1]);
  if (!entry) throw new Error(`No route ${path} in the route dictionary`);
  // [page, ...layouts]; "~n" marks a node with a server load (none in this SPA).
  const numbers = entry[1].split(',').map((s) => Number(s.replace(/[~\s]/g, ''))).filter(Number.isInteger);
  return [...new Set([0, 1, ...numbers.map(Math.abs)])];
}

/** Every file a set of manifest keys loads before running: themselves and their static imports. */
function staticClosure(manifest, keys) {
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`Vite manifest has no ${key}`);
    seen.add(key);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  keys.forEach(visit);
  return [...seen].map((key) => manifest[key]);
}

/**
 * The manifest keys of the message chunks the first screen awaits: each group the root layout's
 * loadMessages call names, in French (the default language) and, for a bilingual group, in English too.
 */
function firstScreenMessages(root, manifest) {
  const layout = readFileSync(join(root, 'src/routes/+layout.ts'), 'utf8');
  const call = /loadMessages\(\s*\[([^\]]*)\]/.exec(layout);
  if (!call) throw new Error('src/routes/+layout.ts loads no messages: where does the first screen get its words?');
  const groups = [...call[1].matchAll(/'([\w-]+)'/g)].map((m) => m[1]);
  const bilingualList = /BILINGUAL_GROUPS[^=]*=\s*new Set\(\[([^\]]*)\]/.exec(readFileSync(join(root, 'src/lib/i18n/groups.ts'), 'utf8'));
  const bilingual = new Set([...(bilingualList?.[1] ?? '').matchAll(/'([\w-]+)'/g)].map((m) => m[1]));
  return groups.flatMap((g) => (bilingual.has(g) ? ['fr', 'en'] : ['fr']).map((lang) => `src/lib/i18n/messages/${lang}/${g}.ts`));
}

/**
 * Measures the build in `buildDir` (the project's .svelte-kit output beside it is read too).
 * @param {string} buildDir
 */
export async function benchPwa(buildDir = 'build') {
  const build = resolve(buildDir);
  const root = dirname(build);
  const urls = precacheUrls(readFileSync(join(build, 'sw.js'), 'utf8'));
  const precacheBytes = urls.reduce((sum, url) => sum + statSync(join(build, url)).size, 0);

  const manifest = JSON.parse(readFileSync(join(root, '.svelte-kit/output/client/.vite/manifest.json'), 'utf8'));
  const generatedApp = readFileSync(join(root, '.svelte-kit/generated/client-optimized/app.js'), 'utf8');
  const entries = Object.keys(manifest).filter((k) => manifest[k].isEntry && /^entry\/(start|app)$/.test(manifest[k].name ?? ''));
  const nodes = nodesFor(generatedApp, '/').map((n) => `.svelte-kit/generated/client-optimized/nodes/${n}.js`);
  const chunks = staticClosure(manifest, [...entries, ...nodes, ...firstScreenMessages(root, manifest)]);
  const files = chunks.map((c) => {
    const bytes = readFileSync(join(build, c.file));
    return { file: c.file, bytes: bytes.length, gzip: gzipSync(bytes).length };
  });
  const css = [...new Set(chunks.flatMap((c) => c.css ?? []))].map((file) => gzipSync(readFileSync(join(build, file))).length);
  const gzip = files.reduce((s, f) => s + f.gzip, 0);

  return {
    precache: { count: urls.length, bytes: precacheBytes, kB: kB(precacheBytes) },
    firstLoadJs: {
      files: files.length,
      bytes: files.reduce((s, f) => s + f.bytes, 0),
      gzipBytes: gzip,
      gzipKB: kB(gzip),
      budgetKB: kB(FIRST_LOAD_JS_BUDGET_GZIP),
      withinBudget: gzip <= FIRST_LOAD_JS_BUDGET_GZIP,
      largest: files
        .sort((a, b) => b.gzip - a.gzip)
        .slice(0, 5)
        .map((f) => ({ file: f.file, gzipKB: kB(f.gzip) }))
    },
    firstLoadCssGzipKB: kB(css.reduce((s, n) => s + n, 0))
  };
}
