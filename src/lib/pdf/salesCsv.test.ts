import { describe, expect, it } from 'vitest';
import { discountsTakenCsv, salesCsv, salesOfPeriod, writeOffsCsv } from './salesCsv';
import type { InvoiceAccount } from '$lib/domain/receivables';
import { sampleInvoice } from './sample';
import type { DocumentRecord } from '$lib/domain/types';

function issued(number: string, issueDate: string, kind: DocumentRecord['kind'] = 'invoice', clientName = 'Boulangerie Martin'): DocumentRecord {
  const base = sampleInvoice(1, undefined, clientName);
  const frozen = { ...base.frozen!, kind, number, issueDate, correctsInvoiceNumber: kind === 'credit' ? 'F-2026-A-0001' : null };
  return { ...base, id: number, kind, number, issueDate, frozen };
}

describe('salesOfPeriod', () => {
  it('keeps issued invoices and credit notes of the period, in the order they were issued', () => {
    const docs = [
      issued('F-3', '2026-12-01'),
      issued('F-2', '2026-11-30'),
      issued('A-1', '2026-11-15', 'credit'),
      issued('D-1', '2026-11-15', 'quote'),
      issued('F-1', '2026-10-31'),
      { ...issued('F-9', '2026-11-20'), status: 'draft' as const }
    ];
    expect(salesOfPeriod(docs, '2026-11-01', '2026-11-30').map((d) => d.number)).toEqual(['A-1', 'F-2']);
    // Same day: the invoice issued first comes first, whatever the numbers.
    const sameDay = [
      { ...issued('A-1', '2026-11-23', 'credit'), issuedAt: '2026-11-23T10:05:00.000Z' },
      { ...issued('F-1', '2026-11-23'), issuedAt: '2026-11-23T10:00:00.000Z' }
    ];
    expect(salesOfPeriod(sameDay, '2026-11-01', '2026-11-30').map((d) => d.number)).toEqual(['F-1', 'A-1']);
    // Same instant (a pinned clock): the invoice first.
    expect(salesOfPeriod([issued('A-1', '2026-11-23', 'credit'), issued('F-1', '2026-11-23')], '2026-11-01', '2026-11-30').map((d) => d.number)).toEqual(['F-1', 'A-1']);
  });
});

describe('salesCsv', () => {
  // One line of 1 234,56 € HT at 20 %: VAT 246,91 €, TTC 1 481,47 €.
  it('writes French CSV: « ; », decimal commas, negative credit notes, BOM and CRLF', () => {
    const csv = salesCsv([issued('F-2026-A-0001', '2026-11-23'), issued('A-2026-A-0001', '2026-11-24', 'credit')], 'fr');
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Type;Numéro;Date;Client;SIREN client;Total HT;TVA;Total TTC;Échéance;Facture corrigée',
      'Facture;F-2026-A-0001;23/11/2026;Boulangerie Martin;732829320;1234,56;246,91;1481,47;23/12/2026;',
      'Avoir;A-2026-A-0001;24/11/2026;Boulangerie Martin;732829320;-1234,56;-246,91;-1481,47;;F-2026-A-0001',
      ''
    ]);
  });

  it('names a deposit invoice as such; a final invoice counts what it charges, its deposits off', () => {
    const deposit = { ...issued('F-2026-A-0002', '2026-11-24'), deposit: { quoteId: 'q1', quoteNumber: 'D-1', quoteDate: '2026-11-20', request: { kind: 'percent' as const, bp: 3000 } } };
    const base = issued('F-2026-A-0003', '2026-11-25');
    // 1 481,47 TTC less a deposit of 100,00 HT + 20,00 VAT: 1 134,56 HT, 226,91 VAT, 1 361,47 TTC.
    const net = { ...base.frozen!.totals, htCents: 113_456, vatCents: 22_691, ttcCents: 136_147, beforeDeposits: base.frozen!.totals };
    const final = { ...base, frozen: { ...base.frozen!, totals: net } };
    const rows = salesCsv([deposit, final], 'fr').slice(1).split('\r\n');
    expect(rows[1]).toMatch(/^Facture d’acompte;F-2026-A-0002;/);
    expect(rows[2]).toBe('Facture;F-2026-A-0003;25/11/2026;Boulangerie Martin;732829320;1134,56;226,91;1361,47;23/12/2026;');
  });

  it('quotes separators and defuses formulas in client-provided text', () => {
    const csv = salesCsv([issued('F-1', '2026-11-23', 'invoice', '=HYPERLINK("x";"y")')], 'fr');
    expect(csv).toContain(`;"'=HYPERLINK(""x"";""y"")";`);
  });

  it('writes English CSV with commas and decimal points', () => {
    const csv = salesCsv([issued('F-1', '2026-11-23', 'invoice', 'Martin, Fils')], 'en');
    expect(csv.slice(1).split('\r\n')[1]).toBe('Invoice,F-1,23/11/2026,"Martin, Fils",732829320,1234.56,246.91,1481.47,23/12/2026,');
  });
});

