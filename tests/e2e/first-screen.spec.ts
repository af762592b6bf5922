// Opening a workspace shows its first screen (src/lib/store/firstScreen.ts, saved after changes)
// before anything large is read. The read of the update log (store/persistence.ts) is held back
// 3 s here, as on a slow phone disk with years of invoices: « Aujourd'hui » and Documents show their real first
// rows meanwhile, the other pages wait, and everything works once the workspace is loaded.
import { expect, test, type Page } from '@playwright/test';
import { addLines, createClient, createWorkspace, euros, issueOpenDraft, pinClock } from './helpers';

/** Holds back the answer to every read of the whole update log by `ms` (the read itself happens at once). */
async function slowLog(page: Page, ms: number): Promise<void> {
  await page.addInitScript((delay) => {
    const getAll = IDBObjectStore.prototype.getAll;
    IDBObjectStore.prototype.getAll = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['getAll']>) {
      const request = getAll.apply(this, args);
      if (this.name !== 'updates') return request;
      const late = { result: undefined as unknown, error: null as DOMException | null, onsuccess: null as ((e: unknown) => void) | null, onerror: null as ((e: unknown) => void) | null };
      request.onsuccess = () =>
        setTimeout(() => {
          late.result = request.result;
          late.onsuccess?.({ target: late });
        }, delay);
      request.onerror = () => {
        late.error = request.error;
        late.onerror?.({ target: late });
      };
      return late as unknown as IDBRequest;
    };
  }, ms);
}

/** The first screen stored for the open workspace (null until one was saved). */
const storedFirstScreen = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<unknown>((resolve) => {
        const open = indexedDB.open(`relance-ws-${localStorage.getItem('relance.current')}`);
        open.onsuccess = () => {
          const get = open.result.transaction('custom', 'readonly').objectStore('custom').get('firstScreen');
          get.onsuccess = () => {
            open.result.close();
            resolve(typeof get.result === 'string' ? JSON.parse(get.result) : null);
          };
        };
      })
  );

