// The « À relancer » list in a real browser: an invoice issued on 6 May with « net 30 » is due on
// 5 June; on 15 June (10 days late) it is on « Aujourd'hui » with the J+8 second reminder. The
// clock is moved by opening a new page with another pinned date: the data stays in IndexedDB
// within the same browser context.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { addLines, createClient, createWorkspace, euros, issueOpenDraft, pinClock } from './helpers';

const ISSUED_ON = '2026-05-06T10:00:00+02:00';

/** A new page of the same context whose « today » is `iso`. */
async function pageOn(context: BrowserContext, iso: string, previous?: Page): Promise<Page> {
  await previous?.close();
  const page = await context.newPage();
  await pinClock(page, iso);
  // A mailto: link must not try to open a mail client in the test browser: cancel the
  // navigation (capture phase), the app's own click handler still runs.
  await page.addInitScript(() => {
    document.addEventListener(
      'click',
      (e) => {
        if ((e.target as Element | null)?.closest?.('a[href^="mailto:"]')) e.preventDefault();
      },
      true
    );
  });
  return page;
}

/** Workspace, client with a billing e-mail, one invoice of 1 200 € TTC issued on 6 May (net 30). */
async function lateInvoice(context: BrowserContext): Promise<{ page: Page; clientId: string }> {
  const page = await pageOn(context, ISSUED_ON);
  await createWorkspace(page);
  const clientId = await createClient(page, { name: 'Boulangerie Martin', siren: '732829320', email: 'compta@boulangerie-martin.fr' });
  await page.getByTestId('client-new-invoice').click();
  await addLines(page, [{ description: 'Conception de la carte de fidélité', quantity: '2', price: '500,00', vatBp: 2000 }]);
  await issueOpenDraft(page);
  await expect(page.getByTestId('doc-due')).toContainText('5 juin 2026');
  return { page, clientId };
}

const itemOf = (page: Page, clientId: string) => page.locator(`[data-testid="chase-item"][data-client="${clientId}"]`);

test('an invoice 10 days late is on « Aujourd’hui » with the J+8 second reminder and a pre-filled e-mail', async ({ context }) => {
  const { page: first, clientId } = await lateInvoice(context);
  const page = await pageOn(context, '2026-06-15T09:00:00+02:00', first);
  await page.goto('/');
  const item = itemOf(page, clientId);
  await expect(item).toHaveCount(1);
  await expect(item.getByTestId('chase-step')).toHaveText('Deuxième relance');
  await expect(item.getByTestId('chase-days-late')).toHaveText('10 j de retard');
  await expect(item.getByTestId('chase-amount')).toHaveText(euros('1 200,00 €'));
  await expect(item.getByTestId('chase-reason')).toContainText('1 facture');
  await expect(page.getByTestId('nav-chase-count')).toContainText('1');

  const href = (await item.getByTestId('chase-email').getAttribute('href'))!;
  expect(href.startsWith('mailto:compta@boulangerie-martin.fr?')).toBe(true);
  const params = new URL(href).searchParams;
  expect(params.get('subject')).toBe('Deuxième relance : 1\u202f200,00\u00a0€ impayé');
  expect(params.get('body')).toContain('F-2026-A-0001');
  expect(params.get('body')).toContain('IBAN FR76 3000 6000 0112 3456 7890 189');

  // Sending it logs the contact: the item leaves the list, the register on the client shows it.
  await item.getByTestId('chase-email').click();
  await expect(item).toHaveCount(0);
  await expect(page.getByTestId('chase-empty')).toBeVisible();
  await page.goto(`/clients/${clientId}`);
  await expect(page.getByTestId('contact-entry').first()).toContainText('e-mail');
  await expect(page.getByTestId('contact-entry').first()).toContainText('envoyé');
});

test('a call with a promise removes the item until the promised date; the day after, « promesse non tenue »', async ({ context }) => {
  const { page: first, clientId } = await lateInvoice(context);
  let page = await pageOn(context, '2026-06-15T09:00:00+02:00', first);
  await page.goto('/');
  const item = () => itemOf(page, clientId);
  await item().getByTestId('chase-call').click();
  await item().getByTestId('call-outcome').selectOption('promised');
  await item().getByTestId('call-promised-date').fill('2026-06-22');
  await item().getByTestId('call-note').fill('Virement promis par la comptable');
  await item().getByTestId('call-save').click();
  await expect(item()).toHaveCount(0);

  // Still hidden on the promised date itself…
  page = await pageOn(context, '2026-06-22T09:00:00+02:00', page);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'À relancer' })).toBeVisible();
  await expect(item()).toHaveCount(0);

  // …and back the day after, as a broken promise, by phone.
  page = await pageOn(context, '2026-06-23T09:00:00+02:00', page);
  await page.goto('/');
  await expect(item().getByTestId('chase-step')).toHaveText('Promesse non tenue');
  await expect(item()).toContainText('téléphone');
  await expect(item()).toContainText('18 j de retard');
});

test('« Je m’en occupe » marks the item taken; skipping a step needs a reason', async ({ context }) => {
  const { page: first, clientId } = await lateInvoice(context);
  const page = await pageOn(context, '2026-06-15T09:00:00+02:00', first);
  await page.goto('/');
  const item = itemOf(page, clientId);
  await item.getByTestId('chase-take').click();
  await expect(item.getByTestId('chase-claimed')).toHaveText('Vous vous en occupez');
  await item.getByTestId('chase-skip').click();
  await item.getByTestId('skip-reason').fill('Client prévenu de vive voix');
  await item.getByTestId('skip-save').click();
  // The second reminder is skipped; the J+15 call is not due yet.
  await expect(item).toHaveCount(0);
});

test('Réglages → Relances: a typo in a template is an error and nothing is saved; a policy is edited', async ({ page }) => {
  await pinClock(page, ISSUED_ON);
  await createWorkspace(page);
  await page.goto('/settings');
  await page.getByTestId('settings-chase-link').click();
  await expect(page.getByTestId('policy-row')).toHaveCount(3);

  const row = page.locator('[data-testid="template-row"][data-template="reminder1"]');
  await row.getByTestId('template-edit').click();
  await page.getByTestId('template-subject').fill('Relance : il reste {montant}');
  await expect(page.getByTestId('template-unknown')).toContainText('{montant}');
  await expect(page.getByTestId('template-save')).toBeDisabled();
  await page.getByTestId('template-subject').fill('Relance : il reste {amount}');
  await expect(page.getByTestId('template-unknown')).toHaveCount(0);
  await expect(page.getByTestId('template-preview-subject')).toHaveText('Relance : il reste 4 250,00 €');
  await page.getByTestId('template-save').click();
  await expect(row).toContainText('modifiée');

  const standard = page.locator('[data-testid="policy-row"][data-policy="standard"]');
  await standard.getByTestId('policy-edit').click();
  await page.getByTestId('policy-gap').fill('5');
  await page.getByTestId('policy-save').click();
  await expect(standard).toContainText('écart 5 j');
});
