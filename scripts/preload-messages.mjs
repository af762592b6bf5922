// After `vite build` (part of `npm run build`): lets build/index.html fetch the message tables
// every screen waits for (the layout's groups, src/routes/+layout.ts) together with the app's own
// code, instead of only once the layout's load has run — one wave of downloads less before the
// first screen. Their file names are only known after the build, hence a step here; which
// language is read at run time (the one the user chose, src/lib/i18n/index.svelte.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The layout's groups: `core` in the interface's language, `client` in both (it follows the client's). */
const BY_LANGUAGE = ['core'];
const BOTH = ['client'];

/**
 * Adds the preloading script to `<buildDir>/index.html`, from vite's manifest in `clientDir`.
 * @param {string} buildDir
 * @param {string} clientDir
 */
export function preloadMessages(buildDir, clientDir) {
  const manifest = JSON.parse(readFileSync(join(clientDir, '.vite/manifest.json'), 'utf8'));
  /** @param {string} lang @param {string} group */
  const file = (lang, group) => {
    const entry = manifest[`src/lib/i18n/messages/${lang}/${group}.ts`];
    if (!entry) throw new Error(`preload-messages: no chunk for ${lang}/${group}`);
    return `/${entry.file}`;
  };
  const files = {
    fr: [...BY_LANGUAGE.map((g) => file('fr', g)), ...BOTH.flatMap((g) => [file('fr', g), file('en', g)])],
    en: [...BY_LANGUAGE.map((g) => file('en', g)), ...BOTH.flatMap((g) => [file('fr', g), file('en', g)])]
  };
  const script =
    '<script>(function(){var l="fr";try{if(localStorage.getItem("relance.locale")==="en")l="en"}catch(e){}' +
    `var f=${JSON.stringify(files)}[l];` +
    'for(var i=0;i<f.length;i++){var k=document.createElement("link");k.rel="modulepreload";k.href=f[i];document.head.appendChild(k)}})()</script>';
  const path = join(buildDir, 'index.html');
  const html = readFileSync(path, 'utf8');
  if (!html.includes('</head>')) throw new Error('preload-messages: no </head> in index.html');
  writeFileSync(path, html.replace('</head>', `${script}\n</head>`));
  return files;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const files = preloadMessages(resolve('build'), resolve('.svelte-kit/output/client'));
  console.log(`preload-messages: index.html preloads ${files.fr.length} message tables`);
}
