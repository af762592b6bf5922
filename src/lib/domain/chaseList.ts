// The « À relancer » list of the day: the per-client items in their sections, most important
// first (amount at stake × days late × client risk).
import type { ChaseItem, ClientChase } from './chaseItem';

export interface ChaseList {
  overdue: ChaseItem[];
  today: ChaseItem[];
  courtesy: ChaseItem[];
  /** Clients with something due but within the minimum gap after a contact. */
  postponed: number;
}

/** Highest priority first; equal priorities by client name, then id, so the order is stable. */
export function compareItems(a: ChaseItem, b: ChaseItem): number {
  return b.priority - a.priority || (a.clientName < b.clientName ? -1 : a.clientName > b.clientName ? 1 : a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0);
}

/** Sorts per-client results into the list's sections. */
export function assembleList(results: Iterable<ClientChase>): ChaseList {
  const list: ChaseList = { overdue: [], today: [], courtesy: [], postponed: 0 };
  for (const r of results) {
    if (r.postponed) list.postponed++;
    if (r.item) list[r.item.section].push(r.item);
  }
  list.overdue.sort(compareItems);
  list.today.sort(compareItems);
  list.courtesy.sort(compareItems);
  return list;
}
