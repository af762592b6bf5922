// The layout of a workspace Y.Doc: migrations from older shapes, and records as flat Y.Maps.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocumentRecord } from '$lib/domain/types';
import { newDocument } from '$lib/domain/documents';
import { verifyDocuments } from '$lib/domain/integrity';
import { STANDARD_POLICY, DEFAULT_CHASE_CONFIG } from '$lib/domain/dunning';
import { DEFAULT_TEMPLATES } from '$lib/domain/templates';
import { saveRecurring } from './recurringOperations';
import { logContact, saveChaseConfig, savePolicy, saveTask, saveTemplate, takeItem } from './chaseOperations';
import { COLLECTIONS, FROZEN_ONLY_FIELDS, SCHEMA_VERSION, SELLERS, WHOLE_RECORDS } from './schema';
import {
  SchemaTooNewError,
  collectionMap,
  decodeRecord,
  initialiseDoc,
  migrate,
  putRecord,
  readAll,
  readRecord,
  readWorkspace,
  schemaVersion
} from './doc';
import {
  convertQuoteToInvoice,
  createCreditNote,
  createDocument,
  issueDocument,
  logEvent,
  recordPayment,
  saveDraft
} from './operations';
import { savePenaltyRate } from './penaltyRates';
import { SYNC_ORDERS, T0, V1_ADDRESS, actor, client, contents, exchange, joinDevice, line, seededDoc, v1Doc } from './fixtures';

describe('migrate', () => {
  it('takes a v1 document to the current schema', () => {
    const doc = v1Doc();
    expect(migrate(doc)).toEqual([2, 3, 4]);
    expect(schemaVersion(doc)).toBe(SCHEMA_VERSION);

    const c1 = readRecord(doc, 'clients', 'c1')!;
    expect(c1.contacts).toEqual([
      { id: 'c1-c1', name: 'Jeanne Roux', email: 'compta@atelier.fr', phone: '0102030405', role: '', billing: true }
    ]);
    expect(c1.categories).toEqual([]);
    expect(c1.language).toBe('fr');
    expect(readRecord(doc, 'clients', 'c2')!.contacts).toEqual([]);
    expect(readRecord(doc, 'clients', 'c3')!.contacts).toEqual([
      { id: 'c3-c1', name: '', email: '', phone: '0611111111', role: '', billing: true }
    ]);
    for (const [, map] of collectionMap(doc, 'clients')) {
      for (const gone of ['email', 'phone', 'contactName']) expect((map as Y.Map<unknown>).has(gone)).toBe(false);
    }
    // Everything else is kept.
    expect(c1.name).toBe('Client c1');
    expect(c1.billingAddress).toEqual(V1_ADDRESS);
  });

  it('is a no-op the second time (no update at all)', () => {
    const doc = v1Doc();
    migrate(doc);
    const before = contents(doc);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    expect(migrate(doc)).toEqual([]);
    expect(updates).toEqual([]);
    expect(contents(doc)).toEqual(before);
  });

  it('leaves a new document and an empty one alone', () => {
    const fresh = seededDoc();
    expect(migrate(fresh)).toEqual([]);
    expect(schemaVersion(fresh)).toBe(SCHEMA_VERSION);
    const empty = new Y.Doc();
    expect(migrate(empty)).toEqual([]);
    expect(schemaVersion(empty)).toBe(0);
  });

  it.each(SYNC_ORDERS)('two devices migrating the same v1 data offline converge (%s)', (order) => {
    const v1 = Y.encodeStateAsUpdate(v1Doc());
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(a, v1);
    Y.applyUpdate(b, v1);
    migrate(a);
    migrate(b);
    exchange(a, b, order);

    expect(contents(a)).toEqual(contents(b));
    expect(readRecord(a, 'clients', 'c1')!.contacts).toHaveLength(1);
    expect(readRecord(a, 'clients', 'c1')!.contacts[0].id).toBe('c1-c1');
    // Nothing left to do after the sync either.
    expect(migrate(a)).toEqual([]);
    expect(migrate(b)).toEqual([]);
  });
});

