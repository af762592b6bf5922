// PDF documents through the real UI: the downloaded files are read back with Poppler
// (pdftotext -layout) and their SEPA QR code decoded with zbarimg from a 200 dpi rendering.
import { expect, test } from '@playwright/test';
import { unzipSync, strFromU8 } from 'fflate';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { addLines, createWorkspace, issueOpenDraft, pinClock, seriousA11yViolations, type LineInput } from './helpers';
import { completeCompany, createFullClient, downloadFrom, eur, flat, imageCount, pdfPages, qrOnPage } from './pdfHelpers';

const CLIENT = 'Société Générale d’Électricité <b>Ouest</b>';
const IBAN = 'FR7630006000011234567890189';
const BIC = 'AGRIFRPP';

const fullClient = {
  name: CLIENT,
  siren: '732829320',
  vat: 'FR44732829320',
  billing: { line1: '5 place Bellecour', postalCode: '69002', city: 'Lyon' },
  delivery: { line1: 'Chantier Part-Dieu, 17 rue Garibaldi', postalCode: '69003', city: 'Lyon' },
  contact: { name: 'Jeanne Roux', email: 'compta@sgeo.fr' }
};

/**
 * 60 lines: 1 × 1 234,56 € at 20 %, 29 × (2 × 150,00 €) at 20 %, 30 × 99,90 € at 10 %.
 * HT at 20 %: 1 234,56 + 29 × 300 = 9 934,56 → VAT 1 986,912 → 1 986,91.
 * HT at 10 %: 30 × 99,90 = 2 997,00 → VAT 299,70.
 * Total HT 12 931,56; VAT 2 286,61; TTC 15 218,17.
 */
function sixtyLines(): LineInput[] {
  const lines: LineInput[] = [{ description: 'Audit complet de l’installation électrique', quantity: '1', price: '1234,56', vatBp: 2000 }];
  for (let i = 2; i <= 30; i++)
    lines.push({
      description:
        i % 7 === 0
          ? `Fourniture et pose de tableau électrique « Pro » avec disjoncteurs différentiels 30 mA, repérage des circuits et essais de mise en service — poste ${i}`
          : `Tirage de câbles, poste ${i}`,
      quantity: '2',
      price: '150',
      vatBp: 2000
    });
  for (let i = 31; i <= 60; i++) lines.push({ description: `Prise encastrée 16 A, poste ${i}`, quantity: '1', price: '99,90', vatBp: 1000 });
  return lines;
}

test.beforeEach(async ({ page }) => {
  await pinClock(page, '2026-11-23T10:00:00+01:00');
});

