// « Revue de la semaine »: when it is due (ReviewReminder, read by « Aujourd'hui ») and what it
// goes through (ReviewView, made by its page). The rules: domain/reviewSchedule.ts and
// domain/weeklyReview.ts, on the receivables view's day.
import { settledInvoices } from '$lib/domain/dashboard';
import { reviewDue, type Weekday } from '$lib/domain/reviewSchedule';
import { weeklyReview, type WeeklyReview } from '$lib/domain/weeklyReview';
import type { IsoDate } from '$lib/domain/types';
import type { ReceivablesView } from './views.svelte';
import type { Workspace } from './workspace.svelte';

export class ReviewReminder {
  constructor(
    protected ws: Workspace,
    protected receivables: ReceivablesView
  ) {}

  /** The weekday the owner picked (Monday by default). */
  readonly day: Weekday = $derived.by(() => (this.ws.chaseConfig.get('main')?.reviewDay ?? 1) as Weekday);

  /** The day of the last « Revue faite », by any device. */
  readonly lastReview: IsoDate | null = $derived.by(() => {
    let last: IsoDate | null = null;
    for (const e of this.ws.events.all()) {
      if (e.kind !== 'review_done') continue;
      const day = typeof e.data.date === 'string' ? e.data.date : e.at.slice(0, 10);
      if (!last || day > last) last = day;
    }
    return last;
  });

  readonly due: boolean = $derived.by(() => reviewDue(this.receivables.day, this.day, this.lastReview));
}

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
