// The renderers run in Node too (jsPDF's Node build): every kind of PDF is made from realistic
// data, without error, with the expected page count and QR payload. What the pages say is
// checked in the browser end-to-end tests with Poppler (tests/e2e/pdf.spec.ts).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Client, DocumentRecord, Payment } from '$lib/domain/types';
import { newClient } from '$lib/domain/company';
import { accountStatement } from '$lib/domain/statement';
import { lateClaim } from '$lib/domain/claim';
import { documentFacts, invoiceAccounts, plainContext } from '$lib/domain/receivables';
import { epcAmount } from '$lib/domain/epc';
import { fontsFrom } from './fonts';
import { renderDocumentPdf } from './documentPdf';
import { renderStatementPdf } from './statementPdf';
import { renderLetterPdf } from './letterPdf';
import { sampleCompany, sampleInvoice } from './sample';

const fonts = fontsFrom(readFileSync('static/fonts/DejaVuSans-subset.ttf'), readFileSync('static/fonts/DejaVuSans-Bold-subset.ttf'));
const text = (bytes: ArrayBuffer) => new TextDecoder('latin1').decode(bytes);
const pageCount = (bytes: ArrayBuffer) => text(bytes).match(/\/Type \/Page\b/g)?.length ?? 0;

const client: Client = {
  ...newClient('sample-client', '2026-01-01T00:00:00.000Z'),
  name: 'Société Générale d’Électricité <b>Ouest</b>',
  billingAddress: { line1: '5 place Bellecour', line2: '', postalCode: '69002', city: 'Lyon', country: 'FR' }
};

describe('invoice, quote and credit note', () => {
  it('flows 60 lines over several pages, with the QR code of what remains due', () => {
    const doc = sampleInvoice(60);
    const r = renderDocumentPdf(fonts, { doc, lang: 'fr', businessClient: true, logoDataUrl: '', paidCents: 10_000, creditedCents: 0, remainingCents: doc.frozen!.totals.ttcCents - 10_000 });
    expect(text(r.bytes).startsWith('%PDF-')).toBe(true);
    expect(pageCount(r.bytes)).toBeGreaterThanOrEqual(3);
    const due = doc.frozen!.totals.ttcCents - 10_000;
    expect(r.epc).toBe(['BCD', '002', '1', 'SCT', 'AGRIFRPP', 'Atelier Dupont', 'FR7630006000011234567890189', epcAmount(due), '', '', 'F-2026-A-0001'].join('\n'));
    expect(r.fileName).toBe('Facture-F-2026-A-0001-Societe-Generale-d-Electricite-b-Ouest-b.pdf');
  });

  it('makes a deposit invoice and a final invoice with its deductions, the QR code for what remains', () => {
    const invoice = sampleInvoice(2);
    const f = invoice.frozen!;
    const deposit: DocumentRecord = {
      ...invoice,
      deposit: { quoteId: 'q1', quoteNumber: 'D-2026-A-0001', quoteDate: '2026-11-02', request: { kind: 'percent', bp: 3000 }, quoteTtcCents: 100_000 },
      frozen: { ...f, deposit: { quoteId: 'q1', quoteNumber: 'D-2026-A-0001', quoteDate: '2026-11-02', request: { kind: 'percent', bp: 3000 }, quoteTtcCents: 100_000 }, prepayment: true }
    };
    const d = renderDocumentPdf(fonts, { doc: deposit, lang: 'fr', businessClient: true, logoDataUrl: '', paidCents: 0, creditedCents: 0, remainingCents: f.totals.ttcCents });
    expect(d.fileName).toBe('Facture-acompte-F-2026-A-0001-Societe-Generale-d-Electricite-b-Ouest-b.pdf');
    const deduction = { invoiceId: 'd1', number: 'F-2026-A-0000', issueDate: '2026-11-03', htCents: 1_000, vat: [{ rateBp: 2000, baseCents: 1_000, vatCents: 200 }], vatCents: 200, ttcCents: 1_200 };
    const net = { ...f.totals, htCents: f.totals.htCents - 1_000, vatCents: f.totals.vatCents - 200, ttcCents: f.totals.ttcCents - 1_200, beforeDeposits: f.totals };
    const final: DocumentRecord = { ...invoice, frozen: { ...f, totals: net, deductions: [deduction], finalOf: { quoteNumber: 'D-2026-A-0001', quoteDate: '2026-11-02' } } };
    const r = renderDocumentPdf(fonts, { doc: final, lang: 'en', businessClient: true, logoDataUrl: '', paidCents: 0, creditedCents: 0, remainingCents: net.ttcCents });
    expect(r.epc).toContain(`\n${epcAmount(net.ttcCents)}\n`);
    expect(pageCount(r.bytes)).toBe(1);
  });

  it('prints no QR code when nothing is due or there is no IBAN', () => {
    const doc = sampleInvoice(2);
    const paid = renderDocumentPdf(fonts, { doc, lang: 'fr', businessClient: true, logoDataUrl: '', paidCents: doc.frozen!.totals.ttcCents, creditedCents: 0, remainingCents: 0 });
    expect(paid.epc).toBeNull();
    const noIban = sampleInvoice(2, sampleCompany({ iban: '' }));
    expect(renderDocumentPdf(fonts, { doc: noIban, lang: 'fr', businessClient: true, logoDataUrl: '', paidCents: 0, creditedCents: 0, remainingCents: noIban.frozen!.totals.ttcCents }).epc).toBeNull();
  });

  it('makes a quote and a credit note (no QR code), in English too', () => {
    const invoice = sampleInvoice(3);
    const quote: DocumentRecord = { ...invoice, kind: 'quote', frozen: { ...invoice.frozen!, kind: 'quote', number: 'D-2026-A-0001' } };
    const q = renderDocumentPdf(fonts, { doc: quote, lang: 'en', businessClient: true, logoDataUrl: '', paidCents: 0, creditedCents: 0, remainingCents: 0 });
    expect(q.epc).toBeNull();
    expect(q.fileName).toBe('Quote-D-2026-A-0001-Societe-Generale-d-Electricite-b-Ouest-b.pdf');
    const credit: DocumentRecord = {
      ...invoice,
      kind: 'credit',
      frozen: { ...invoice.frozen!, kind: 'credit', number: 'A-2026-A-0001', correctsInvoiceNumber: 'F-2026-A-0001', correctsInvoiceDate: '2026-11-23' }
    };
    const c = renderDocumentPdf(fonts, { doc: credit, lang: 'fr', businessClient: true, logoDataUrl: '', paidCents: 0, creditedCents: 0, remainingCents: 0 });
    expect(c.epc).toBeNull();
    expect(pageCount(c.bytes)).toBe(1);
  });

  it('refuses a draft', () => {
    const draft = { ...sampleInvoice(1), status: 'draft' as const };
    expect(() => renderDocumentPdf(fonts, { doc: draft, lang: 'fr', businessClient: true, logoDataUrl: '', paidCents: 0, creditedCents: 0, remainingCents: 0 })).toThrow();
  });

  it('prints a line description longer than a page over several pages', () => {
    const doc = sampleInvoice(1);
    const long = { ...doc, frozen: { ...doc.frozen!, lines: [{ ...doc.frozen!.lines[0], description: 'Ligne de détail.\n'.repeat(150) }] } };
    const r = renderDocumentPdf(fonts, { doc: long, lang: 'fr', businessClient: true, logoDataUrl: '', paidCents: 0, creditedCents: 0, remainingCents: 0 });
    expect(pageCount(r.bytes)).toBeGreaterThanOrEqual(3);
  });
});

