// Devices of a shared workspace in a real browser, for the multi-device journeys: each device is
// its own browser context (its own IndexedDB and localStorage), joined through the invite link;
// the e2e web server is the relay itself (same origin, fresh DATA_DIR per run).
//
// `context.setOffline(true)` in Chromium fires 'offline' and makes WebSocket frames stop
// (checked: a socket opened before stays OPEN but nothing more arrives on it). The app does not
// rely on that: on 'offline' it closes its connection itself, and reconnects on 'online'.
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { hkdfSync } from 'node:crypto';
import { pinClock } from './helpers';

export const NOW = '2026-03-10T10:00:00+01:00';

export interface Device {
  context: BrowserContext;
  page: Page;
}

/** A new device: a browser profile of its own, its clock pinned at `at`. */
export async function newDevice(browser: Browser, at = NOW): Promise<Device> {
  const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  return { context, page: await pageOn(context, at) };
}

/** A page of the device whose « today » is `at` (the data stays in the profile). */
export async function pageOn(context: BrowserContext, at: string, previous?: Page): Promise<Page> {
  await previous?.close();
  const page = await context.newPage();
  await pinClock(page, at);
  // A mailto: link must not try to open a mail client: cancel the navigation, the app's own
  // click handler still runs.
  await page.addInitScript(() => {
    document.addEventListener('click', (e) => {
      if ((e.target as Element | null)?.closest?.('a[href^="mailto:"]')) e.preventDefault();
    }, true);
  });
  return page;
}

export const status = (page: Page) => page.getByTestId('sync-status');

export async function synced(page: Page): Promise<void> {
  await expect(status(page)).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });
}

/** Réglages → Partage et appareils → « Relier à ce relais » (the app's own origin); the invite link. */
export async function share(page: Page): Promise<string> {
  await page.goto('/settings/appareils');
  const origin = new URL(page.url()).origin;
  await expect(page.getByTestId('share-relay-url')).toHaveValue(origin);
  await page.getByTestId('share-submit').click();
  await expect(page.getByTestId('invite-qr')).toBeVisible({ timeout: 20_000 });
  await synced(page);
  const link = await page.getByTestId('invite-link').inputValue();
  // Everything after '#': no server ever sees the key.
  const url = new URL(link);
  expect(url.origin + url.pathname).toBe(`${origin}/join`);
  expect(url.search).toBe('');
  expect(url.hash).toMatch(/[#&]k=[0-9a-f]{64}(&|$)/);
  return link;
}

/** Opens the invite on `page`'s device, names it, joins; waits for the workspace. */
export async function join(page: Page, link: string, deviceName: string): Promise<void> {
  await page.goto(link);
  await expect(page.getByTestId('join-company')).toContainText('Atelier Dupont');
  await page.getByTestId('join-device-name').fill(deviceName);
  await page.getByTestId('join-submit').click();
  await expect(page.getByRole('navigation', { name: 'Navigation principale' })).toBeVisible({ timeout: 20_000 });
  await expect(page).toHaveURL(/\/$/);
  // The key is no longer in the address bar.
  expect(page.url()).not.toContain('#');
}

/** This device's series letter, once the relay confirmed it. */
export async function confirmedSeries(page: Page): Promise<string> {
  await page.goto('/settings#device');
  const series = page.getByTestId('device-series');
  await expect(series).toHaveAttribute('data-confirmed', 'true', { timeout: 20_000 });
  return series.innerText();
}

/** Once the service worker controls the page: from then on it opens with the network off. */
export async function controlled(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
}

export const docRow = (page: Page, number: string) => page.locator(`[data-testid="doc-row"][data-number="${number}"]`);

/**
 * The relay access token of a workspace key (src/lib/sync/token.ts), computed independently
 * with Node's HKDF: what the relay accepts instead of the key.
 */
export function relayToken(key: string, workspaceId: string): string {
  return Buffer.from(hkdfSync('sha256', Buffer.from(key, 'hex'), 'relance relay token v1', workspaceId, 32)).toString('hex');
}
