// Deposits and the final invoice, through the UI: a quote of 1 000 € HT at 20 % and 500 € HT at
// 5,5 % (TTC 1 200,00 + 527,50 = 1 727,50 €) → a 30 % deposit invoice (450,00 HT: 300,00 at
// 20 % + 150,00 at 5,5 %; VAT 60,00 + 8,25; TTC 518,25 €), due on receipt and chased as
// « Acompte non reçu », paid → the final invoice lists the whole job and takes the deposit off:
// 20 % 700,00 + 140,00, 5,5 % 350,00 + 19,25 → HT 1 050,00, net to pay 1 209,25 € — on screen
// and in both PDFs (pdftotext), to the cent. Then the job is paid; and a client who pays in
// advance gets invoices due on receipt, a warning otherwise, and « paiement d'avance » printed.
import { expect, test, type Page } from '@playwright/test';
import { addLines, createWorkspace, issueOpenDraft, pinClock, recordPaymentFromInvoice, seriousA11yViolations } from './helpers';
import { createFullClient, downloadFrom, eur, flat, pdfPages } from './pdfHelpers';

const client = {
  name: 'Boulangerie Martin',
  siren: '732829320',
  billing: { line1: '3 place du Marché', postalCode: '13001', city: 'Marseille' }
};

/** An amount as printed: « 1 234,56 € » with its narrow and plain no-break spaces. */
const m = (amount: string) => eur(amount);

async function pdfText(page: Page, info: Parameters<typeof downloadFrom>[2]): Promise<string> {
  const pdf = await downloadFrom(page, 'pdf-download', info);
  return flat(pdfPages(pdf.path).join('\n'));
}

