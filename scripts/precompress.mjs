// Writes `<file>.br` and `<file>.gz` beside each text file of the build over 1 kB (part of
// `npm run build`, after the service worker): the relay serves them to clients that accept them
// (sync-server/static.ts) instead of compressing on every request. Runs after build-sw.mjs on
// purpose: the precompressed copies must not enter the service worker's precache list.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** Extensions compressed: text, and the PDF fonts (TrueType is not compressed; PNG and woff2 are). */
export const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.webmanifest', '.txt', '.map', '.ttf']);
/** Below this, the headers cost more than compression saves. */
export const MIN_BYTES = 1024;

const br = promisify(brotliCompress);
const gz = promisify(gzip);

/**
 * Every file under `dir`, recursively.
 * @param {string} dir
 * @returns {AsyncGenerator<string>}
 */
async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

/**
 * Compresses every eligible file of `buildDir`; a copy that is not smaller than its source is
 * not kept (the server then sends the original).
 * @param {string} buildDir
 * @returns {Promise<{ files: number, raw: number, br: number, gzip: number }>}
 */
export async function precompress(buildDir) {
  const totals = { files: 0, raw: 0, br: 0, gzip: 0 };
  for await (const file of files(buildDir)) {
    if (!COMPRESSIBLE.has(extname(file).toLowerCase())) continue;
    const info = await stat(file);
    if (info.size < MIN_BYTES) continue;
    const data = await readFile(file);
    const [brotli, gzipped] = await Promise.all([
      br(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
      gz(data, { level: 9 })
    ]);
    totals.files++;
    totals.raw += data.length;
    if (brotli.length < data.length) {
      await writeFile(file + '.br', brotli);
      totals.br += brotli.length;
    }
    if (gzipped.length < data.length) {
      await writeFile(file + '.gz', gzipped);
      totals.gzip += gzipped.length;
    }
  }
  return totals;
}

// Run directly: node scripts/precompress.mjs [buildDir]
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const buildDir = resolve(process.argv[2] ?? join(root, 'build'));
  const t = await precompress(buildDir);
  const kib = (/** @type {number} */ n) => (n / 1024).toFixed(1);
  console.log(`precompress: ${t.files} files, ${kib(t.raw)} KiB → br ${kib(t.br)} KiB, gzip ${kib(t.gzip)} KiB`);
}
