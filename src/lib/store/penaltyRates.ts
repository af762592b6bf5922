// The late-penalty rate table's rows entered in Réglages (the built-in ones live in
// domain/terms.ts): one record per half-year, checked by the domain before it is written.
import type * as Y from 'yjs';
import type { IsoDate, PenaltyRateEntry } from '$lib/domain/types';
import { penaltyRateEntryErrors } from '$lib/domain/terms';
import { localDate } from '$lib/clock';
import { collectionMap, deleteRecord, putRecord } from './doc';
import { StoreError, type Actor } from './operations';

/**
 * Enters (or corrects) the rates of a half-year. Refused with 'field:code' details when the
 * domain refuses the row (penaltyRateEntryErrors); nothing is written then.
 */
export function savePenaltyRate(doc: Y.Doc, actor: Actor, entry: PenaltyRateEntry): void {
  const row: PenaltyRateEntry = { from: entry.from, ecbRateBp: entry.ecbRateBp, legalRateProBp: entry.legalRateProBp, source: entry.source.trim() };
  const errors = penaltyRateEntryErrors(row, localDate(actor.now()));
  if (Object.keys(errors).length) throw new StoreError('invalid_penalty_rate', Object.entries(errors).map(([field, code]) => `${field}:${code}`));
  putRecord(doc, 'penaltyRates', { id: row.from, ...row, memberId: actor.memberId, enteredAt: actor.now().toISOString() });
}

/** Removes an entered row (a built-in row of that half-year, if any, applies again). */
export function removePenaltyRate(doc: Y.Doc, from: IsoDate): void {
  if (collectionMap(doc, 'penaltyRates').has(from)) deleteRecord(doc, 'penaltyRates', from);
}
