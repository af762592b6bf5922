import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  plugins: [sveltekit()],
  // Written into backups, so a file says which version of Relance made it.
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  preview: { port: 8787, strictPort: true },
  test: {
    include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/sync/**/*.test.ts'],
    environment: 'node',
    // Every message group installed synchronously (the app loads them lazily, per screen).
    setupFiles: ['tests/unit/setupMessages.ts']
  }
});
