// « Tableau de bord » over a small workspace whose history was made on three days (a moved clock):
// the aging, the probable value, the DSO and the forecast, checked to the cent against a hand
// computation, and the CSV exports as a French spreadsheet reads them.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { createClient, createWorkspace, issueInvoiceFor, pinClock, recordPaymentFromInvoice, seriousA11yViolations } from './helpers';
import { downloadFrom } from './pdfHelpers';

test('aging, probable value, DSO, forecast and CSV exports of a small history', async ({ page }, info) => {
  test.setTimeout(120_000);
  // 1 September 2026: F1 1 200 € TTC to Alpha, F2 600 € to Bravo, both due 1 October (30 days).
  await pinClock(page, '2026-09-01T10:00:00+02:00');
  await createWorkspace(page);
  await createClient(page, { name: 'Alpha SARL' });
  await createClient(page, { name: 'Bravo SAS' });
  await issueInvoiceFor(page, 'Alpha SARL', '1000');
  await issueInvoiceFor(page, 'Bravo SAS', '500');
  // 15 October: F3 300 € to Alpha (due 14 November); Alpha pays 200 € on F1.
  await pinClock(page, '2026-10-15T10:00:00+02:00');
  await issueInvoiceFor(page, 'Alpha SARL', '250');
  await page.goto('/documents');
  await page.getByTestId('doc-row').filter({ hasText: 'F-2026-A-0001' }).click();
  await recordPaymentFromInvoice(page, '200');
  // 20 November: F4 120 € to Bravo, due 20 December.
  await pinClock(page, '2026-11-20T10:00:00+01:00');
  await issueInvoiceFor(page, 'Bravo SAS', '100');

  await page.goto('/');
  await page.getByTestId('home-figures').click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('heading', { name: /Tableau de bord/ })).toBeVisible();

  // What is owed on 20 November: F1 1 000 € and F2 600 €, 50 days late (46–60); F3 300 €, 6 days
  // late (1–30); F4 120 €, not due. Recovery: 50 days → 90 − 20 × 20/60 = 83,33 % → 833,33 € and
  // 500,00 €; 6 days → 100 − 10 × 6/30 = 98 % → 294,00 €; not due → 120,00 €.
  await expect(page.getByTestId('aging-total')).toHaveText('2\u202f020,00\u00a0€');
  await expect(page.getByTestId('aging-probable')).toHaveText('1\u202f747,33\u00a0€');
  await expect(page.getByTestId('aging-lost')).toHaveText('272,67\u00a0€');
  await expect(page.getByTestId('bucket-d46_60')).toContainText('1\u202f600,00\u00a0€');
  await expect(page.getByTestId('bucket-d46_60')).toContainText('1\u202f333,33\u00a0€');
  await expect(page.getByTestId('bucket-d1_30')).toContainText('300,00\u00a0€');
  await expect(page.getByTestId('bucket-not_due')).toContainText('120,00\u00a0€');

  // The receivables behind a bucket.
  await page.getByTestId('bucket-d46_60').getByRole('button').click();
  const detail = page.getByTestId('dashboard-detail');
  await expect(detail.getByTestId('dashboard-detail-row')).toHaveCount(2);
  await expect(detail).toContainText('F-2026-A-0001');
  await expect(detail).toContainText('F-2026-A-0002');

  // Per client: Alpha owes 1 300 €, Bravo 720 €, most owed first.
  await expect(page.getByTestId('aging-row').first()).toContainText('Alpha SARL');
  await expect(page.getByTestId('aging-row').first()).toContainText('1\u202f300,00\u00a0€');

  // DSO: 2 020 € owed; November's 120 € cover 20 days (1 900 € left), October's 300 € its 31
  // days (1 600 € left), then 1 600 / 1 800 of September's 30 days = 26,67 → 77,7 days.
  // Simple: 30 days 2 020 / 120 × 30 = 505; 90 and 365 days: 2 020 / 2 220 × 90 = 81,9 and × 365 = 332,1.
  await expect(page.getByTestId('dso-count-back')).toHaveText('77,7 j');
  await expect(page.getByTestId('dso-simple-30')).toHaveText('505 j');
  await expect(page.getByTestId('dso-simple-90')).toHaveText('81,9 j');
  await expect(page.getByTestId('dso-simple-365')).toHaveText('332,1 j');

  // Forecast: no client has paid an invoice in full yet (usual delay 0): what is late is expected
  // this week (16–22 November), F4 in the week of 14 December.
  const weeks = page.getByTestId('forecast-week');
  await expect(weeks).toHaveCount(12);
  await expect(weeks.nth(0)).toContainText('16/11 – 22/11');
  await expect(weeks.nth(0)).toContainText('1\u202f900,00\u00a0€');
  await expect(weeks.nth(4)).toContainText('14/12 – 20/12');
  await expect(weeks.nth(4)).toContainText('120,00\u00a0€');
  expect(await seriousA11yViolations(page)).toEqual([]);

  // CSV, as a French spreadsheet expects: BOM, « ; », decimal commas, most late first.
  const aging = readFileSync((await downloadFrom(page, 'csv-aging', info)).path, 'utf8');
  expect(aging.split('\r\n')).toEqual([
    '\ufeffClient;Numéro;Date d’émission;Échéance;Jours de retard;Tranche;Reste dû TTC',
    'Alpha SARL;F-2026-A-0001;01/09/2026;01/10/2026;50;46 à 60 jours;1000,00',
    'Bravo SAS;F-2026-A-0002;01/09/2026;01/10/2026;50;46 à 60 jours;600,00',
    'Alpha SARL;F-2026-A-0003;15/10/2026;14/11/2026;6;1 à 30 jours;300,00',
    'Bravo SAS;F-2026-A-0004;20/11/2026;20/12/2026;0;Non échu;120,00',
    ''
  ]);
  const dso = readFileSync((await downloadFrom(page, 'csv-dso', info)).path, 'utf8').split('\r\n');
  expect(dso[0]).toBe('\ufeffMois;Au;Encours TTC;DSO (jours);Historique suffisant');
  // 30 September: F1 and F2 whole (1 800 €), September's sales exactly → 30 days.
  expect(dso).toContain('2026-09;30/09/2026;1800,00;30;oui');
  expect(dso).toContain('2026-11;20/11/2026;2020,00;77,7;oui');
  const forecast = readFileSync((await downloadFrom(page, 'csv-forecast', info)).path, 'utf8').split('\r\n');
  expect(forecast).toContain('16/11/2026;22/11/2026;;Total de la semaine;;;1900,00');
  expect(forecast).toContain('14/12/2026;20/12/2026;20/12/2026;Bravo SAS;F-2026-A-0004;Retard habituel;120,00');

  // The owner's settings: a DSO target of 60 days (77,7 is above it), and 80 % instead of 90 %
  // at 30 days late. 50 days → 80 − 10 × 20/60 = 76,67 % → 766,67 € + 460,00 €;
  // 6 days → 100 − 20 × 6/30 = 96 % → 288,00 €; not due 120,00 € → 1 634,67 €.
  await page.getByTestId('dashboard-settings').locator('summary').click();
  await page.getByTestId('dso-target-input').fill('60');
  await page.getByTestId('curve-percent').nth(1).fill('80');
  await page.getByTestId('curve-days').nth(2).fill('20'); // days that go back: refused beside the table
  await expect(page.getByTestId('curve-error')).toBeVisible();
  // Past weeks, each Monday's forecast replayed (usual delay 0): 21–27 Sept nothing due yet;
  // 28 Sept – 4 Oct F1 + F2 due 1 October, 1 800 €, and still 1 800 € the two weeks after (late:
  // expected at once) — the week of 12 October received Alpha's 200 €; from 19 October 1 600 €
  // left; 9–15 November adds F3 (due 14 November): 1 900 €.
  await page.getByTestId('past-open').click();
  const past = page.getByTestId('past-week');
  await expect(past).toHaveCount(8);
  const row = (i: number, week: string, forecast: string, cameIn: string) =>
    expect(past.nth(i)).toHaveText(new RegExp(`${week}\\s*${forecast}\\s*${cameIn}`));
  await row(0, '21/09 – 27/09', '0,00\u00a0€', '0,00\u00a0€');
  await row(1, '28/09 – 04/10', '1\u202f800,00\u00a0€', '0,00\u00a0€');
  await row(3, '12/10 – 18/10', '1\u202f800,00\u00a0€', '200,00\u00a0€');
  await row(4, '19/10 – 25/10', '1\u202f600,00\u00a0€', '0,00\u00a0€');
  await row(7, '09/11 – 15/11', '1\u202f900,00\u00a0€', '0,00\u00a0€');

  await page.getByTestId('dashboard-settings-save').click();
  await expect(page.getByTestId('dashboard-settings-saved')).toHaveCount(0);
  await page.getByTestId('curve-days').nth(2).fill('90');
  await expect(page.getByTestId('curve-error')).toHaveCount(0);
  await page.getByTestId('dashboard-settings-save').click();
  await expect(page.getByTestId('dashboard-settings-saved')).toBeVisible();
  await expect(page.getByTestId('aging-probable')).toHaveText('1\u202f634,67\u00a0€');
  await expect(page.getByTestId('dso-target')).toHaveText('60 j');
  await expect(page.getByTestId('dso-target')).toHaveClass(/danger/);
  await page.reload();
  await expect(page.getByTestId('aging-probable')).toHaveText('1\u202f634,67\u00a0€');
});

test('on a phone the dashboard reads in one column', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await pinClock(page, '2026-11-20T10:00:00+01:00');
  await createWorkspace(page);
  await page.goto('/dashboard');
  await expect(page.getByTestId('dashboard-empty')).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  expect(await seriousA11yViolations(page)).toEqual([]);
});