test('a 60-line invoice prints every mandatory mention, exact amounts, repeated headers and the SEPA QR code', async ({ page }, info) => {
  test.setTimeout(240_000);
  await createWorkspace(page);
  await completeCompany(page, { rcsCity: 'Lyon', bic: BIC });
  await createFullClient(page, fullClient);

  await page.getByTestId('client-new-invoice').click();
  await page.getByTestId('doc-title').fill('Mise aux normes de l’installation électrique');
  await page.getByTestId('doc-service-date').fill('2026-11-16');
  await page.getByTestId('doc-order-number').fill('BC-2026-118');
  await addLines(page, sixtyLines());
  await expect(page.getByTestId('total-ttc')).toHaveText(eur('15 218,17 €'));
  await issueOpenDraft(page);
  await expect(page.getByTestId('doc-number')).toContainText('F-2026-A-0001');

  const file = await downloadFrom(page, 'pdf-download', info);
  expect(file.name).toBe('Facture-F-2026-A-0001-Societe-Generale-d-Electricite-b-Ouest-b.pdf');
  const pages = pdfPages(file.path);
  const all = flat(pages.join('\n'));

  // Seller (a sole trader: « EI »), with address, SIRET, RCS and VAT number.
  for (const s of ['Atelier Dupont EI', '12 rue des Lilas', '69003 Lyon', 'SIRET 73282932000074', 'RCS Lyon', 'N° TVA intracommunautaire FR44732829320'])
    expect(all, s).toContain(s);
  // Client printed literally (the markup is text), billing and delivery addresses, SIREN, VAT number.
  for (const s of [CLIENT, '5 place Bellecour', '69002 Lyon', 'Chantier Part-Dieu, 17 rue Garibaldi', 'SIREN/SIRET : 732829320', 'N° TVA : FR44732829320'])
    expect(all, s).toContain(s);
  expect(all).not.toContain('Société Générale d’Électricité Ouest');
  // Title, number, dates (issue, service, due as a real date).
  for (const s of ['FACTURE', 'N° F-2026-A-0001', 'Date d’émission 23/11/2026', 'Date de la prestation 16/11/2026', 'Échéance 23/12/2026', 'À régler au plus tard le 23 décembre 2026'])
    expect(all, s).toContain(s);
  // The client's order number, and the nature of the operation (e-invoicing reform).
  expect(all).toContain('Votre commande BC-2026-118');
  expect(all).toContain('Nature de l’opération : prestations de services.');
  // Lines: description, quantity, unit price HT, VAT rate, total; long descriptions wrapped, none lost.
  expect(all).toContain('Audit complet de l’installation électrique');
  expect(all).toContain('Prise encastrée 16 A, poste 60');
  expect(all).toContain('mise en service — poste 28');
  for (const s of ['Désignation', 'Qté', 'PU HT', 'TVA', 'Total HT']) expect(pages[0], s).toContain(s);
  // Amounts exactly as Intl prints them: narrow no-break space in thousands, no-break space before €.
  expect(all).toContain('1\u202f234,56\u00a0€');
  expect(all).toContain('\u202f%');
  expect(all).toContain(`Total HT ${eur('12 931,56 €')}`);
  expect(all).toContain(`TVA 20\u202f% ${eur('1 986,91 €')}`);
  expect(all).toContain(`TVA 10\u202f% ${eur('299,70 €')}`);
  expect(all).toContain(`Total TTC ${eur('15 218,17 €')}`);
  expect(all).toContain(`Reste à payer ${eur('15 218,17 €')}`);
  // Payment mentions: terms, no early-payment discount, penalty rate, the 40 € for a business client.
  for (const s of ['Conditions de paiement : 30 jours net', `IBAN FR76 3000 6000 0112 3456 7890 189, BIC ${BIC}`, 'Référence à indiquer : F-2026-A-0001', 'Pas d’escompte pour paiement anticipé.', 'Pénalités de retard : 12,15\u202f% par an', 'Indemnité forfaitaire pour frais de recouvrement : 40\u00a0€'])
    expect(all, s).toContain(s);

  // Several pages, each numbered « Page i/N »; from page 2 the header repeats the document and the table header.
  expect(pages.length).toBeGreaterThanOrEqual(3);
  pages.forEach((text, i) => {
    const p = flat(text);
    expect(p, `page ${i + 1}`).toContain(`Page ${i + 1}/${pages.length}`);
    expect(p, `page ${i + 1}`).toContain('Atelier Dupont EI');
    expect(p, `page ${i + 1}`).toContain('F-2026-A-0001');
    expect(p, `page ${i + 1}`).toContain('Désignation');
    if (i > 0) expect(p, `page ${i + 1}`).toContain(`Facture n° F-2026-A-0001 du 23/11/2026 ${CLIENT}`);
  });

  // The SEPA QR code on the first page: exactly the EPC payload, with what remains to pay.
  expect(qrOnPage(file.path, 1, info)).toBe(['BCD', '002', '1', 'SCT', BIC, 'Atelier Dupont', IBAN, 'EUR15218.17', '', '', 'F-2026-A-0001'].join('\n'));
});

