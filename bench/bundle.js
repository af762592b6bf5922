// Bundles a TypeScript entry of bench/ for Node with vite (the Svelte plugin for the store's
// runes, the $lib alias) into a temporary directory, so that a benchmark runs the app's own
// source modules without a route in the shipped app. Used by bench/chase.js and bench/pdf.js.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Resolves to the entry's module namespace and `dispose()`, which deletes the bundle. */
export async function importBundled(entry) {
  const { build } = await import('vite');
  const { svelte } = await import('@sveltejs/vite-plugin-svelte');
  const name = basename(entry).replace(/\.ts$/, '');
  const out = mkdtempSync(join(tmpdir(), `relance-${name}-`));
  const dispose = () => rmSync(out, { recursive: true, force: true });
  try {
    await build({
      configFile: false,
      root,
      logLevel: 'warn',
      plugins: [svelte({ compilerOptions: { generate: 'client' } })],
      resolve: { alias: { $lib: resolve(root, 'src/lib') } },
      build: {
        outDir: out,
        emptyOutDir: true,
        minify: false,
        target: 'node20',
        ssr: resolve(root, entry),
        rollupOptions: { output: { entryFileNames: `${name}.mjs` } }
      },
      ssr: { noExternal: true }
    });
    return { module: await import(pathToFileURL(join(out, `${name}.mjs`)).href), dispose };
  } catch (e) {
    dispose();
    throw e;
  }
}
