import { expect, test } from '@playwright/test';
import { createClient, createWorkspace } from './helpers';

test('an invalid SIRET gets a message next to the field and nothing is saved', async ({ page }) => {
  await createWorkspace(page);
  await page.goto('/clients/new');
  await page.getByTestId('client-name').fill('Menuiserie Roux');
  // 73282932000074 is valid; changing the last digit breaks its Luhn key.
  await page.getByTestId('client-siren').fill('73282932000075');
  await page.getByTestId('client-billing-city').fill('Grenoble');
  await page.getByTestId('client-save').click();

  const siren = page.getByTestId('client-siren');
  await expect(siren).toHaveAttribute('aria-invalid', 'true');
  const messageId = (await siren.getAttribute('aria-describedby'))!.split(' ').find((id) => id.endsWith('-err'))!;
  await expect(page.locator(`[id="${messageId}"]`)).toContainText('SIRET invalide');
  await expect(page).toHaveURL(/\/clients\/new$/);
  // What was typed is still there, to be corrected.
  await expect(page.getByTestId('client-name')).toHaveValue('Menuiserie Roux');

  await page.goto('/clients');
  await expect(page.getByTestId('client-row')).toHaveCount(0);
});

test('clients: search, category filter and detail page', async ({ page }) => {
  await createWorkspace(page);
  await createClient(page, { name: 'Boulangerie Martin', city: 'Lyon' });
  await page.getByTestId('client-edit').click();
  await page.locator('[data-testid="client-category"][value="bon payeur"]').check();
  await page.getByTestId('client-save').click();
  await expect(page).toHaveURL(/\/clients\/[0-9a-f]{32}$/);
  await createClient(page, { name: 'Garage Lefèvre', city: 'Villeurbanne' });

  await page.goto('/clients');
  await expect(page.getByTestId('client-row')).toHaveCount(2);
  await page.getByTestId('client-search').fill('garage');
  await expect(page.getByTestId('client-row')).toHaveCount(1);
  await expect(page.getByTestId('client-row')).toContainText('Garage Lefèvre');
  await page.getByTestId('client-search').fill('');
  await page.getByTestId('client-filter-category').selectOption('bon payeur');
  await expect(page.getByTestId('client-row')).toHaveCount(1);
  await expect(page.getByTestId('client-row')).toContainText('Boulangerie Martin');
  await page.getByTestId('client-row').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Boulangerie Martin');
});