test('quote → 30 % deposit → paid → final invoice deducting it, on screen and in the PDFs', async ({ page }, info) => {
  test.setTimeout(180_000);
  await pinClock(page, '2026-03-02T10:00:00+01:00');
  await createWorkspace(page);
  await createFullClient(page, client);
  await page.getByTestId('client-new-quote').click();
  await addLines(page, [
    { description: 'Menuiserie de la vitrine', quantity: '1', price: '1000', vatBp: 2000 },
    { description: 'Isolation du fournil', quantity: '1', price: '500', vatBp: 550 }
  ]);
  await issueOpenDraft(page);
  await expect(page.getByTestId('doc-number')).toContainText('D-2026-A-0001');
  const quoteUrl = page.url();

  // The job: quoted, nothing asked yet; 30 % previewed before anything is created.
  await expect(page.getByTestId('job-stage')).toHaveText('Devisé');
  await expect(page.getByTestId('job-quoted')).toHaveText(eur('1 727,50 €'));
  await expect(page.getByTestId('job-left')).toContainText(eur('1 727,50 €'));
  await page.getByTestId('deposit-value').fill('120');
  await expect(page.getByRole('alert').filter({ hasText: 'Acompte invalide' })).toBeVisible();
  await expect(page.getByTestId('deposit-ask')).toBeDisabled();
  await page.getByTestId('deposit-value').fill('30');
  await expect(page.getByTestId('deposit-preview')).toHaveText(eur('Facture d’acompte de 518,25 € TTC'));
  await page.getByTestId('deposit-ask').click();

  // The draft deposit invoice: one line per rate, due on receipt, the quote named.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Facture d’acompte — brouillon');
  await expect(page.getByTestId('doc-deposit-of')).toHaveText('Acompte sur le devis n° D-2026-A-0001 du 2 mars 2026');
  await expect(page.getByTestId('line-description').nth(0)).toHaveValue('Acompte de 30\u202f% sur le devis n° D-2026-A-0001 du 2 mars 2026 — part à 20\u202f%');
  await expect(page.getByTestId('line-description').nth(1)).toHaveValue('Acompte de 30\u202f% sur le devis n° D-2026-A-0001 du 2 mars 2026 — part à 5,5\u202f%');
  await expect(page.getByTestId('line-total')).toHaveText([eur('300,00 €'), eur('150,00 €')]);
  await expect(page.getByTestId('total-vat-2000')).toHaveText(eur('60,00 €'));
  await expect(page.getByTestId('total-vat-550')).toHaveText(eur('8,25 €'));
  await expect(page.getByTestId('total-ttc')).toHaveText(eur('518,25 €'));
  await expect(page.getByTestId('doc-due')).toContainText('2 mars 2026');
  await issueOpenDraft(page);
  // An invoice of the normal series, titled as a deposit.
  await expect(page.getByTestId('doc-number')).toHaveText('Facture d’acompte F-2026-A-0001');
  const depositUrl = page.url();

  const deposit = await pdfText(page, info);
  for (const s of [
    'FACTURE D’ACOMPTE',
    'N° F-2026-A-0001',
    `Acompte sur le devis n° D-2026-A-0001 du 02/03/2026 (montant du devis : ${m('1 727,50 €')} TTC)`,
    // Each line (wrapped in its column): the share of the deposit at one rate.
    'Acompte de 30\u202f% sur le devis n° D-2026-A-0001 du 2',
    `1 forfait ${m('300,00 €')} 20\u202f% ${m('300,00 €')} mars 2026 — part à 20\u202f%`,
    `1 forfait ${m('150,00 €')} 5,5\u202f% ${m('150,00 €')} mars 2026 — part à 5,5\u202f%`,
    `Total HT ${m('450,00 €')}`,
    `TVA 20\u202f% ${m('60,00 €')}`,
    `TVA 5,5\u202f% ${m('8,25 €')}`,
    `Total TTC ${m('518,25 €')}`,
    'Échéance 02/03/2026'
  ])
    expect(deposit, s).toContain(s);

  // Chased like any invoice: sent today; two days later the reminder says why.
  await page.getByTestId('mark-sent').click();
  await page.getByTestId('sent-save').click();
  await expect(page.getByTestId('sent-info')).toBeVisible();
  await pinClock(page, '2026-03-05T09:00:00+01:00');
  await page.goto('/');
  await expect(page.getByTestId('chase-step')).toHaveText('Acompte non reçu — Première relance');

  await page.goto(depositUrl);
  await recordPaymentFromInvoice(page);
  await expect(page.getByTestId('total-balance')).toHaveText(eur('0,00 €'));
  await page.goto(quoteUrl);
  await expect(page.getByTestId('job-stage')).toHaveText('Acompte reçu');
  await expect(page.getByTestId('job-deposits-received')).toHaveText(eur('518,25 €'));
  await expect(page.getByTestId('job-left')).toContainText(eur('1 209,25 €'));

  // The final invoice: the whole job, the deposit taken off, what remains.
  await pinClock(page, '2026-03-20T09:00:00+01:00');
  await page.goto(quoteUrl);
  await page.getByTestId('quote-to-invoice').click();
  await expect(page.getByTestId('total-job-ttc')).toHaveText(eur('1 727,50 €'));
  await expect(page.getByTestId('total-deposit')).toContainText('Acompte n° F-2026-A-0001 du 02/03/2026');
  await expect(page.getByTestId('total-deposit')).toContainText(eur('−518,25 €'));
  await expect(page.getByTestId('total-ttc')).toHaveText(eur('1 209,25 €'));
  await issueOpenDraft(page);
  await expect(page.getByTestId('doc-number')).toHaveText('Facture F-2026-A-0002');
  await expect(page.getByTestId('doc-final-of')).toHaveText('Facture de solde du devis n° D-2026-A-0001');
  await expect(page.getByTestId('total-ht')).toHaveText(eur('1 050,00 €'));
  await expect(page.getByTestId('total-vat-2000')).toHaveText(eur('140,00 €'));
  await expect(page.getByTestId('total-vat-550')).toHaveText(eur('19,25 €'));
  await expect(page.getByTestId('total-ttc')).toHaveText(eur('1 209,25 €'));
  await expect(page.getByTestId('total-balance')).toHaveText(eur('1 209,25 €'));

  const final = await pdfText(page, info);
  for (const s of [
    'FACTURE',
    'N° F-2026-A-0002',
    'Facture de solde du devis n° D-2026-A-0001 du 02/03/2026',
    'Menuiserie de la vitrine',
    `Total HT du chantier ${m('1 500,00 €')}`,
    `Total TTC du chantier ${m('1 727,50 €')}`,
    `Acompte n° F-2026-A-0001 ${m('−518,25 €')}`,
    `Reste à facturer HT ${m('1 050,00 €')}`,
    `TVA 20\u202f% ${m('140,00 €')}`,
    `TVA 5,5\u202f% ${m('19,25 €')}`,
    `Net à payer TTC ${m('1 209,25 €')}`,
    'Acomptes déduits',
    `F-2026-A-0001 02/03/2026 ${m('450,00 €')}`,
    `20\u202f% : ${m('60,00 €')}`,
    `5,5\u202f% : ${m('8,25 €')}`,
    `Reste à payer ${m('1 209,25 €')}`
  ])
    expect(final, s).toContain(s);

  await page.goto(quoteUrl);
  await expect(page.getByTestId('job-stage')).toHaveText('Facturé');
  await expect(page.getByTestId('job-invoiced')).toHaveText(eur('1 209,25 €'));
  await expect(page.getByTestId('job-remaining')).toHaveText(eur('1 209,25 €'));
  await page.getByTestId('job-invoices').getByRole('link', { name: /F-2026-A-0002/ }).click();
  await recordPaymentFromInvoice(page);
  await page.goto(quoteUrl);
  await expect(page.getByTestId('job-stage')).toHaveText('Payé');
  await expect(page.getByTestId('job-remaining')).toHaveText(eur('0,00 €'));
  expect(await seriousA11yViolations(page)).toEqual([]);

  // At phone size the job and the final invoice's deductions fit the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByTestId('quote-job')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await page.getByTestId('job-invoices').getByRole('link', { name: /F-2026-A-0002/ }).click();
  await expect(page.getByTestId('total-deposit')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
});

test('an order without a quote: a deposit from the client’s page, then the final invoice deducting it', async ({ page }) => {
  await pinClock(page, '2026-03-02T10:00:00+01:00');
  await createWorkspace(page);
  await createFullClient(page, client);
  await page.getByTestId('order-deposit-open').click();
  await page.getByTestId('order-deposit-amount').fill('600');
  await page.getByTestId('order-deposit-number').fill('BC-42');
  await page.getByTestId('order-deposit-submit').click();
  // 600,00 € TTC at 20 %: 500,00 HT + 100,00 VAT, due on receipt.
  await expect(page.getByTestId('doc-deposit-of')).toHaveText('Acompte sur la commande n° BC-42');
  await expect(page.getByTestId('line-description')).toHaveValue('Acompte sur la commande n° BC-42');
  await expect(page.getByTestId('line-total')).toHaveText(m('500,00 €'));
  await expect(page.getByTestId('total-ttc')).toHaveText(m('600,00 €'));
  await issueOpenDraft(page);
  await expect(page.getByTestId('doc-number')).toHaveText('Facture d’acompte F-2026-A-0001');
  await expect(page.getByTestId('job-stage')).toHaveText('Acompte demandé');

  // A second deposit on the same order, from the first one's page: the order number is kept.
  const firstDeposit = page.url();
  await page.getByTestId('order-job').getByTestId('order-deposit-open').click();
  await expect(page.getByTestId('order-deposit-number')).toHaveCount(0);
  await page.getByTestId('order-deposit-amount').fill('300');
  await page.getByTestId('order-deposit-submit').click();
  await expect(page.getByTestId('doc-deposit-of')).toHaveText('Acompte sur la commande n° BC-42');
  await expect(page.getByTestId('total-ttc')).toHaveText(m('300,00 €'));
  await issueOpenDraft(page);
  await expect(page.getByTestId('doc-number')).toHaveText('Facture d’acompte F-2026-A-0002');
  await expect(page.getByTestId('job-invoices').getByRole('listitem')).toHaveCount(2);

  await page.getByTestId('order-final').click();
  await expect(page.getByTestId('doc-final-of')).toContainText('Facture de solde de la commande');
  await expect(page.getByTestId('doc-order-number')).toHaveValue('BC-42');
  await addLines(page, [{ description: 'Agencement du magasin', quantity: '1', price: '2000', vatBp: 2000 }]);
  // 2 400,00 TTC − 600,00 − 300,00 = 1 500,00: 1 250,00 HT + 250,00 VAT.
  await expect(page.getByTestId('total-job-ttc')).toHaveText(m('2 400,00 €'));
  await expect(page.getByTestId('total-ttc')).toHaveText(m('1 500,00 €'));
  await issueOpenDraft(page);
  await expect(page.getByTestId('doc-number')).toHaveText('Facture F-2026-A-0003');
  await expect(page.getByTestId('total-balance')).toHaveText(m('1 500,00 €'));
  // Invoiced: no further deposit is offered on the order.
  await page.goto(firstDeposit);
  await expect(page.getByTestId('job-stage')).toHaveText('Facturé');
  await expect(page.getByTestId('order-final')).toBeVisible();
  await expect(page.getByTestId('order-job').getByTestId('order-deposit-open')).toHaveCount(0);
});

test('a client who pays in advance: invoices due on receipt, a warning otherwise, « paiement d’avance » printed', async ({ page }, info) => {
  await pinClock(page, '2026-03-02T10:00:00+01:00');
  await createWorkspace(page);
  const id = await createFullClient(page, client);
  await page.goto(`/clients/${id}/edit`);
  await page.getByTestId('client-prepayment').check();
  await page.getByTestId('client-save').click();
  await expect(page.getByTestId('client-prepayment-badge')).toHaveText('Paie d’avance');

  await page.getByTestId('client-new-invoice').click();
  await addLines(page, [{ description: 'Pains spéciaux', quantity: '1', price: '200', vatBp: 550 }]);
  await expect(page.getByTestId('doc-due')).toContainText('2 mars 2026');
  await expect(page.getByTestId('prepayment-warning')).toHaveCount(0);
  // Terms changed to 30 days: the editor says this client pays in advance.
  await page.getByTestId('doc-terms-kind').selectOption('net');
  await expect(page.getByTestId('prepayment-warning')).toContainText('Ce client paie d’avance');
  await page.getByTestId('doc-terms-kind').selectOption('on_receipt');
  await expect(page.getByTestId('prepayment-warning')).toHaveCount(0);
  await issueOpenDraft(page);
  const text = await pdfText(page, info);
  expect(text).toContain('Conditions de paiement : paiement d’avance, à réception de la facture');
  expect(text).toContain('Échéance 02/03/2026');
});
