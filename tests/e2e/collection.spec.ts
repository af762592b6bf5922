// « Confier au recouvrement »: two late invoices handed to a commissaire de justice stop being
// chased, show apart on the dashboard, the file for the agency downloads as one zip (summary,
// invoices, statement), then the case is closed: 1 000 € recovered, the rest written off.
import { expect, test } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { unzipSync } from 'fflate';
import { createClient, createWorkspace, issueInvoiceFor, pinClock, seriousA11yViolations } from './helpers';
import { downloadFrom, flat } from './pdfHelpers';

const money = (s: string) => s.replace(/ (?=\d{3}(?!\d))/g, '\u202f').replace(/ €/g, '\u00a0€');

test('hand two late invoices over, download the file, close the case with a loss', async ({ page }, info) => {
  test.setTimeout(120_000);
  // 2 March: F1 1 200 € TTC and F2 600 € TTC to Delta, due 1 April (30 days).
  await pinClock(page, '2026-03-02T10:00:00+01:00');
  await createWorkspace(page);
  const delta = await createClient(page, { name: 'Delta SARL' });
  await issueInvoiceFor(page, 'Delta SARL', '1000');
  await issueInvoiceFor(page, 'Delta SARL', '500');

  // 1 June: 61 days late, on the « À relancer » list.
  await pinClock(page, '2026-06-01T10:00:00+02:00');
  await page.goto('/');
  await expect(page.locator(`[data-testid="chase-item"][data-client="${delta}"]`).first()).toBeVisible();

  await page.goto('/documents');
  await page.getByTestId('doc-row').filter({ hasText: 'F-2026-A-0001' }).click();
  await page.getByTestId('doc-hand-over').click();
  await expect(page).toHaveURL(new RegExp(`/clients/${delta}/recouvrement\\?invoice=`));
  const boxes = page.getByTestId('handover-invoice');
  await expect(boxes).toHaveCount(2);
  // The invoice it came from is picked; F2 is added by hand.
  await expect(boxes.nth(0)).toBeChecked();
  await expect(boxes.nth(1)).not.toBeChecked();
  await boxes.nth(1).check();
  await page.getByTestId('handover-agent').selectOption('bailiff');
  await page.getByTestId('handover-name').fill('Étude Martin');
  await page.getByTestId('handover-submit').click();
  await expect(page.getByTestId('handover-done')).toBeVisible();
  const card = page.getByTestId('collection-case');
  await expect(card).toContainText('Commissaire de justice — Étude Martin depuis le 01/06/2026');
  await expect(card.getByTestId('case-state')).toHaveText('En cours');
  await expect(card.getByTestId('case-remaining')).toHaveText([money('1 200,00 €'), money('600,00 €')]);
  await expect(page.getByTestId('handover-none')).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);

  // Reminders stop; the client page and the invoice say where the debt is.
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'À relancer' })).toBeVisible();
  await expect(page.locator(`[data-testid="chase-item"][data-client="${delta}"]`)).toHaveCount(0);
  await page.goto(`/clients/${delta}`);
  await expect(page.getByTestId('client-in-collection')).toContainText('2 facture(s) en recouvrement');
  await page.goto('/dashboard');
  await expect(page.getByTestId('collection-open')).toHaveText(money('1 800,00 €'));
  await expect(page.getByTestId('collection-cases')).toContainText('Delta SARL');

  // The file for the commissaire de justice.
  await page.goto(`/clients/${delta}/recouvrement`);
  const zip = await downloadFrom(page, 'case-download', info);
  const files = unzipSync(new Uint8Array(readFileSync(zip.path)));
  const names = Object.keys(files).sort();
  expect(names.filter((n) => n.startsWith('factures/'))).toHaveLength(2);
  expect(names.some((n) => /^Releve-de-compte/i.test(n) || /releve/i.test(n))).toBe(true);
  const summaryName = names.find((n) => n.startsWith('01-'))!;
  expect(summaryName).toBeTruthy();
  const summaryPath = info.outputPath('summary.pdf');
  writeFileSync(summaryPath, files[summaryName]);
  const text = flat(execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', summaryPath, '-'], { encoding: 'utf8' }));
  expect(text).toContain('DOSSIER DE RECOUVREMENT');
  expect(text).toContain('Commissaire de justice — Étude Martin');
  expect(text).toContain('Delta SARL');
  expect(text).toContain('F-2026-A-0001');
  expect(text).toContain('F-2026-A-0002');
  expect(text).toContain(`principal ${money('1 800,00 €')}`);
  // 61 days at 12,15 %: F1 120 000 × 61 × 1215 / 3 650 000 = 2 436,7 → 24,37 €; F2 half of the
  // cent-days → 1 218,3 → 12,18 €; 36,55 € in all. Two late invoices of a business: 2 × 40 €.
  expect(text).toContain(`F-2026-A-0001 02/03/2026 01/04/2026 ${money('1 200,00 €')} ${money('1 200,00 €')} 61 ${money('24,37 €')} ${money('40,00 €')}`);
  expect(text).toContain(`F-2026-A-0002 02/03/2026 01/04/2026 ${money('600,00 €')} ${money('600,00 €')} 61 ${money('12,18 €')} ${money('40,00 €')}`);
  expect(text).toContain(`intérêts de retard ${money('36,55 €')} · indemnités forfaitaires ${money('80,00 €')}`);
  expect(text).toContain(`Montant réclamé au 01/06/2026 ${money('1 916,55 €')}`);
  expect(text).toContain('Aucune mise en demeure envoyée');

  // Closed: 1 000 € recovered on 1 800 €, the rest (800 €) written off.
  await page.getByTestId('case-close-open').click();
  await page.getByTestId('case-recovered').fill('1000');
  await expect(page.getByTestId('case-write-off-rest')).toBeChecked();
  await expect(page.getByTestId('case-preview')).toHaveText(`Paiement : ${money('1 000,00 €')} · perte : ${money('800,00 €')} · reste dû : ${money('0,00 €')}`);
  await page.getByTestId('case-close').click();
  await expect(page.getByTestId('case-message')).toHaveText('Dossier clos.');
  await expect(card.getByTestId('case-state')).toHaveText('Clos le 01/06/2026 : récupéré');

  await page.goto('/documents');
  await page.getByTestId('doc-row').filter({ hasText: 'F-2026-A-0002' }).click();
  await expect(page.getByTestId('doc-written-off')).toHaveText(`Passée en perte le 01/06/2026 : ${money('600,00 €')}`);
  await expect(page.locator('[data-status="written_off"]')).toBeVisible();
  await page.goto('/dashboard');
  await expect(page.getByTestId('collection-open')).toHaveText(money('0,00 €'));
  await expect(page.getByTestId('collection-lost')).toHaveText(money('800,00 €'));
});
