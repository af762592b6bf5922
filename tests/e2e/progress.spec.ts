// Situations de travaux through the UI. A quote of 1 000 € HT at 20 % and 500 € HT at 5,5 %
// (TTC 1 727,50 €), billed with a 5 % retenue de garantie:
//   situation 1 at 30 %: 300,00 + 150,00 = 450,00 HT, VAT 60,00 + 8,25 → 518,25 TTC, retention
//     25,9125 → 25,91, net to pay 492,34 €;
//   situation 2 at 70 %: 700,00 − 300,00 = 400,00 and 350,00 − 150,00 = 200,00 → 600,00 HT,
//     VAT 80,00 + 11,00 → 691,00 TTC, retention 34,55, net 656,45 €;
//   décompte définitif at 100 %: 300,00 + 150,00 → 518,25 TTC, retention 25,91, net 492,34 €;
//   the three: 450 + 600 + 450 = 1 500,00 HT, 518,25 + 691,00 + 518,25 = 1 727,50 TTC, the quote;
//   retention held 25,91 + 34,55 + 25,91 = 86,37 €.
// The main parts are paid; the retentions are not chased until the reception date is entered,
// then, a year after it, they are — as « retenue de garantie de la facture … ».
import { expect, test, type Page } from '@playwright/test';
import { addLines, createWorkspace, issueOpenDraft, pinClock, recordPaymentFromInvoice, seriousA11yViolations } from './helpers';
import { createFullClient, downloadFrom, eur, flat, pdfPages } from './pdfHelpers';

const client = {
  name: 'SCI Les Tilleuls',
  siren: '732829320',
  billing: { line1: '8 rue des Tilleuls', postalCode: '69003', city: 'Lyon' }
};

async function pdfText(page: Page, info: Parameters<typeof downloadFrom>[2]): Promise<string> {
  const pdf = await downloadFrom(page, 'pdf-download', info);
  return flat(pdfPages(pdf.path).join('\n'));
}

/** From the quote page: a situation at these cumulative percentages with a 5 % retention, issued. */
async function situation(page: Page, quoteUrl: string, percents: [string, string], thisHt: [string, string]): Promise<string> {
  await page.goto(quoteUrl);
  await page.getByTestId('situation-open').click();
  await page.getByTestId('situation-percent').nth(0).fill(percents[0]);
  await page.getByTestId('situation-percent').nth(1).fill(percents[1]);
  await page.getByTestId('situation-retention').fill('5');
  await expect(page.getByTestId('situation-this')).toHaveText([eur(thisHt[0]), eur(thisHt[1])]);
  await page.getByTestId('situation-submit').click();
  await expect(page.getByTestId('progress-table')).toBeVisible();
  await issueOpenDraft(page);
  return page.url();
}

