// Series letters of devices joining one workspace, on real Y.Docs: a third document plays the
// relay (everything a device sends is stored there, a read-back returns all it holds), so the
// order « claim stored, then read back » of domain/series.ts is followed step by step.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Member } from '$lib/domain/types';
import { findDuplicateNumbers } from '$lib/domain/numbering';
import { putRecord, readAll, readRecord } from './doc';
import { createDocument, issueDocument, saveDraft, StoreError } from './operations';
import { actor, client, line, seededDoc, T0 } from './fixtures';
import { settleSeries } from './series';

/** The relay: stores what devices send and hands back everything it holds. */
function relayFrom(first: Y.Doc): Y.Doc {
  const relay = new Y.Doc();
  Y.applyUpdate(relay, Y.encodeStateAsUpdate(first));
  return relay;
}
const push = (device: Y.Doc, relay: Y.Doc) => Y.applyUpdate(relay, Y.encodeStateAsUpdate(device, Y.encodeStateVector(relay)));
const pull = (device: Y.Doc, relay: Y.Doc) => Y.applyUpdate(device, Y.encodeStateAsUpdate(relay, Y.encodeStateVector(device)));
/** One sync of a device: its claim reaches the relay, then it reads everything back. */
const meet = (device: Y.Doc, relay: Y.Doc) => {
  push(device, relay);
  pull(device, relay);
};

/** A device that joined offline: an empty document with its claim on `letter`. */
function joinOffline(memberId: string, letter: string): Y.Doc {
  const doc = new Y.Doc();
  const claim: Member = { id: memberId, name: `Poste ${memberId}`, seriesLetter: letter, seriesConfirmedAt: null, createdAt: T0, lastSeenAt: T0, removed: false };
  putRecord(doc, 'members', claim);
  return doc;
}

const me = (doc: Y.Doc, id: string) => readRecord(doc, 'members', id)!;

async function issueOne(doc: Y.Doc, memberId: string): Promise<string> {
  const who = actor(memberId);
  const id = createDocument(doc, who, 'invoice', 'c1');
  saveDraft(doc, who, id, { lines: [line(`${id}-l1`)] });
  return (await issueDocument(doc, who, id, '2026-03-10')).number;
}

describe('series letters of devices joining from one invite', () => {
  it('the creator is confirmed; a device that joined offline may not issue before its letter is confirmed', async () => {
    const a = seededDoc({ memberId: 'm-a', letter: 'A', clients: [client('c1')] });
    const relay = relayFrom(a);
    const b = joinOffline('m-b', 'B');
    pull(b, relay); // it has the workspace, but its claim never reached the relay
    await expect(issueOne(b, 'm-b')).rejects.toEqual(new StoreError('series_unconfirmed', ['B']));
    expect(await issueOne(a, 'm-a')).toBe('F-2026-A-0001');

    push(b, relay);
    pull(b, relay);
    expect(settleSeries(b, 'm-b', '2026-03-10T10:00:00.000Z')).toEqual({ kind: 'confirm' });
    expect(me(b, 'm-b').seriesConfirmedAt).toBe('2026-03-10T10:00:00.000Z');
    expect(await issueOne(b, 'm-b')).toBe('F-2026-B-0001');
  });

  it('two devices joined offline with B: the first to meet the relay keeps B, the other moves to C', async () => {
    const a = seededDoc({ memberId: 'm-a', letter: 'A', clients: [client('c1')] });
    const relay = relayFrom(a);
    // m-1 has the smaller id, but m-2 meets the relay first: m-2 keeps B.
    const d1 = joinOffline('m-1', 'B');
    const d2 = joinOffline('m-2', 'B');

    meet(d2, relay);
    expect(settleSeries(d2, 'm-2', T0)).toEqual({ kind: 'confirm' });
    push(d2, relay);
    expect(await issueOne(d2, 'm-2')).toBe('F-2026-B-0001');

    meet(d1, relay);
    expect(settleSeries(d1, 'm-1', T0)).toEqual({ kind: 'switch', letter: 'C' });
    await expect(issueOne(d1, 'm-1')).rejects.toMatchObject({ code: 'series_unconfirmed' });
    meet(d1, relay);
    expect(settleSeries(d1, 'm-1', T0)).toEqual({ kind: 'confirm' });
    expect(await issueOne(d1, 'm-1')).toBe('F-2026-C-0001');

    for (const d of [a, d1, d2]) meet(d, relay);
    for (const d of [a, d1, d2]) {
      expect(readAll(d, 'members').map((m) => `${m.id}:${m.seriesLetter}`).sort()).toEqual(['m-1:C', 'm-2:B', 'm-a:A']);
      expect(findDuplicateNumbers(readAll(d, 'documents'))).toEqual([]);
    }
  });

  it('two claims on B reach the relay before either reads: the smaller id waits, the other moves, then both confirm', () => {
    const a = seededDoc({ memberId: 'm-a', letter: 'A' });
    const relay = relayFrom(a);
    const d1 = joinOffline('m-1', 'B');
    const d2 = joinOffline('m-2', 'B');
    push(d1, relay);
    push(d2, relay);
    pull(d1, relay);
    pull(d2, relay);
    expect(settleSeries(d1, 'm-1', T0)).toEqual({ kind: 'wait', rivals: ['m-2'] });
    expect(settleSeries(d2, 'm-2', T0)).toEqual({ kind: 'switch', letter: 'C' });
    expect(me(d1, 'm-1').seriesConfirmedAt).toBeNull();

    meet(d2, relay);
    expect(settleSeries(d2, 'm-2', T0)).toEqual({ kind: 'confirm' });
    meet(d1, relay);
    expect(settleSeries(d1, 'm-1', T0)).toEqual({ kind: 'confirm' });
    for (const d of [d1, d2, d1]) meet(d, relay);
    expect(me(d2, 'm-1')).toMatchObject({ seriesLetter: 'B', seriesConfirmedAt: T0 });
    expect(me(d1, 'm-2')).toMatchObject({ seriesLetter: 'C', seriesConfirmedAt: T0 });
  });

  it('a removed device keeps its letter: a device joining from an old invite moves past it', () => {
    const a = seededDoc({ memberId: 'm-a', letter: 'A' });
    putRecord(a, 'members', { id: 'm-old', name: 'Ancien', seriesLetter: 'B', seriesConfirmedAt: T0, createdAt: T0, lastSeenAt: T0, removed: true });
    const relay = relayFrom(a);
    const d = joinOffline('m-0', 'B');
    meet(d, relay);
    expect(settleSeries(d, 'm-0', T0)).toEqual({ kind: 'switch', letter: 'C' });
  });

  it('members written before confirmations existed read as confirmed, with no migration', async () => {
    const a = seededDoc({ memberId: 'm-a', letter: 'A', clients: [client('c1')] });
    expect('seriesConfirmedAt' in me(a, 'm-a')).toBe(false);
    expect(settleSeries(a, 'm-a', T0)).toEqual({ kind: 'confirmed' });
    expect(await issueOne(a, 'm-a')).toBe('F-2026-A-0001');
  });
});
