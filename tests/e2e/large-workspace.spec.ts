// A workspace of thousands of invoices (the seeded demo generator, through the real store):
// the documents list renders only the rows in view and stays usable.
import { expect, test } from '@playwright/test';
import { createWorkspace } from './helpers';

test('10 000 invoices: virtualised list, filters and scrolling', async ({ page }) => {
  test.setTimeout(240_000);
  await createWorkspace(page);
  await page.goto('/demo?invoices=10000&seed=3');
  await expect(page.getByTestId('demo-result')).toBeAttached({ timeout: 200_000 });

  await page.goto('/documents');
  const rows = page.getByTestId('doc-row');
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });
  const count = page.getByTestId('doc-count');
  const shown = async () => Number(((await count.textContent()) ?? '').replace(/\D/g, ''));
  // The closed years' archives load behind the editable workspace: every document, once they are in.
  await expect.poll(shown, { timeout: 30_000 }).toBeGreaterThan(10_000);
  const total = await shown();
  // Only the rows in view (plus a margin) are in the DOM.
  expect(await rows.count()).toBeLessThan(80);

  // Scroll to the bottom: the last rows render, still few in the DOM.
  await page.getByRole('region', { name: 'Documents' }).evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(rows.last()).toBeVisible();
  expect(await rows.count()).toBeLessThan(80);

  await page.getByTestId('doc-filter-status').selectOption('overdue');
  await expect(rows.first()).toBeVisible();
  const overdue = Number((await count.textContent())!.replace(/\D/g, ''));
  expect(overdue).toBeGreaterThan(0);
  expect(overdue).toBeLessThan(total);
  for (const badge of await rows.locator('[data-status]').allTextContents()) expect(badge).toBe('En retard');
});

test('closed years move to their archives and still read, after a reload offline too', async ({ page, context }) => {
  test.setTimeout(240_000);
  await createWorkspace(page);
  // Three years of a small business's history: 2024 and 2025 are closed years.
  await page.goto('/demo?invoices=1500&seed=5&years=3');
  await expect(page.getByTestId('demo-result')).toBeAttached({ timeout: 200_000 });
  const result = JSON.parse((await page.getByTestId('demo-result').textContent())!);
  const archived = (result.archives as { year: number; documents: number }[]).reduce((n, a) => n + a.documents, 0);
  expect(result.archives.length).toBeGreaterThanOrEqual(2);
  expect(archived).toBeGreaterThan(result.counts.documents / 4);
  // The live document holds less than the whole workspace did.
  expect(result.liveEncodedBytes).toBeLessThan(result.encodedBytes * 0.8);
  const databases = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
  for (const { year } of result.archives) expect(databases.some((name) => name.endsWith(`~${year}`))).toBe(true);

  const count = page.getByTestId('doc-count');
  const shown = async () => Number(((await count.textContent()) ?? '').replace(/\D/g, ''));
  await page.goto('/documents');
  await expect.poll(shown, { timeout: 30_000 }).toBe(result.counts.documents);
  // An archived document opens like any other: one of the oldest archive's year.
  const oldYear = Math.min(...result.archives.filter((a: { documents: number }) => a.documents > 0).map((a: { year: number }) => a.year));
  await page.getByTestId('doc-search').fill(`-${oldYear}-`);
  const row = page.getByTestId('doc-row').first();
  await expect(row).toBeVisible();
  const number = (await row.getAttribute('data-number'))!;
  expect(number).toContain(String(oldYear));
  await row.click();
  await expect(page.getByTestId('doc-number')).toContainText(number);

  await context.setOffline(true);
  await page.goto('/documents');
  await expect.poll(shown, { timeout: 30_000 }).toBe(result.counts.documents);
  await context.setOffline(false);
});