test('the first screen shows at once, real rows and figures, while the workspace loads; then everything works', async ({ context }) => {
  const DAY = '2026-06-15T09:00:00+02:00';
  let page = await context.newPage();
  await pinClock(page, DAY);
  await createWorkspace(page);
  const clientId = await createClient(page, { name: 'Boulangerie Martin', siren: '732829320', email: 'compta@boulangerie-martin.fr' });
  await page.getByTestId('client-new-invoice').click();
  // 2 × 500 € HT + 20 % = 1 200 € TTC, due on receipt, never sent: « Envoyer la facture » today.
  await addLines(page, [{ description: 'Conception de la carte de fidélité', quantity: '2', price: '500,00', vatBp: 2000 }]);
  await issueOpenDraft(page);
  await page.goto('/');
  await expect(page.getByTestId('chase-item')).toHaveCount(1);
  // Saved a moment after the last change, with today's list.
  await expect
    .poll(async () => {
      const saved = (await storedFirstScreen(page)) as { documents: { count: number }; chase: { count: number } | null } | null;
      return saved ? [saved.documents.count, saved.chase?.count ?? null] : null;
    }, { timeout: 10_000 })
    .toEqual([1, 1]);
  await page.close();

  page = await context.newPage();
  await pinClock(page, DAY);
  await slowLog(page, 3_000);
  await page.goto('/');
  const item = page.locator(`[data-testid="chase-item"][data-client="${clientId}"]`);
  // Within the 3 s: the list as saved today, the figures, the loading notes; no actions yet.
  await expect(item.getByTestId('chase-step')).toHaveText('Envoyer la facture', { timeout: 2_000 });
  await expect(item.getByTestId('chase-amount')).toHaveText(euros('1 200,00 €'));
  await expect(page.getByTestId('stat-outstanding')).toContainText(euros('1 200,00 €'));
  await expect(page.getByTestId('chase-loading')).toBeVisible();
  await expect(page.locator('main p.loading')).toBeVisible();
  await expect(item.getByTestId('chase-send-invoice')).toHaveCount(0);
  await expect(page.locator('.company')).toHaveText('Atelier Dupont');

  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Documents' }).click();
  await expect(page.getByTestId('doc-row')).toHaveCount(1, { timeout: 1_000 });
  await expect(page.getByTestId('doc-row')).toHaveAttribute('data-number', 'F-2026-A-0001');
  await expect(page.getByTestId('doc-count')).toHaveText('1 document');
  await expect(page.locator('main p.loading')).toBeVisible();
  // A page the first screen does not hold waits for the workspace rather than showing it empty.
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Clients' }).click();
  await expect(page.getByText('Aucun client')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Boulangerie Martin' })).toBeVisible({ timeout: 10_000 });

  // Loaded: the list has its actions, and writes work.
  await page.goto('/');
  await expect(page.locator('main p.loading')).toHaveCount(0, { timeout: 10_000 });
  await expect(item.getByTestId('chase-send-invoice')).toBeVisible();
});

/** Notes whether the first row of `selector` to appear was the first paint's (src/app.html), its text and its CSS display (styled by the page's own stylesheet). */
async function watchFirstRow(page: Page, selector: string): Promise<void> {
  await page.addInitScript((sel) => {
    const w = window as unknown as { __firstRow?: { fromPaint: boolean; text: string; display: string } };
    new MutationObserver((_, observer) => {
      const row = document.querySelector(sel);
      if (!row || w.__firstRow) return;
      w.__firstRow = { fromPaint: Boolean(row.closest('#relance-first-paint')), text: row.textContent ?? '', display: getComputedStyle(row).display };
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  }, selector);
}

const firstRow = (page: Page) => page.waitForFunction(() => (window as unknown as { __firstRow?: { fromPaint: boolean; text: string; display: string } }).__firstRow).then((h) => h.jsonValue());

test('the page last shown is painted before the app starts, then replaced by the app; never another day', async ({ context }) => {
  const DAY = '2026-06-15T09:00:00+02:00';
  let page = await context.newPage();
  await pinClock(page, DAY);
  await createWorkspace(page);
  await createClient(page, { name: 'Boulangerie Martin', siren: '732829320', email: 'compta@boulangerie-martin.fr' });
  await page.getByTestId('client-new-invoice').click();
  await addLines(page, [{ description: 'Conception de la carte de fidélité', quantity: '2', price: '500,00', vatBp: 2000 }]);
  await issueOpenDraft(page);
  await page.goto('/documents');
  await expect(page.getByTestId('doc-row')).toHaveCount(1);
  // Drawn a moment after the page shows, with the first screen it shows.
  await expect
    .poll(() => page.evaluate(() => (JSON.parse(localStorage.getItem('relance.firstPaint:/documents') ?? 'null') as { html: string } | null)?.html ?? null), { timeout: 10_000 })
    .toContain('F-2026-A-0001');
  await page.close();

  // Reopened the same day, the log held back 3 s: the row is on screen before the app runs,
  // inert; the app then shows its own (from the first screen, still loading), the paint gone.
  page = await context.newPage();
  await pinClock(page, DAY);
  await slowLog(page, 3_000);
  await watchFirstRow(page, '[data-testid="doc-row"]');
  await page.goto('/documents');
  const row = await firstRow(page);
  expect(row?.fromPaint).toBe(true);
  expect(row?.text).toContain('F-2026-A-0001');
  expect(row?.text).toContain('Boulangerie Martin');
  // Styled from the start: the Documents page's own grid (its stylesheet is not in index.html).
  expect(row?.display).toBe('grid');
  await expect(page.locator('#relance-first-paint')).toHaveCount(0);
  await expect(page.getByTestId('doc-row')).toHaveCount(1);
  await expect(page.locator('main p.loading')).toBeVisible();
  await expect(page.getByTestId('doc-row')).toHaveAttribute('data-number', 'F-2026-A-0001');
  await expect(page.locator('main p.loading')).toHaveCount(0, { timeout: 10_000 });
  await page.close();

  // The next day its dates and statuses would be wrong: the app's own rows come first.
  page = await context.newPage();
  await pinClock(page, '2026-06-16T09:00:00+02:00');
  await watchFirstRow(page, '[data-testid="doc-row"]');
  await page.goto('/documents');
  expect((await firstRow(page))?.fromPaint).toBe(false);
  await expect(page.getByTestId('doc-row')).toHaveAttribute('data-number', 'F-2026-A-0001');
});
