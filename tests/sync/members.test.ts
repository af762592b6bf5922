// The relay's reading of the members map (sync-server/members.ts), on documents written with the
// app's own store code: a change of the app's layout breaks this test, not a rotation in the field.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { patchRecord, putRecord } from '$lib/store/doc';
import { member } from '$lib/store/fixtures';
import { missingEnvelopes, sealingPlan } from '../../sync-server/members.js';

const PUBLIC_KEY = 'BA' + 'A'.repeat(86);

function books(): Y.Doc {
  const doc = new Y.Doc();
  putRecord(doc, 'members', { ...member('m-a', 'A'), publicKey: PUBLIC_KEY });
  putRecord(doc, 'members', { ...member('m-b', 'B'), publicKey: PUBLIC_KEY });
  // A device without WebCrypto: no public key.
  putRecord(doc, 'members', member('m-c', 'C'));
  return doc;
}

describe('sealingPlan', () => {
  it('splits members into sealable, removed and key-less', () => {
    const doc = books();
    expect(sealingPlan(doc)).toEqual({ sealable: ['m-a', 'm-b'], removed: [], keyless: ['m-c'] });
    patchRecord(doc, 'members', 'm-b', { removed: true });
    expect(sealingPlan(doc)).toEqual({ sealable: ['m-a'], removed: ['m-b'], keyless: ['m-c'] });
  });

  it('reads the same members from a copy received as an update (as the relay holds them)', () => {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(books()));
    expect(sealingPlan(copy).sealable).toEqual(['m-a', 'm-b']);
  });

  it('an empty document (no members yet) asks for nothing', () => {
    expect(sealingPlan(new Y.Doc())).toEqual({ sealable: [], removed: [], keyless: [] });
  });
});

describe('missingEnvelopes', () => {
  const plan = { sealable: ['m-a', 'm-b'], removed: ['m-r'], keyless: ['m-c'] };
  it('names every sealable member without an envelope', () => {
    expect(missingEnvelopes(plan, {})).toEqual(['m-a', 'm-b']);
    expect(missingEnvelopes(plan, { 'm-a': 'QQ==' })).toEqual(['m-b']);
  });
  it('asks nothing for removed or key-less members, and accepts extra envelopes', () => {
    expect(missingEnvelopes(plan, { 'm-a': 'QQ==', 'm-b': 'Qg==', 'm-x': 'Qw==' })).toEqual([]);
  });
});
