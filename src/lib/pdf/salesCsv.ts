// The sales of a period as CSV for the accountant: one row per issued invoice or credit note
// (credit notes negative), in the interface's language — French: « ; » separators and decimal
// commas, as French spreadsheets expect; UTF-8 with a byte order mark so that Excel reads accents.
import type { DocumentRecord, IsoDate, Language } from '$lib/domain/types';
import type { InvoiceAccount } from '$lib/domain/receivables';
import { csvAmount as amount, csvCell as cell, csvFile, csvSeparator } from '$lib/domain/csv';
import { vatInside } from '$lib/domain/money';
import { formatDate, translate } from '$lib/i18n/index.svelte';

const KIND_ORDER = { invoice: 0, credit: 1, quote: 2 } as const;

/**
 * Issued documents dated within [from, to], in the order they were issued; on a tie an invoice
 * comes before a credit note (which can only follow the invoice it corrects).
 */
export function issuedInPeriod(documents: DocumentRecord[], from: IsoDate, to: IsoDate): DocumentRecord[] {
  return documents
    .filter((d) => d.status === 'issued' && d.frozen && (d.issueDate ?? '') >= from && (d.issueDate ?? '') <= to)
    .sort(
      (a, b) =>
        (a.issueDate ?? '').localeCompare(b.issueDate ?? '') ||
        (a.issuedAt ?? '').localeCompare(b.issuedAt ?? '') ||
        KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
        a.number.localeCompare(b.number)
    );
}

/** The sales of the period: issued invoices and credit notes (quotes are not sales). */
export function salesOfPeriod(documents: DocumentRecord[], from: IsoDate, to: IsoDate): DocumentRecord[] {
  return issuedInPeriod(documents, from, to).filter((d) => d.kind !== 'quote');
}

export function salesCsv(sales: DocumentRecord[], lang: Language): string {
  const sep = csvSeparator(lang);
  const t = (key: string) => translate(lang, key);
  const header = ['csv.kind', 'csv.number', 'csv.date', 'csv.client', 'csv.clientSiren', 'csv.ht', 'csv.vat', 'csv.ttc', 'csv.dueDate', 'csv.corrects'].map(t);
  const rows = sales.map((d) => {
    const f = d.frozen!;
    const sign = d.kind === 'credit' ? -1 : 1;
    return [
      // A deposit invoice is booked apart (acomptes reçus): the accountant sees which it is.
      cell(translate(lang, d.deposit ? 'kind.deposit' : `kind.${d.kind}`), sep),
      cell(f.number, sep),
      formatDate(f.issueDate, 'short', lang),
      cell(f.client.name, sep),
      cell(f.client.siren.replace(/\s/g, ''), sep),
      amount(sign * f.totals.htCents, lang),
      amount(sign * f.totals.vatCents, lang),
      amount(sign * f.totals.ttcCents, lang),
      f.dueDate && d.kind === 'invoice' ? formatDate(f.dueDate, 'short', lang) : '',
      cell(f.correctsInvoiceNumber ?? '', sep)
    ];
  });
  return csvFile(header, rows, sep);
}

type Reduction = { on: IsoDate; cents: number };

/**
 * Amounts that reduce what an invoice brought in, dated within [from, to], for the accountant:
 * the invoice, the day and the amount, split into HT and VAT in the invoice's own proportion
 * (money.ts vatInside): the VAT share is what the VAT collected is reduced by.
 */
function reductionsCsv(
  documents: DocumentRecord[],
  accounts: ReadonlyMap<string, InvoiceAccount>,
  reductionOf: (account: InvoiceAccount) => Reduction | null,
  header: readonly string[],
  from: IsoDate,
  to: IsoDate,
  lang: Language
): string | null {
  const sep = csvSeparator(lang);
  const rows: { on: IsoDate; number: string; cells: string[] }[] = [];
  for (const d of documents) {
    const a = accounts.get(d.id);
    const f = d.frozen;
    const r = a ? reductionOf(a) : null;
    if (!f || !r || r.on < from || r.on > to || r.cents <= 0) continue;
    const split = vatInside(f.totals, r.cents);
    rows.push({
      on: r.on,
      number: f.number,
      cells: [
        formatDate(r.on, 'short', lang),
        cell(f.number, sep),
        formatDate(f.issueDate, 'short', lang),
        cell(f.client.name, sep),
        cell(f.client.siren.replace(/\s/g, ''), sep),
        amount(f.totals.ttcCents, lang),
        amount(split.htCents, lang),
        amount(split.vatCents, lang),
        amount(r.cents, lang)
      ]
    });
  }
  if (!rows.length) return null;
  rows.sort((x, y) => x.on.localeCompare(y.on) || x.number.localeCompare(y.number));
  return csvFile(header.map((key) => translate(lang, key)), rows.map((r) => r.cells), sep);
}

const COMMON = ['csv.number', 'csv.date', 'csv.client', 'csv.clientSiren', 'csv.ttc'];

/**
 * What was written off (« passé en perte ») within [from, to]: the VAT share is what the
 * accountant may recover on a debt that is definitively lost.
 * A 1 200 € TTC invoice (1 000 HT + 200 VAT) with 600 € given up → 500,00 HT and 100,00 VAT.
 */
export function writeOffsCsv(documents: DocumentRecord[], accounts: ReadonlyMap<string, InvoiceAccount>, from: IsoDate, to: IsoDate, lang: Language): string | null {
  const header = ['csv.writtenOffOn', ...COMMON, 'csv.lostHt', 'csv.lostVat', 'csv.lostTtc'];
  return reductionsCsv(documents, accounts, (a) => (a.writtenOffOn ? { on: a.writtenOffOn, cents: a.writtenOffCents } : null), header, from, to, lang);
}

/**
 * The early-payment discounts clients took within [from, to] (by the day they paid): the VAT
 * collected on each invoice falls by the VAT inside its discount — the adjustment the accountant
 * books (or the credit note the seller issues). 24 € taken on 1 000 HT + 200 VAT → 20,00 + 4,00.
 */
export function discountsTakenCsv(documents: DocumentRecord[], accounts: ReadonlyMap<string, InvoiceAccount>, from: IsoDate, to: IsoDate, lang: Language): string | null {
  const header = ['csv.discountOn', ...COMMON, 'csv.discountHt', 'csv.discountVat', 'csv.discountTtc'];
  return reductionsCsv(documents, accounts, (a) => (a.discountTaken ? { on: a.discountTaken.on, cents: a.discountTaken.amountCents } : null), header, from, to, lang);
}