test('preview, print and share the PDF from the document page', async ({ page }) => {
  // A browser that can share files: the share sheet is stubbed to record what it was given.
  await page.addInitScript(() => {
    const w = window as unknown as { __shared: string[] };
    w.__shared = [];
    Object.assign(navigator, {
      canShare: (data: { files?: File[] }) => Boolean(data.files?.length),
      share: async (data: { files: File[] }) => {
        w.__shared.push(...data.files.map((f) => `${f.name} ${f.type} ${f.size > 1000}`));
      }
    });
  });
  await createWorkspace(page);
  await createFullClient(page, { ...fullClient, delivery: undefined, contact: undefined });
  await page.getByTestId('client-new-invoice').click();
  await addLines(page, [{ description: 'Révision annuelle', quantity: '1', price: '120', vatBp: 2000 }]);
  await issueOpenDraft(page);

  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByTestId('pdf-preview').click();
  const dialog = page.getByTestId('pdf-preview-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('pdf-preview-frame')).toHaveAttribute('src', /^blob:/);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByTestId('pdf-preview-close').click();
  await expect(dialog).toHaveCount(0);

  await page.getByTestId('pdf-print').click();
  await expect(page.getByTestId('pdf-print-frame')).toHaveAttribute('src', /^blob:/);
  await expect(page.getByTestId('pdf-error')).toHaveCount(0);

  await page.getByTestId('pdf-share').click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __shared: string[] }).__shared)).toEqual([
    'Facture-F-2026-A-0001-Societe-Generale-d-Electricite-b-Ouest-b.pdf application/pdf true'
  ]);
});

test('no share button where the browser cannot share files', async ({ page }) => {
  await page.addInitScript(() => Object.assign(navigator, { canShare: () => false }));
  await createWorkspace(page);
  await createFullClient(page, { ...fullClient, delivery: undefined, contact: undefined });
  await page.getByTestId('client-new-invoice').click();
  await addLines(page, [{ description: 'Révision', quantity: '1', price: '120', vatBp: 2000 }]);
  await issueOpenDraft(page);
  await expect(page.getByTestId('pdf-download')).toBeVisible();
  await expect(page.getByTestId('pdf-share')).toHaveCount(0);
});

test('a credit note cites the invoice it corrects, and nothing due means no QR code', async ({ page }, info) => {
  await createWorkspace(page);
  await completeCompany(page, { rcsCity: 'Lyon', bic: BIC });
  await createFullClient(page, fullClient);
  await page.getByTestId('client-new-invoice').click();
  // 1 234,56 € HT at 20 % = 1 481,47 € TTC.
  await addLines(page, [{ description: 'Audit complet de l’installation électrique', quantity: '1', price: '1234,56', vatBp: 2000 }]);
  await issueOpenDraft(page);
  const invoiceUrl = page.url();

  await page.getByTestId('credit-note').click();
  await issueOpenDraft(page);
  await expect(page.getByTestId('doc-number')).toContainText('A-2026-A-0001');
  const credit = await downloadFrom(page, 'pdf-download', info);
  expect(credit.name).toBe('Avoir-A-2026-A-0001-Societe-Generale-d-Electricite-b-Ouest-b.pdf');
  const text = flat(pdfPages(credit.path).join('\n'));
  for (const s of [
    'AVOIR',
    'N° A-2026-A-0001',
    'Avoir sur la facture n° F-2026-A-0001 du 23/11/2026',
    'Cet avoir vient en déduction de la facture n° F-2026-A-0001 du 23/11/2026.',
    CLIENT,
    'Atelier Dupont EI',
    'SIRET 73282932000074',
    'RCS Lyon',
    'N° TVA intracommunautaire FR44732829320',
    `Total HT ${eur('1 234,56 €')}`,
    `TVA 20\u202f% ${eur('246,91 €')}`,
    `Total TTC ${eur('1 481,47 €')}`,
    'Page 1/1'
  ])
    expect(text, s).toContain(s);
  expect(qrOnPage(credit.path, 1, info)).toBe('');

  // The invoice, now cancelled by the credit note: nothing left to pay, so no QR code either.
  await page.goto(invoiceUrl);
  const invoice = await downloadFrom(page, 'pdf-download', info);
  const invoiceText = flat(pdfPages(invoice.path).join('\n'));
  expect(invoiceText).toContain(`Avoirs −${eur('1 481,47 €')}`);
  expect(invoiceText).toContain(`Reste à payer ${eur('0,00 €')}`);
  expect(invoiceText).toContain('Aucun montant ne reste à payer sur cette facture.');
  expect(qrOnPage(invoice.path, 1, info)).toBe('');
});