describe('migrate v2 → v3', () => {
  it('stores payments and events whole and frozen content as JSON, reading back the same records', async () => {
    const current = await richDoc();
    const before = contents(current);
    const old = v2Copy(current);
    expect(schemaVersion(old)).toBe(2);
    expect(migrate(old)).toEqual([3, 4]);
    expect(contents(old)).toEqual(before);
    for (const name of WHOLE_RECORDS) collectionMap(old, name).forEach((stored) => expect(typeof stored).toBe('string'));
    collectionMap(old, 'documents').forEach((stored) => {
      const map = stored as Y.Map<unknown>;
      if (map.get('status') === 'issued') expect(typeof map.get('frozen')).toBe('string');
    });
    // One seller identity for the three issued documents.
    expect(old.getMap(SELLERS).size).toBe(1);
    expect(migrate(old)).toEqual([]);
  });

  it.each(SYNC_ORDERS)('two devices migrating the same v2 data offline converge (%s)', async (order) => {
    const v2 = Y.encodeStateAsUpdate(v2Copy(await richDoc()));
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(a, v2);
    Y.applyUpdate(b, v2);
    migrate(a);
    migrate(b);
    exchange(a, b, order);
    expect(contents(a)).toEqual(contents(b));
    expect(readAll(a, 'payments')).toHaveLength(1);
    expect(readAll(a, 'documents').filter((d) => d.frozen)).toHaveLength(3);
  });

  it('refuses a document from a newer schema without touching it', () => {
    const doc = seededDoc();
    doc.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    expect(() => migrate(doc)).toThrow(SchemaTooNewError);
    expect(updates).toEqual([]);
  });
});

describe('migrate v3 → v4', () => {
  /** A workspace as schema v3 left it: every list and address of a record one JSON value. */
  function v3Doc(): { doc: Y.Doc; draftId: string } {
    const doc = seededDoc({ clients: [client('c1', { contacts: [CONTACT_1, CONTACT_2] })] });
    const draft = { ...newDocument('invoice', { id: 'd1', memberId: 'm-a', now: T0, clientId: 'c1', terms: { kind: 'net', days: 30 } }), lines: [line('l1'), line('l2')] };
    putRecord(doc, 'documents', draft);
    doc.getMap('meta').set('schemaVersion', 3);
    return { doc, draftId: draft.id };
  }
  const CONTACT_1 = { id: 'k1', name: 'Jeanne Roux', email: 'jeanne@atelier.fr', phone: '0102030405', role: '', billing: true };
  const CONTACT_2 = { id: 'k2', name: 'Paul Roux', email: 'paul@atelier.fr', phone: '', role: '', billing: false };

  it('rewrites no record: a v3 record already reads as a v4 one', () => {
    const { doc } = v3Doc();
    const before = contents(doc);
    const touched: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => touched.push(...tr.changed.keys()));
    expect(migrate(doc)).toEqual([4]);
    expect(touched).toEqual([doc.getMap('meta')]);
    expect(contents(doc)).toEqual({ ...before, meta: { ...(before.meta as object), schemaVersion: 4 } });
    expect(readRecord(doc, 'clients', 'c1')!.contacts).toEqual([CONTACT_1, CONTACT_2]);
  });

  // Had the migration written each field to a key of its own, both devices would write the same
  // keys, and Yjs keeps one of two concurrent writes by client id: B's migration would then undo
  // A's edit for one of the two orders of their client ids. Both orders are played here.
  it.each([
    [1, 2],
    [2, 1]
  ])('an edit made on A right after migrating merges with B’s migration (client ids %i, %i)', (idA, idB) => {
    const v3 = Y.encodeStateAsUpdate(v3Doc().doc);
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.clientID = idA;
    b.clientID = idB;
    Y.applyUpdate(a, v3);
    Y.applyUpdate(b, v3);
    migrate(a);
    migrate(b);
    const onA = readRecord(a, 'clients', 'c1')!;
    putRecord(a, 'clients', { ...onA, contacts: [{ ...CONTACT_1, email: 'compta@atelier.fr' }, CONTACT_2] }, onA);
    saveDraft(a, actor('m-a'), 'd1', { lines: [line('l1', { quantity: 4 }), line('l2')] }, readRecord(a, 'documents', 'd1')!);
    const onB = readRecord(b, 'clients', 'c1')!;
    putRecord(b, 'clients', { ...onB, contacts: [{ ...CONTACT_1, phone: '0499999999' }, CONTACT_2] }, onB);
    exchange(a, b, 'a→b first');

    for (const doc of [a, b]) {
      expect(readRecord(doc, 'clients', 'c1')!.contacts).toEqual([{ ...CONTACT_1, email: 'compta@atelier.fr', phone: '0499999999' }, CONTACT_2]);
      expect(readRecord(doc, 'documents', 'd1')!.lines).toEqual([line('l1', { quantity: 4 }), line('l2')]);
      expect(schemaVersion(doc)).toBe(4);
    }
    expect(contents(a)).toEqual(contents(b));
  });
});

