// The installed app: installable by Chromium's own check, every screen offline after one visit,
// an update applied on the user's click and never over unsaved input, backup and restore across
// browser profiles with bad files refused, and two tabs kept in step.
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serveStatic } from '../../sync-server/static';
import { buildServiceWorker } from '../../scripts/build-sw.mjs';
import { addLines, createClient, createWorkspace, euros, issueOpenDraft, pinClock } from './helpers';
import { SCHEMA_VERSION } from '../../src/lib/store/schema';

const NOW = '2026-11-23T10:00:00+01:00';
const BUILD = resolve('build');

test.beforeEach(async ({ page }) => {
  await pinClock(page, NOW);
});

/** Resolves once a service worker controls the page (it has precached the whole app by then). */
async function controlled(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
}

/** Creates an invoice for the client whose page is open, issues it, returns its page's path. */
async function issueInvoice(page: Page, lines: Parameters<typeof addLines>[1]): Promise<string> {
  await page.getByTestId('client-new-invoice').click();
  await expect(page.getByTestId('add-line')).toBeVisible();
  await addLines(page, lines);
  await issueOpenDraft(page);
  return new URL(page.url()).pathname;
}

/** Width and height written in a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('Chromium finds the app installable: manifest, icons at their sizes, a controlling service worker', async ({ playwright, baseURL }, testInfo) => {
  // Chromium never calls an app installable in an incognito-like context: use a real profile.
  const profile = mkdtempSync(join(tmpdir(), 'relance-install-'));
  const context = await playwright.chromium.launchPersistentContext(profile, {
    ...testInfo.project.use.launchOptions,
    baseURL,
    locale: 'fr-FR'
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    await controlled(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    const { errors } = await cdp.send('Page.getAppManifest');
    expect(errors).toEqual([]);

    const manifest = await (await page.request.get('/manifest.webmanifest')).json();
    expect(manifest).toMatchObject({ name: 'Relance — facturation et relances', short_name: 'Relance', lang: 'fr', display: 'standalone', start_url: '/', scope: '/' });
    const pngs = (manifest.icons as { src: string; sizes: string; type: string; purpose: string }[]).filter((i) => i.type === 'image/png');
    expect(pngs.map((i) => `${i.sizes} ${i.purpose}`).sort()).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
    for (const icon of pngs) {
      const [width, height] = icon.sizes.split('x').map(Number);
      expect(pngSize(await (await page.request.get(icon.src)).body()), icon.src).toEqual({ width, height });
    }
    // The worker file is revalidated on every check, never served from a stale HTTP cache.
    expect((await page.request.get('/manifest.webmanifest')).headers()['content-type']).toContain('application/manifest+json');
    const sw = await page.request.get('/sw.js');
    expect(sw.headers()['cache-control']).toBe('no-cache');
    expect(sw.headers()['content-type']).toContain('javascript');
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('after one visit every screen opens offline, even after a reload; what is made offline stays', async ({ page, context }) => {
  await createWorkspace(page);
  const clientId = await createClient(page, { name: 'Boulangerie Martin', siren: '732829320' });
  const invoicePath = await issueInvoice(page, [{ description: 'Conception de la carte', quantity: '2', price: '450,00', vatBp: 2000 }]);
  await controlled(page);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('doc-number')).toContainText('F-2026-A-0001');
  // Whole navigations (not client-side routing): each is answered by the service worker.
  const pages: [string, string][] = [
    ['/', 'Aujourd’hui'],
    ['/documents', 'Documents'],
    ['/clients', 'Clients'],
    ['/clients/new', 'Nouveau client'],
    [`/clients/${clientId}`, 'Boulangerie Martin'],
    ['/payments', 'Paiements'],
    ['/payments/new', 'Enregistrer un paiement'],
    ['/catalog', 'Catalogue'],
    ['/settings', 'Réglages'],
    [invoicePath, 'Facture']
  ];
  for (const [path, heading] of pages) {
    await page.goto(path);
    await expect(page.locator('h1').first(), path).toContainText(heading);
  }

  // Work goes on offline: a client and an invoice.
  await createClient(page, { name: 'Garage hors ligne' });
  const offlineInvoice = await issueInvoice(page, [{ description: 'Révision', quantity: '1', price: '120', vatBp: 2000 }]);
  await expect(page.getByTestId('doc-number')).toContainText('F-2026-A-0002');

  // Closed and reopened, still offline: everything is there.
  await page.reload();
  await expect(page.getByTestId('doc-number')).toContainText('F-2026-A-0002');
  await expect(page.getByTestId('total-ttc')).toHaveText(euros('144,00 €'));
  await page.goto('/clients');
  await expect(page.getByText('Garage hors ligne')).toBeVisible();
  await page.goto('/documents');
  await expect(page.getByTestId('doc-row')).toHaveCount(2);
  expect(offlineInvoice).not.toBe(invoicePath);
  await context.setOffline(false);
});

/**
 * Runs `steps` in a new browser profile against release 1 of the app, served from its own origin;
 * `deployRelease2` then swaps the files for release 2 (a copy of the build whose index.html says
 * so, with its service worker regenerated), as a deployment would.
 */
