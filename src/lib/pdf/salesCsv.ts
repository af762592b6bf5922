// The sales of a period as CSV for the accountant: one row per issued invoice or credit note
// (credit notes negative), in the interface's language — French: « ; » separators and decimal
// commas, as French spreadsheets expect; UTF-8 with a byte order mark so that Excel reads accents.
import type { DocumentRecord, IsoDate, Language } from '$lib/domain/types';
import { csvAmount as amount, csvCell as cell, csvFile, csvSeparator } from '$lib/domain/csv';
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
      cell(translate(lang, `kind.${d.kind}`), sep),
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