describe('statement and letters', () => {
  const company = sampleCompany();
  const invoice = (id: string, issueDate: string, dueDate: string): DocumentRecord => {
    const d = sampleInvoice(2, company);
    return { ...d, id, number: id, issueDate, dueDate, clientId: client.id, frozen: { ...d.frozen!, number: id, issueDate, dueDate } };
  };
  const documents = [invoice('F-2026-A-0001', '2026-08-01', '2026-08-31'), invoice('F-2026-A-0002', '2026-11-10', '2026-12-10')];
  const payments: Payment[] = [
    { id: 'p', clientId: client.id, amountCents: 50_000, date: '2026-09-20', method: 'transfer', reference: 'VIR 8812', allocations: [{ invoiceId: 'F-2026-A-0001', amountCents: 50_000 }], memberId: 'm', createdAt: '' }
  ];

  it('makes the account statement', () => {
    const statement = accountStatement({ clientId: client.id, documents, payments, vatRegime: 'normal', context: plainContext('2026-11-23', 'company') });
    const r = renderStatementPdf(fonts, { company, client, statement, logoDataUrl: '' });
    expect(pageCount(r.bytes)).toBe(1);
    expect(r.fileName).toBe('Releve-de-compte-2026-11-23-Societe-Generale-d-Electricite-b-Ouest-b.pdf');
  });

  it('makes both reminders and the formal notice', () => {
    const facts = documents.map((d) => documentFacts(d, 'normal')!);
    const claim = lateClaim(invoiceAccounts(facts, payments, () => plainContext('2026-11-23', 'company')).values(), '2026-11-23');
    expect(claim.lines.map((i) => i.number)).toEqual(['F-2026-A-0001']);
    for (const kind of ['reminder1', 'reminder2', 'notice'] as const) {
      const r = renderLetterPdf(fonts, { kind, company, client, claim, today: '2026-11-23', deadlineDays: 8, logoDataUrl: '', previousMessage: false });
      expect(pageCount(r.bytes)).toBeGreaterThanOrEqual(1);
      expect(r.epc).toBeNull();
    }
  });
});
