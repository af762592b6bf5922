// « Revue de la semaine »: what it goes through, on the receivables view's day (made by its page;
// when it is due: reviewReminder.svelte.ts). The rules: domain/weeklyReview.ts.
import { settledInvoices } from '$lib/domain/dashboard';
import { weeklyReview, type WeeklyReview } from '$lib/domain/weeklyReview';
import type { IsoDate } from '$lib/domain/types';
import { ReviewReminder } from './reviewReminder.svelte';

export class ReviewView extends ReviewReminder {
  readonly review: WeeklyReview = $derived.by(() => {
    const open = this.receivables.openReceivables();
    const disputedSince = new Map<string, IsoDate>();
    for (const e of this.ws.events.all())
      if (e.kind === 'document_disputed' && e.documentId && e.data.disputed === true) {
        const day = e.at.slice(0, 10);
        if ((disputedSince.get(e.documentId) ?? '') < day) disputedSince.set(e.documentId, day);
      }
    const creditLimits = new Map<string, number>();
    for (const c of this.ws.clients.all()) if (c.creditLimitCents) creditLimits.set(c.id, c.creditLimitCents);
    return weeklyReview({
      today: this.receivables.day,
      open,
      settled: settledInvoices(this.receivables.facts, this.receivables.accounts.values()),
      payments: this.ws.payments.all(),
      disputedSince,
      creditLimits
    });
  });
}
