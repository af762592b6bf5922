// The « À relancer » list in a real browser: an invoice issued on 6 May with « net 30 » is due on
// 5 June. What is recorded is what happened: an invoice nobody sent is first « à envoyer »; a
// reminder counts once the user says it went out. The clock is moved by opening a new page with
// another pinned date: the data stays in IndexedDB within the same browser context.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { addLines, createClient, createWorkspace, euros, issueOpenDraft, pinClock } from './helpers';
import { downloadFrom, flat, pdfPages } from './pdfHelpers';

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

/** Workspace, client with a billing e-mail, one invoice of 1 200 € TTC issued on 6 May (net 30), sent that day unless `sent` is false. */
async function lateInvoice(context: BrowserContext, sent = true): Promise<{ page: Page; clientId: string; invoiceUrl: string }> {
  const page = await pageOn(context, ISSUED_ON);
  await createWorkspace(page);
  const clientId = await createClient(page, { name: 'Boulangerie Martin', siren: '732829320', email: 'compta@boulangerie-martin.fr' });
  await page.getByTestId('client-new-invoice').click();
  await addLines(page, [{ description: 'Conception de la carte de fidélité', quantity: '2', price: '500,00', vatBp: 2000 }]);
  await issueOpenDraft(page);
  await expect(page.getByTestId('doc-due')).toContainText('5 juin 2026');
  if (sent) {
    await page.getByTestId('mark-sent').click();
    await page.getByTestId('sent-save').click();
    await expect(page.getByTestId('sent-info')).toContainText('06/05/2026');
  }
  return { page, clientId, invoiceUrl: page.url() };
}

const itemOf = (page: Page, clientId: string) => page.locator(`[data-testid="chase-item"][data-client="${clientId}"]`);

