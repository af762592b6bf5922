// A quote reads as a quote: how long it holds (on its page and in its PDF), « Émis » and not
// « Émise », no credit-note advice, « Expiré » once its validity has passed without an answer,
// and the invoice made from it names it as « Devis d'origine ».
import { expect, test } from '@playwright/test';
import { addLines, createWorkspace, issueOpenDraft, pinClock } from './helpers';
import { createFullClient, downloadFrom, flat, pdfPages } from './pdfHelpers';

const client = {
  name: 'Atelier Lumière & Fils',
  siren: '732829320',
  billing: { line1: '5 place Bellecour', postalCode: '69002', city: 'Lyon' }
};

test('a quote holds 30 days by default, says so on its page and in its PDF, and expires', async ({ page }, info) => {
  await pinClock(page, '2026-04-01T10:00:00+02:00');
  await createWorkspace(page);
  await createFullClient(page, client);
  await page.getByTestId('client-new-quote').click();
  await addLines(page, [{ description: 'Étude d’éclairage de la boutique', quantity: '1', price: '1200', vatBp: 2000 }]);

  // Issued today, 1 April: 1 April + 30 days = 1 May, written « 1er mai ».
  await expect(page.getByTestId('doc-valid-until')).toHaveText('Valable jusqu’au 1er mai 2026');

  // A wrong validity is said next to the field, keeps what was typed and blocks the issue.
  await page.getByTestId('doc-validity-days').fill('0');
  await expect(page.getByTestId('doc-validity-error')).toHaveText('Nombre de jours invalide : un nombre entier de 1 à 365.');
  await expect(page.getByTestId('doc-validity-days')).toHaveValue('0');
  await page.getByTestId('issue').click();
  await expect(page.getByRole('alert').filter({ hasText: 'Corrigez les champs signalés' })).toBeVisible();
  await expect(page.getByTestId('frozen-note')).toHaveCount(0);

  // 1 April + 45 days: 29 days to 30 April, 16 more → 16 May.
  await page.getByTestId('doc-validity-days').fill('45');
  await expect(page.getByTestId('doc-valid-until')).toHaveText('Valable jusqu’au 16 mai 2026');
  // Or a last day, chosen as a date: kept after a reload (the draft saves as you type).
  await page.getByTestId('doc-validity-kind').selectOption('date');
  await page.getByTestId('doc-validity-date').fill('2026-03-31');
  await expect(page.getByTestId('doc-validity-error')).toContainText('valable au-delà de sa date d’émission');
  await page.getByTestId('doc-validity-date').fill('2026-05-01');
  await expect(page.getByTestId('doc-valid-until')).toHaveText('Valable jusqu’au 1er mai 2026');
  await expect(page.getByTestId('save-state')).toHaveText('Brouillon enregistré');
  await page.reload();
  await expect(page.getByTestId('doc-validity-date')).toHaveValue('2026-05-01');

  await issueOpenDraft(page);
  await expect(page.getByTestId('doc-number')).toContainText('D-2026-A-0001');
  const quoteUrl = page.url();
  // « Émis » (le devis), never « Émise »; a quote is corrected by a new quote, not a credit note.
  await expect(page.locator('[data-status]')).toHaveText('Émis');
  await expect(page.getByText('Émis le 1er avril 2026')).toBeVisible();
  await expect(page.getByTestId('doc-valid-until')).toHaveText('Valable jusqu’au 1er mai 2026');
  await expect(page.getByTestId('frozen-note')).toContainText('établissez un nouveau devis');
  await expect(page.locator('main')).not.toContainText(/avoir/i);
  await expect(page.getByTestId('credit-note')).toHaveCount(0);

  const pdf = await downloadFrom(page, 'pdf-download', info);
  const text = flat(pdfPages(pdf.path).join('\n'));
  for (const s of ['DEVIS', 'N° D-2026-A-0001', 'Devis valable jusqu’au 1er mai 2026.', 'Bon pour accord']) expect(text, s).toContain(s);

  await page.getByTestId('mark-sent').click();
  await page.getByTestId('sent-save').click();
  await expect(page.locator('[data-status]')).toHaveText('Envoyé');
  await expect(page.getByTestId('sent-info')).toContainText('Envoyé le 01/04/2026');

  // 1 May is its last day; on 2 May, still unanswered, it has expired (derived, nothing stored).
  await pinClock(page, '2026-05-01T18:00:00+02:00');
  await page.goto(quoteUrl);
  await expect(page.locator('[data-status]')).toHaveText('Envoyé');
  await pinClock(page, '2026-05-02T09:00:00+02:00');
  await page.goto(quoteUrl);
  await expect(page.locator('[data-status]')).toHaveText('Expiré');
  await page.goto('/documents');
  await page.getByTestId('doc-filter-kind').selectOption('quote');
  await page.getByTestId('doc-filter-status').selectOption('expired');
  await expect(page.getByTestId('doc-row')).toHaveCount(1);
  await expect(page.getByTestId('doc-row')).toContainText('Expiré');
});

test('an invoice made from a quote shows it as « Devis d’origine », not among its credit notes', async ({ page }) => {
  await pinClock(page, '2026-11-23T10:00:00+01:00');
  await createWorkspace(page);
  await createFullClient(page, client);
  await page.getByTestId('client-new-quote').click();
  await addLines(page, [{ description: 'Pose de luminaires', quantity: '3', price: '250', vatBp: 2000 }]);
  await issueOpenDraft(page);
  const quoteUrl = page.url();

  await page.getByTestId('quote-to-invoice').click();
  // The draft already says where it comes from.
  await expect(page.getByTestId('doc-source-quote')).toHaveText('Devis d’origine : D-2026-A-0001');
  await issueOpenDraft(page);
  await expect(page.getByTestId('doc-number')).toContainText('F-2026-A-0001');
  const invoiceUrl = page.url();
  await expect(page.locator('[data-status]')).toHaveText('Émise');
  await expect(page.getByText('Émise le 23 novembre 2026')).toBeVisible();
  await expect(page.getByTestId('doc-source-quote')).toHaveText('Devis d’origine : D-2026-A-0001');
  await expect(page.getByText('Avoirs liés')).toHaveCount(0);
  await expect(page.getByTestId('doc-credits')).toHaveCount(0);
  // An invoice's own correction is still a credit note.
  await expect(page.getByTestId('frozen-note')).toContainText('établissez un avoir');

  await page.getByTestId('doc-source-quote').getByRole('link').click();
  await expect(page).toHaveURL(quoteUrl);
  await expect(page.locator('[data-status]')).toHaveText('Accepté');
  await expect(page.getByTestId('doc-quote-invoices')).toContainText('Facture F-2026-A-0001');

  // Once the invoice has a credit note, that one — and only that one — is listed under « Avoirs liés ».
  await page.getByTestId('doc-quote-invoices').getByRole('link').click();
  await expect(page).toHaveURL(invoiceUrl);
  await page.getByTestId('credit-note').click();
  await issueOpenDraft(page);
  await expect(page.getByTestId('doc-number')).toContainText('A-2026-A-0001');
  await page.goto(invoiceUrl);
  await expect(page.getByTestId('doc-credits')).toHaveText(/Avoirs liés\s*Avoir A-2026-A-0001/);
  await expect(page.getByTestId('doc-credits')).not.toContainText('D-2026');
  await expect(page.getByTestId('doc-source-quote')).toHaveText('Devis d’origine : D-2026-A-0001');
});