test('quote → situation 30 % → 70 % → décompte définitif, the retention chased a year after the reception', async ({ page }, info) => {
  test.setTimeout(240_000);
  await pinClock(page, '2026-03-02T10:00:00+01:00');
  await createWorkspace(page);
  await createFullClient(page, client);
  await page.getByTestId('client-new-quote').click();
  await addLines(page, [
    { description: 'Gros œuvre', quantity: '1', price: '1000', vatBp: 2000 },
    { description: 'Isolation des combles', quantity: '1', price: '500', vatBp: 550 }
  ]);
  await issueOpenDraft(page);
  const quoteUrl = page.url();

  // The form refuses more than 5 % of retention, and shows this situation's HT per line.
  await page.getByTestId('situation-open').click();
  await page.getByTestId('situation-retention').fill('6');
  await expect(page.getByTestId('situation-error')).toContainText('au plus 5 %');
  await expect(page.getByTestId('situation-submit')).toBeDisabled();
  expect(await seriousA11yViolations(page)).toEqual([]);

  // Situation 1 at 30 %.
  const s1 = await situation(page, quoteUrl, ['30', '30'], ['300,00 €', '150,00 €']);
  await expect(page.getByTestId('doc-number')).toHaveText('Situation de travaux n° 1 F-2026-A-0001');
  await expect(page.getByTestId('total-ttc')).toHaveText(eur('518,25 €'));
  await expect(page.getByTestId('total-retention')).toHaveText(eur('−25,91 €'));
  await expect(page.getByTestId('total-net')).toHaveText(eur('492,34 €'));
  await expect(page.getByTestId('doc-retention')).toContainText('à la levée de la retenue (réception + 1 an)');
  // The first line of the page asks what is due now: 518,25 − 25,91 = 492,34 €, the retention apart.
  await expect(page.getByTestId('doc-facts')).toContainText(`reste dû ${eur('492,34 €')}`);

  // Situation 2 at 70 %: a percentage going down is refused first.
  await page.goto(quoteUrl);
  await page.getByTestId('situation-open').click();
  await page.getByTestId('situation-percent').nth(0).fill('20');
  await expect(page.getByTestId('situation-error')).toContainText('« Gros œuvre » était à 30');
  await page.getByTestId('situation-percent').nth(0).fill('70');
  await page.getByTestId('situation-percent').nth(1).fill('70');
  await expect(page.getByTestId('situation-this')).toHaveText([eur('400,00 €'), eur('200,00 €')]);
  await page.getByTestId('situation-submit').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Situation de travaux n° 2 — brouillon');
  await expect(page.getByTestId('total-ttc')).toHaveText(eur('691,00 €'));
  await issueOpenDraft(page);
  const s2 = page.url();
  await expect(page.getByTestId('progress-this')).toHaveText([eur('400,00 €'), eur('200,00 €')]);
  await expect(page.getByTestId('total-retention')).toHaveText(eur('−34,55 €'));
  const two = await pdfText(page, info);
  for (const s of [
    'SITUATION DE TRAVAUX',
    'N° F-2026-A-0002',
    'Situation n° 2 du devis n° D-2026-A-0001 du 02/03/2026',
    // The table's headers, wrapped in their columns: Montant du marché HT, % cumulé, Cumul HT, Déjà facturé HT, Cette situation HT.
    'Situation n° 2 Désignation TVA Montant du % Cumul HT Déjà facturé Cette marché HT cumulé HT situation HT',
    `Gros œuvre 20\u202f% ${eur('1 000,00 €')} 70\u202f% ${eur('700,00 €')} ${eur('300,00 €')} ${eur('400,00 €')}`,
    `Isolation des combles 5,5\u202f% ${eur('500,00 €')} 70\u202f% ${eur('350,00 €')} ${eur('150,00 €')} ${eur('200,00 €')}`,
    `Total TTC ${eur('691,00 €')}`,
    `Retenue de garantie 5\u202f% ${eur('−34,55 €')}`,
    `Net à payer ${eur('656,45 €')}`,
    `Retenue de garantie de 5\u202f% soit ${eur('34,55 €')}, payable un an après la réception des travaux`
  ])
    expect(two, s).toContain(s);

  // The quote page: both situations, the job at 70 %, the retention held, no date yet.
  await page.goto(quoteUrl);
  await expect(page.getByTestId('situation-row')).toHaveCount(2);
  await expect(page.getByTestId('situation-row').nth(1)).toContainText('70\u202f% du devis HT');
  await expect(page.getByTestId('retention-held')).toContainText(eur('60,46 €'));
  await expect(page.getByTestId('retention-held')).toContainText('à la levée de la retenue');

  // « Décompte définitif »: every line at 100 %, the recap of the earlier situations.
  await page.getByTestId('situation-final').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Décompte définitif — brouillon');
  await expect(page.getByTestId('progress-cumulative')).toHaveText(['100\u202f%', '100\u202f%']);
  await issueOpenDraft(page);
  const s3 = page.url();
  await expect(page.getByTestId('total-ttc')).toHaveText(eur('518,25 €'));
  await expect(page.getByTestId('total-net')).toHaveText(eur('492,34 €'));
  const final = await pdfText(page, info);
  for (const s of [
    'DÉCOMPTE GÉNÉRAL DÉFINITIF',
    'Décompte général définitif du devis n° D-2026-A-0001 du 02/03/2026',
    'Récapitulatif du marché',
    `Montant du devis : ${eur('1 500,00 €')} HT, ${eur('1 727,50 €')} TTC`,
    `Situation n° 1 F-2026-A-0001 02/03/2026 ${eur('450,00 €')} ${eur('518,25 €')} ${eur('25,91 €')}`,
    `Situation n° 2 F-2026-A-0002 02/03/2026 ${eur('600,00 €')} ${eur('691,00 €')} ${eur('34,55 €')}`,
    `Ce décompte F-2026-A-0003 02/03/2026 ${eur('450,00 €')} ${eur('518,25 €')} ${eur('25,91 €')}`,
    `Retenue de garantie retenue au total : ${eur('86,37 €')}`,
    `Net à payer ${eur('492,34 €')}`
  ])
    expect(final, s).toContain(s);
  await page.goto(quoteUrl);
  await expect(page.getByTestId('situations-closed')).toBeVisible();

  // The main parts are paid; what is left are the retentions, not due before the reception.
  for (const [url, net] of [[s1, '492,34'], [s2, '656,45'], [s3, '492,34']]) {
    await page.goto(url);
    await recordPaymentFromInvoice(page, net);
  }
  await pinClock(page, '2027-06-01T09:00:00+02:00');
  await page.goto('/');
  await expect(page.getByTestId('chase-invoice')).toHaveCount(0);

  // Works received on 15 April 2026: the retentions were due on 15 April 2027, and are chased.
  await page.goto(quoteUrl);
  await page.getByTestId('reception-date').fill('2026-04-15');
  await page.getByTestId('reception-save').click();
  await expect(page.getByTestId('reception-saved')).toHaveText('Réception des travaux le 15 avril 2026.');
  await expect(page.getByTestId('retention-held')).toContainText('due le 15 avril 2027');
  await page.goto('/');
  await expect(page.getByTestId('chase-invoice')).toHaveText([
    'retenue de garantie de la facture F-2026-A-0001',
    'retenue de garantie de la facture F-2026-A-0002',
    'retenue de garantie de la facture F-2026-A-0003'
  ]);
  await expect(page.getByTestId('chase-amount')).toHaveText(eur('86,37 €'));
  expect(await seriousA11yViolations(page)).toEqual([]);

  // At phone size the quote page and a situation fit the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(quoteUrl);
  await expect(page.getByTestId('quote-situations')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await page.goto(s2);
  await expect(page.getByTestId('progress-table')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
});
