// On a phone 360 px wide: the navigation sits at the bottom, no page scrolls sideways, and every
// table keeps each of its cells on screen — the invoice's lines, payments and payment plan
// become cards whose every value is named — with real content: a long client name, ten lines,
// amounts over 10 000 €, a payment plan, two payments, a quote, a credit note.
import { expect, test, type Page } from '@playwright/test';
import { addLines, createWorkspace, issueOpenDraft, pinClock, seriousA11yViolations, type LineInput } from './helpers';
import { createFullClient, eur } from './pdfHelpers';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

const CLIENT = 'Société Coopérative d’Intérêt Collectif des Menuiseries Artisanales du Grand Ouest Atlantique';
const REFERENCE = 'VIR SEPA 2026-11 MENUISERIES GRAND OUEST REF 000123456789';

/** What does not fit the phone's width, seen as the user sees it. */
async function phoneFit(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // The visible part of an element: the viewport cut by every ancestor that clips or scrolls.
    const window = (el: Element) => {
      let left = 0;
      let right = width;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible') {
          const r = a.getBoundingClientRect();
          left = Math.max(left, r.left);
          right = Math.min(right, r.right);
        }
      }
      return { left, right };
    };
    const cut: string[] = [];
    const unlabelled: string[] = [];
    let cells = 0;
    for (const cell of document.querySelectorAll('main td, main th, main [role="cell"]')) {
      const r = cell.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue; // not shown (hidden column, empty cell)
      const head = cell.closest('thead');
      if (head && head.getBoundingClientRect().width <= 1) continue; // a header kept for screen readers
      cells++;
      const name = `${cell.tagName} « ${(cell.textContent ?? '').trim().slice(0, 30)} »`;
      const w = window(cell);
      if (r.left < w.left - 0.5 || r.right > w.right + 0.5 || cell.scrollWidth > cell.clientWidth + 1) cut.push(name);
      // A table turned into cards names each value (its data-label, shown before it).
      if (cell.closest('table.stack') && cell.tagName === 'TD' && width <= 640) {
        const label = getComputedStyle(cell, '::before').content;
        if (!label || label === 'none' || label === '""') unlabelled.push(name);
      }
    }
    return { overflow: document.documentElement.scrollWidth - width, cells, cut, unlabelled };
  });
}

async function expectFitsPhone(page: Page, what: string): Promise<number> {
  await expect(page.locator('main h1').first()).toBeVisible();
  const fit = await phoneFit(page);
  expect(fit.overflow, `${what}: page wider than the screen`).toBeLessThanOrEqual(0);
  expect(fit.cut, `${what}: table cells cut`).toEqual([]);
  expect(fit.unlabelled, `${what}: values without their column's name`).toEqual([]);
  return fit.cells;
}

/**
 * Ten lines at 1 234,56 € HT, quantities 2, 3, 4, 1, 2, 3, 4, 1, 2, 3 (25 in all), at 20 %:
 * HT 25 × 1 234,56 = 30 864,00 €; VAT 6 172,80 €; TTC 37 036,80 €.
 */
function tenLines(): LineInput[] {
  return Array.from({ length: 10 }, (_, i) => ({
    description:
      i % 3 === 2
        ? `Fourniture et pose d’un établi en chêne massif avec piétement acier thermolaqué, poste ${i + 1}`
        : `Menuiserie sur mesure, poste ${i + 1}`,
    quantity: String(((i + 1) % 4) + 1),
    price: '1234,56',
    vatBp: 2000
  }));
}

