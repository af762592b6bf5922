// Two devices of one workspace edit different fields of the same records while offline — one
// contact's e-mail and its phone, two lines of one draft, the company's street and its postal
// code — then come back online: every device shows every edit.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { addLines, createClient, createWorkspace } from './helpers';
import { controlled, join, newDevice, share, status, synced } from './devices';

const menu = (page: Page, name: string) => page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name });

/** Leaves the draft editor through the menu (it saves on leaving); the list shows the draft's total. */
async function leaveDraft(page: Page, ttc: RegExp): Promise<void> {
  await menu(page, 'Documents').click();
  await expect(page.getByTestId('doc-row').first().locator('.total')).toHaveText(ttc);
}

/** Each field of `fields`, in order, holds the value given. */
async function expectValues(fields: Locator, values: string[]): Promise<void> {
  await expect(fields).toHaveCount(values.length);
  for (const [i, value] of values.entries()) await expect(fields.nth(i)).toHaveValue(value);
}

async function saveSettings(page: Page): Promise<void> {
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-saved')).toContainText('Enregistré');
}

test('two devices offline edit different fields of a contact, a draft and the company: back online, both keep every edit', async ({ browser }) => {
  const a = await newDevice(browser);
  const c = await newDevice(browser);
  try {
    await createWorkspace(a.page, { device: 'Portable de Claire' });
    const clientId = await createClient(a.page, { name: 'Boulangerie Martin', siren: '732829320', email: 'compta@boulangerie-martin.fr' });
    // A draft of two lines: 1 × 100,00 + 2 × 50,00 = 200,00 HT, 240,00 TTC.
    await a.page.getByTestId('client-new-invoice').click();
    await addLines(a.page, [
      { description: 'Conception de la carte', quantity: '1', price: '100,00', vatBp: 2000 },
      { description: 'Impression', quantity: '2', price: '50,00', vatBp: 2000 }
    ]);
    const draftUrl = a.page.url();
    await leaveDraft(a.page, /240,00/);

    const link = await share(a.page);
    await join(c.page, link, 'Tablette de Marc');
    await synced(c.page);
    await c.page.goto(draftUrl);
    await expect(c.page.getByTestId('line')).toHaveCount(2);

    // Both offline, pages served by the service worker.
    await controlled(a.page);
    await controlled(c.page);
    await a.context.setOffline(true);
    await c.context.setOffline(true);
    await expect(status(a.page)).toHaveAttribute('data-state', 'offline');
    await expect(status(c.page)).toHaveAttribute('data-state', 'offline');

    // A: the contact's e-mail, line 1's quantity, the company's street.
    await a.page.goto(`/clients/${clientId}/edit`);
    await a.page.getByTestId('contact-email').fill('factures@boulangerie-martin.fr');
    await a.page.getByTestId('client-save').click();
    await expect(a.page.getByTestId('client-contact')).toContainText('factures@boulangerie-martin.fr');
    await a.page.goto(draftUrl);
    await a.page.getByTestId('line-quantity').first().fill('3');
    // 3 × 100,00 + 2 × 50,00 = 400,00 HT → 480,00 TTC.
    await leaveDraft(a.page, /480,00/);
    // Within the app, as a user would: reloading at once could cut off the saving of the draft.
    await menu(a.page, 'Réglages').click();
    await a.page.getByTestId('company-address-line1').fill('14 rue des Lilas');
    await saveSettings(a.page);

    // C: the same contact's phone, line 2's price and a new line, the company's postal code.
    await c.page.goto(`/clients/${clientId}/edit`);
    await expect(c.page.getByTestId('contact-email')).toHaveValue('compta@boulangerie-martin.fr');
    await c.page.getByTestId('contact-phone').fill('04 72 00 00 00');
    await c.page.getByTestId('client-save').click();
    await expect(c.page.getByTestId('client-contact')).toContainText('04 72 00 00 00');
    await c.page.goto(draftUrl);
    await c.page.getByTestId('line-price').nth(1).fill('80,00');
    await addLines(c.page, [{ description: 'Livraison', quantity: '1', price: '20,00', vatBp: 2000 }]);
    // 1 × 100,00 + 2 × 80,00 + 1 × 20,00 = 280,00 HT → 336,00 TTC.
    await leaveDraft(c.page, /336,00/);
    await menu(c.page, 'Réglages').click();
    await c.page.getByTestId('company-address-postalCode').fill('69008');
    await saveSettings(c.page);

    // Back online: every device shows every edit.
    await a.context.setOffline(false);
    await c.context.setOffline(false);
    await synced(a.page);
    await synced(c.page);
    for (const page of [a.page, c.page]) {
      await page.goto(`/clients/${clientId}`);
      const contact = page.getByTestId('client-contact');
      await expect(contact).toHaveCount(1);
      await expect(contact).toContainText('factures@boulangerie-martin.fr');
      await expect(contact).toContainText('04 72 00 00 00');

      await page.goto(draftUrl);
      await expectValues(page.getByTestId('line-description'), ['Conception de la carte', 'Impression', 'Livraison']);
      await expectValues(page.getByTestId('line-quantity'), ['3', '2', '1']);
      await expectValues(page.getByTestId('line-price'), ['100,00', '80,00', '20,00']);
      // 3 × 100,00 + 2 × 80,00 + 1 × 20,00 = 480,00 HT; VAT 20 % = 96,00; 576,00 TTC.
      await expect(page.getByTestId('total-ht')).toHaveText(/480,00/);
      await expect(page.getByTestId('total-ttc')).toHaveText(/576,00/);

      await page.goto('/settings');
      await expect(page.getByTestId('company-address-line1')).toHaveValue('14 rue des Lilas');
      await expect(page.getByTestId('company-address-postalCode')).toHaveValue('69008');
      await expect(page.getByTestId('company-address-city')).toHaveValue('Lyon');
    }
  } finally {
    await a.context.close();
    await c.context.close();
  }
});
