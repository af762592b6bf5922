// scripts/preload-messages.mjs: build/index.html fetches the layout's message tables with the
// app's code, in the language the user chose.
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { preloadMessages } from '../../scripts/preload-messages.mjs';

function built(groups: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'preload-'));
  mkdirSync(join(dir, 'client/.vite'), { recursive: true });
  const manifest = Object.fromEntries(groups.map((g) => [`src/lib/i18n/messages/${g}.ts`, { file: `_app/immutable/chunks/${g.replace('/', '-')}.js` }]));
  writeFileSync(join(dir, 'client/.vite/manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'index.html'), '<html><head><title>Relance</title></head><body></body></html>');
  return dir;
}

/** Runs the injected script as a page would, with `locale` saved; returns the hrefs it preloads. */
function preloadsFor(html: string, locale: string | null): string[] {
  const script = /<script>(.*)<\/script>/.exec(html)![1];
  const links: { rel: string; href: string }[] = [];
  runInNewContext(script, {
    localStorage: { getItem: () => locale },
    document: { createElement: () => ({ rel: '', href: '' }), head: { appendChild: (l: { rel: string; href: string }) => links.push(l) } }
  });
  expect(links.every((l) => l.rel === 'modulepreload')).toBe(true);
  return links.map((l) => l.href);
}

describe('preload-messages', () => {
  it('preloads core in the chosen language and client in both', () => {
    const dir = built(['fr/core', 'en/core', 'fr/client', 'en/client', 'fr/documents']);
    preloadMessages(dir, join(dir, 'client'));
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html.indexOf('<script>')).toBeLessThan(html.indexOf('</head>'));
    const chunk = (g: string) => `/_app/immutable/chunks/${g}.js`;
    expect(preloadsFor(html, null)).toEqual([chunk('fr-core'), chunk('fr-client'), chunk('en-client')]);
    expect(preloadsFor(html, 'en')).toEqual([chunk('en-core'), chunk('fr-client'), chunk('en-client')]);
  });

  it('fails the build when a group has no chunk, rather than preload nothing', () => {
    const dir = built(['fr/core', 'fr/client', 'en/client']);
    expect(() => preloadMessages(dir, join(dir, 'client'))).toThrow(/en\/core/);
  });
});