test('phone layout: bottom navigation, every page fits 360 px, every table cell stays on screen', async ({ page }) => {
  test.setTimeout(240_000);
  await pinClock(page, '2026-11-23T10:00:00+01:00');
  await createWorkspace(page, { name: 'Menuiserie Ébénisterie Dupont-Laurentin et Associés' });
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  const box = (await nav.boundingBox())!;
  expect(box.y + box.height).toBeGreaterThan(740 - 5);

  const clientId = await createFullClient(page, {
    name: CLIENT,
    siren: '732829320',
    billing: { line1: 'Zone artisanale de la Croix-Blanche, bâtiment C, 145 boulevard des Entrepreneurs', postalCode: '44000', city: 'Nantes' },
    contact: { name: 'Marie-Dominique Lefèvre-Beauregard', email: 'comptabilite.fournisseurs@menuiseries-grand-ouest-atlantique.fr' }
  });

  await page.goto('/catalog');
  await page.getByTestId('item-name').fill('Journée de pose en atelier, équipe de deux compagnons menuisiers');
  await page.getByTestId('item-price').fill('12500');
  await page.getByTestId('item-save').click();
  await expect(page.getByTestId('item-row')).toHaveCount(1);

  // The invoice: ten lines, issued on 1 September (now overdue), a payment plan, two payments.
  await page.goto(`/clients/${clientId}`);
  await page.getByTestId('client-new-invoice').click();
  await page.getByTestId('doc-issue-date').fill('2026-09-01');
  await page.getByTestId('doc-title').fill('Agencement complet de l’atelier et mobilier sur mesure');
  await addLines(page, tenLines());
  await expect(page.getByTestId('total-ttc')).toHaveText(eur('37 036,80 €'));
  await issueOpenDraft(page);
  const invoiceUrl = page.url();
  await page.getByTestId('plan-edit').click();
  await page.getByTestId('plan-save').click();
  await expect(page.getByTestId('installment-row')).toHaveCount(3);
  for (const amount of ['2500,00', '12345,67']) {
    await page.getByTestId('record-payment').click();
    await page.getByTestId('pay-amount').fill(amount);
    await page.getByTestId('pay-reference').fill(REFERENCE);
    await page.getByTestId('pay-save').click();
    await expect(page).toHaveURL(invoiceUrl);
  }

  // A quote, and the invoice draft made from it.
  await page.goto(`/clients/${clientId}`);
  await page.getByTestId('client-new-quote').click();
  await addLines(page, [
    { description: 'Étude et plans d’exécution, lot menuiseries intérieures', quantity: '1', price: '4500', vatBp: 2000 },
    { description: 'Relevés sur site', quantity: '2,5', price: '650', vatBp: 2000 }
  ]);
  await issueOpenDraft(page);
  const quoteUrl = page.url();
  await page.getByTestId('quote-to-invoice').click();
  await expect(page.getByTestId('line')).toHaveCount(2);
  const draftUrl = page.url();

  // A credit note for the invoice's first line.
  await page.goto(invoiceUrl);
  await page.getByTestId('credit-note').click();
  await expect(page.getByTestId('line')).toHaveCount(10);
  for (let i = 0; i < 9; i++) await page.getByRole('button', { name: 'Retirer la ligne 2', exact: true }).click();
  await issueOpenDraft(page);
  const creditUrl = page.url();

  // A situation de travaux on the quote: its form, its draft and the issued one are cards too.
  await page.goto(quoteUrl);
  await page.getByTestId('situation-open').click();
  await page.getByTestId('situation-percent').nth(0).fill('40');
  await page.getByTestId('situation-percent').nth(1).fill('100');
  await page.getByTestId('situation-retention').fill('5');
  await expect(page.getByTestId('situation-preview')).toBeVisible();
  await expectFitsPhone(page, 'situation form');
  await page.getByTestId('situation-submit').click();
  await expect(page.getByTestId('progress-table')).toBeVisible();
  await expectFitsPhone(page, 'situation draft');
  await issueOpenDraft(page);
  const situationUrl = page.url();

  // The invoice: its tables are cards, every value on screen and named.
  await page.goto(invoiceUrl);
  await expect(page.getByTestId('view-line')).toHaveCount(10);
  await expect(page.getByTestId('doc-payment')).toHaveCount(2);
  await expect(page.getByTestId('installment-row')).toHaveCount(3);
  // 10 lines × 6 values (no discount) + 2 payments × 4 + 3 installments × 5 (paid ones show no balance).
  expect(await expectFitsPhone(page, 'invoice')).toBeGreaterThanOrEqual(10 * 6 + 2 * 4 + 3 * 4);
  await expect(page.getByTestId('doc-payment').first()).toContainText(REFERENCE);
  await expect(page.getByTestId('total-ttc')).toHaveText(eur('37 036,80 €'));
  // The cards pass axe-core like every other page.
  expect(await seriousA11yViolations(page)).toEqual([]);

  const pages: [string, string][] = [
    ['home « Aujourd’hui »', '/'],
    ['dashboard', '/dashboard'],
    ['weekly review', '/dashboard/revue'],
    ['documents list', '/documents'],
    ['draft in the editor', draftUrl],
    ['quote', quoteUrl],
    ['credit note', creditUrl],
    ['situation de travaux', situationUrl],
    ['clients list', '/clients'],
    ['client page', `/clients/${clientId}`],
    ['client form', `/clients/${clientId}/edit`],
    ['new client', '/clients/new'],
    ['payments', '/payments'],
    ['payment form', `/payments/new?client=${clientId}&invoice=${invoiceUrl.split('/').pop()}`],
    ['catalogue', '/catalog'],
    ['settings', '/settings'],
    ['settings: devices', '/settings/appareils'],
    ['settings: follow-up', '/settings/relances'],
    ['recurring invoices', '/documents/recurring'],
    ['new recurring invoice from an invoice', `/documents/recurring/new?from=${invoiceUrl.split('/').pop()}`]
  ];
  for (const [what, path] of pages) {
    await page.goto(path);
    await expectFitsPhone(page, what);
  }

  // Handed over to collection: its case card and the dashboard's list of cases fit too.
  await page.goto(`/clients/${clientId}/recouvrement?invoice=${invoiceUrl.split('/').pop()}`);
  await page.getByTestId('handover-name').fill('Cabinet de recouvrement du Sud-Ouest');
  await page.getByTestId('handover-submit').click();
  await expect(page.getByTestId('collection-case')).toBeVisible();
  await expectFitsPhone(page, 'collection case');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.goto('/dashboard');
  await expect(page.getByTestId('collection-cases')).toBeVisible();
  await expectFitsPhone(page, 'dashboard with a case');
});
