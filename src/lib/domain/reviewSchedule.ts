// When « Revue de la semaine » is due: once a week, on the day the owner picks, until it is done.
import type { IsoDate } from './types';
import { addDays, dayNumber } from './dates';

/** Monday is 1 … Sunday 7 (ISO). */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** The ISO weekday of a date: 2026-06-15 (a Monday) → 1. */
export function weekday(date: IsoDate): Weekday {
  return ((((dayNumber(date) + 3) % 7) + 7) % 7 + 1) as Weekday;
}

/**
 * Whether the week's review is due: it is, from the last `day` on or before today, until a review
 * is done on or after that day. reviewDue('2026-06-17', 1, '2026-06-10') → true (Monday the 15th
 * came and went); reviewDue('2026-06-17', 1, '2026-06-15') → false.
 */
export function reviewDue(today: IsoDate, day: Weekday, lastReview: IsoDate | null): boolean {
  const back = (weekday(today) - day + 7) % 7;
  const lastDay = addDays(today, -back);
  return lastReview === null || lastReview < lastDay;
}
