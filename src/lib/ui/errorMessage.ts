// Words for whatever a store write threw: its code's message, with amounts formatted.
import { StoreError } from '$lib/store/errors';
import { formatDate, formatMoney, formatRate, t } from '$lib/i18n/index.svelte';

const MONEY_DETAILS = new Set(['credit_exceeds_invoice', 'deposit_exceeds_quote']);
const DATE_DETAILS = new Set(['future_issue_date']);

export function errorMessage(e: unknown): string {
  if (e instanceof StoreError) {
    // « Isolation » was at 50 % on the previous situation.
    if (e.code === 'progress_goes_down')
      return t('error.progress_goes_down', { details: t('error.progress_goes_down.detail', { line: e.details[0] ?? '', percent: formatRate(Number(e.details[1])) }) });
    const details = MONEY_DETAILS.has(e.code)
      ? e.details.map((d) => formatMoney(Number(d)))
      : DATE_DETAILS.has(e.code)
        ? e.details.map((d) => formatDate(d))
        : e.details;
    return t(`error.${e.code}`, { details: details.join(', ') });
  }
  return t('error.unknown', { message: e instanceof Error ? e.message : String(e) });
}
