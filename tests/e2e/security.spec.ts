// The app under its own Content-Security-Policy, in a real Chromium: loading, the service worker,
// the logo, the PDF preview (a blob: frame), sharing through the relay (WebSocket to self) and the
// invite QR code run without a single CSP violation. And a relay closed to new workspaces: the
// sharing screen asks for the registration code and links once it is right.
import { expect, test, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { addLines, createWorkspace, issueOpenDraft, pinClock } from './helpers';
import { createFullClient } from './pdfHelpers';
import { share, synced } from './devices';

const NOW = '2026-11-23T10:00:00+01:00';
// 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** Records every CSP violation of the page and of its frames (events and console reports). */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('console', (m) => {
    if (/Content.Security.Policy|CSP violation/i.test(m.text())) seen.push(m.text());
  });
  page.on('pageerror', (e) => {
    if (/Content.Security.Policy|unsafe-eval/i.test(e.message)) seen.push(e.message);
  });
  return seen;
}

test('nothing the app does breaks under its Content-Security-Policy', async ({ page }) => {
  test.setTimeout(120_000);
  await pinClock(page, NOW);
  const violations = await watchViolations(page);
  const response = await page.goto('/');
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self' 'sha256-");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-eval');
  expect(response?.headers()['x-frame-options']).toBe('DENY');

  await createWorkspace(page);
  // The service worker registers and takes control under worker-src 'self'.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });

  // The logo: a data: URL shown in the settings.
  await page.goto('/settings');
  await page.getByTestId('logo-file').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG });
  await expect(page.getByTestId('logo-preview')).toBeVisible();

  // The PDF: generated in the page (jsPDF without eval) and previewed in a blob: frame.
  await createFullClient(page, { name: 'Boulangerie Martin', siren: '732829320', billing: { line1: '3 place du Marché', postalCode: '13001', city: 'Marseille' } });
  await page.getByTestId('client-new-invoice').click();
  await addLines(page, [{ description: 'Révision annuelle', quantity: '1', price: '120', vatBp: 2000 }]);
  await issueOpenDraft(page);
  await page.getByTestId('pdf-preview').click();
  await expect(page.getByTestId('pdf-preview-frame')).toHaveAttribute('src', /^blob:/);
  await page.waitForTimeout(1_000);
  await page.getByTestId('pdf-preview-close').click();

  // Sharing: /sync HTTP calls and the WebSocket to this origin, then the invite's QR code image.
  await share(page);
  await synced(page);
  await expect(page.getByTestId('invite-qr')).toBeVisible();
  expect(violations).toEqual([]);

  // The watcher does see violations: an image from elsewhere (what a synced logo URL would be)
  // is refused by img-src and reported.
  await page.evaluate(() => {
    const img = new Image();
    img.src = 'https://tracker.example/logo.png';
    document.body.append(img);
  });
  await expect.poll(() => violations.join('\n')).toContain('tracker.example');
});

/** A port nobody uses right now. */
function freePort(): Promise<number> {
  return new Promise((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

test('a relay closed to new workspaces: the sharing screen asks for the registration code, says when it is wrong, links when it is right; a relay that lost the workspace takes a new code', async ({ browser }) => {
  test.setTimeout(90_000);
  const root = resolve('.');
  const dataDir = mkdtempSync(join(tmpdir(), 'relance-closed-'));
  const port = await freePort();
  let relay: ChildProcess | undefined;
  try {
    const admin = (...args: string[]) =>
      spawnSync(process.execPath, ['sync-server/dist/admin.js', ...args], { cwd: root, env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' });
    const issued = admin('code', '--uses', '1');
    expect(issued.status).toBe(0);
    const code = issued.stdout.trim();
    const start = async () => {
      const child = spawn(process.execPath, ['sync-server/dist/server.js'], {
        cwd: root,
        env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, RELAY_OPEN_REGISTRATION: 'false' },
        stdio: ['ignore', 'pipe', 'pipe']
      });
      await new Promise<void>((done, fail) => {
        child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('"listening"') && done());
        child.once('exit', (c) => fail(new Error(`relay exited with ${c}`)));
      });
      return child;
    };
    const stop = async (child: ChildProcess) => {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    };
    relay = await start();

    const context = await browser.newContext({ baseURL: `http://127.0.0.1:${port}`, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    const page = await context.newPage();
    await pinClock(page, NOW);
    await createWorkspace(page);
    await page.goto('/settings/appareils');
    await page.getByTestId('share-submit').click();
    await expect(page.getByTestId('share-error')).toContainText('qu’avec un code d’inscription');
    const field = page.getByLabel('Code d’inscription fourni par l’administrateur du relais');
    await expect(field).toBeVisible();

    await page.getByTestId('share-submit').click();
    await expect(page.getByText('Saisissez le code d’inscription.')).toBeVisible();
    await field.fill('RLC-0000-0000-0000-0000');
    await page.getByTestId('share-submit').click();
    await expect(page.getByTestId('share-error')).toContainText('n’est pas valable sur ce relais');

    // Typed in lower case with spaces: the same code.
    await field.fill(` ${code.toLowerCase().replace(/-/g, ' ')} `);
    await page.getByTestId('share-submit').click();
    await expect(page.getByTestId('invite-qr')).toBeVisible({ timeout: 20_000 });
    await synced(page);
    expect(JSON.parse(admin('codes', '--json').stdout)).toMatchObject([{ uses: 1, usesLeft: 0 }]);

    // The relay loses the workspace (the operator removed it, or a restore predates it): the
    // device says so and takes a new code; its copy goes back up.
    const workspaceId = await page.evaluate(() => localStorage.getItem('relance.current'));
    await stop(relay);
    expect(admin('remove', workspaceId!).status).toBe(0);
    const second = admin('code').stdout.trim();
    relay = await start();
    await page.goto('/settings/appareils');
    await expect(page.getByTestId('share-code-submit')).toBeVisible({ timeout: 30_000 });
    await page.getByTestId('share-code').fill(second);
    await page.getByTestId('share-code-submit').click();
    await synced(page);
    expect(JSON.parse(admin('list', '--json').stdout)).toMatchObject([{ id: workspaceId }]);
    await context.close();
  } finally {
    if (relay && relay.exitCode === null) {
      const exited = new Promise((done) => relay!.once('exit', done));
      relay.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
});
