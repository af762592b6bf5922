import { describe, expect, it } from 'vitest';
import { isSeriesConfirmed, joiningLetter, nextSeriesStep, resolveSeriesLetters, type SeriesMember } from './series';

const T = '2026-03-10T09:00:00.000Z';
const T2 = '2026-03-11T09:00:00.000Z';

/** A member: confirmed at `at`, a claim when `at` is null, a member from before confirmations when undefined. */
function m(id: string, letter: string, at: string | null | undefined = T, removed = false): SeriesMember {
  const member: SeriesMember = { id, seriesLetter: letter, removed };
  if (at !== undefined) member.seriesConfirmedAt = at;
  return member;
}

const none = new Set<string>();
const letters = (members: SeriesMember[], issuers: ReadonlySet<string> = none) =>
  Object.fromEntries(resolveSeriesLetters(members, issuers));

describe('isSeriesConfirmed', () => {
  it('reads an absent date as confirmed (members from before shared workspaces) and null as a claim', () => {
    expect(isSeriesConfirmed(m('a', 'A', undefined))).toBe(true);
    expect(isSeriesConfirmed(m('a', 'A', T))).toBe(true);
    expect(isSeriesConfirmed(m('a', 'A', null))).toBe(false);
  });
});

describe('resolveSeriesLetters', () => {
  const cases: { name: string; members: SeriesMember[]; issuers?: string[]; expected: Record<string, string> }[] = [
    { name: 'one device: its letter', members: [m('a', 'A')], expected: { a: 'A' } },
    {
      name: 'a device that joined online took a free letter: nothing moves',
      members: [m('a', 'A'), m('b', 'B', null)],
      expected: { a: 'A', b: 'B' }
    },
    {
      name: 'two devices from the same invite, offline, both claimed B: the smallest id keeps it',
      members: [m('a', 'A'), m('m2', 'B', null), m('m1', 'B', null)],
      expected: { a: 'A', m1: 'B', m2: 'C' }
    },
    {
      name: 'the same, but one had already confirmed B (it synced first): it keeps B whatever its id',
      members: [m('a', 'A'), m('m2', 'B', T), m('m1', 'B', null)],
      expected: { a: 'A', m1: 'C', m2: 'B' }
    },
    {
      name: 'two confirmed on one letter (records from before confirmations): the one that issued keeps it',
      members: [m('a', 'A', undefined), m('m1', 'B', undefined), m('m2', 'B', undefined)],
      issuers: ['m2'],
      expected: { a: 'A', m1: 'C', m2: 'B' }
    },
    {
      name: 'two confirmed, none issued: the earliest confirmation keeps it',
      members: [m('m1', 'B', T2), m('m2', 'B', T)],
      expected: { m1: 'A', m2: 'B' }
    },
    {
      name: 'three devices from one invite: B to the smallest id, then C and D in id order',
      members: [m('a', 'A'), m('m3', 'B', null), m('m1', 'B', null), m('m2', 'B', null)],
      expected: { a: 'A', m1: 'B', m2: 'C', m3: 'D' }
    },
    {
      name: 'the next free letters skip letters held elsewhere',
      members: [m('a', 'A'), m('c', 'C'), m('m1', 'B', null), m('m2', 'B', null)],
      expected: { a: 'A', c: 'C', m1: 'B', m2: 'D' }
    },
    {
      name: 'a removed device keeps its confirmed letter (its numbers exist): a claim on it moves',
      members: [m('a', 'A'), m('r', 'B', T, true), m('m1', 'B', null)],
      expected: { a: 'A', r: 'B', m1: 'C' }
    },
    {
      name: 'a removed device that never confirmed holds nothing: its letter is free',
      members: [m('a', 'A'), m('r', 'B', null, true), m('m1', 'B', null)],
      expected: { a: 'A', r: 'B', m1: 'B' }
    },
    {
      name: 'a removed device that issued keeps its letter even against a smaller id',
      members: [m('a', 'A'), m('z', 'B', T, true), m('b', 'B', null)],
      issuers: ['z'],
      expected: { a: 'A', z: 'B', b: 'C' }
    }
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(letters(c.members, new Set(c.issuers ?? []))).toEqual(c.expected);
    });
  }

  it('is the same whatever order the records come in', () => {
    const members = [m('a', 'A'), m('m3', 'B', null), m('m1', 'B', null), m('m2', 'B', T2), m('r', 'C', T, true)];
    const expected = letters(members);
    expect(letters([...members].reverse())).toEqual(expected);
    expect(letters([members[2], members[4], members[0], members[3], members[1]])).toEqual(expected);
    expect(expected).toEqual({ a: 'A', m2: 'B', m1: 'D', m3: 'E', r: 'C' });
  });

  it('goes past Z to AA', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
    const members = [...alphabet.map((l) => m(`x${l}`, l)), m('y', 'Z', null)];
    expect(letters(members).y).toBe('AA');
  });
});

describe('nextSeriesStep', () => {
  it('two devices from the same invite, both offline with B, then each meets the relay in turn', () => {
    // m2 syncs first: its claim is the only one on B.
    const first = [m('a', 'A'), m('m2', 'B', null)];
    expect(nextSeriesStep('m2', first, none)).toEqual({ kind: 'confirm' });
    // m1 comes later and reads m2's confirmation: it moves to C, then confirms C.
    const later = [m('a', 'A'), m('m2', 'B', T), m('m1', 'B', null)];
    expect(nextSeriesStep('m1', later, none)).toEqual({ kind: 'switch', letter: 'C' });
    expect(nextSeriesStep('m2', later, none)).toEqual({ kind: 'confirmed' });
    const moved = [m('a', 'A'), m('m2', 'B', T), m('m1', 'C', null)];
    expect(nextSeriesStep('m1', moved, none)).toEqual({ kind: 'confirm' });
  });

  it('two claims seen together: the smallest id waits for the other to move, the other moves', () => {
    const both = [m('a', 'A'), m('m2', 'B', null), m('m1', 'B', null)];
    expect(nextSeriesStep('m1', both, none)).toEqual({ kind: 'wait', rivals: ['m2'] });
    expect(nextSeriesStep('m2', both, none)).toEqual({ kind: 'switch', letter: 'C' });
    const after = [m('a', 'A'), m('m2', 'C', null), m('m1', 'B', null)];
    expect(nextSeriesStep('m1', after, none)).toEqual({ kind: 'confirm' });
    expect(nextSeriesStep('m2', after, none)).toEqual({ kind: 'confirm' });
  });

  it('a confirmed member stays; one that must give way (only with old records) switches and claims again', () => {
    expect(nextSeriesStep('a', [m('a', 'A'), m('b', 'A', null)], none)).toEqual({ kind: 'confirmed' });
    const clash = [m('m1', 'B', undefined), m('m2', 'B', undefined)];
    expect(nextSeriesStep('m1', clash, new Set(['m2']))).toEqual({ kind: 'switch', letter: 'A' });
    expect(nextSeriesStep('m2', clash, new Set(['m2']))).toEqual({ kind: 'confirmed' });
  });

  it('is unknown for a member not in the records yet', () => {
    expect(nextSeriesStep('zz', [m('a', 'A')], none)).toEqual({ kind: 'unknown' });
  });
});

describe('joiningLetter', () => {
  it('avoids the letters of the known members and of the invite', () => {
    expect(joiningLetter([], ['A'])).toBe('B');
    expect(joiningLetter([{ seriesLetter: 'A' }, { seriesLetter: 'B' }], ['A'])).toBe('C');
    expect(joiningLetter([{ seriesLetter: 'A' }], ['A', 'B', 'D'])).toBe('C');
  });
});