describe('writeOffsCsv', () => {
  it('lists the losses of the period with the HT / VAT split of the amount given up', () => {
    // sampleInvoice(1): its totals, and 600 € of them given up on 15 November.
    const doc = issued('F-7', '2026-06-01');
    const t = doc.frozen!.totals;
    const account = { writtenOffCents: 60_000, writtenOffOn: '2026-11-15' } as InvoiceAccount;
    const csv = writeOffsCsv([doc], new Map([[doc.id, account]]), '2026-11-01', '2026-11-30', 'fr')!;
    const [header, row] = csv.replace('\ufeff', '').split('\r\n');
    expect(header).toBe('Passée en perte le;Numéro;Date;Client;SIREN client;Total TTC;Perte HT;TVA de la perte;Perte TTC');
    const vat = Math.round((60_000 * t.vatCents) / t.ttcCents);
    const euros = (c: number) => (c / 100).toFixed(2).replace('.', ',');
    expect(row.split(';')).toEqual(['15/11/2026', 'F-7', '01/06/2026', 'Boulangerie Martin', expect.any(String), euros(t.ttcCents), euros(60_000 - vat), euros(vat), '600,00']);
    expect(writeOffsCsv([doc], new Map([[doc.id, account]]), '2026-12-01', '2026-12-31', 'fr')).toBeNull();
  });

  it('splits in the invoice’s proportion: 600 € given up on 1 000 HT + 200 VAT → 500,00 and 100,00', () => {
    const doc = issued('F-8', '2026-06-01');
    const frozen = { ...doc.frozen!, totals: { ...doc.frozen!.totals, htCents: 100_000, vatCents: 20_000, ttcCents: 120_000 } };
    const csv = writeOffsCsv([{ ...doc, frozen }], new Map([[doc.id, { writtenOffCents: 60_000, writtenOffOn: '2026-11-15' } as InvoiceAccount]]), '2026-11-01', '2026-11-30', 'fr')!;
    expect(csv).toContain(';1200,00;500,00;100,00;600,00\r\n');
  });
});

describe('discountsTakenCsv', () => {
  it('lists the discounts taken in the period, by the day paid, with the VAT they take off the VAT collected', () => {
    // 1 000 HT + 200 VAT = 1 200 TTC; 2 % = 24,00 € taken on 8 November: 24 × 200 / 1 200 = 4,00 VAT, 20,00 HT.
    const doc = issued('F-9', '2026-11-01');
    const frozen = { ...doc.frozen!, totals: { ...doc.frozen!.totals, htCents: 100_000, vatCents: 20_000, ttcCents: 120_000 } };
    const account = { discountTaken: { amountCents: 2400, on: '2026-11-08' } } as InvoiceAccount;
    const csv = discountsTakenCsv([{ ...doc, frozen }], new Map([[doc.id, account]]), '2026-11-01', '2026-11-30', 'fr')!;
    const [header, row] = csv.replace('\ufeff', '').split('\r\n');
    expect(header).toBe('Escompte (paiement du);Numéro;Date;Client;SIREN client;Total TTC;Escompte HT;TVA de l’escompte;Escompte TTC');
    expect(row.split(';')).toEqual(['08/11/2026', 'F-9', '01/11/2026', 'Boulangerie Martin', expect.any(String), '1200,00', '20,00', '4,00', '24,00']);
    // Paid in December, or no discount taken: nothing for November.
    expect(discountsTakenCsv([{ ...doc, frozen }], new Map([[doc.id, { discountTaken: { amountCents: 2400, on: '2026-12-01' } } as InvoiceAccount]]), '2026-11-01', '2026-11-30', 'fr')).toBeNull();
    expect(discountsTakenCsv([{ ...doc, frozen }], new Map([[doc.id, {} as InvoiceAccount]]), '2026-11-01', '2026-11-30', 'fr')).toBeNull();
  });
});
