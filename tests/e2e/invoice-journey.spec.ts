// The first journey of every user: company → client → invoice → issue → paid, all offline,
// all still there after a reload.
import { expect, test } from '@playwright/test';
import { addLines, createClient, createWorkspace, euros, issueOpenDraft, pinClock, recordPaymentFromInvoice } from './helpers';

test.beforeEach(async ({ page }) => {
  await pinClock(page, '2026-11-23T10:00:00+01:00');
});

test('first run → client → invoice at 20 % and 5,5 % → issued → partly then fully paid, kept after reload', async ({ page }) => {
  await createWorkspace(page);
  const clientId = await createClient(page, { name: 'Boulangerie Martin', siren: '732829320', email: 'compta@boulangerie-martin.fr' });

  await page.getByTestId('client-new-invoice').click();
  await expect(page.getByTestId('add-line')).toBeVisible();
  await addLines(page, [
    { description: 'Conception de la carte de fidélité', quantity: '2', price: '450,00', vatBp: 2000 },
    { description: 'Livret de recettes imprimé', quantity: '3', price: '12,50', vatBp: 550 },
    { description: 'Livraison', quantity: '1', price: '35', vatBp: 2000 }
  ]);
  // HT: 2 × 450 + 3 × 12,50 + 35 = 972,50. VAT 20 % on 935,00 = 187,00; 5,5 % on 37,50 = 2,0625 → 2,06.
  // TTC: 972,50 + 187,00 + 2,06 = 1 161,56.
  await expect(page.getByTestId('total-ht')).toHaveText(euros('972,50 €'));
  await expect(page.getByTestId('total-vat-2000')).toHaveText(euros('187,00 €'));
  await expect(page.getByTestId('total-vat-550')).toHaveText(euros('2,06 €'));
  await expect(page.getByTestId('total-ttc')).toHaveText(euros('1 161,56 €'));

  await issueOpenDraft(page);
  await expect(page.getByTestId('doc-number')).toContainText('F-2026-A-0001');
  await expect(page.getByTestId('total-ttc')).toHaveText(euros('1 161,56 €'));
  // Net 30 days from 23 November 2026.
  await expect(page.getByTestId('doc-due')).toContainText('23 décembre 2026');
  const invoiceUrl = page.url();

  await recordPaymentFromInvoice(page, '500,00');
  await expect(page).toHaveURL(invoiceUrl);
  await expect(page.locator('[data-status]').first()).toHaveText('Partiellement payée');
  await expect(page.getByTestId('total-balance')).toHaveText(euros('661,56 €'));

  // The form is pre-filled with what remains: one click records the rest.
  await page.getByTestId('record-payment').click();
  await expect(page.getByTestId('pay-amount')).toHaveValue('661,56');
  await page.getByTestId('pay-save').click();
  await expect(page).toHaveURL(invoiceUrl);
  await expect(page.locator('[data-status]').first()).toHaveText('Payée');
  await expect(page.getByTestId('total-balance')).toHaveText(euros('0,00 €'));
  await expect(page.getByTestId('doc-payment')).toHaveCount(2);

  // Close and come back: everything is read again from IndexedDB.
  await page.reload();
  await expect(page.getByTestId('doc-number')).toContainText('F-2026-A-0001');
  await expect(page.locator('[data-status]').first()).toHaveText('Payée');
  await page.goto(`/clients/${clientId}`);
  await expect(page.getByText('Boulangerie Martin').first()).toBeVisible();
  await page.goto('/documents');
  await expect(page.getByTestId('doc-row')).toHaveCount(1);
  await expect(page.getByTestId('doc-row').first()).toContainText('F-2026-A-0001');
});

test('an issued invoice is read-only and says why', async ({ page }) => {
  await createWorkspace(page);
  await createClient(page, { name: 'Garage Lefèvre' });
  await page.getByTestId('client-new-invoice').click();
  await addLines(page, [{ description: 'Révision', quantity: '1', price: '120', vatBp: 2000 }]);
  await issueOpenDraft(page);
  await expect(page.getByTestId('frozen-note')).toContainText('ne peut plus être modifié');
  await expect(page.getByTestId('frozen-note')).toContainText('avoir');
  // No editable field is left on the page of an issued document.
  await expect(page.getByTestId('line-description')).toHaveCount(0);
  await expect(page.getByTestId('issue')).toHaveCount(0);
  await expect(page.getByTestId('delete-draft')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('frozen-note')).toBeVisible();
  await expect(page.getByTestId('line-description')).toHaveCount(0);
});

test('issuing an incomplete document lists what is missing instead of issuing', async ({ page }) => {
  await createWorkspace(page);
  await createClient(page, { name: 'Mairie de Villeurbanne' });
  await page.getByTestId('client-new-invoice').click();
  await page.getByTestId('issue').click();
  await expect(page.getByTestId('missing')).toContainText('au moins une ligne');
  await expect(page.getByTestId('frozen-note')).toHaveCount(0);
});
