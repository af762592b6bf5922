// The dashboard's tables as CSV files for a spreadsheet (domain/csv.ts: French « ; » and decimal
// commas, UTF-8 with BOM): the aging per receivable, the DSO monthly series, the 12-week forecast.
import type { Aging } from '$lib/domain/aging';
import { receivableDueText, receivableNumber } from '$lib/ui/receivableDue';
import { agingBucket } from '$lib/domain/aging';
import { csvAmount, csvCell, csvFile, csvNumber, csvSeparator } from '$lib/domain/csv';
import type { DsoFigures } from '$lib/domain/dso';
import type { CashInForecast } from '$lib/domain/forecast';
import { heldApart, type Receivable } from '$lib/domain/receivables';
import type { Language } from '$lib/domain/types';
import { formatDate, translate } from '$lib/i18n/index.svelte';

/** The bucket column of a receivable: its range, or « disputed » / « in collection ». */
function bucketLabel(r: Receivable, lang: Language): string {
  const apart = heldApart(r);
  return translate(lang, apart ? `dashboard.apart.${apart}` : `dashboard.bucket.${agingBucket(r.daysLate)}`);
}

/** One row per open receivable: client, number, issue date, due date, days late, bucket, remaining TTC. */
export function agingCsv(receivables: readonly Receivable[], clientName: (id: string) => string, lang: Language): string {
  const sep = csvSeparator(lang);
  const header = ['client', 'number', 'issueDate', 'dueDate', 'daysLate', 'bucket', 'remaining'].map((k) => translate(lang, `dashboard.csv.${k}`));
  const rows = [...receivables]
    .sort((a, b) => b.daysLate - a.daysLate || (a.number < b.number ? -1 : 1))
    .map((r) => [
      csvCell(clientName(r.clientId), sep),
      csvCell(receivableNumber(r, lang), sep),
      formatDate(r.issueDate, 'short', lang),
      csvCell(receivableDueText(r, 'short', lang), sep),
      String(Math.max(0, r.daysLate)),
      csvCell(bucketLabel(r, lang), sep),
      csvAmount(r.remainingCents, lang)
    ]);
  return csvFile(header, rows, sep);
}

/** The count-back DSO at the end of each month, with what was owed then. */
export function dsoCsv(dso: DsoFigures, lang: Language): string {
  const sep = csvSeparator(lang);
  const header = ['month', 'asOf', 'owed', 'dso', 'complete'].map((k) => translate(lang, `dashboard.csv.${k}`));
  const rows = dso.trend.map((p) => [
    p.month,
    formatDate(p.asOf, 'short', lang),
    csvAmount(p.owedCents, lang),
    csvNumber(p.dso.days, lang),
    translate(lang, p.dso.complete ? 'dashboard.csv.yes' : 'dashboard.csv.no')
  ]);
  return csvFile(header, rows, sep);
}

/** Each week's expected cash-in, then one line per receivable behind it. */
export function forecastCsv(forecast: CashInForecast, clientName: (id: string) => string, lang: Language): string {
  const sep = csvSeparator(lang);
  const header = ['weekStart', 'weekEnd', 'expectedOn', 'client', 'number', 'basis', 'amount'].map((k) => translate(lang, `dashboard.csv.${k}`));
  const rows: string[][] = [];
  for (const w of forecast.weeks) {
    rows.push([formatDate(w.start, 'short', lang), formatDate(w.end, 'short', lang), '', csvCell(translate(lang, 'dashboard.csv.weekTotal'), sep), '', '', csvAmount(w.cents, lang)]);
    for (const e of w.entries)
      rows.push([
        formatDate(w.start, 'short', lang),
        formatDate(w.end, 'short', lang),
        formatDate(e.expectedOn, 'short', lang),
        csvCell(clientName(e.receivable.clientId), sep),
        csvCell(e.receivable.number, sep),
        translate(lang, `dashboard.basis.${e.basis}`),
        csvAmount(e.cents, lang)
      ]);
  }
  return csvFile(header, rows, sep);
}