describe('an issued document keeps nothing of its draft but `frozen`', () => {
  it('the issued record holds no draft lines; an edit of a line of the draft arriving later changes nothing', async () => {
    const a = seededDoc();
    const me = actor('m-a');
    const id = createDocument(a, me, 'invoice', 'c1');
    saveDraft(a, me, id, { lines: [line('l1'), line('l2')] });
    const draft = readRecord(a, 'documents', id)!;
    saveDraft(a, me, id, { lines: [line('l1', { quantity: 2 }), line('l2')] }, draft);
    const map = collectionMap(a, 'documents').get(id) as Y.Map<unknown>;
    expect([...map.keys()].filter((k) => k.startsWith('lines.')).sort()).toEqual(['lines.l1', 'lines.l1.quantity', 'lines.l2']);
    // Meanwhile another device changes line 2 of the same draft.
    const c = joinDevice(a);
    saveDraft(c, actor('m-c'), id, { lines: [line('l1', { quantity: 2 }), line('l2', { unitPriceCents: 1 })] }, readRecord(c, 'documents', id)!);

    // Issuing writes a new record (the draft is deleted): only `frozen` holds the lines.
    const issued = await issueDocument(a, me, id, '2026-03-10');
    const issuedMap = collectionMap(a, 'documents').get(issued.id) as Y.Map<unknown>;
    expect([...issuedMap.keys()].filter((k) => k === 'lines' || k.startsWith('lines.'))).toEqual([]);
    expect(issued.lines).toEqual([line('l1', { quantity: 2 }), line('l2')]);
    exchange(a, c, 'a→b first');
    for (const doc of [a, c]) {
      expect(readRecord(doc, 'documents', id)).toBeNull();
      const record = readRecord(doc, 'documents', issued.id)!;
      expect(record.lines).toEqual(record.frozen!.lines);
      expect(record.lines).toEqual([line('l1', { quantity: 2 }), line('l2')]);
      expect(await verifyDocuments(readAll(doc, 'documents'))).toEqual([]);
    }
  });
});

/** The same records laid out as schema v2 did: every record a Y.Map, frozen content an object. */
function v2Copy(source: Y.Doc): Y.Doc {
  const data = readWorkspace(source);
  const doc = new Y.Doc();
  doc.transact(() => {
    const meta = doc.getMap('meta');
    source.getMap('meta').forEach((v, k) => meta.set(k, v));
    meta.set('schemaVersion', 2);
    const company = doc.getMap('company');
    source.getMap('company').forEach((v, k) => company.set(k, v));
    for (const name of COLLECTIONS) {
      const col = doc.getMap<Y.Map<unknown>>(name);
      for (const record of data[name] as unknown as Record<string, unknown>[]) {
        const map = new Y.Map<unknown>();
        col.set(String(record.id), map);
        const fields = { ...record };
        if (name === 'documents' && fields.frozen) for (const f of ['lines', 'discount']) delete fields[f];
        for (const [k, v] of Object.entries(fields)) map.set(k, JSON.parse(JSON.stringify(v)));
      }
    }
  });
  return doc;
}