async function withTwoReleases(browser: Browser, steps: (s: { context: BrowserContext; deployRelease2: () => void }) => Promise<void>) {
  const root = mkdtempSync(join(tmpdir(), 'relance-update-'));
  const v1 = join(root, 'v1');
  const v2 = join(root, 'v2');
  cpSync(BUILD, v1, { recursive: true });
  cpSync(BUILD, v2, { recursive: true });
  const index = join(v2, 'index.html');
  writeFileSync(index, readFileSync(index, 'utf8').replace('<head>', '<head>\n    <meta name="relance-release" content="2" />'));
  await buildServiceWorker(v2);

  let handler = serveStatic(v1);
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  const context = await browser.newContext({ baseURL: `http://127.0.0.1:${port}`, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  try {
    await steps({ context, deployRelease2: () => (handler = serveStatic(v2)) });
  } finally {
    await context.close();
    server.close();
    rmSync(root, { recursive: true, force: true });
  }
}

/** The open app asks the server for a new version now (it does so hourly by itself). */
const checkForUpdate = (page: Page) => page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));

const release = (page: Page) => page.evaluate(() => document.querySelector('meta[name="relance-release"]')?.getAttribute('content') ?? '1');

test('a new version is announced, waits while a form is unsaved, and applies on click', async ({ browser }) => {
  await withTwoReleases(browser, async ({ context, deployRelease2 }) => {
    const page = await context.newPage();
    await pinClock(page, NOW);
    await createWorkspace(page);
    await controlled(page);
    expect(await release(page)).toBe('1');
    await expect(page.getByTestId('update-banner')).toHaveCount(0);

    // Release 2 is deployed; the open app finds it on its next check.
    deployRelease2();
    await checkForUpdate(page);
    const banner = page.getByTestId('update-banner');
    await expect(banner).toBeVisible();
    await expect(banner).toHaveAttribute('role', 'status');
    await expect(banner).toContainText('Nouvelle version disponible');
    await expect(page.getByTestId('update-apply')).toHaveText('Mettre à jour');

    // The user is typing a new client (client-side navigation: the page itself stays).
    await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
    await page.getByTestId('home-new-client').click();
    await page.getByTestId('client-name').fill('Fromagerie Roux');
    await page.getByTestId('update-apply').click();
    await expect(page.getByTestId('update-unsaved')).toContainText('Enregistrez d’abord la fiche client');
    await page.waitForTimeout(1500);
    expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
    await expect(page.getByTestId('client-name')).toHaveValue('Fromagerie Roux');
    expect(await release(page)).toBe('1');

    // « Plus tard » forgets the click: saving the client does not reload either.
    await page.getByTestId('update-later').click();
    await expect(banner).toHaveCount(0);
    await page.getByTestId('client-billing-line1').fill('2 rue Mercière');
    await page.getByTestId('client-billing-postalCode').fill('69002');
    await page.getByTestId('client-billing-city').fill('Lyon');
    await page.getByTestId('client-save').click();
    await expect(page).toHaveURL(/\/clients\/[0-9a-f]{32}$/);
    await page.waitForTimeout(1000);
    expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);

    // Reopened, the old version still runs (and still offers the new one) until the click.
    await page.reload();
    expect(await release(page)).toBe('1');
    await expect(banner).toBeVisible();
    // A second tab is open too.
    const other = await context.newPage();
    await other.goto('/documents');
    await expect(other.getByTestId('update-banner')).toBeVisible();
    await page.bringToFront();
    await Promise.all([page.waitForEvent('load'), page.getByTestId('update-apply').click()]);
    await expect.poll(() => release(page)).toBe('2');
    // The other tab now runs old code under the new worker: it offers a reload, and waits for it.
    expect(await release(other)).toBe('1');
    await other.bringToFront();
    await Promise.all([other.waitForEvent('load'), other.getByTestId('update-apply').click()]);
    await expect.poll(() => release(other)).toBe('2');
    await page.bringToFront();
    await controlled(page);
    const state = await page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return { waiting: r?.waiting !== null, controllerIsActive: navigator.serviceWorker.controller?.scriptURL === r?.active?.scriptURL && r?.active?.state };
    });
    expect(state).toEqual({ waiting: false, controllerIsActive: 'activated' });
    await expect(banner).toHaveCount(0);
    await expect(page.getByText('Fromagerie Roux')).toBeVisible();
  });
});

