// Shared steps of the end-to-end journeys: they drive the real UI, as a user would.
import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Pins the app's clock (src/lib/clock.ts) before any page script runs. */
export async function pinClock(page: Page, iso: string): Promise<void> {
  await page.addInitScript((at) => {
    (window as unknown as { __RELANCE_NOW__: string }).__RELANCE_NOW__ = at;
  }, iso);
}

export async function createWorkspace(page: Page, opts: { name?: string; device?: string } = {}): Promise<void> {
  await page.goto('/');
  await page.getByTestId('company-name').fill(opts.name ?? 'Atelier Dupont');
  await page.getByTestId('company-siret').fill('73282932000074');
  await page.getByTestId('company-vat').fill('FR44732829320');
  await page.getByTestId('company-address-line1').fill('12 rue des Lilas');
  await page.getByTestId('company-address-postalCode').fill('69003');
  await page.getByTestId('company-address-city').fill('Lyon');
  await page.getByTestId('company-iban').fill('FR76 3000 6000 0112 3456 7890 189');
  await page.getByTestId('device-name').fill(opts.device ?? 'Portable de Claire');
  await page.getByTestId('setup-submit').click();
  await expect(page.getByRole('navigation', { name: 'Navigation principale' })).toBeVisible();
}

/** Runs axe-core in the page; returns the serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<{ id: string; help: string; targets: string[] }[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

export interface ClientInput {
  name: string;
  /** Absent: a valid SIREN, which an invoice to a French business needs; '' for none. */
  siren?: string;
  line1?: string;
  postalCode?: string;
  city?: string;
  email?: string;
}

/** Creates a client through the form; resolves to the client's id (from the detail page URL). */
export async function createClient(page: Page, c: ClientInput): Promise<string> {
  await page.goto('/clients/new');
  await page.getByTestId('client-name').fill(c.name);
  const siren = c.siren ?? '552100554';
  if (siren) await page.getByTestId('client-siren').fill(siren);
  await page.getByTestId('client-billing-line1').fill(c.line1 ?? '5 place Bellecour');
  await page.getByTestId('client-billing-postalCode').fill(c.postalCode ?? '69002');
  await page.getByTestId('client-billing-city').fill(c.city ?? 'Lyon');
  if (c.email) {
    await page.getByTestId('add-contact').click();
    await page.getByTestId('contact-name').last().fill('Service comptabilité');
    await page.getByTestId('contact-email').last().fill(c.email);
  }
  await page.getByTestId('client-save').click();
  await expect(page).toHaveURL(/\/clients\/[0-9a-f]{32}$/);
  return page.url().split('/').pop()!;
}

export interface LineInput {
  description: string;
  quantity: string;
  price: string;
  vatBp: number;
}

/** Adds lines to the draft open in the editor. */
export async function addLines(page: Page, lines: LineInput[]): Promise<void> {
  for (const l of lines) {
    await page.getByTestId('add-line').click();
    const row = page.getByTestId('line').last();
    await row.getByTestId('line-description').fill(l.description);
    await row.getByTestId('line-quantity').fill(l.quantity);
    await row.getByTestId('line-price').fill(l.price);
    await row.getByTestId('line-vat').selectOption(String(l.vatBp));
  }
}

/** Issues the draft open in the editor and waits for the read-only view, at the issued document's own address. */
export async function issueOpenDraft(page: Page): Promise<void> {
  const draftUrl = page.url();
  await page.getByTestId('issue').click();
  await page.getByTestId('issue-confirm').click();
  await expect(page.getByTestId('frozen-note')).toBeVisible();
  // Issuing writes a new record (the draft is deleted): the page moves to its id.
  await expect(page).not.toHaveURL(draftUrl);
  await expect(page).toHaveURL(/\/documents\/[0-9a-f]{32}$/);
}

/** Records a payment from the invoice page; `amount` replaces the pre-filled balance when given. */
export async function recordPaymentFromInvoice(page: Page, amount?: string): Promise<void> {
  await page.getByTestId('record-payment').click();
  await expect(page).toHaveURL(/\/payments\/new\?/);
  if (amount !== undefined) await page.getByTestId('pay-amount').fill(amount);
  await page.getByTestId('pay-save').click();
  await expect(page.getByTestId('frozen-note')).toBeVisible();
}

/** French money as Intl prints it (narrow no-break space for thousands, no-break before €). */
export function euros(text: string): string {
  return text.replace(/ (?=\d{3}\b)/g, '\u202f').replace(/ €$/, '\u00a0€');
}

/** A one-line invoice (1 × `price` HT at 20 %) for a client, issued today; leaves its page open. */
export async function issueInvoiceFor(page: Page, clientName: string, price: string): Promise<void> {
  await page.goto('/documents');
  await page.getByTestId('new-invoice').click();
  await page.getByTestId('new-client').selectOption({ label: clientName });
  await page.getByTestId('new-create').click();
  await addLines(page, [{ description: 'Prestation', quantity: '1', price, vatBp: 2000 }]);
  await issueOpenDraft(page);
}
