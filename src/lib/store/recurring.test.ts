// Recurring drafts on two devices offline: the occurrence key is the draft's id, so both
// preparing the same morning leave one draft per occurrence after they sync.
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import type { RecurringTemplate } from '$lib/domain/recurring';
import { readAll, readRecord } from './doc';
import { SYNC_ORDERS, actor, exchange, joinDevice, line, member, seededDoc } from './fixtures';
import { issueDocument } from './operations';
import { prepareRecurring, saveRecurring, setRecurringPaused } from './recurringOperations';
import { putRecord } from './doc';
import { findDraftsIssuedTwice } from '$lib/domain/issuedTwice';
import { recurringTemplate } from '$lib/domain/fixtures';

const MONTHLY: RecurringTemplate = recurringTemplate({ id: 'tpl1', title: 'Maintenance', lines: [line('l1', { unitPriceCents: 25_000, vatRateBp: 2000 })] });

const drafts = (doc: Y.Doc) => readAll(doc, 'documents').filter((d) => d.status === 'draft').map((d) => d.id).sort();
const invoices = (doc: Y.Doc) => readAll(doc, 'documents').filter((d) => d.status === 'issued');
const prepare = (doc: Y.Doc, a: ReturnType<typeof actor>) => prepareRecurring(doc, a, a.at.slice(0, 10), () => readAll(doc, 'documents'));

/** Device A with the template, and device B joined from it with its own series. */
function twoDevices(template: RecurringTemplate = MONTHLY): { a: Y.Doc; b: Y.Doc; actorA: ReturnType<typeof actor>; actorB: ReturnType<typeof actor> } {
  const a = seededDoc();
  const actorA = actor('m-a', '2026-01-10T08:00:00.000Z');
  saveRecurring(a, actorA, template);
  const b = joinDevice(a);
  putRecord(b, 'members', member('m-b', 'B'));
  exchange(a, b, 'a→b first');
  return { a, b, actorA, actorB: actor('m-b', '2026-01-10T08:00:00.000Z') };
}

describe('preparing recurring drafts', () => {
  it('opened on 1 April: the drafts of 31 Jan, 28 Feb and 31 Mar, once; a second open prepares nothing', () => {
    const { a, actorA } = twoDevices();
    actorA.at = '2026-04-01T07:00:00.000Z';
    prepare(a, actorA);
    expect(drafts(a)).toEqual(['tpl1-2026-01-31', 'tpl1-2026-02-28', 'tpl1-2026-03-31']);
    expect(readRecord(a, 'recurring', 'tpl1')!.preparedThrough).toBe('2026-03-31');
    const draft = readRecord(a, 'documents', 'tpl1-2026-02-28')!;
    expect(draft).toMatchObject({ clientId: 'c1', serviceDate: '2026-02-28', issueDate: null, recurrence: { templateId: 'tpl1', date: '2026-02-28' } });
    prepare(a, actorA);
    expect(drafts(a)).toHaveLength(3);
  });

  it('a draft deleted by hand does not come back', () => {
    const { a, actorA } = twoDevices();
    actorA.at = '2026-02-01T07:00:00.000Z';
    prepare(a, actorA);
    a.getMap('documents').delete('tpl1-2026-01-31');
    prepare(a, actorA);
    expect(drafts(a)).toEqual([]);
  });

  for (const order of SYNC_ORDERS)
    it(`two devices offline both prepare the same morning → one draft per occurrence after sync (${order})`, () => {
      const { a, b, actorA, actorB } = twoDevices();
      actorA.at = actorB.at = '2026-03-01T07:00:00.000Z';
      prepare(a, actorA);
      prepare(b, actorB);
      exchange(a, b, order);
      expect(drafts(a)).toEqual(['tpl1-2026-01-31', 'tpl1-2026-02-28']);
      expect(drafts(b)).toEqual(drafts(a));
      expect(readRecord(a, 'recurring', 'tpl1')!.preparedThrough).toBe('2026-02-28');
    });

  for (const order of SYNC_ORDERS)
    it(`an occurrence issued on A while B prepared it offline: never a draft again for it (${order})`, async () => {
      const { a, b, actorA, actorB } = twoDevices();
      actorA.at = '2026-02-01T07:00:00.000Z';
      prepare(a, actorA);
      await issueDocument(a, actorA, 'tpl1-2026-01-31', '2026-02-01');
      // B had not heard of A's draft: it prepares the same occurrence offline.
      actorB.at = '2026-02-01T09:00:00.000Z';
      prepare(b, actorB);
      exchange(a, b, order);
      // Whichever write Yjs keeps, the next open removes a draft whose occurrence was issued.
      prepare(a, actorA);
      prepare(b, actorB);
      exchange(a, b, order);
      expect(drafts(a)).toEqual([]);
      expect(drafts(b)).toEqual([]);
      expect(invoices(a).map((d) => [d.number, d.recurrence?.date])).toEqual([['F-2026-A-0001', '2026-01-31']]);
    });
});

