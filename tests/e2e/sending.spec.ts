// « Envoyer » on an issued invoice, on a computer: the mail app opens with the sending template
// filled, the PDF is downloaded beside it, and « Envoyée le … » is recorded only on « Oui ».
// Until then the invoice waits on « À relancer » as « Envoyer la facture ».
import { expect, test, type Page } from '@playwright/test';
import { addLines, createClient, createWorkspace, euros, issueOpenDraft, pinClock, seriousA11yViolations } from './helpers';
import { downloadFrom, flat, pdfPages } from './pdfHelpers';

test.beforeEach(async ({ page }) => {
  await pinClock(page, '2026-05-06T10:00:00+02:00');
  // A mailto: link must not try to open a mail client in the test browser (the app's handler still runs).
  await page.addInitScript(() => {
    document.addEventListener('click', (e) => {
      if ((e.target as Element | null)?.closest?.('a[href^="mailto:"]')) e.preventDefault();
    }, true);
  });
});

test('send an invoice: mailto with the template, PDF downloaded, « Envoyée le » only once confirmed', async ({ page }, info) => {
  await createWorkspace(page);
  const clientId = await createClient(page, { name: 'Boulangerie Martin', siren: '732829320', email: 'compta@boulangerie-martin.fr' });
  await page.getByTestId('client-new-invoice').click();
  await addLines(page, [{ description: 'Conception de la carte de fidélité', quantity: '2', price: '500,00', vatBp: 2000 }]);
  await issueOpenDraft(page);
  const invoiceUrl = page.url();
  // The first screen says who, how much is left and when it is due (2 × 500 HT + 20 % = 1 200 TTC).
  await expect(page.getByTestId('doc-facts')).toContainText(`Boulangerie Martin · reste dû ${euros('1 200,00 €')}`);

  // Issued, not sent: « À relancer » lists it as the invoice to send.
  await page.goto('/');
  const item = page.locator(`[data-testid="chase-item"][data-client="${clientId}"]`);
  await expect(item.getByTestId('chase-step')).toHaveText('Envoyer la facture');

  await page.goto(invoiceUrl);
  const mail = new URL((await page.getByTestId('send-email').getAttribute('href'))!);
  expect(mail.href.startsWith('mailto:compta@boulangerie-martin.fr?')).toBe(true);
  expect(mail.searchParams.get('subject')).toBe(`Facture F-2026-A-0001 — ${euros('1 200,00 €')}`);
  // Net 30 from 6 May: due on 5 June.
  expect(mail.searchParams.get('body')).toContain('à régler au plus tard le 5 juin 2026');
  const pdf = await downloadFrom(page, 'send-email', info);
  expect(pdf.name).toContain('F-2026-A-0001');
  expect(flat(pdfPages(pdf.path)[0])).toContain('F-2026-A-0001');

  // Opening the mail app is not sending: « Pas encore » records nothing.
  await expect(page.getByTestId('send-confirm')).toContainText('Facture envoyée au client ?');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByTestId('send-confirm-no').click();
  await expect(page.getByTestId('sent-info')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('send-email')).toBeVisible();

  await downloadFrom(page, 'send-email', info);
  await page.getByTestId('send-confirm-yes').click();
  await expect(page.getByTestId('sent-info')).toHaveText('Envoyée le 06/05/2026 (e-mail)');
  await page.reload();
  await expect(page.getByTestId('sent-info')).toHaveText('Envoyée le 06/05/2026 (e-mail)');

  // Sent: off the « À relancer » list until its due date comes near.
  await page.goto('/');
  await expect(item).toHaveCount(0);
});

test('a client without e-mail: the PDF to send is downloaded and the sending asked the same way', async ({ page }, info) => {
  await createWorkspace(page);
  await createClient(page, { name: 'Garage Roux' });
  await page.getByTestId('client-new-invoice').click();
  await addLines(page, [{ description: 'Vidange', quantity: '1', price: '90', vatBp: 2000 }]);
  await issueOpenDraft(page);
  await expect(page.getByTestId('send-email')).toHaveCount(0);
  await downloadFrom(page, 'send-download', info);
  await page.getByTestId('send-confirm-channel').selectOption('hand');
  await page.getByTestId('send-confirm-yes').click();
  await expect(page.getByTestId('sent-info')).toHaveText('Envoyée le 06/05/2026 (remis en main propre)');
});

