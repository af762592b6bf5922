// Reactive collections are filled once, then kept current from Yjs events: only the records a
// transaction touched are decoded again, the others keep their object identity.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Collection } from './collection.svelte';
import { loadCollection, followCollection, loadCollectionSliced } from './collectionSync';
import { collectionMap, deleteRecord, patchRecord, putRecord, readAll, readRecord } from './doc';
import { createDocument, issueDocument, saveDraft } from './operations';
import { actor, client, joinDevice, line, seededDoc } from './fixtures';

function followed<K extends 'clients' | 'documents'>(doc: Y.Doc, name: K) {
  const col = new Collection(name);
  loadCollection(col, doc);
  const stop = followCollection(col, doc);
  return { col, stop };
}

const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((r) => [r.id, r]));

describe('Collection', () => {
  it('loads every record once', () => {
    const doc = seededDoc({ clients: [client('c1'), client('c2'), client('c3')] });
    const { col } = followed(doc, 'clients');
    expect(col.size).toBe(3);
    expect(col.all()).toEqual(readAll(doc, 'clients'));
    expect(col.all()).toBe(col.all()); // the same array until something changes
    expect(col.get('c2')).toEqual(readRecord(doc, 'clients', 'c2'));
    expect(col.get(null)).toBeUndefined();
  });

  it('re-decodes only the record a change touched', () => {
    const doc = seededDoc({ clients: [client('c1'), client('c2'), client('c3')] });
    const { col } = followed(doc, 'clients');
    const list = col.all();
    const before = byId(list);
    const version = col.version;

    patchRecord(doc, 'clients', 'c2', { notes: 'Paie à 60 jours' });

    const after = byId(col.all());
    expect(col.all()).not.toBe(list);
    expect(col.version).toBeGreaterThan(version);
    expect(after.get('c1')).toBe(before.get('c1'));
    expect(after.get('c3')).toBe(before.get('c3'));
    expect(after.get('c2')).not.toBe(before.get('c2'));
    expect(after.get('c2')!.notes).toBe('Paie à 60 jours');
    expect(col.all().map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
  });

  it('adds and removes records', () => {
    const doc = seededDoc({ clients: [client('c1'), client('c2')] });
    const { col } = followed(doc, 'clients');
    const c1 = col.get('c1');

    putRecord(doc, 'clients', client('c4'));
    expect(col.get('c4')!.name).toBe('Client c4');
    deleteRecord(doc, 'clients', 'c2');
    expect(col.get('c2')).toBeUndefined();
    expect(col.all().map((c) => c.id)).toEqual(['c1', 'c4']);
    expect(col.size).toBe(2);
    expect(col.get('c1')).toBe(c1);
  });

  it('follows updates from another device, decoding only what they touched', () => {
    const doc = seededDoc({ clients: [client('c1'), client('c2'), client('c3')] });
    const other = joinDevice(doc);
    const { col } = followed(doc, 'clients');
    const before = byId(col.all());

    other.transact(() => {
      patchRecord(other, 'clients', 'c1', { siren: '552100554' });
      deleteRecord(other, 'clients', 'c3');
    });
    putRecord(other, 'clients', client('c5'));
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));

    const after = byId(col.all());
    expect([...after.keys()]).toEqual(['c1', 'c2', 'c5']);
    expect(after.get('c1')).not.toBe(before.get('c1'));
    expect(after.get('c1')!.siren).toBe('552100554');
    expect(after.get('c2')).toBe(before.get('c2'));
    expect(col.all()).toEqual(readAll(doc, 'clients'));
  });

  it('notices a change of one field of one contact or one line (a key of its own in the record)', () => {
    const doc = seededDoc({ clients: [client('c1'), client('c2')] });
    const me = actor('m-a');
    const draftId = createDocument(doc, me, 'invoice', 'c1');
    saveDraft(doc, me, draftId, { lines: [line('l1'), line('l2')] });
    const other = joinDevice(doc);
    const clients = followed(doc, 'clients').col;
    const documents = followed(doc, 'documents').col;
    const c2 = clients.get('c2');

    const onOther = readRecord(other, 'clients', 'c1')!;
    putRecord(other, 'clients', { ...onOther, contacts: [{ ...onOther.contacts[0], email: 'compta@atelier.fr' }] }, onOther);
    const draft = readRecord(other, 'documents', draftId)!;
    saveDraft(other, me, draftId, { lines: [line('l1'), line('l2', { quantity: 5 })] }, draft);
    expect([...(collectionMap(other, 'clients').get('c1') as Y.Map<unknown>).keys()]).toContain('contacts.c1-c1.email');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));

    expect(clients.get('c1')!.contacts[0].email).toBe('compta@atelier.fr');
    expect(clients.get('c2')).toBe(c2);
    expect(documents.get(draftId)!.lines[1].quantity).toBe(5);
    expect(clients.all()).toEqual(readAll(doc, 'clients'));
  });

  it('shows an issued document with its lines taken from `frozen`', async () => {
    const doc = seededDoc();
    const me = actor('m-a');
    const a = createDocument(doc, me, 'invoice', 'c1');
    const b = createDocument(doc, me, 'invoice', 'c1');
    saveDraft(doc, me, a, { lines: [line('l1')] });
    const { col } = followed(doc, 'documents');
    const untouched = col.get(b);

    const issued = await issueDocument(doc, me, a, '2026-03-10');
    expect((collectionMap(doc, 'documents').get(issued.id) as Y.Map<unknown>).has('lines')).toBe(false);
    expect(col.get(issued.id)).toMatchObject({ status: 'issued', number: 'F-2026-A-0001', lines: [line('l1')], sourceDraftId: a });
    // The draft record is gone with the same transaction.
    expect(col.get(a)).toBeUndefined();
    expect(col.get(b)).toBe(untouched);
  });

  it('stops following when asked', () => {
    const doc = seededDoc({ clients: [client('c1')] });
    const { col, stop } = followed(doc, 'clients');
    stop();
    patchRecord(doc, 'clients', 'c1', { notes: 'after' });
    expect(col.get('c1')!.notes).toBe('');
  });

  it('loadSliced() decodes the same records as load(), pausing between slices', async () => {
    const doc = seededDoc({ clients: Array.from({ length: 300 }, (_, i) => client(`c${i}`)) });
    const col = new Collection('clients');
    let pauses = 0;
    // A slice shorter than any record takes: a pause after every one.
    await loadCollectionSliced(col, doc, async () => void pauses++, -1);
    expect(col.all()).toEqual(readAll(doc, 'clients'));
    expect(pauses).toBe(300);
  });
});
