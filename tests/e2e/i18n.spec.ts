// Messages load by group and language (src/lib/i18n/groups.ts): a cold visit downloads the French
// core only, each screen its own groups, a language switch the other language's tables before the
// text changes — and no screen, in either language, ever shows a message key instead of words.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, createWorkspace, issueInvoiceFor } from './helpers';

// The service worker would answer from its cache, out of page.route's reach: the network is watched.
test.use({ serviceWorkers: 'block' });

const root = process.cwd();
const manifest = JSON.parse(readFileSync(join(root, '.svelte-kit/output/client/.vite/manifest.json'), 'utf8')) as Record<string, { file: string; src?: string }>;
/** Built chunk path → 'fr/core'. */
const groupOfChunk = new Map<string, string>(
  Object.values(manifest).flatMap((c) => {
    const m = /src\/lib\/i18n\/messages\/(fr|en)\/([\w-]+)\.ts$/.exec(c.src ?? '');
    return m ? [[`/${c.file}`, `${m[1]}/${m[2]}`] as [string, string]] : [];
  })
);
const messagesDir = join(root, 'src/lib/i18n/messages/fr');
// Dotted keys only: a key like 'optional' is also an English word.
const allKeys = readdirSync(messagesDir)
  .flatMap((f) => [...readFileSync(join(messagesDir, f), 'utf8').matchAll(/^\s*'([^']+)':/gm)].map((m) => m[1]))
  .filter((k) => k.includes('.'));

/** The message groups the page downloads, as 'fr/core', in order. */
function trackMessages(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    const group = groupOfChunk.get(new URL(r.url()).pathname);
    if (group) seen.push(group);
  });
  return seen;
}

/** Records, at every change of the page, any message key its text shows (window.__keysShown). */
async function watchForKeys(page: Page): Promise<void> {
  await page.addInitScript((keys) => {
    const known = new Set(keys);
    const shown = new Set<string>();
    (window as unknown as { __keysShown: Set<string> }).__keysShown = shown;
    const check = () => {
      for (const word of (document.body?.innerText ?? '').split(/[\s,;:()«»!?"'’]+/)) {
        const w = word.replace(/[.…]+$/, '');
        if (known.has(w)) shown.add(w);
      }
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
  }, allKeys);
}

const keysShown = (page: Page) => page.evaluate(() => [...(window as unknown as { __keysShown: Set<string> }).__keysShown]);

test('each screen downloads its own groups in one language; a switch waits for the other; no key ever shows', async ({ page }) => {
  test.setTimeout(180_000);
  expect(groupOfChunk.size).toBeGreaterThan(40); // every group in both languages, found in the build
  await watchForKeys(page);
  await createWorkspace(page);
  const clientId = await createClient(page, { name: 'Boulangerie Martin', email: 'compta@martin.fr' });
  await issueInvoiceFor(page, 'Boulangerie Martin', '1200');
  const invoiceUrl = new URL(page.url()).pathname;
  expect(invoiceUrl).toMatch(/^\/documents\/.+/);

  // A cold visit of « Aujourd'hui »: the French core, and the few words shown in a client's language in both.
  const loaded = trackMessages(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Aujourd’hui');
  expect(new Set(loaded)).toEqual(new Set(['fr/core', 'fr/client', 'en/client']));

  // Another screen brings its own groups, still in French only.
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Clients' }).click();
  await expect(page.getByTestId('client-row')).toContainText('Boulangerie Martin');
  expect(loaded).toEqual(expect.arrayContaining(['fr/clients', 'fr/common']));
  expect(loaded.filter((g) => g.startsWith('en/') && g !== 'en/client')).toEqual([]);

  // Switching to English while its tables download slowly: the French text stays until they arrive.
  await page.route(
    (url) => groupOfChunk.get(url.pathname)?.startsWith('en/') ?? false,
    async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    }
  );
  await page.getByTestId('lang-switch').click();
  await page.waitForTimeout(300);
  await expect(page.getByRole('navigation', { name: 'Navigation principale' })).toContainText('Paiements');
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toContainText('Payments');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // Every group used so far, now in English too.
  expect(loaded).toEqual(expect.arrayContaining(['en/core', 'en/clients', 'en/common']));
  await page.unroute(() => true);
  expect(await keysShown(page)).toEqual([]);

  // Every screen, opened cold in English then in French, shows words and never a key.
  const urls = [
    '/',
    '/dashboard',
    '/dashboard/revue',
    '/documents',
    '/documents/recurring',
    invoiceUrl,
    '/clients',
    '/clients/new',
    `/clients/${clientId}`,
    `/clients/${clientId}/edit`,
    `/clients/${clientId}/recouvrement`,
    '/payments',
    '/payments/new',
    '/catalog',
    '/settings',
    '/settings/appareils',
    '/settings/relances'
  ];
  for (const [lang, navName] of [
    ['en', 'Main navigation'],
    ['fr', 'Navigation principale']
  ] as const) {
    if (lang === 'fr') await page.getByTestId('lang-switch').click();
    await expect(page.getByRole('navigation', { name: navName })).toBeVisible();
    for (const url of urls) {
      await page.goto(url);
      await expect(page.getByRole('navigation', { name: navName })).toBeVisible();
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      expect(await keysShown(page), `${url} in ${lang}`).toEqual([]);
    }
  }

  // A cold visit in English downloads no French table but the client-language words.
  await page.getByTestId('lang-switch').click();
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
  loaded.length = 0;
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Today');
  expect(new Set(loaded)).toEqual(new Set(['en/core', 'en/client', 'fr/client']));
});