test('an invoice never sent is sent first, recorded only once confirmed; then the first reminder, confirmed too', async ({ context }, info) => {
  const { page: first, clientId, invoiceUrl } = await lateInvoice(context, false);
  let page = await pageOn(context, '2026-06-15T09:00:00+02:00', first);
  await page.goto('/');
  const item = () => itemOf(page, clientId);
  await expect(item().getByTestId('chase-step')).toHaveText('Envoyer la facture');
  await expect(item().getByTestId('chase-email')).toHaveCount(0);

  // The mail app opens with the invoice message and its PDF is downloaded to attach…
  const href = (await item().getByTestId('chase-send-invoice').getAttribute('href'))!;
  expect(new URL(href).searchParams.get('subject')).toBe(`Facture F-2026-A-0001 — ${euros('1 200,00 €')}`);
  const pdf = await downloadFrom(page, 'chase-send-invoice', info);
  expect(pdf.name).toContain('F-2026-A-0001');
  // …but nothing is recorded until the user says it went out.
  await expect(item().getByTestId('chase-confirm')).toContainText('Facture envoyée au client ?');
  await item().getByTestId('chase-confirm-no').click();
  await expect(item().getByTestId('chase-step')).toHaveText('Envoyer la facture');
  await page.goto(invoiceUrl);
  await expect(page.getByTestId('mark-sent')).toBeVisible();

  await page.goto('/');
  await downloadFrom(page, 'chase-send-invoice', info);
  await item().getByTestId('chase-confirm-yes').click();
  await expect(item()).toHaveCount(0);
  await page.goto(invoiceUrl);
  await expect(page.getByTestId('sent-info')).toContainText('15/06/2026');
  // Sent today, ten days after its due date: the first reminder waits for the minimum gap.
  await expect(page.getByTestId('chase-next')).toHaveText('Prochaine étape : Première relance le 18/06/2026');

  // 18 June: the FIRST reminder (not the second, though J+8 has passed: no « previous message »).
  page = await pageOn(context, '2026-06-18T09:00:00+02:00', page);
  await page.goto('/');
  await expect(item().getByTestId('chase-step')).toHaveText('Première relance');
  await expect(item().getByTestId('chase-days-late')).toHaveText('13 j de retard');
  await expect(item().getByTestId('chase-amount')).toHaveText(euros('1 200,00 €'));
  await expect(page.getByTestId('nav-chase-count')).toContainText('1');
  const mail = new URL((await item().getByTestId('chase-email').getAttribute('href'))!);
  expect(mail.href.startsWith('mailto:compta@boulangerie-martin.fr?')).toBe(true);
  expect(mail.searchParams.get('subject')).toBe(`Facture F-2026-A-0001 échue — ${euros('1 200,00 €')} restant dû`);
  expect(mail.searchParams.get('body')).toContain('IBAN FR76 3000 6000 0112 3456 7890 189');

  // Opening the mail app is not sending: asked, « Pas encore » leaves everything as it was.
  await item().getByTestId('chase-email').click();
  await expect(item().getByTestId('chase-confirm')).toContainText('E-mail envoyé ?');
  await item().getByTestId('chase-confirm-no').click();
  await expect(item().getByTestId('chase-step')).toHaveText('Première relance');
  await item().getByTestId('chase-email').click();
  await item().getByTestId('chase-confirm-yes').click();
  await expect(item()).toHaveCount(0);
  await expect(page.getByTestId('chase-empty')).toBeVisible();
  await page.goto(`/clients/${clientId}`);
  await expect(page.getByTestId('contact-entry').first()).toContainText('e-mail');
  await expect(page.getByTestId('contact-entry').first()).toContainText('envoyé');
  // The next step is named, after the minimum gap.
  await page.goto(invoiceUrl);
  await expect(page.getByTestId('chase-next')).toHaveText('Prochaine étape : Deuxième relance le 21/06/2026');

  // 21 June: the second reminder may now say « malgré notre précédent message du 18 juin ».
  page = await pageOn(context, '2026-06-21T09:00:00+02:00', page);
  await page.goto('/');
  await expect(item().getByTestId('chase-step')).toHaveText('Deuxième relance');
  const body = new URL((await item().getByTestId('chase-email').getAttribute('href'))!).searchParams.get('body')!;
  expect(body).toContain('Malgré notre précédent message du 18 juin 2026, les sommes suivantes restent impayées');
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

test('« Je m’en occupe » marks the item taken; skipping a step needs a reason and brings the next one', async ({ context }) => {
  const { page: first, clientId } = await lateInvoice(context);
  const page = await pageOn(context, '2026-06-15T09:00:00+02:00', first);
  await page.goto('/');
  const item = itemOf(page, clientId);
  await item.getByTestId('chase-take').click();
  await expect(item.getByTestId('chase-claimed')).toHaveText('Vous vous en occupez');
  await expect(item.getByTestId('chase-step')).toHaveText('Première relance');
  await item.getByTestId('chase-skip').click();
  await item.getByTestId('skip-reason').fill('Client prévenu de vive voix');
  await item.getByTestId('skip-save').click();
  // A skip is not a contact: the J+8 second reminder is due at once.
  await expect(item.getByTestId('chase-step')).toHaveText('Deuxième relance');
});

test('the formal notice: the e-mail text and the PDF letter list the same invoices and the same total', async ({ context }, info) => {
  const { page: first, clientId } = await lateInvoice(context);
  const page = await pageOn(context, '2026-07-20T09:00:00+02:00', first);
  await page.goto('/');
  const item = itemOf(page, clientId);
  // 45 days late, nothing done: the reminders come first; skip them to reach the formal notice.
  for (const step of ['Première relance', 'Deuxième relance', 'Appel de relance']) {
    await expect(item.getByTestId('chase-step')).toHaveText(step);
    await item.getByTestId('chase-skip').click();
    await item.getByTestId('skip-reason').fill('Fait hors application');
    await item.getByTestId('skip-save').click();
  }
  await expect(item.getByTestId('chase-step')).toHaveText('Mise en demeure');
  // 1 200 € × 12,15 % × 45 / 365 = 17,97… → 17,98 €, plus 40 €: total 1 257,98 €.
  await item.getByTestId('chase-preview').click();
  const text = await item.getByTestId('chase-text').textContent();
  expect(text).toContain('F-2026-A-0001');
  expect(text).toContain(`Total réclamé : ${euros('1 257,98 €')}`);
  expect(text).not.toContain('Malgré');
  const letter = await downloadFrom(page, 'chase-letter', info);
  const printed = flat(pdfPages(letter.path).join('\n'));
  expect(printed).toContain('F-2026-A-0001');
  expect(printed).toContain(euros('1 257,98 €'));
  // Nothing was sent before: the letter does not claim earlier reminders.
  expect(printed).not.toContain('Malgré nos relances');
  await expect(item.getByTestId('chase-confirm')).toContainText('Lettre envoyée ?');
  await item.getByTestId('chase-confirm-yes').click();
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

test('an invoice paid late keeps its penalties until they are claimed or waived, and says so', async ({ context }) => {
  const { page: first, invoiceUrl, clientId } = await lateInvoice(context);
  const page = await pageOn(context, '2026-06-20T09:00:00+02:00', first);
  await page.goto(invoiceUrl);
  await page.getByTestId('record-payment').click();
  await page.getByTestId('pay-save').click();
  await expect(page.getByTestId('frozen-note')).toBeVisible();
  // Paid 15 days late: 1 200 € × 12,15 % × 15 / 365 = 5,99 €, and 40 € for a business.
  await expect(page.getByTestId('penalties-interest')).toHaveText(euros('5,99 €'));
  await expect(page.getByTestId('penalties-indemnity')).toHaveText(euros('40,00 €'));
  await expect(page.getByTestId('penalties-state')).toHaveText('Facture réglée en retard le 20/06/2026 : ces pénalités restent exigibles.');
  await page.goto(`/clients/${clientId}`);
  await expect(page.getByTestId('client-penalties')).toHaveText(euros('45,99 €'));

  // Waived: an explicit, logged decision; the client owes nothing more.
  await page.goto(invoiceUrl);
  await page.getByTestId('penalties-waive').click();
  await expect(page.getByTestId('penalties-state')).toHaveText('Abandonnées le 20/06/2026.');
  await expect(page.locator('.history')).toContainText('Pénalités de retard : décision notée');
  await page.goto(`/clients/${clientId}`);
  await expect(page.getByTestId('client-penalties')).toHaveCount(0);
});
