// axe-core over the main pages, empty and with data: no serious or critical violation.
import { expect, test } from '@playwright/test';
import { addLines, createClient, createWorkspace, issueOpenDraft, seriousA11yViolations } from './helpers';

test('first-run page', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('setup-submit')).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
});

test('main pages with data', async ({ page }) => {
  await createWorkspace(page);
  const clientId = await createClient(page, { name: 'Boulangerie Martin', email: 'compta@martin.fr' });
  await page.getByTestId('client-new-invoice').click();
  await addLines(page, [{ description: 'Conseil', quantity: '1', price: '100', vatBp: 2000 }]);
  const draftUrl = page.url();
  expect(await seriousA11yViolations(page), 'draft editor').toEqual([]);
  await issueOpenDraft(page);
  expect(await seriousA11yViolations(page), 'issued invoice').toEqual([]);
  void draftUrl;

  const pages = ['/', '/dashboard', '/documents', '/clients', `/clients/${clientId}`, `/clients/${clientId}/edit`, '/clients/new', '/catalog', '/payments', `/payments/new?client=${clientId}`, '/settings', '/settings/appareils'];
  for (const path of pages) {
    await page.goto(path);
    await expect(page.locator('main h1')).toBeVisible();
    expect(await seriousA11yViolations(page), path).toEqual([]);
  }
});
