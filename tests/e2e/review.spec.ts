// « Revue de la semaine »: due on the owner's day, reminded on « Aujourd'hui », its checklist read
// from the workspace (invoices not sent, a client above its credit limit, the largest debts, what
// was paid and what fell due this week), then « Revue faite » until next week.
import { expect, test } from '@playwright/test';
import { createClient, createWorkspace, issueInvoiceFor, pinClock, recordPaymentFromInvoice, seriousA11yViolations } from './helpers';

test('the weekly review: reminded on its day, read from the books, done until next week', async ({ page }) => {
  test.setTimeout(120_000);
  // 15 May: F1 1 200 € TTC to Alpha (credit limit 1 000 €), F2 300 € to Bravo, both due 14 June.
  await pinClock(page, '2026-05-15T10:00:00+02:00');
  await createWorkspace(page);
  const alpha = await createClient(page, { name: 'Alpha SARL' });
  await page.goto(`/clients/${alpha}/edit`);
  await page.getByTestId('client-credit-limit').fill('abc');
  await page.getByTestId('client-save').click();
  await expect(page.getByText('Montant invalide (ex. 1 234,56).').first()).toBeVisible();
  await page.getByTestId('client-credit-limit').fill('1 000');
  await page.getByTestId('client-save').click();
  await expect(page).toHaveURL(new RegExp(`/clients/${alpha}$`));
  await createClient(page, { name: 'Bravo SAS' });
  await issueInvoiceFor(page, 'Alpha SARL', '1000');
  await issueInvoiceFor(page, 'Bravo SAS', '250');

  // Wednesday 17 June: Bravo pays 100 €. Monday (the default day) has passed: the review is due.
  await pinClock(page, '2026-06-17T10:00:00+02:00');
  await page.goto('/documents');
  await page.getByTestId('doc-row').filter({ hasText: 'F-2026-A-0002' }).click();
  await recordPaymentFromInvoice(page, '100');
  await page.goto('/');
  await page.getByTestId('review-reminder').click();
  await expect(page).toHaveURL(/\/dashboard\/revue$/);
  await expect(page.getByRole('heading', { name: 'Revue de la semaine', level: 1 })).toBeVisible();

  await expect(page.getByTestId('review-not-sent-count')).toHaveText('2');
  await expect(page.getByTestId('review-limits')).toContainText('Alpha SARL · doit 1\u202f200,00\u00a0€ pour un plafond de 1\u202f000,00\u00a0€');
  await expect(page.getByTestId('review-largest').locator('li')).toHaveText(['Alpha SARL · 1\u202f200,00\u00a0€', 'Bravo SAS · 200,00\u00a0€']);
  await expect(page.getByTestId('review-paid')).toHaveText('1 paiement(s) reçu(s), 100,00\u00a0€');
  // Due 14 June, within 10–16 June, still owed.
  await expect(page.getByTestId('review-newly-late-count')).toHaveText('2');
  await expect(page.getByTestId('review-promises-count')).toHaveText('0');
  expect(await seriousA11yViolations(page)).toEqual([]);

  await page.getByTestId('review-done').click();
  await expect(page.getByTestId('review-done-status')).toHaveText('Revue faite le 17/06/2026. Prochaine revue la semaine prochaine.');
  await page.getByTestId('review-day').selectOption('5');
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'À relancer' })).toBeVisible();
  await expect(page.getByTestId('review-reminder')).toHaveCount(0);

  // Friday, the day now chosen: due again.
  await pinClock(page, '2026-06-19T10:00:00+02:00');
  await page.goto('/');
  await expect(page.getByTestId('review-reminder')).toBeVisible();
});