/** A workspace with at least one record of each kind, issued documents included. */
async function richDoc(): Promise<Y.Doc> {
  const doc = seededDoc({ clients: [client('c1'), client('c2', { terms: { kind: 'end_of_month', days: 30 }, categories: ['public'] })] });
  // Working on 20 March: everything below happened by then (an issue date or a payment is never after today).
  const me = actor('m-a', '2026-03-20T09:00:00.000Z');
  putRecord(doc, 'items', { id: 'i1', name: 'Pose', description: '', unit: 'h', unitPriceCents: 4500, vatRateBp: 1000, archived: false });
  const quoteDraft = createDocument(doc, me, 'quote', 'c1');
  saveDraft(doc, me, quoteDraft, { lines: [line('q1'), line('q2', { vatRateBp: 550 })], discount: { kind: 'percent', bp: 1000 } });
  const quote = (await issueDocument(doc, me, quoteDraft, '2026-03-10')).id;
  const invoice = (await issueDocument(doc, me, convertQuoteToInvoice(doc, me, quote), '2026-03-11')).id;
  const credit = createCreditNote(doc, me, invoice, [line('q1')]);
  await issueDocument(doc, me, credit, '2026-03-12');
  createDocument(doc, me, 'invoice', 'c2');
  const balance = readRecord(doc, 'documents', invoice)!.frozen!.totals.ttcCents;
  recordPayment(
    doc,
    me,
    { clientId: 'c1', amountCents: 5000, date: '2026-03-13', method: 'transfer', reference: 'VIR 1', allocations: [{ invoiceId: invoice, amountCents: 5000 }] },
    new Map([[invoice, balance]])
  );
  logEvent(doc, me, 'note', { clientId: 'c1', text: 'Rappeler', data: { promised: '2026-04-01' } });
  // Follow-up: an edited policy and template, the mapping, a task, a claim, a contact.
  savePolicy(doc, { ...STANDARD_POLICY, minGapDays: 4 });
  saveTemplate(doc, { ...DEFAULT_TEMPLATES[0], name: 'Rappel maison' });
  saveChaseConfig(doc, DEFAULT_CHASE_CONFIG);
  saveTask(doc, me, { title: 'Rappeler M. Durand', dueDate: '2026-03-20', recurrence: 'none', clientId: 'c1' });
  takeItem(doc, me, 'c1');
  logContact(doc, me, { clientId: 'c1', targets: [{ key: invoice, stepId: 'reminder1' }], channel: 'email', outcome: 'sent' });
  // A row of the late-penalty rate table entered in Réglages.
  savePenaltyRate(doc, me, { from: '2026-01-01', ecbRateBp: 215, legalRateProBp: 262, source: 'Banque de France / Légifrance' });
  // A recurring invoice template.
  saveRecurring(doc, me, {
    id: 'tpl1', clientId: 'c1', title: 'Maintenance', lines: [line('r1')], discount: { kind: 'none' }, terms: { kind: 'net', days: 30 }, notes: '',
    frequency: 'monthly', firstDate: '2026-03-31', endDate: null, count: 12, autoIssue: false, autoIssueMemberId: null, paused: false,
    preparedThrough: null, createdAt: T0, updatedAt: T0
  });
  return doc;
}

