import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    // Single-page app: every route is rendered in the browser from index.html.
    adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: true })
  }
};
