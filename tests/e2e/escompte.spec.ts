// The early-payment discount through the UI: set in Réglages (2 % within 10 days), printed on the
// invoice with its last day and amounts, and settled by a payment of the TTC less the discount
// made in time, the VAT inside the discount named for the accountant.
import { expect, test } from '@playwright/test';
import { addLines, createClient, createWorkspace, euros, issueOpenDraft, pinClock, recordPaymentFromInvoice } from './helpers';
import { downloadFrom, flat, pdfPages } from './pdfHelpers';
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';

test('2 % within 10 days: printed on the PDF, 1 176 € paid on day 10 settles 1 200 €', async ({ context }, info) => {
  let page = await context.newPage();
  await pinClock(page, '2026-03-01T10:00:00+01:00');
  await createWorkspace(page);
  await page.goto('/settings');
  await page.getByTestId('company-early-terms-rate').fill('2');
  await page.getByTestId('company-early-terms-days').fill('10');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-saved')).toContainText('✓');

  await createClient(page, { name: 'Cabinet Morel', siren: '732829320' });
  await page.getByTestId('client-new-invoice').click();
  // 1 000 € HT + 20 % = 1 200 € TTC; 2 % = 24 €; issued 1 March → until 11 March.
  await addLines(page, [{ description: 'Audit', quantity: '1', price: '1000', vatBp: 2000 }]);
  await issueOpenDraft(page);
  await expect(page.getByTestId('early-offer')).toHaveText(`Escompte de ${euros('24,00 €')} si le paiement arrive au plus tard le 11/03/2026 : ${euros('1 176,00 €')} à régler.`);

  const pdf = await downloadFrom(page, 'pdf-download', info);
  const text = flat(pdfPages(pdf.path).join(' '));
  expect(text).toContain(`Escompte de 2\u202f% pour paiement au plus tard le 11/03/2026 (10 jours) : ${euros('24,00 €')} déduits, soit ${euros('1 176,00 €')} à régler.`);
  expect(text).not.toContain('Pas d’escompte');

  // Day 10 after the issue: 1 176 € settle the invoice.
  const invoiceUrl = page.url();
  await page.close();
  page = await context.newPage();
  await pinClock(page, '2026-03-11T10:00:00+01:00');
  await page.goto(invoiceUrl);
  // The payment form says what the discount allows.
  await page.getByTestId('record-payment').click();
  await expect(page.getByTestId('alloc-discount')).toHaveText(`Escompte de ${euros('24,00 €')} si le paiement arrive au plus tard le 11/03/2026 : ${euros('1 176,00 €')} à régler.`);
  await page.goBack();
  await recordPaymentFromInvoice(page, '1176');
  await expect(page.locator('[data-status]').first()).toHaveText('Payée');
  await expect(page.getByTestId('early-taken')).toContainText(`Escompte de ${euros('24,00 €')} accordé (paiement du 11/03/2026 dans le délai), dont TVA ${euros('4,00 €')} et ${euros('20,00 €')} HT`);

  // The accountant's export of March lists the discount with the VAT it takes off.
  await page.goto('/documents');
  await page.getByTestId('export-open').click();
  await page.getByTestId('export-from').fill('2026-03-01');
  await page.getByTestId('export-to').fill('2026-03-31');
  const zip = await downloadFrom(page, 'export-period', info);
  const files = unzipSync(new Uint8Array(readFileSync(zip.path)));
  const csv = strFromU8(files['Escomptes-accordes-2026-03-01_2026-03-31.csv']).replace(/^\ufeff/, '').split('\r\n');
  expect(csv[0]).toBe('Escompte (paiement du);Numéro;Date;Client;SIREN client;Total TTC;Escompte HT;TVA de l’escompte;Escompte TTC');
  expect(csv[1]).toBe('11/03/2026;F-2026-A-0001;01/03/2026;Cabinet Morel;732829320;1200,00;20,00;4,00;24,00');
});

test('paid on day 11 the discount no longer applies: 24 € remain, and the page says why; an invoice can refuse the discount', async ({ context }) => {
  let page = await context.newPage();
  await pinClock(page, '2026-03-01T10:00:00+01:00');
  await createWorkspace(page);
  await page.goto('/settings');
  await page.getByTestId('company-early-terms-rate').fill('2');
  await page.getByTestId('company-early-terms-days').fill('10');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-saved')).toContainText('✓');
  await createClient(page, { name: 'Cabinet Morel', siren: '732829320' });

  // This one offers none: chosen in the editor, nothing is offered on its page.
  await page.getByTestId('client-new-invoice').click();
  await addLines(page, [{ description: 'Conseil', quantity: '1', price: '100', vatBp: 2000 }]);
  await page.getByTestId('doc-early-mode').selectOption('none');
  await issueOpenDraft(page);
  await expect(page.getByTestId('doc-facts')).toBeVisible();
  await expect(page.getByTestId('early-offer')).toHaveCount(0);

  await page.goto('/clients');
  await page.getByRole('link', { name: 'Cabinet Morel' }).click();
  await page.getByTestId('client-new-invoice').click();
  await addLines(page, [{ description: 'Audit', quantity: '1', price: '1000', vatBp: 2000 }]);
  await issueOpenDraft(page);
  await expect(page.getByTestId('early-offer')).toBeVisible();
  const invoiceUrl = page.url();

  // 12 March is day 11: 1 176 € leave 24 € owed.
  await page.close();
  page = await context.newPage();
  await pinClock(page, '2026-03-12T10:00:00+01:00');
  await page.goto(invoiceUrl);
  await recordPaymentFromInvoice(page, '1176');
  await expect(page.getByTestId('early-late')).toHaveText(`Escompte déduit hors délai : paiement du 12/03/2026, après le 11/03/2026 ; reste ${euros('24,00 €')}.`);
  await expect(page.getByTestId('total-balance')).toHaveText(euros('24,00 €'));
});
