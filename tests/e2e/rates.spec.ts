// Amounts and dates refused or warned at entry (issue 9 §3), through the real UI: a future issue
// date, a negative total, a contractual penalty rate below the legal floor, and a new half-year of
// the legal rate table entered in Réglages, then printed on the next invoice.
import { expect, test, type Page } from '@playwright/test';
import { addLines, createClient, createWorkspace, issueOpenDraft, pinClock, seriousA11yViolations } from './helpers';
import { downloadFrom, flat, pdfPages } from './pdfHelpers';

test.beforeEach(async ({ page }) => {
  // 23 November 2026: the second half of 2026, whose rates Relance does not have built in.
  await pinClock(page, '2026-11-23T10:00:00+01:00');
});

async function newInvoiceFor(page: Page, clientName: string): Promise<void> {
  await page.goto('/documents');
  await page.getByTestId('new-invoice').click();
  await page.getByTestId('new-client').selectOption({ label: clientName });
  await page.getByTestId('new-create').click();
}

test('a future issue date and a negative total are refused beside the field, before « Émettre »', async ({ page }) => {
  await createWorkspace(page);
  await createClient(page, { name: 'Cabinet Morel' });
  await newInvoiceFor(page, 'Cabinet Morel');
  await addLines(page, [{ description: 'Audit', quantity: '1', price: '800', vatBp: 2000 }]);

  const date = page.getByTestId('doc-issue-date');
  await expect(date).toHaveValue('2026-11-23');
  await date.fill('2026-11-24');
  await expect(page.getByTestId('issue-date-error')).toHaveText(
    'La date d’émission est après aujourd’hui (23/11/2026) : un document est daté du jour de son émission, jamais plus tard.'
  );
  await expect(date).toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('issue').click();
  await expect(page.getByTestId('issue-confirm')).toHaveCount(0);
  await expect(date).toBeFocused();

  // A deduction larger than the work: the total is negative.
  await date.fill('2026-11-23');
  await expect(page.getByTestId('issue-date-error')).toHaveCount(0);
  await addLines(page, [{ description: 'Avance déjà versée', quantity: '1', price: '-1000', vatBp: 2000 }]);
  await expect(page.getByTestId('totals-error')).toContainText('Le total est négatif');
  await page.getByTestId('issue').click();
  await expect(page.getByTestId('issue-confirm')).toHaveCount(0);
  expect(await seriousA11yViolations(page)).toEqual([]);

  // Nothing typed was lost: with the deduction corrected, the invoice is issued dated today.
  await page.getByTestId('line').last().getByTestId('line-price').fill('-300');
  await expect(page.getByTestId('totals-error')).toHaveCount(0);
  await issueOpenDraft(page);
  await expect(page.getByTestId('doc-number')).toContainText('F-2026-A-0001');
  await expect(page.getByTestId('view-line')).toHaveCount(2);
});

test('a contractual rate below 3 × the legal rate is warned, and saved when the user keeps it', async ({ page }) => {
  await createWorkspace(page);
  await page.goto('/settings');
  await expect(page.getByTestId('company-penalty-legal')).toBeChecked();
  await expect(page.getByTestId('company-penalty-choice')).toContainText('12,15\u202f% au 1er semestre 2026');

  await page.getByTestId('company-penalty-contractual').check();
  // 2026 H2 is not in the table: the floor is 2026 H1's, 3 × 2,62 % = 7,86 %.
  await page.getByTestId('company-penalty').fill('7,5');
  await expect(page.getByTestId('penalty-warning')).toContainText('au moins 3 fois le taux de l’intérêt légal du 1er semestre 2026, soit 7,86\u202f%');
  await page.getByTestId('company-penalty').fill('8');
  await expect(page.getByTestId('penalty-warning')).toHaveCount(0);
  await page.getByTestId('company-penalty').fill('7,5');
  await expect(page.getByTestId('penalty-warning')).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
  // A warning, not a refusal.
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-saved')).toContainText('Enregistré');
  await page.reload();
  await expect(page.getByTestId('company-penalty-contractual')).toBeChecked();
  await expect(page.getByTestId('company-penalty')).toHaveValue('7,5');
  await expect(page.getByTestId('penalty-warning')).toBeVisible();
});

test('a half-year entered in Réglages sets the rate of the next invoice issued', async ({ page }, info) => {
  await createWorkspace(page);
  await createClient(page, { name: 'Cabinet Morel' });

  // Before: 2026 H2 missing, the invoice takes 2026 H1's 2,15 % + 10 = 12,15 %.
  await newInvoiceFor(page, 'Cabinet Morel');
  await addLines(page, [{ description: 'Audit', quantity: '1', price: '800', vatBp: 2000 }]);
  await issueOpenDraft(page);
  const before = flat(pdfPages((await downloadFrom(page, 'pdf-download', info)).path).join('\n'));
  expect(before).toContain('Pénalités de retard : 12,15\u202f% par an');

  await page.goto('/settings#rates');
  await expect(page.getByTestId('rates-missing')).toHaveText(
    'Taux du 2ᵉ semestre 2026 non renseigné : les documents émis utilisent ceux du 1er semestre 2026. Ajoutez-les ci-dessous.'
  );
  await expect(page.getByTestId('rates-year')).toHaveValue('2026');
  await expect(page.getByTestId('rates-half')).toHaveValue('h2');
  // Refused without its source; nothing typed is lost.
  await page.getByTestId('rates-ecb').fill('1,90');
  await page.getByTestId('rates-legal').fill('2,50');
  await page.getByTestId('rates-save').click();
  await expect(page.locator('#rates')).toContainText('Champ obligatoire.');
  await expect(page.getByTestId('rates-ecb')).toHaveValue('1,90');
  // 1,90 + 10 = 11,90 % ; 3 × 2,50 = 7,50 %
  await expect(page.getByTestId('rates-preview')).toHaveText('Pénalités par défaut : 11,9\u202f% ; minimum contractuel : 7,5\u202f%.');
  await page.getByTestId('rates-source').fill('Banque de France / Légifrance, publié le 30/06/2026');
  await page.getByTestId('rates-save').click();
  await expect(page.getByTestId('rates-saved')).toHaveText('✓ Taux du 2ᵉ semestre 2026 enregistrés.');
  await expect(page.getByTestId('rates-missing')).toHaveCount(0);
  const row = page.locator('[data-testid="rates-row"][data-from="2026-07-01"]');
  await expect(row).toContainText('11,9\u202f%');
  await expect(row).toContainText('Banque de France / Légifrance, publié le 30/06/2026');
  await expect(page.getByTestId('company-penalty-choice')).toContainText('11,9\u202f% au 2ᵉ semestre 2026');
  expect(await seriousA11yViolations(page)).toEqual([]);

  // After: the next invoice freezes and prints 11,90 %; the first keeps what it printed.
  await newInvoiceFor(page, 'Cabinet Morel');
  await addLines(page, [{ description: 'Suivi', quantity: '1', price: '400', vatBp: 2000 }]);
  await issueOpenDraft(page);
  await expect(page.getByTestId('doc-number')).toContainText('F-2026-A-0002');
  const after = flat(pdfPages((await downloadFrom(page, 'pdf-download', info)).path).join('\n'));
  expect(after).toContain('Pénalités de retard : 11,9\u202f% par an');
});
