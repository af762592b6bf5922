// A receivable's due date as the screens, CSVs and PDFs write it: its date, or for a retenue de
// garantie whose works are not received yet « à la levée de la retenue (réception + 1 an) »
// (receivables.ts gives it a due date that is never reached).
import type { Language } from '$lib/domain/types';
import type { Receivable } from '$lib/domain/receivables';
import { formatDate, i18n, translate } from '$lib/i18n/index.svelte';

export function receivableDueText(r: Pick<Receivable, 'dueDate' | 'retentionPending'>, style: 'short' | 'long' = 'short', locale: Language = i18n.locale): string {
  return r.retentionPending ? translate(locale, 'progress.retention.pending') : formatDate(r.dueDate, style, locale);
}

/** « F-2026-A-0007 (retenue de garantie) » / « F-2026-A-0001 (échéance 2/3) »: the number of a receivable in lists. */
export function receivableNumber(r: Pick<Receivable, 'number' | 'installmentIndex' | 'installmentCount' | 'retention'>, locale: Language = i18n.locale): string {
  if (r.retention) return `${r.number} (${translate(locale, 'receivable.retention')})`;
  return r.installmentIndex ? `${r.number} (${r.installmentIndex}/${r.installmentCount})` : r.number;
}