test('formal notice, reminders and statement for a late business client', async ({ page }, info) => {
  await createWorkspace(page);
  await completeCompany(page, { rcsCity: 'Lyon', bic: BIC });
  const clientId = await createFullClient(page, fullClient);
  await page.getByTestId('client-new-invoice').click();
  // Issued on 1 September, net 30: due 1 October 2026, 53 days late on 23 November.
  await page.getByTestId('doc-issue-date').fill('2026-09-01');
  await addLines(page, [{ description: 'Audit complet de l’installation électrique', quantity: '1', price: '1234,56', vatBp: 2000 }]);
  await issueOpenDraft(page);
  await expect(page.getByTestId('doc-due')).toContainText('1er octobre 2026');

  await page.goto(`/clients/${clientId}`);
  await expect(page.getByTestId('letters-status')).toContainText('1 facture en retard');
  expect(await seriousA11yViolations(page)).toEqual([]);
  const notice = await downloadFrom(page, 'formal-notice-pdf', info);
  expect(notice.name).toBe('Mise-en-demeure-2026-11-23-Societe-Generale-d-Electricite-b-Ouest-b.pdf');
  const text = flat(pdfPages(notice.path).join('\n'));
  // 1 481,47 € × 12,15 % × 53 / 365 = 26,1368… € → 26,14 €; + 40 €; total 1 547,61 €.
  for (const s of [
    'Lettre recommandée avec accusé de réception',
    'Objet : Mise en demeure de payer',
    'nous vous mettons en demeure de nous régler',
    'La présente lettre vaut mise en demeure au sens de l’article 1344 du Code civil.',
    CLIENT,
    'À l’attention de Jeanne Roux',
    'Lyon, le 23 novembre 2026',
    'F-2026-A-0001',
    '01/10/2026',
    eur('1 481,47 €'),
    '53 j',
    `Intérêts de retard au 23/11/2026 ${eur('26,14 €')}`,
    `Indemnités forfaitaires de recouvrement ${eur('40,00 €')}`,
    `Total à régler ${eur('1 547,61 €')}`,
    '12,15\u202f% par an',
    'dans un délai de 8 jours, soit au plus tard le 1er décembre 2026',
    'injonction de payer',
    'Atelier Dupont EI',
    'SIRET 73282932000074'
  ])
    expect(text, s).toContain(s);

  // The deadline is configurable.
  await page.getByTestId('formal-notice-days').fill('15');
  const notice15 = await downloadFrom(page, 'formal-notice-pdf', info);
  expect(flat(pdfPages(notice15.path).join('\n'))).toContain('dans un délai de 15 jours, soit au plus tard le 8 décembre 2026');

  await page.getByTestId('formal-notice-days').fill('8');
  const first = flat(pdfPages((await downloadFrom(page, 'reminder-pdf-1', info)).path).join('\n'));
  for (const s of ['Objet : Rappel', 'F-2026-A-0001', eur('1 481,47 €'), 'Madame, Monsieur,', 'IBAN FR76 3000 6000 0112 3456 7890 189']) expect(first, s).toContain(s);
  expect(first).not.toContain('mise en demeure');

  const second = flat(pdfPages((await downloadFrom(page, 'reminder-pdf-2', info)).path).join('\n'));
  for (const s of ['Objet : Deuxième relance', `la somme de ${eur('1 481,47 €')} au plus tard le 1er décembre 2026`, 'indemnité forfaitaire pour frais de recouvrement de 40\u00a0€'])
    expect(second, s).toContain(s);

  const statement = await downloadFrom(page, 'statement-pdf', info);
  expect(statement.name).toBe('Releve-de-compte-2026-11-23-Societe-Generale-d-Electricite-b-Ouest-b.pdf');
  const st = flat(pdfPages(statement.path).join('\n'));
  for (const s of ['RELEVÉ DE COMPTE', 'Facture F-2026-A-0001', `Solde dû au 23/11/2026 ${eur('1 481,47 €')}`, 'Factures restant à régler', `Dont échu : ${eur('1 481,47 €')}`])
    expect(st, s).toContain(s);
});

