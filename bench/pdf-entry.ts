// The invoices the PDF benchmark renders, bundled for Node by bench/pdf.js (bench/bundle.js) and
// handed to the page as plain data: the sample company and an issued invoice of n lines from
// src/lib/pdf/sample.ts (the renderer tests' sample), in the shape `documentPdf` takes.
import { sampleCompany, sampleInvoice } from '$lib/pdf/sample';
import type { InvoiceAccount } from '$lib/domain/receivables';
import type { documentPdf } from '$lib/pdf';

export type SampleRequest = { lines: number; req: Parameters<typeof documentPdf>[0] };

export function sampleRequests(lineCounts: number[]): SampleRequest[] {
  const company = sampleCompany();
  return lineCounts.map((lines) => {
    const doc = sampleInvoice(lines, company);
    // Nothing paid yet: the QR code of the whole TTC is drawn, as on a new invoice.
    const ttcCents = doc.frozen!.totals.ttcCents;
    const account = { paidCents: 0, creditedCents: 0, remainingCents: ttcCents } as InvoiceAccount;
    return { lines, req: { doc, client: null, company, account } };
  });
}
