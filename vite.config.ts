import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { closure, root } from './scripts/importGraph.js';

// What the root layout loads statically: every route loads it, so it is one chunk rather than
// twenty small ones (gzip compresses one file better than many: about 7 kB less on the first visit).
const layoutModules = new Set(
  closure([join(root, 'src/routes/+layout.svelte'), join(root, 'src/routes/+layout.ts')]).filter((f) => !f.includes('/src/routes/'))
);

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  plugins: [sveltekit()],
  // Written into backups, so a file says which version of Relance made it.
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  build: {
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // The runtime of every screen (Svelte, SvelteKit): one chunk too. Not Yjs: it loads after
            // the first screen has painted, with the workspace's core (store/workspaceCore.ts).
            { name: 'vendor', priority: 2, test: /node_modules[\\/](svelte|@sveltejs[\\/]kit|clsx)[\\/]/ },
            { name: 'layout', priority: 1, test: (id: string) => layoutModules.has(id.split('?')[0]) }
          ]
        }
      }
    }
  },
  preview: { port: 8787, strictPort: true },
  test: {
    include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/sync/**/*.test.ts'],
    environment: 'node',
    // Every message group installed synchronously (the app loads them lazily, per screen).
    setupFiles: ['tests/unit/setupMessages.ts']
  }
});