test('an update clicked while a draft saves applies once everything is saved', async ({ browser }) => {
  await withTwoReleases(browser, async ({ context, deployRelease2 }) => {
    const page = await context.newPage();
    await pinClock(page, NOW);
    await createWorkspace(page);
    await createClient(page, { name: 'Boulangerie Martin' });
    await controlled(page);
    deployRelease2();
    await checkForUpdate(page);
    await expect(page.getByTestId('update-banner')).toBeVisible();

    await page.getByTestId('client-new-invoice').click();
    await addLines(page, [{ description: 'Livraison', quantity: 'deux', price: '35', vatBp: 2000 }]);
    // A quantity that cannot be saved: the update waits.
    await page.getByTestId('update-apply').click();
    await expect(page.getByTestId('update-unsaved')).toContainText('Enregistrez d’abord le brouillon en cours');
    await page.waitForTimeout(1000);
    expect(await release(page)).toBe('1');
    // Corrected, the draft saves itself, and the update follows on its own.
    await Promise.all([page.waitForEvent('load'), page.getByTestId('line-quantity').fill('2')]);
    await expect.poll(() => release(page)).toBe('2');
    await expect(page.getByTestId('line-description')).toHaveValue('Livraison');
    await expect(page.getByTestId('line-quantity')).toHaveValue('2');
  });
});