function assertPlain(value: unknown, path: string): void {
  expect(value instanceof Y.AbstractType, path).toBe(false);
  expect(value instanceof Uint8Array, path).toBe(false);
  if (Array.isArray(value)) value.forEach((v, i) => assertPlain(v, `${path}[${i}]`));
  else if (value !== null && typeof value === 'object') {
    expect(Object.getPrototypeOf(value), path).toBe(Object.prototype);
    for (const [k, v] of Object.entries(value)) assertPlain(v, `${path}.${k}`);
  }
}

describe('document shape', () => {
  it('holds one flat Y.Map per record: primitive or JSON fields, no nested Y types', async () => {
    const local = await richDoc();
    // The same check on a device that only received the updates.
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(local));

    for (const doc of [local, remote]) {
      const known = ['company', 'meta', SELLERS, ...COLLECTIONS];
      for (const key of doc.share.keys()) expect(known).toContain(key);
      for (const name of ['meta', 'company']) {
        doc.getMap(name).forEach((value, key) => assertPlain(value, `${name}.${key}`));
      }
      for (const name of COLLECTIONS) {
        const col = doc.getMap<unknown>(name);
        expect(col.size, name).toBeGreaterThan(0);
        col.forEach((record, id) => {
          if (WHOLE_RECORDS.has(name)) {
            expect(typeof record, `${name}.${id}`).toBe('string');
            assertPlain(JSON.parse(record as string), `${name}.${id}`);
            return;
          }
          expect(record, `${name}.${id}`).toBeInstanceOf(Y.Map);
          (record as Y.Map<unknown>).forEach((value, key) => assertPlain(value, `${name}.${id}.${key}`));
        });
      }
    }
  });

  it('keeps what an issued document froze only inside `frozen`, the seller stored once', async () => {
    const doc = await richDoc();
    const maps = [...collectionMap(doc, 'documents').values()] as Y.Map<unknown>[];
    const issued = maps.filter((m) => m.get('status') === 'issued');
    const drafts = maps.filter((m) => m.get('status') === 'draft');
    expect(issued).toHaveLength(3);
    expect(drafts).toHaveLength(1);
    for (const map of issued) {
      for (const f of FROZEN_ONLY_FIELDS) expect(map.has(f)).toBe(false);
      expect(typeof map.get('frozen')).toBe('string');
      expect(doc.getMap(SELLERS).has(map.get('sellerRef') as string)).toBe(true);
      const record = decodeRecord(doc, 'documents', map) as DocumentRecord;
      expect(record.lines).toEqual(record.frozen!.lines);
      expect(record.discount).toEqual(record.frozen!.discount);
      expect(record.number).toBe(record.frozen!.number);
      expect(record.clientId).toBe(record.frozen!.clientId);
      expect(record.lines.length).toBeGreaterThan(0);
      expect(record.frozen!.seller.name).toBe('Menuiserie Martin');
      expect('sellerRef' in record).toBe(false);
    }
    expect(doc.getMap(SELLERS).size).toBe(1);
    for (const map of drafts) for (const f of ['lines', 'discount', 'clientId', 'terms', 'notes']) expect(map.has(f)).toBe(true);
  });

  it('reads the whole workspace as plain data', async () => {
    const doc = await richDoc();
    const data = readWorkspace(doc);
    expect(data.schemaVersion).toBe(SCHEMA_VERSION);
    expect(data.company!.name).toBe('Menuiserie Martin');
    expect(data.clients.map((c) => c.id).sort()).toEqual(['c1', 'c2']);
    expect(data.documents).toHaveLength(4);
    expect(data.payments).toHaveLength(1);
    // Plain data survives JSON (snapshots, backups) unchanged.
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });

  it('stamps a new document with the current schema', () => {
    const doc = new Y.Doc();
    initialiseDoc(doc, 'ws-1', T0);
    expect(doc.getMap('meta').toJSON()).toEqual({ schemaVersion: SCHEMA_VERSION, workspaceId: 'ws-1', createdAt: T0 });
  });
});
