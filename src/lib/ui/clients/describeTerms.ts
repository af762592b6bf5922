// Payment terms in words: « 30 jours net », « 45 jours fin de mois », « le 15 mars 2026 ».
import type { Language, PaymentTerms } from '$lib/domain/types';
import { formatDate, translate } from '$lib/i18n/index.svelte';

export function describeTerms(terms: PaymentTerms, locale: Language): string {
  switch (terms.kind) {
    case 'on_receipt':
      return translate(locale, 'client.terms.on_receipt');
    case 'date':
      return translate(locale, 'client.terms.date', { date: formatDate(terms.date, 'long', locale) });
    default:
      return translate(locale, `client.terms.${terms.kind}`, { days: terms.days });
  }
}