async function documentRows(page: Page): Promise<string[]> {
  await page.goto('/documents');
  await expect(page.getByTestId('doc-row').first()).toBeVisible();
  return (await page.getByTestId('doc-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()).sort();
}

async function newProfile(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  await pinClock(page, NOW);
  return { context, page };
}

test('backup: exported, restored in a new profile with the same documents; damaged or foreign files refused whole', async ({ page, browser }) => {
  await createWorkspace(page);
  await createClient(page, { name: 'Boulangerie Martin', siren: '732829320' });
  await issueInvoice(page, [
    { description: 'Conception de la carte de fidélité', quantity: '2', price: '450,00', vatBp: 2000 },
    { description: 'Livret de recettes imprimé', quantity: '3', price: '12,50', vatBp: 550 }
  ]);
  await createClient(page, { name: 'Garage Lefèvre' });
  await issueInvoice(page, [{ description: 'Révision', quantity: '1', price: '120', vatBp: 2000 }]);
  const rows = await documentRows(page);
  expect(rows).toHaveLength(2);

  await page.goto('/settings#backup');
  await expect(page.getByTestId('backup-last')).toContainText('Aucune sauvegarde');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-export').click()]);
  expect(download.suggestedFilename()).toBe('Relance-Atelier-Dupont-2026-11-23.relance');
  const file = await download.path();
  const text = readFileSync(file, 'utf8');
  expect(JSON.parse(text)).toMatchObject({ format: 'relance-backup', version: 2, archives: [], schemaVersion: SCHEMA_VERSION });
  await expect(page.getByTestId('backup-last')).toContainText('23/11/2026');

  // Another browser profile, as a new device: restore from the first screen.
  const other = await newProfile(browser);
  try {
    await other.page.goto('/');
    await other.page.getByTestId('backup-import-file').setInputFiles(file);
    await expect(other.page.getByTestId('backup-summary')).toContainText('Atelier Dupont');
    await expect(other.page.getByTestId('backup-summary')).toContainText('clients : 2, documents : 2');
    await other.page.getByTestId('backup-device-name').fill('Tablette');
    await other.page.getByTestId('backup-import-apply').click();
    await expect(other.page.getByRole('navigation', { name: 'Navigation principale' })).toBeVisible();
    expect(await documentRows(other.page)).toEqual(rows);
    await other.page.locator('[data-testid="doc-row"][data-number="F-2026-A-0001"]').click();
    await expect(other.page.getByTestId('total-ttc')).toHaveText(euros('1 119,56 €'));
    // This device numbers in its own series.
    await other.page.goto('/settings#device');
    await expect(other.page.getByTestId('device-series')).toHaveText('B');
  } finally {
    await other.context.close();
  }

  // Bad files, offered to the first profile's workspace: each refused with its reason.
  const yjsAt = text.indexOf('"yjs": "') + 60;
  const flip = (s: string, at: number) => s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1);
  const bad: { name: string; buffer: Buffer; reason: RegExp }[] = [
    { name: 'yjs.relance', buffer: Buffer.from(flip(text, yjsAt)), reason: /somme de contrôle/ },
    { name: 'data.relance', buffer: Buffer.from(text.replace('"name": "Garage Lefèvre"', '"name": "Garage Lefèbvre"')), reason: /somme de contrôle/ },
    { name: 'cut.relance', buffer: Buffer.from(text.slice(0, Math.floor(text.length / 2))), reason: /incomplet/ },
    { name: 'image.png', buffer: readFileSync('static/icons/icon-192.png'), reason: /pas une sauvegarde Relance/ },
    { name: 'export.json', buffer: Buffer.from(JSON.stringify({ invoices: [{ number: 'F-1', total: 12 }] })), reason: /pas une sauvegarde Relance/ }
  ];
  await page.goto('/settings#backup');
  for (const f of bad) {
    await page.getByTestId('backup-import-file').setInputFiles({ name: f.name, mimeType: 'application/octet-stream', buffer: f.buffer });
    await expect(page.getByTestId('backup-error'), f.name).toContainText('Fichier refusé, rien n’a été importé');
    await expect(page.getByTestId('backup-error'), f.name).toContainText(f.reason);
    await expect(page.getByTestId('backup-choice')).toHaveCount(0);
  }
  // Untouched: the same documents, one workspace on this device.
  expect(await documentRows(page)).toEqual(rows);
  expect(await page.evaluate(() => JSON.parse(localStorage.getItem('relance.workspaces') ?? '[]').length)).toBe(1);

  // The sound file merges into its own workspace (nothing new: nothing changes).
  await page.goto('/settings#backup');
  await page.getByTestId('backup-import-file').setInputFiles(file);
  await expect(page.getByTestId('backup-mode-merge')).toBeChecked();
  // A merge first shows what it will change (issue 14), then applies on confirmation.
  await page.getByTestId('backup-import-apply').click();
  await expect(page.getByTestId('merge-summary')).toContainText('0 ajout(s), 0 champ(s) mis à jour, 0 suppression');
  await page.getByTestId('backup-import-apply').click();
  await expect(page.getByTestId('backup-ok')).toContainText('fusionnée');
  expect(await documentRows(page)).toEqual(rows);

  // Or opened as a new workspace on this same device: an independent copy, with its own letter;
  // the original stays one click away.
  await page.goto('/settings#backup');
  await page.getByTestId('backup-import-file').setInputFiles(file);
  await page.getByTestId('backup-mode-new').check();
  await page.getByTestId('backup-import-apply').click();
  await expect(page.getByTestId('backup-ok')).toContainText('restauré');
  await expect(page.getByTestId('backup-ok')).toContainText('série B');
  await expect(page.getByTestId('workspace-row')).toHaveCount(2);
  await expect(page.getByTestId('device-series')).toHaveText('B');
  await page.getByTestId('workspace-open').click();
  await expect(page.getByTestId('device-series')).toHaveText('A');
  expect(await documentRows(page)).toEqual(rows);
});

test('two tabs of one workspace stay in step, and both can issue', async ({ page, context }) => {
  await createWorkspace(page);
  const second = await context.newPage();
  await pinClock(second, NOW);
  await second.goto('/clients');
  await expect(second.getByRole('heading', { level: 1 })).toContainText('Clients');

  // The user works in one tab at a time (the other is in the background, as in a real browser).
  // Written in the first tab, seen in the second without a reload.
  await page.bringToFront();
  await createClient(page, { name: 'Boulangerie Martin' });
  await expect(second.getByText('Boulangerie Martin')).toBeVisible();
  // And the other way round.
  await second.bringToFront();
  await createClient(second, { name: 'Garage Lefèvre' });
  await page.bringToFront();
  await page.goto('/clients');
  await expect(page.getByText('Garage Lefèvre')).toBeVisible();

  // Each tab issues an invoice: two numbers of this device's series, no duplicate.
  await page.getByText('Boulangerie Martin').click();
  await issueInvoice(page, [{ description: 'Pain', quantity: '10', price: '1,20', vatBp: 550 }]);
  await second.bringToFront();
  await issueInvoice(second, [{ description: 'Vidange', quantity: '1', price: '80', vatBp: 2000 }]);
  const numbers = [await page.getByTestId('doc-number').innerText(), await second.getByTestId('doc-number').innerText()];
  expect(numbers.map((n) => n.match(/F-2026-A-\d{4}/)?.[0]).sort()).toEqual(['F-2026-A-0001', 'F-2026-A-0002']);
  for (const tab of [page, second]) {
    await tab.bringToFront();
    await tab.goto('/documents');
    await expect(tab.getByTestId('doc-row')).toHaveCount(2);
  }

  // A third tab opens (from the snapshot) while the first one writes: it misses nothing.
  await page.bringToFront();
  await page.goto('/clients/new');
  await page.getByTestId('client-name').fill('Fromagerie Roux');
  await page.getByTestId('client-billing-line1').fill('2 rue Mercière');
  await page.getByTestId('client-billing-postalCode').fill('69002');
  await page.getByTestId('client-billing-city').fill('Lyon');
  const third = await context.newPage();
  await pinClock(third, NOW);
  await Promise.all([third.goto('/clients'), page.getByTestId('client-save').click()]);
  await expect(third.getByText('Fromagerie Roux')).toBeVisible();
  // And it keeps following both others.
  await second.bringToFront();
  await createClient(second, { name: 'Mairie de Villeurbanne' });
  await expect(third.getByText('Mairie de Villeurbanne')).toBeVisible();
  await page.goto('/clients');
  await expect(page.getByText('Mairie de Villeurbanne')).toBeVisible();
});

test('with no relay and no backup for a month, a gentle reminder leads to the backup', async ({ page }) => {
  await pinClock(page, '2026-10-01T10:00:00+02:00');
  await createWorkspace(page);
  await createClient(page, { name: 'Boulangerie Martin' });
  await issueInvoice(page, [{ description: 'Pain', quantity: '10', price: '1,20', vatBp: 550 }]);
  await page.goto('/');
  await expect(page.getByTestId('backup-reminder')).toHaveCount(0); // a new workspace: nothing yet

  // 53 days later (the later init script wins).
  await pinClock(page, NOW);
  await page.reload();
  const reminder = page.getByTestId('backup-reminder');
  await expect(reminder).toContainText('jamais été sauvegardées');
  // Only on « Aujourd'hui »: a document page leads with the document.
  await page.goto('/documents');
  await expect(page.getByTestId('new-invoice')).toBeVisible();
  await expect(reminder).toHaveCount(0);
  await page.goto('/');
  await reminder.getByTestId('backup-reminder-link').click();
  await expect(page).toHaveURL(/\/settings#backup$/);
  await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-export').click()]);
  await expect(page.getByTestId('backup-exported')).toBeVisible();
  await page.goto('/');
  await expect(page.getByTestId('backup-reminder')).toHaveCount(0);

  // A month after that backup it comes back; « Plus tard » puts it off for a week.
  await pinClock(page, '2026-12-24T10:00:00+01:00');
  await page.reload();
  await expect(reminder).toContainText('la dernière sauvegarde date du 23 novembre 2026');
  await reminder.getByTestId('backup-reminder-dismiss').click();
  await expect(reminder).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Aujourd’hui');
  await expect(reminder).toHaveCount(0);
});

test('install button only when the browser offers it; storage state and usage in settings', async ({ page }) => {
  await createWorkspace(page);
  // Persistent storage is not asked at setup, but once there is real data.
  expect(await page.evaluate(() => localStorage.getItem('relance.persistAsked'))).toBeNull();
  await createClient(page, { name: 'Boulangerie Martin' });
  await expect.poll(() => page.evaluate(() => localStorage.getItem('relance.persistAsked'))).not.toBeNull();

  await page.goto('/settings#app');
  await expect(page.getByTestId('install-app')).toHaveCount(0);
  await expect(page.getByTestId('install-manual')).toContainText('Sur l’écran d’accueil');
  await expect(page.getByTestId('storage-persisted')).toHaveAttribute('data-persisted', /^(true|false)$/);
  await expect(page.getByTestId('storage-usage')).toHaveText(/^[\d,]+\u00a0(octets|Ko|Mo|Go) utilisés sur [\d,]+\u00a0(Ko|Mo|Go|To) disponibles$/);

  // The browser offers installation (the event Chromium fires when the app is installable).
  await page.evaluate(() => {
    const offer = new Event('beforeinstallprompt', { cancelable: true });
    Object.assign(offer, {
      prompt: () => {
        (window as unknown as { prompted: boolean }).prompted = true;
        return Promise.resolve();
      },
      userChoice: Promise.resolve({ outcome: 'dismissed' })
    });
    window.dispatchEvent(offer);
  });
  await expect(page.getByTestId('install-app')).toHaveText('Installer l’application');
  await expect(page.getByTestId('install-app-header')).toBeVisible();
  await page.getByTestId('install-app').click();
  expect(await page.evaluate(() => (window as unknown as { prompted?: boolean }).prompted)).toBe(true);
  // An offer is used once; dismissed, the button goes until the browser offers again.
  await expect(page.getByTestId('install-app')).toHaveCount(0);
  await expect(page.getByTestId('install-app-header')).toHaveCount(0);
  await page.evaluate(() => window.dispatchEvent(new Event('appinstalled')));
  await expect(page.getByTestId('app-installed')).toContainText('Relance est installée');
});
