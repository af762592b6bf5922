// The Factur-X XML of realistic documents against the official validators (tests/facturx/
// validate.ts): the EN 16931 XSD (xmllint) and the EN 16931 and French BR-FR schematrons
// (Saxon-JS). Deliberately wrong documents must fail them: proof that the validators run.
// The first run compiles the schematrons (≈ 40 s, cached in node_modules/.cache).
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import type { DocumentRecord } from '$lib/domain/types';
import { facturxXml } from '$lib/pdf/facturx';
import { REFERENCE_XML, compileSchematrons, fatalFailures, xsdErrors } from '../facturx/validate';
import { client, creditNote, depositInvoice, finalInvoice, progressInvoice, franchise, intraEu, issued, line, privateClient, reverseCharge, twoRatesWithDiscount } from '$lib/domain/facturx/fixtures';

// Each schematron run reads a 3–5 MB compiled stylesheet: about a second, more on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

const xmlOf = (doc: DocumentRecord) => facturxXml({ doc, lang: 'fr', businessClient: (doc.frozen!.client.kind ?? 'company') === 'company' });

beforeAll(() => compileSchematrons(), 180_000);

describe('the validators', () => {
  it('accept the official reference invoice', () => {
    const reference = readFileSync(REFERENCE_XML, 'utf8').replace(/^\uFEFF/, '');
    expect(xsdErrors(reference)).toBe('');
    expect(fatalFailures(reference)).toEqual([]);
  });
});

describe('Factur-X XML of realistic documents passes the XSD and both schematrons', () => {
  const cases: [string, () => DocumentRecord][] = [
    ['two VAT rates, a line discount and a document discount', twoRatesWithDiscount],
    ['reverse charge (autoliquidation)', reverseCharge],
    ['franchise en base', franchise],
    ['intra-EU supply of goods', intraEu],
    ['a private client (B2C), VAT on debits', privateClient],
    ['a credit note', creditNote],
    ['a deposit invoice (386)', depositInvoice],
    ['a final invoice taking off a deposit at two rates', finalInvoice],
    ['a progress invoice (situation) holding a 5 % retenue de garantie', progressInvoice]
  ];
  for (const [name, make] of cases) {
    it(name, () => {
      const xml = xmlOf(make());
      expect(xsdErrors(xml)).toBe('');
      expect(fatalFailures(xml)).toEqual([]);
    });
  }
});

describe('wrong documents fail the validators', () => {
  it('a grand total off by one cent breaks the EN 16931 rules', () => {
    // 1 825,62 € is the TTC of twoRatesWithDiscount (see cii.test.ts): 1 825,63 no longer adds up.
    const xml = xmlOf(twoRatesWithDiscount()).replace(/<ram:GrandTotalAmount>1825\.62</, '<ram:GrandTotalAmount>1825.63<');
    expect(xml).toContain('1825.63');
    expect(xsdErrors(xml)).toBe('');
    expect(fatalFailures(xml).some((f) => f.includes('[BR-CO-15]'))).toBe(true);
  });

  it('a French business client without SIREN breaks BR-FR', () => {
    const xml = xmlOf(issued({ buyer: client({ siren: '' }), lines: [line('a', { description: 'Prestation', unitPriceCents: 10_000 })] }));
    const failures = fatalFailures(xml);
    expect(failures.some((f) => f.startsWith('BR-FR-11'))).toBe(true);
    expect(failures.some((f) => f.startsWith('BR-FR-12'))).toBe(true);
  });

  it('a malformed document breaks the XSD', () => {
    expect(xsdErrors(xmlOf(reverseCharge()).replace('<ram:TypeCode>380</ram:TypeCode>', '<ram:Code>380</ram:Code>'))).toMatch(/Code/);
  });
});
