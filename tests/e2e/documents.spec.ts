import { expect, test } from '@playwright/test';
import { addLines, createClient, createWorkspace, euros, issueOpenDraft, pinClock } from './helpers';

test.beforeEach(async ({ page }) => {
  await pinClock(page, '2026-11-23T10:00:00+01:00');
});

test('quote → invoice in one action, then a credit note cancels the invoice', async ({ page }) => {
  await createWorkspace(page);
  await createClient(page, { name: 'Cabinet Morel' });
  await page.goto('/documents');
  await page.getByTestId('new-quote').click();
  await page.getByTestId('new-client').selectOption({ label: 'Cabinet Morel' });
  await page.getByTestId('new-create').click();
  await addLines(page, [{ description: 'Audit de sécurité', quantity: '1,5', price: '800', vatBp: 2000 }]);
  // 1,5 × 800 = 1 200 HT, 240 VAT, 1 440 TTC.
  await expect(page.getByTestId('total-ttc')).toHaveText(euros('1 440,00 €'));
  await issueOpenDraft(page);
  await expect(page.getByTestId('doc-number')).toContainText('D-2026-A-0001');

  await page.getByTestId('quote-to-invoice').click();
  await expect(page.getByTestId('line-description')).toHaveValue('Audit de sécurité');
  await issueOpenDraft(page);
  await expect(page.getByTestId('doc-number')).toContainText('F-2026-A-0001');
  const invoiceUrl = page.url();

  await page.getByTestId('mark-sent').click();
  await page.getByTestId('sent-save').click();
  await expect(page.getByTestId('sent-info')).toContainText('23/11/2026');
  await expect(page.locator('[data-status]').first()).toHaveText('Envoyée');

  await page.getByTestId('credit-note').click();
  await expect(page.getByText('Avoir sur la facture F-2026-A-0001')).toBeVisible();
  await issueOpenDraft(page);
  await expect(page.getByTestId('doc-number')).toContainText('A-2026-A-0001');
  await page.goto(invoiceUrl);
  await expect(page.locator('[data-status]').first()).toHaveText('Annulée par avoir');
  await expect(page.getByTestId('total-balance')).toHaveText(euros('0,00 €'));
});

test('a partial credit note reduces what is due', async ({ page }) => {
  await createWorkspace(page);
  await createClient(page, { name: 'Atelier Blanc' });
  await page.getByTestId('client-new-invoice').click();
  await addLines(page, [
    { description: 'Peinture', quantity: '10', price: '30', vatBp: 1000 },
    { description: 'Fournitures', quantity: '1', price: '100', vatBp: 2000 }
  ]);
  // 300 HT at 10 % (330) + 100 HT at 20 % (120) = 450 TTC.
  await expect(page.getByTestId('total-ttc')).toHaveText(euros('450,00 €'));
  await issueOpenDraft(page);
  const invoiceUrl = page.url();
  await page.getByTestId('credit-note').click();
  // Credit only the supplies: remove the painting line from the credit note.
  await page.getByRole('button', { name: /Retirer la ligne 1/ }).click();
  await expect(page.getByTestId('total-ttc')).toHaveText(euros('120,00 €'));
  await issueOpenDraft(page);
  await page.goto(invoiceUrl);
  await expect(page.getByTestId('total-balance')).toHaveText(euros('330,00 €'));
});

test('the documents list filters by kind and status', async ({ page }) => {
  await createWorkspace(page);
  await createClient(page, { name: 'Société Durand' });
  await page.getByTestId('client-new-invoice').click();
  await addLines(page, [{ description: 'Maintenance', quantity: '1', price: '100', vatBp: 2000 }]);
  await issueOpenDraft(page);
  await page.goto('/documents');
  await page.getByTestId('new-quote').click();
  await page.getByTestId('new-client').selectOption({ label: 'Société Durand' });
  await page.getByTestId('new-create').click();
  await expect(page.getByTestId('add-line')).toBeVisible();

  await page.goto('/documents');
  await expect(page.getByTestId('doc-row')).toHaveCount(2);
  await page.getByTestId('doc-filter-kind').selectOption('quote');
  await expect(page.getByTestId('doc-row')).toHaveCount(1);
  await page.getByTestId('doc-filter-kind').selectOption('');
  await page.getByTestId('doc-filter-status').selectOption('draft');
  await expect(page.getByTestId('doc-row')).toHaveCount(1);
  await page.getByTestId('doc-filter-status').selectOption('issued');
  await expect(page.getByTestId('doc-row')).toHaveCount(1);
  await expect(page.getByTestId('doc-row')).toContainText('F-2026-A-0001');
});
