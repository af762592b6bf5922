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
  await expect(count).toContainText(/\d/);
  const total = Number((await count.textContent())!.replace(/\D/g, ''));
  expect(total).toBeGreaterThan(10_000);
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
