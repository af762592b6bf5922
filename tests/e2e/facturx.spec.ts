// Factur-X through the real UI: an issued invoice downloads as a PDF/A-3 holding its XML, which
// passes the EN 16931 XSD (xmllint); the XML downloads alone too; issuing to a French business
// without SIREN is refused before « Émettre ». The schematrons run in the unit tests
// (tests/unit/facturx-validation.test.ts), on the same builder.
import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { addLines, createClient, createWorkspace, issueInvoiceFor, pinClock, seriousA11yViolations } from './helpers';
import { downloadFrom, eur, flat, pdfPages } from './pdfHelpers';

const XSD = resolve(process.env.FACTURX_DIR ?? '../shared/facturx', 'facturx-en16931/Factur-X_EN16931.xsd');

test.beforeEach(async ({ page }) => {
  await pinClock(page, '2026-11-23T09:00:00');
});

test('an issued invoice downloads as Factur-X: PDF/A-3 with a valid EN 16931 XML inside, and the XML alone', async ({ page }, info) => {
  await createWorkspace(page);
  const clientId = await createClient(page, { name: 'Boulangerie Martin', siren: '732829320' });
  await page.goto(`/clients/${clientId}/edit`);
  await page.getByTestId('client-electronic-address').fill('732829320_COMPTA');
  await page.getByTestId('client-save').click();
  await expect(page).toHaveURL(new RegExp(`/clients/${clientId}$`));
  await expect(page.getByTestId('client-electronic-address-value')).toHaveText('732829320_COMPTA');

  await issueInvoiceFor(page, 'Boulangerie Martin', '1234,56');
  await expect(page.getByTestId('pdf-facturx')).toContainText('Factur-X');
  expect(await seriousA11yViolations(page)).toEqual([]);

  const pdf = await downloadFrom(page, 'pdf-download', info);
  expect(execFileSync('qpdf', ['--check', pdf.path], { encoding: 'utf8' })).toMatch(/No syntax or stream encoding errors/);
  expect(execFileSync('pdfinfo', ['-meta', pdf.path], { encoding: 'utf8' })).toContain('<pdfaid:part>3</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>');
  const embedded = execFileSync('qpdf', ['--show-attachment=factur-x.xml', pdf.path]);
  expectValidXml(embedded, info.outputPath('factur-x.xml'));

  const xml = embedded.toString('utf8');
  // 1 234,56 € HT at 20 %: VAT 246,912 → 246,91, TTC 1 481,47 — as the PDF prints it.
  expect(xml).toContain('<ram:GrandTotalAmount>1481.47</ram:GrandTotalAmount>');
  expect(xml).toContain('<ram:URIID schemeID="0225">732829320_COMPTA</ram:URIID>');
  expect(flat(pdfPages(pdf.path).join('\n'))).toContain(eur('Total TTC 1 481,47 €'));

  const alone = await downloadFrom(page, 'pdf-download-xml', info);
  expect(alone.name).toBe('Facture-F-2026-A-0001-Boulangerie-Martin.xml');
  expect(readFileSync(alone.path).equals(embedded)).toBe(true);

  // The accountant's period zip holds the same Factur-X invoice.
  await page.goto('/documents');
  await page.getByTestId('export-open').click();
  await page.getByTestId('export-from').fill('2026-11-01');
  await page.getByTestId('export-to').fill('2026-11-30');
  const zip = await downloadFrom(page, 'export-period', info);
  const zipped = unzipSync(new Uint8Array(readFileSync(zip.path)))['Facture-F-2026-A-0001-Boulangerie-Martin.pdf'];
  const zippedPath = info.outputPath('zipped.pdf');
  writeFileSync(zippedPath, zipped);
  expect(execFileSync('qpdf', ['--show-attachment=factur-x.xml', zippedPath]).equals(embedded)).toBe(true);
});

test('a French business client without SIREN: issuing is refused before « Émettre », in French', async ({ page }) => {
  await createWorkspace(page);
  await createClient(page, { name: 'Garage Morel', siren: '' });
  await page.goto('/documents');
  await page.getByTestId('new-invoice').click();
  await page.getByTestId('new-client').selectOption({ label: 'Garage Morel' });
  await page.getByTestId('new-create').click();
  await addLines(page, [{ description: 'Vidange', quantity: '1', price: '90', vatBp: 2000 }]);
  await page.getByTestId('issue').click();
  await expect(page.getByTestId('missing')).toContainText('le SIREN du client professionnel');
  await expect(page.getByTestId('issue-confirm')).toHaveCount(0);
});

/** Writes the XML and checks it against the EN 16931 XSD with xmllint. */
function expectValidXml(xml: Buffer, path: string): void {
  writeFileSync(path, xml);
  const r = spawnSync('xmllint', ['--noout', '--schema', XSD, path], { encoding: 'utf8' });
  expect(r.stderr).toContain('validates');
  expect(r.status).toBe(0);
}