test('the period export zips every issued document with a CSV of sales', async ({ page }, info) => {
  await createWorkspace(page);
  await createFullClient(page, { ...fullClient, delivery: undefined, contact: undefined });
  await page.getByTestId('client-new-invoice').click();
  await addLines(page, [{ description: 'Audit', quantity: '1', price: '1234,56', vatBp: 2000 }]);
  await issueOpenDraft(page);
  await page.getByTestId('credit-note').click();
  await issueOpenDraft(page);

  await page.goto('/documents');
  await page.getByTestId('export-open').click();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByTestId('export-from').fill('2026-11-01');
  await page.getByTestId('export-to').fill('2026-11-30');
  const zip = await downloadFrom(page, 'export-period', info);
  expect(zip.name).toBe('Export-2026-11-01_2026-11-30.zip');
  const files = unzipSync(new Uint8Array(readFileSync(zip.path)));
  expect(Object.keys(files).sort()).toEqual([
    'Avoir-A-2026-A-0001-Societe-Generale-d-Electricite-b-Ouest-b.pdf',
    'Facture-F-2026-A-0001-Societe-Generale-d-Electricite-b-Ouest-b.pdf',
    'ventes-2026-11-01_2026-11-30.csv'
  ]);
  expect(strFromU8(files['Facture-F-2026-A-0001-Societe-Generale-d-Electricite-b-Ouest-b.pdf'].subarray(0, 5))).toBe('%PDF-');
  const csv = strFromU8(files['ventes-2026-11-01_2026-11-30.csv']).replace(/^\ufeff/, '').split('\r\n');
  expect(csv[0]).toBe('Type;Numéro;Date;Client;SIREN client;Total HT;TVA;Total TTC;Échéance;Facture corrigée');
  expect(csv[1]).toBe(`Facture;F-2026-A-0001;23/11/2026;${CLIENT};732829320;1234,56;246,91;1481,47;23/12/2026;`);
  expect(csv[2]).toBe(`Avoir;A-2026-A-0001;23/11/2026;${CLIENT};732829320;-1234,56;-246,91;-1481,47;;F-2026-A-0001`);
  await expect(page.getByTestId('export-message')).toContainText('2 documents exportés');

  // A period with nothing issued says so instead of downloading an empty zip.
  await page.getByTestId('export-from').fill('2025-01-01');
  await page.getByTestId('export-to').fill('2025-01-31');
  await page.getByTestId('export-period').click();
  await expect(page.getByTestId('export-message')).toContainText('Aucun document émis');
});

test('the logo uploaded in the settings is printed; an English client gets an English PDF', async ({ page }, info) => {
  await createWorkspace(page);
  await page.goto('/settings');
  // Too big: refused with the reason.
  await page.getByTestId('logo-file').setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: Buffer.alloc(300 * 1024, 1) });
  await expect(page.getByTestId('logo-message')).toContainText('200 ko au plus');
  await page.getByTestId('logo-file').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: tinyPng() });
  await expect(page.getByTestId('logo-preview')).toBeVisible();
  await expect(page.getByTestId('logo-message')).toContainText('Logo enregistré');
  expect(await seriousA11yViolations(page)).toEqual([]);

  await createFullClient(page, { ...fullClient, name: 'Thames Joinery Ltd', language: 'en', delivery: undefined, contact: undefined, vat: undefined });
  await page.getByTestId('client-new-invoice').click();
  await addLines(page, [{ description: 'Oak staircase', quantity: '1', price: '1234,56', vatBp: 2000 }]);
  await issueOpenDraft(page);
  const file = await downloadFrom(page, 'pdf-download', info);
  expect(file.name).toBe('Invoice-F-2026-A-0001-Thames-Joinery-Ltd.pdf');
  expect(imageCount(file.path)).toBe(1);
  const text = flat(pdfPages(file.path).join('\n'));
  for (const s of ['INVOICE', 'No. F-2026-A-0001', 'Bill to'.toUpperCase(), 'Unit price', '€1,234.56', 'Total incl. VAT €1,481.47', 'Please pay by 23 December 2026', 'No discount for early payment.', 'Fixed compensation for recovery costs: €40.'])
    expect(text, s).toContain(s);
});

/** A real 120 × 40 PNG (a blue band), made here so the test needs no fixture file. */
function tinyPng(): Buffer {
  const width = 120;
  const height = 40;
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) rows.set([31, 78, 121], y * (width * 3 + 1) + 1 + x * 3);
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}
