// When « Revue de la semaine » is due (domain/reviewSchedule.ts): read by « Aujourd'hui », so it
// keeps to the schedule — the review itself (review.svelte.ts) loads with its page.
import { reviewDue, type Weekday } from '$lib/domain/reviewSchedule';
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
