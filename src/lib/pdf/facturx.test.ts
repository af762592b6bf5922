// A Factur-X invoice made by the app's own renderer in Node, checked with the tools a receiver
// would use: qpdf (structure, the attachment), Poppler (the text, the XMP), and the XML itself.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentRecord } from '$lib/domain/types';
import { creditNote, franchise, reverseCharge, twoRatesWithDiscount } from '$lib/domain/facturx/fixtures';
import { formatMoney } from '$lib/i18n/index.svelte';
import { fontsFrom } from './fonts';
import { renderDocumentPdf } from './documentPdf';
import { facturxXml } from './facturx';
import { SRGB_ICC_BASE64 } from './srgbIcc';
import { xmpDate } from './pdfa';

const fonts = fontsFrom(readFileSync('static/fonts/DejaVuSans-subset.ttf'), readFileSync('static/fonts/DejaVuSans-Bold-subset.ttf'));

/** Renders `doc` as Factur-X into a temporary directory; returns the paths and the XML. */
function render(doc: DocumentRecord) {
  const xml = facturxXml({ doc, lang: 'fr', businessClient: true });
  const r = renderDocumentPdf(fonts, { doc, lang: 'fr', businessClient: true, logoDataUrl: '', paidCents: 0, creditedCents: 0, remainingCents: doc.frozen!.totals.ttcCents, facturxXml: xml });
  const dir = mkdtempSync(join(tmpdir(), 'facturx-pdf-'));
  const pdf = join(dir, 'invoice.pdf');
  writeFileSync(pdf, new Uint8Array(r.bytes));
  return { dir, pdf, xml, bytes: r.bytes };
}

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });
/** The PDF's text with its narrow and no-break spaces as plain spaces. */
const pdfText = (pdf: string) => run('pdftotext', ['-layout', pdf, '-']).replace(/[\u202f\u00a0]/g, ' ');
const money = (cents: number) => formatMoney(cents, 'fr').replace(/[\u202f\u00a0]/g, ' ');

describe('Factur-X PDF/A-3b', () => {
  for (const [name, make] of [
    ['an invoice with two rates and discounts', twoRatesWithDiscount],
    ['an invoice under the franchise', franchise],
    ['a credit note', creditNote]
  ] as const) {
    it(`${name}: passes qpdf --check and holds the XML byte for byte`, () => {
      const { dir, pdf, xml } = render(make());
      try {
        expect(run('qpdf', ['--check', pdf])).toMatch(/No syntax or stream encoding errors/);
        expect(run('qpdf', ['--list-attachments', pdf]).trim()).toMatch(/^factur-x\.xml -> /);
        const attached = execFileSync('qpdf', ['--show-attachment=factur-x.xml', pdf]);
        expect(attached.equals(Buffer.from(xml, 'utf8'))).toBe(true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('declares PDF/A-3B and the Factur-X EN 16931 schema, with an sRGB output intent and only embedded fonts', () => {
    const { dir, pdf, bytes } = render(twoRatesWithDiscount());
    try {
      const xmp = run('pdfinfo', ['-meta', pdf]);
      expect(xmp).toContain('<pdfaid:part>3</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>');
      expect(xmp).toContain('<fx:DocumentType>INVOICE</fx:DocumentType><fx:DocumentFileName>factur-x.xml</fx:DocumentFileName><fx:Version>1.0</fx:Version><fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>');
      expect(xmp).toContain('<pdfaSchema:prefix>fx</pdfaSchema:prefix>');
      expect(xmp).toContain('<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Facture F-2026-A-');
      // /Info and XMP agree (pdfinfo decodes /Info as PDFDocEncoding).
      const info = run('pdfinfo', [pdf]);
      expect(info).toMatch(/^Subject: +Boulangerie Martin SAS$/m);
      expect(xmp).toContain('<dc:description><rdf:Alt><rdf:li xml:lang="x-default">Boulangerie Martin SAS</rdf:li>');
      const raw = new TextDecoder('latin1').decode(bytes);
      expect(raw.startsWith('%PDF-1.7')).toBe(true);
      expect(raw).toMatch(/\/OutputIntents \[\d+ 0 R\]/);
      expect(raw).toContain('/S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1)');
      expect(raw).toMatch(/\/AF \[\d+ 0 R\]/);
      expect(raw).toContain('/AFRelationship /Alternative');
      expect(raw).toContain('/Subtype /text#2Fxml');
      expect(raw).toMatch(/\/ID \[ <[0-9A-F]{32}> <[0-9A-F]{32}> \]/);
      // Every font is the embedded DejaVu (no standard-14 font such as Helvetica).
      expect([...new Set(raw.match(/\/BaseFont \/[\w+-]+/g))]).toEqual(['/BaseFont /DejaVuSans']);
      expect(raw.match(/\/FontFile2 /g)).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints the reason of a 0 % rate the XML gives (« Autoliquidation »)', () => {
    const { dir, pdf, xml } = render(reverseCharge());
    try {
      expect(xml).toContain('<ram:ExemptionReason>Autoliquidation</ram:ExemptionReason>');
      expect(pdfText(pdf)).toContain('Autoliquidation');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints the amounts the XML states', () => {
    const { dir, pdf, xml } = render(twoRatesWithDiscount());
    try {
      const text = pdfText(pdf);
      const cents = (tag: string) => [...xml.matchAll(new RegExp(`<ram:${tag}[^>]*>(-?\\d+)\\.(\\d{2})<`, 'g'))].map((m) => Number(m[1]) * 100 + Number(m[2]));
      // 1 547,28 HT, 278,34 VAT, 1 825,62 TTC, bases 1 236,16 / 311,12 and their VAT 247,23 / 31,11 (cii.test.ts).
      for (const c of [...cents('TaxBasisTotalAmount'), ...cents('GrandTotalAmount'), ...cents('BasisAmount'), ...cents('CalculatedAmount'), ...cents('AllowanceTotalAmount')]) {
        expect(text).toContain(money(c));
      }
      expect(cents('GrandTotalAmount')).toEqual([182_562]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('PDF/A pieces', () => {
  it('ships a valid-looking sRGB ICC v2 display profile', () => {
    const icc = Buffer.from(SRGB_ICC_BASE64, 'base64');
    expect(icc.readUInt32BE(0)).toBe(icc.length);
    expect(icc.length).toBeLessThan(3000);
    expect(icc.toString('latin1', 12, 24)).toBe('mntrRGB XYZ ');
    expect(icc.toString('latin1', 36, 40)).toBe('acsp');
    expect(icc.readUInt32BE(128)).toBe(9); // desc cprt wtpt rXYZ gXYZ bXYZ rTRC gTRC bTRC
  });

  it('writes /Info dates as XMP dates', () => {
    expect(xmpDate("D:20261123100000+01'00'")).toBe('2026-11-23T10:00:00+01:00');
    expect(xmpDate("D:20260704080000-05'00'")).toBe('2026-07-04T08:00:00-05:00');
    expect(xmpDate("D:20261203103706-00'00'")).toBe('2026-12-03T10:37:06+00:00');
    expect(() => xmpDate('hier')).toThrow();
  });
});
