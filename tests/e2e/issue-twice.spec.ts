// The same draft issued on two devices while both are offline (seen in use: after the sync only
// one number was left and device A numbered A-0001 again). Both numbers must exist on both
// devices, the duplicate is said plainly with its legal fix, and A goes on with A-0002.
import { expect, test, type Page } from '@playwright/test';
import { addLines, createClient, createWorkspace, issueOpenDraft, seriousA11yViolations } from './helpers';
import { confirmedSeries, controlled, docRow, join, newDevice, share, status, synced } from './devices';

const TITLE = 'Ce brouillon a été émis deux fois : F-2026-A-0001 et F-2026-B-0001';

const number = async (page: Page) => (await page.getByTestId('doc-number').innerText()).replace(/^(Facture|Avoir)\s+/, '');

test('a draft issued on two devices offline: both numbers survive on both devices, the duplicate is shown with its fix, A goes on with A-0002', async ({ browser }) => {
  const a = await newDevice(browser, '2026-03-10T10:00:00+01:00');
  // B issues five minutes after A: the later of the two.
  const b = await newDevice(browser, '2026-03-10T10:05:00+01:00');
  try {
    await createWorkspace(a.page, { device: 'Portable de Claire' });
    const clientId = await createClient(a.page, { name: 'Boulangerie Martin', siren: '732829320' });
    const link = await share(a.page);
    await join(b.page, link, 'Téléphone de Marc');
    expect(await confirmedSeries(b.page)).toBe('B');
    expect(await confirmedSeries(a.page)).toBe('A');

    // Online, A prepares a draft invoice; B opens the same draft.
    await a.page.goto(`/clients/${clientId}`);
    await a.page.getByTestId('client-new-invoice').click();
    await addLines(a.page, [{ description: 'Conception de la carte', quantity: '1', price: '250,00', vatBp: 2000 }]);
    await expect(a.page.getByTestId('save-state')).toHaveText('Brouillon enregistré');
    const draftUrl = a.page.url();
    await synced(a.page);
    await b.page.goto(draftUrl);
    await expect(b.page.getByTestId('line-description')).toHaveValue('Conception de la carte');

    // Both offline; each issues the draft.
    await controlled(a.page);
    await controlled(b.page);
    await a.context.setOffline(true);
    await b.context.setOffline(true);
    await expect(status(a.page)).toHaveAttribute('data-state', 'offline');
    await expect(status(b.page)).toHaveAttribute('data-state', 'offline');
    await issueOpenDraft(a.page);
    expect(await number(a.page)).toBe('F-2026-A-0001');
    await issueOpenDraft(b.page);
    expect(await number(b.page)).toBe('F-2026-B-0001');

    // Back online: both numbers exist on both devices, each in its own record; the draft is gone.
    await a.context.setOffline(false);
    await b.context.setOffline(false);
    await synced(a.page);
    await synced(b.page);
    for (const page of [a.page, b.page]) {
      await page.goto('/documents');
      await expect(docRow(page, 'F-2026-A-0001')).toHaveCount(1);
      await expect(docRow(page, 'F-2026-B-0001')).toHaveCount(1);
      await expect(page.getByTestId('doc-row')).toHaveCount(2);
      // The banner says it plainly, and proposes the credit note of the later one (B's).
      await expect(page.getByTestId('issued-twice-title')).toHaveText(TITLE);
      await expect(page.getByTestId('issued-twice-fix')).toHaveText('Créer l’avoir de F-2026-B-0001');
    }

    // Each document's page says it too (once: the page, not also the banner).
    for (const n of ['F-2026-A-0001', 'F-2026-B-0001']) {
      await a.page.goto('/documents');
      await docRow(a.page, n).click();
      await expect(a.page.getByTestId('doc-number')).toContainText(n);
      await expect(a.page.getByTestId('issued-twice')).toHaveCount(1);
      await expect(a.page.getByTestId('issued-twice-title')).toHaveText(TITLE);
    }
    expect(await seriousA11yViolations(a.page), 'issued twice').toEqual([]);

    // The draft's old address (B's open page) leads to both issued documents.
    await b.page.goto(draftUrl);
    await expect(b.page.getByTestId('issued-from-draft')).toHaveCount(2);
    await expect(b.page.getByTestId('issued-twice-title')).toHaveText(TITLE);

    // The integrity check reports it.
    await a.page.goto('/settings');
    await a.page.getByTestId('verify-integrity').click();
    await expect(a.page.locator('[data-testid="integrity-problem"][data-kind="issued_twice"]')).toContainText(
      'brouillon émis 2 fois : F-2026-A-0001 et F-2026-B-0001'
    );

    // A's next invoice follows what A really issued.
    await a.page.goto(`/clients/${clientId}`);
    await a.page.getByTestId('client-new-invoice').click();
    await addLines(a.page, [{ description: 'Impression des cartes', quantity: '1', price: '90,00', vatBp: 2000 }]);
    await issueOpenDraft(a.page);
    expect(await number(a.page)).toBe('F-2026-A-0002');

    // The legal fix: A cancels B's invoice by a credit note; the warning becomes a quiet note everywhere.
    await a.page.goto('/documents');
    await a.page.getByTestId('issued-twice-fix').click();
    await expect(a.page.getByText('Avoir sur la facture F-2026-B-0001')).toBeVisible();
    await issueOpenDraft(a.page);
    expect(await number(a.page)).toBe('A-2026-A-0001');
    await synced(a.page);
    for (const page of [a.page, b.page]) {
      await page.goto('/documents');
      await expect(page.getByTestId('doc-row')).toHaveCount(4);
      await expect(page.getByTestId('issued-twice')).toHaveCount(0);
      await docRow(page, 'F-2026-A-0001').click();
      await expect(page.getByTestId('issued-twice')).toHaveCount(0);
      await expect(page.getByTestId('issued-twice-settled')).toHaveText(
        'Ce brouillon a été émis deux fois (F-2026-A-0001 et F-2026-B-0001) ; c’est corrigé : seul F-2026-A-0001 reste valable.'
      );
    }
  } finally {
    await a.context.close();
    await b.context.close();
  }
});
