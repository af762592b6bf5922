// Typed reads and writes of records in a workspace Y.Doc. The only module that knows how a
// record is laid out in Yjs; everything above it sees plain records.
import * as Y from 'yjs';
import type { Company, DocumentRecord } from '$lib/domain/types';
import { COLLECTIONS, FROZEN_ONLY_FIELDS, SCHEMA_VERSION, type CollectionName, type RecordTypes } from './schema';

/** Origin of transactions made by this device's UI (as opposed to remote or persisted updates). */
export const LOCAL_ORIGIN = Symbol('relance-local');

type Plain = string | number | boolean | null | object;

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('meta');
}

export function companyMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('company');
}

export function collectionMap(doc: Y.Doc, name: CollectionName): Y.Map<Y.Map<unknown>> {
  return doc.getMap(name);
}

export function schemaVersion(doc: Y.Doc): number {
  const v = metaMap(doc).get('schemaVersion');
  return typeof v === 'number' ? v : 0;
}

/** Two values are the same when their JSON is: JSON fields are replaced whole, never merged. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Writes only the fields that changed, so a concurrent edit of another field survives. */
function writeFields(map: Y.Map<unknown>, fields: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (!sameValue(map.get(key), value)) map.set(key, cloneJson(value as Plain));
  }
}

function cloneJson<T>(value: T): T {
  return typeof value === 'object' && value !== null ? (JSON.parse(JSON.stringify(value)) as T) : value;
}

function readFields(map: Y.Map<unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  map.forEach((value, key) => {
    out[key] = value;
  });
  return out;
}

/** A record as the rest of the app sees it; issued documents get their lines back from `frozen`. */
export function decodeRecord<K extends CollectionName>(name: K, map: Y.Map<unknown>): RecordTypes[K] {
  const fields = readFields(map);
  if (name === 'documents' && fields.frozen) {
    const frozen = fields.frozen as NonNullable<DocumentRecord['frozen']>;
    fields.lines = frozen.lines;
    fields.discount = frozen.discount;
  }
  return fields as unknown as RecordTypes[K];
}

function encodeRecord<K extends CollectionName>(name: K, record: Partial<RecordTypes[K]>): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...record };
  if (name === 'documents' && (record as Partial<DocumentRecord>).frozen) {
    for (const f of FROZEN_ONLY_FIELDS) delete fields[f];
  }
  return fields;
}

export function readRecord<K extends CollectionName>(doc: Y.Doc, name: K, id: string): RecordTypes[K] | null {
  const map = collectionMap(doc, name).get(id);
  return map ? decodeRecord(name, map) : null;
}

export function readAll<K extends CollectionName>(doc: Y.Doc, name: K): RecordTypes[K][] {
  const out: RecordTypes[K][] = [];
  collectionMap(doc, name).forEach((map) => out.push(decodeRecord(name, map)));
  return out;
}

/** Creates the record, or updates the fields that differ. */
export function putRecord<K extends CollectionName>(doc: Y.Doc, name: K, record: RecordTypes[K] & { id: string }): void {
  doc.transact(() => {
    const col = collectionMap(doc, name);
    let map = col.get(record.id);
    if (!map) {
      map = new Y.Map<unknown>();
      col.set(record.id, map);
    }
    writeFields(map, encodeRecord(name, record));
  }, LOCAL_ORIGIN);
}

export function patchRecord<K extends CollectionName>(
  doc: Y.Doc,
  name: K,
  id: string,
  patch: Partial<RecordTypes[K]>
): void {
  doc.transact(() => {
    const map = collectionMap(doc, name).get(id);
    if (!map) throw new Error(`Unknown ${name} record ${id}`);
    writeFields(map, encodeRecord(name, patch));
    // An issued document drops its draft copy of the lines: they now live in `frozen`.
    if (name === 'documents' && (patch as Partial<DocumentRecord>).frozen) {
      for (const f of FROZEN_ONLY_FIELDS) map.delete(f);
    }
  }, LOCAL_ORIGIN);
}

