// Writes build/sw.js after `vite build` (part of `npm run build`): a Workbox service worker that
// precaches the whole built app with a revision per file, so every screen opens with no network
// after one visit, and answers every navigation with the SPA's index.html.
//
// An update never takes over by itself (skipWaiting: false): the page shows « Nouvelle version
// disponible » and the new worker activates when the user clicks (src/lib/pwa/serviceWorker.ts).
// clientsClaim: the very first worker controls the page at once (nothing to replace yet).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateSW } from 'workbox-build';

/** Server paths that are never cached nor answered by the service worker: the relay's own. */
export const NETWORK_ONLY = /^\/(sync|healthz|metrics)(\/|$)/;

/**
 * Generates `<buildDir>/sw.js` for the app built in `buildDir`.
 * @param {string} buildDir
 * @returns {Promise<{ count: number, size: number, warnings: string[] }>}
 */
export async function buildServiceWorker(buildDir) {
  const { count, size, warnings } = await generateSW({
    globDirectory: buildDir,
    globPatterns: ['**/*'],
    globIgnores: [
      'sw.js',
      'workbox-*.js',
      '**/*.map',
      // Precompressed copies (scripts/precompress.mjs) are the server's business, not the cache's.
      '**/*.br',
      '**/*.gz',
      // SvelteKit's own "is there a new version" probe: it must reach the network.
      '_app/version.json'
    ],
    swDest: join(buildDir, 'sw.js'),
    // One file: nothing else to serve or to keep in step with sw.js.
    inlineWorkboxRuntime: true,
    sourcemap: false,
    mode: 'production',
    // Hashed file names are their own revision.
    dontCacheBustURLsMatching: /^_app\/immutable\//,
    // Fonts embedded in PDFs and similar large assets are part of "the whole app" too.
    maximumFileSizeToCacheInBytes: 20 * 1024 * 1024,
    navigateFallback: '/index.html',
    navigateFallbackDenylist: [NETWORK_ONLY],
    cleanupOutdatedCaches: true,
    clientsClaim: true,
    skipWaiting: false
  });
  return { count, size, warnings };
}

// Run directly: node scripts/build-sw.mjs [buildDir]
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const buildDir = resolve(process.argv[2] ?? join(root, 'build'));
  const { count, size, warnings } = await buildServiceWorker(buildDir);
  for (const w of warnings) console.warn(`build-sw: ${w}`);
  console.log(`build-sw: ${join(buildDir, 'sw.js')} precaches ${count} files, ${(size / 1024).toFixed(1)} KiB`);
}
