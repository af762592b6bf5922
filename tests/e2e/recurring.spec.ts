// Recurring invoices in a real browser: a monthly template from 31 January; opening the app on
// 2 March (pinned clock) prepares the drafts of 31 Jan and 28 Feb (February has 28 days in 2026),
// « 2 factures récurrentes à émettre » on « Aujourd'hui »; one click issues one, dated 2 March.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { createClient, createWorkspace, euros, pinClock, seriousA11yViolations } from './helpers';

async function pageOn(context: BrowserContext, iso: string, previous?: Page): Promise<Page> {
  await previous?.close();
  const page = await context.newPage();
  await pinClock(page, iso);
  return page;
}

test('a monthly template prepares its drafts on open, issued in one click, dated the day of issue', async ({ context }) => {
  let page = await pageOn(context, '2026-01-15T10:00:00+01:00');
  await createWorkspace(page);
  await createClient(page, { name: 'Cabinet Morel', siren: '732829320' });

  await page.goto('/documents');
  await page.getByTestId('documents-recurring').click();
  await page.getByTestId('recurring-new').click();
  await page.getByTestId('recurring-client').selectOption({ label: 'Cabinet Morel' });
  await page.getByTestId('recurring-title').fill('Maintenance du site');
  // Saving without a line says what is missing and saves nothing.
  await page.getByTestId('recurring-save').click();
  await expect(page.getByText('Ajoutez au moins une ligne.')).toBeVisible();
  await page.getByTestId('add-line').click();
  await page.getByTestId('line-description').fill('Maintenance mensuelle');
  await page.getByTestId('line-quantity').fill('1');
  await page.getByTestId('line-price').fill('250');
  await page.getByTestId('line-vat').selectOption('2000');
  await page.getByTestId('recurring-first').fill('2026-01-31');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByTestId('recurring-save').click();
  await expect(page).toHaveURL(/\/documents\/recurring\/[0-9a-f]{32}$/);
  const templateUrl = page.url();
  await expect(page.getByTestId('recurring-next')).toHaveText('Prochaine échéance : 31 janvier 2026');
  // Nothing is due yet on 15 January.
  await page.goto('/');
  await expect(page.getByTestId('home-new-invoice')).toBeVisible();
  await expect(page.getByTestId('recurring-due')).toHaveCount(0);

  // 2 March: 31 January and 28 February are due.
  page = await pageOn(context, '2026-03-02T09:00:00+01:00', page);
  await page.goto('/');
  await expect(page.getByTestId('recurring-due')).toHaveText('2 factures récurrentes à émettre ›');
  await page.getByTestId('recurring-due').click();
  const rows = page.getByTestId('recurring-draft');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('échéance du 31/01/2026');
  await expect(rows.nth(1)).toContainText('échéance du 28/02/2026');
  // 250 HT + 20 % = 300 TTC.
  await expect(rows.nth(0)).toContainText(euros('300,00 €'));
  expect(await seriousA11yViolations(page)).toEqual([]);

  // « Vérifier » opens the draft, which says where it comes from.
  await rows.nth(1).getByTestId('recurring-review').click();
  await expect(page.getByTestId('draft-recurrence')).toHaveText('Facture récurrente : Maintenance du site, échéance du 28/02/2026');
  await expect(page.getByTestId('line-description')).toHaveValue('Maintenance mensuelle');
  await page.goBack();
  await rows.nth(0).getByTestId('recurring-issue').click();
  await expect(page.getByTestId('recurring-done')).toHaveText('Facture F-2026-A-0001 émise.');
  await expect(rows).toHaveCount(1);

  // Reopening the same day prepares nothing again.
  await page.reload();
  await expect(page.getByTestId('recurring-draft')).toHaveCount(1);
  await page.goto('/');
  await expect(page.getByTestId('recurring-due')).toHaveText('1 facture récurrente à émettre ›');

  // The template shows its history and next date; the invoice is dated the day it was issued.
  await page.goto(templateUrl);
  await expect(page.getByTestId('recurring-next')).toHaveText('Prochaine échéance : 31 mars 2026');
  await expect(page.getByTestId('recurring-history')).toContainText('F-2026-A-0001 — échéance du 31/01/2026, 02/03/2026');
  await page.getByTestId('recurring-history').getByRole('link', { name: 'F-2026-A-0001' }).click();
  await expect(page.getByText('Émise le 2 mars 2026')).toBeVisible();

  // Paused: nothing more is prepared.
  await page.goto(templateUrl);
  await page.getByTestId('recurring-pause').click();
  await expect(page.getByTestId('recurring-state')).toHaveText('En pause');
  page = await pageOn(context, '2026-04-02T09:00:00+02:00', page);
  await page.goto('/documents/recurring');
  await expect(page.getByTestId('recurring-draft')).toHaveCount(1);
  await expect(page.getByTestId('recurring-template')).toContainText('En pause');
});

test('automatic issue: the device that turned it on issues the occurrence on open, dated that day', async ({ context }) => {
  let page = await pageOn(context, '2026-01-15T10:00:00+01:00');
  await createWorkspace(page);
  await createClient(page, { name: 'Cabinet Morel', siren: '732829320' });
  await page.goto('/documents/recurring/new');
  await page.getByTestId('recurring-client').selectOption({ label: 'Cabinet Morel' });
  await page.getByTestId('add-line').click();
  await page.getByTestId('line-description').fill('Hébergement');
  await page.getByTestId('line-quantity').fill('1');
  await page.getByTestId('line-price').fill('40');
  await page.getByTestId('recurring-frequency').selectOption('quarterly');
  await page.getByTestId('recurring-first').fill('2026-01-31');
  await page.getByTestId('recurring-count').fill('4');
  await page.getByTestId('recurring-auto').check();
  await page.getByTestId('recurring-save').click();
  await expect(page).toHaveURL(/\/documents\/recurring\/[0-9a-f]{32}$/);
  const templateUrl = page.url();

  // 3 February: the 31 January occurrence is issued on open, dated 3 February; nothing left to issue.
  page = await pageOn(context, '2026-02-03T09:00:00+01:00', page);
  await page.goto(templateUrl);
  await expect(page.getByTestId('recurring-history')).toContainText('F-2026-A-0001 — échéance du 31/01/2026, 03/02/2026');
  // Quarterly from 31 January: 30 April next (April has 30 days).
  await expect(page.getByTestId('recurring-next')).toHaveText('Prochaine échéance : 30 avril 2026');
  await page.goto('/');
  await expect(page.getByTestId('home-new-invoice')).toBeVisible();
  await expect(page.getByTestId('recurring-due')).toHaveCount(0);
});
