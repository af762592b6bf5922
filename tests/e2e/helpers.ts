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