describe('issued on two devices offline', () => {
  for (const order of SYNC_ORDERS)
    it(`A issues automatically, B by hand, each from its own copy of the draft: « émis deux fois » names both (${order})`, async () => {
      const { a, b, actorA, actorB } = twoDevices({ ...MONTHLY, autoIssue: true });
      actorA.at = actorB.at = '2026-02-01T07:00:00.000Z';
      // Each device prepared the occurrence without the other: the same key on both.
      for (const id of prepare(a, actorA)) await issueDocument(a, actorA, id, '2026-02-01');
      expect(prepare(b, actorB)).toEqual([]);
      await issueDocument(b, actorB, 'tpl1-2026-01-31', '2026-02-01');
      exchange(a, b, order);
      const twice = findDraftsIssuedTwice(readAll(a, 'documents'));
      expect(twice.map((g) => [g.draftId, g.documents.map((d) => d.number)])).toEqual([['tpl1-2026-01-31', ['F-2026-A-0001', 'F-2026-B-0001']]]);
    });
});

describe('automatic issue', () => {
  it('only the device that turned it on gets the drafts to issue', () => {
    const a = seededDoc();
    const actorA = actor('m-a', '2026-01-10T08:00:00.000Z');
    saveRecurring(a, actorA, { ...MONTHLY, autoIssue: true });
    expect(readRecord(a, 'recurring', 'tpl1')!.autoIssueMemberId).toBe('m-a');
    const b = joinDevice(a);
    const actorB = actor('m-b', '2026-02-01T07:00:00.000Z');
    // B saving the template again (say, a new title) keeps A as the issuer.
    saveRecurring(b, actorB, { ...readRecord(b, 'recurring', 'tpl1')!, title: 'Maintenance du site' }, readRecord(b, 'recurring', 'tpl1')!);
    expect(readRecord(b, 'recurring', 'tpl1')!.autoIssueMemberId).toBe('m-a');
    expect(prepare(b, actorB)).toEqual([]);
    actorA.at = '2026-02-01T07:00:00.000Z';
    expect(prepare(a, actorA)).toEqual(['tpl1-2026-01-31']);
  });

  it('paused: nothing prepared; resumed: what fell due during the pause is skipped', () => {
    const a = seededDoc();
    const actorA = actor('m-a', '2026-01-10T08:00:00.000Z');
    saveRecurring(a, actorA, MONTHLY);
    setRecurringPaused(a, actorA, 'tpl1', true, '2026-01-10');
    actorA.at = '2026-03-15T07:00:00.000Z';
    prepare(a, actorA);
    expect(drafts(a)).toEqual([]);
    setRecurringPaused(a, actorA, 'tpl1', false, '2026-03-15');
    actorA.at = '2026-03-31T07:00:00.000Z';
    prepare(a, actorA);
    expect(drafts(a)).toEqual(['tpl1-2026-03-31']);
  });

  it('a template without lines is refused with the reason', () => {
    const a = seededDoc();
    expect(() => saveRecurring(a, actor('m-a'), { ...MONTHLY, lines: [] })).toThrow('invalid_recurring: lines');
  });
});