/** The test browser has no share sheet: stand in for one that records what it was given. */
async function fakeShareSheet(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __shared: { title?: string; text?: string; files: string[] }[] };
    w.__shared = [];
    Object.defineProperty(navigator, 'canShare', { value: (data: { files?: File[] }) => Array.isArray(data?.files), configurable: true });
    Object.defineProperty(navigator, 'share', {
      value: async (data: { title?: string; text?: string; files?: File[] }) => {
        w.__shared.push({ title: data.title, text: data.text, files: (data.files ?? []).map((f) => `${f.name} ${f.type} ${f.size > 1000}`) });
      },
      configurable: true
    });
  });
}

const shared = (page: Page) => page.evaluate(() => (window as unknown as { __shared: unknown[] }).__shared);

test('on a phone that shares files: the share sheet gets the PDF and the message, then « Envoyée ? »', async ({ page }) => {
  await fakeShareSheet(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await createWorkspace(page);
  await createClient(page, { name: 'Boulangerie Martin', siren: '732829320', email: 'compta@boulangerie-martin.fr' });
  await page.getByTestId('client-new-invoice').click();
  await addLines(page, [{ description: 'Conception', quantity: '1', price: '1000', vatBp: 2000 }]);
  await issueOpenDraft(page);
  await expect(page.getByTestId('send-email')).toHaveCount(0);
  // Within the first screen of a phone.
  await expect(page.getByTestId('send-share')).toBeInViewport();
  await expect(page.getByTestId('record-payment')).toBeInViewport();
  await page.getByTestId('send-share').click();
  await expect(page.getByTestId('send-confirm')).toContainText('Facture envoyée au client ?');
  expect(await shared(page)).toEqual([
    {
      title: `Facture F-2026-A-0001 — ${euros('1 200,00 €')}`,
      text: expect.stringContaining('Veuillez trouver ci-joint la facture F-2026-A-0001'),
      files: [expect.stringMatching(/F-2026-A-0001.*\.pdf application\/pdf true$/)]
    }
  ]);
  await page.getByTestId('send-confirm-yes').click();
  await expect(page.getByTestId('sent-info')).toHaveText('Envoyée le 06/05/2026 (e-mail)');
});

test('on a phone, « À relancer » sends the invoice through the share sheet too, recorded on « Oui »', async ({ page }) => {
  await fakeShareSheet(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await createWorkspace(page);
  const clientId = await createClient(page, { name: 'Boulangerie Martin', siren: '732829320', email: 'compta@boulangerie-martin.fr' });
  await page.getByTestId('client-new-invoice').click();
  await addLines(page, [{ description: 'Conception', quantity: '1', price: '1000', vatBp: 2000 }]);
  await issueOpenDraft(page);
  const invoiceUrl = page.url();
  await page.goto('/');
  const item = page.locator(`[data-testid="chase-item"][data-client="${clientId}"]`);
  await expect(item.getByTestId('chase-step')).toHaveText('Envoyer la facture');
  await item.getByTestId('chase-send-invoice').click();
  await expect(item.getByTestId('chase-confirm')).toContainText('Facture envoyée au client ?');
  expect(await shared(page)).toEqual([
    { title: `Facture F-2026-A-0001 — ${euros('1 200,00 €')}`, text: expect.stringContaining('Bonjour Service comptabilité'), files: [expect.stringMatching(/F-2026-A-0001.*\.pdf application\/pdf true$/)] }
  ]);
  await item.getByTestId('chase-confirm-yes').click();
  await expect(item).toHaveCount(0);
  await page.goto(invoiceUrl);
  await expect(page.getByTestId('sent-info')).toHaveText('Envoyée le 06/05/2026 (e-mail)');
});