export function deleteRecord(doc: Y.Doc, name: CollectionName, id: string): void {
  doc.transact(() => collectionMap(doc, name).delete(id), LOCAL_ORIGIN);
}

export function readCompany(doc: Y.Doc): Company | null {
  const map = companyMap(doc);
  if (!map.has('name')) return null;
  return readFields(map) as unknown as Company;
}

export function writeCompany(doc: Y.Doc, patch: Partial<Company>): void {
  doc.transact(() => writeFields(companyMap(doc), patch as Record<string, unknown>), LOCAL_ORIGIN);
}

/** The id the workspace was created with (stamped by initialiseDoc), null if none. */
export function workspaceIdOf(doc: Y.Doc): string | null {
  const id = metaMap(doc).get('workspaceId');
  return typeof id === 'string' && id ? id : null;
}

export function isInitialised(doc: Y.Doc): boolean {
  return schemaVersion(doc) > 0 || companyMap(doc).has('name');
}

/** Stamps a brand-new workspace document. */
export function initialiseDoc(doc: Y.Doc, workspaceId: string, createdAt: string): void {
  doc.transact(() => {
    const meta = metaMap(doc);
    meta.set('schemaVersion', SCHEMA_VERSION);
    meta.set('workspaceId', workspaceId);
    meta.set('createdAt', createdAt);
  }, LOCAL_ORIGIN);
}

/**
 * Schema migrations, each taking the document from version n−1 to n. They are deterministic
 * (same ids, same values) so two devices migrating the same data offline converge.
 */
const MIGRATIONS: Record<number, (doc: Y.Doc) => void> = {
  // v1 → v2: clients had a single `email`, `phone` and `contactName`; they now have contacts.
  2: (doc) => {
    collectionMap(doc, 'clients').forEach((map, clientId) => {
      const email = map.get('email');
      const phone = map.get('phone');
      const contactName = map.get('contactName');
      if (!map.has('contacts')) {
        const has = Boolean(email || phone || contactName);
        map.set(
          'contacts',
          has
            ? [
                {
                  id: `${clientId}-c1`,
                  name: typeof contactName === 'string' ? contactName : '',
                  email: typeof email === 'string' ? email : '',
                  phone: typeof phone === 'string' ? phone : '',
                  role: '',
                  billing: true
                }
              ]
            : []
        );
      }
      map.delete('email');
      map.delete('phone');
      map.delete('contactName');
      if (!map.has('categories')) map.set('categories', []);
      if (!map.has('language')) map.set('language', 'fr');
    });
  }
};

/** Brings an older document up to SCHEMA_VERSION; returns the versions applied. */
export function migrate(doc: Y.Doc): number[] {
  const from = schemaVersion(doc);
  const applied: number[] = [];
  if (from >= SCHEMA_VERSION || !isInitialised(doc)) return applied;
  doc.transact(() => {
    for (let v = Math.max(from, 1) + 1; v <= SCHEMA_VERSION; v++) {
      MIGRATIONS[v]?.(doc);
      applied.push(v);
    }
    metaMap(doc).set('schemaVersion', SCHEMA_VERSION);
  }, LOCAL_ORIGIN);
  return applied;
}

/** The plain contents of the whole workspace: used for snapshots and backups. */
export interface WorkspaceData {
  schemaVersion: number;
  /** In snapshots only: the Y.Doc state these records were read at (Yjs snapshot: state vector and delete set, base64). */
  stateVector?: string;
  company: Company | null;
  members: RecordTypes['members'][];
  clients: RecordTypes['clients'][];
  items: RecordTypes['items'][];
  documents: RecordTypes['documents'][];
  payments: RecordTypes['payments'][];
  events: RecordTypes['events'][];
}

export function readWorkspace(doc: Y.Doc): WorkspaceData {
  const data = { schemaVersion: schemaVersion(doc), company: readCompany(doc) } as WorkspaceData;
  for (const name of COLLECTIONS) (data as unknown as Record<string, unknown>)[name] = readAll(doc, name);
  return data;
}
