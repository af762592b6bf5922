// Series letters that never clash, even when two devices join offline from the same invite.
//
// Each device numbers in its own series (F-2026-A-…, F-2026-B-…). A device that joins picks a
// letter nobody it knows of holds, but two devices joining offline from one invite both pick the
// same one. So a joining device's letter is only a claim (seriesConfirmedAt = null, no issuing)
// until it has checked it against the relay:
//
//   1. its member record, carrying the claim, reaches the relay;
//   2. then it reads back everything the relay holds (a round trip after 1);
//   3. nextSeriesStep() on what it read: « confirm » when no other member holds that letter,
//      « switch » when the letters' resolution gives it to another member (claim the new letter
//      and start again at 1), « wait » when it keeps the letter but a rival's claim is still there
//      (the rival, reading the same records, switches; then this device confirms).
//
// Why this cannot give one letter to two devices: a device confirms only if, in a read made after
// its own claim was stored, it saw no other holder. If X and Y both confirmed L, say X read first:
// X's claim was stored before X's read, hence before Y's read, so Y saw X holding L — and did not
// confirm. The relay is the one place every claim passes through, in one order.
//
// Resolution among members sharing a letter (the same on every device that sees the same records):
// the one that already issued documents keeps it; otherwise a confirmed one (earliest, then the
// smallest id: only possible with records from before confirmation existed); otherwise the
// smallest member id. The others take the next free letters, in member-id order.
import { nextSeriesLetter } from './numbering';
import type { Member } from './types';

export type SeriesMember = Pick<Member, 'id' | 'seriesLetter' | 'seriesConfirmedAt' | 'removed'>;

/** Confirmed: a date, or no field at all (a member from before shared workspaces). */
export function isSeriesConfirmed(m: Pick<Member, 'seriesConfirmedAt'>): boolean {
  return m.seriesConfirmedAt !== null;
}

/**
 * Whether a member's letter is taken by it. A removed device that never confirmed its letter
 * never issued with it and never will: its letter is free again. Any other member holds its
 * letter, removed or not (its numbers exist).
 */
function holdsLetter(m: SeriesMember, issuers: ReadonlySet<string>): boolean {
  return !m.removed || isSeriesConfirmed(m) || issuers.has(m.id);
}

/** Sort key among members sharing a letter: the first one keeps it. */
function rank(a: SeriesMember, b: SeriesMember, issuers: ReadonlySet<string>): number {
  return (
    Number(issuers.has(b.id)) - Number(issuers.has(a.id)) ||
    Number(isSeriesConfirmed(b)) - Number(isSeriesConfirmed(a)) ||
    // An absent date (a member from before confirmations) counts as the earliest.
    (a.seriesConfirmedAt ?? '').localeCompare(b.seriesConfirmedAt ?? '') ||
    compareIds(a.id, b.id)
  );
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The letter each member should hold, from the members' records and the ids of the members that
 * issued at least one document (a member only issues once its letter is confirmed, and a
 * confirmed letter never changes, so what it issued is in its current letter).
 *
 *   resolveSeriesLetters([A:'A' confirmed, m2:'B' claim, m1:'B' claim], ∅)
 *     → A: 'A', m1: 'B' (smallest id), m2: 'C'
 */
export function resolveSeriesLetters(members: readonly SeriesMember[], issuers: ReadonlySet<string>): Map<string, string> {
  const byLetter = new Map<string, SeriesMember[]>();
  for (const m of members) {
    if (!holdsLetter(m, issuers)) continue;
    byLetter.set(m.seriesLetter, [...(byLetter.get(m.seriesLetter) ?? []), m]);
  }
  const result = new Map<string, string>();
  const losers: SeriesMember[] = [];
  for (const [letter, group] of byLetter) {
    const [keeper, ...others] = [...group].sort((a, b) => rank(a, b, issuers));
    result.set(keeper.id, letter);
    losers.push(...others);
  }
  const taken = [...byLetter.keys()];
  for (const m of losers.sort((a, b) => compareIds(a.id, b.id))) {
    // A removed member that lost its letter will never number again: nothing to give it.
    if (m.removed) {
      result.set(m.id, m.seriesLetter);
      continue;
    }
    const letter = nextSeriesLetter(taken);
    taken.push(letter);
    result.set(m.id, letter);
  }
  for (const m of members) if (!result.has(m.id)) result.set(m.id, m.seriesLetter);
  return result;
}

export type SeriesStep =
  /** The letter is this member's: nothing to do. */
  | { kind: 'confirmed' }
  /** Nobody else holds the letter: record it as confirmed now. */
  | { kind: 'confirm' }
  /** Another member keeps this letter: claim `letter` instead (still unconfirmed). */
  | { kind: 'switch'; letter: string }
  /** This member keeps the letter, but the claims of `rivals` are still on it: wait for them to move. */
  | { kind: 'wait'; rivals: string[] }
  /** This member is not in the records (yet). */
  | { kind: 'unknown' };

/**
 * What member `meId` does about its letter, decided from records read back from the relay after
 * its own record reached it (see the top of this file). Never called on a view that only holds
 * this device's own writes: that would confirm a letter nobody checked.
 */
export function nextSeriesStep(meId: string, members: readonly SeriesMember[], issuers: ReadonlySet<string>): SeriesStep {
  const me = members.find((m) => m.id === meId);
  if (!me) return { kind: 'unknown' };
  const letter = resolveSeriesLetters(members, issuers).get(meId)!;
  if (letter !== me.seriesLetter) return { kind: 'switch', letter };
  if (isSeriesConfirmed(me)) return { kind: 'confirmed' };
  const rivals = members
    .filter((m) => m.id !== meId && m.seriesLetter === me.seriesLetter && holdsLetter(m, issuers))
    .map((m) => m.id);
  return rivals.length ? { kind: 'wait', rivals } : { kind: 'confirm' };
}

/** The letter a device joining now claims: the first one no known member nor the invite has. */
export function joiningLetter(members: readonly Pick<Member, 'seriesLetter'>[], inviteLetters: readonly string[]): string {
  return nextSeriesLetter([...members.map((m) => m.seriesLetter), ...inviteLetters]);
}
