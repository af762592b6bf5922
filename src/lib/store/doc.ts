// Typed reads and writes of records in a workspace Y.Doc. The only module that knows how a
// record is laid out in Yjs; everything above it sees plain records.
import * as Y from 'yjs';
import { digest as sha256 } from 'lib0/hash/sha256';
import type { Company, DocumentRecord, FrozenContent } from '$lib/domain/types';
import { canonicalJson } from '$lib/domain/integrity';
import { recordDefect, type RecordDefect, type UnreadableRecord } from '$lib/domain/recordShape';
import {
  COLLECTIONS,
  COMPANY_LAYOUT,
  FROZEN_ONLY_FIELDS,
  LAYOUTS,
  SCHEMA_VERSION,
  SELLERS,
  WHOLE_RECORDS,
  type CollectionName,
  type RecordTypes
} from './schema';
import { decodeEntries, planWrites, type RecordLayout } from './layout';

/** Origin of transactions made by this device's UI (as opposed to remote or persisted updates). */
export const LOCAL_ORIGIN = Symbol('relance-local');

type Plain = string | number | boolean | null | object;

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('meta');
}

export function companyMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('company');
}

export function collectionMap(doc: Y.Doc, name: CollectionName): Y.Map<Y.Map<unknown> | string> {
  return doc.getMap(name);
}

export function schemaVersion(doc: Y.Doc): number {
  const v = metaMap(doc).get('schemaVersion');
  return typeof v === 'number' ? v : 0;
}

/**
 * Writes only the fields that changed — down to one field of one contact or line (layout.ts) —
 * so a concurrent edit of another field survives. With `base` (the record as the user's form
 * showed it), only what the user changed since is written.
 */
function writeFields(map: Y.Map<unknown>, fields: Record<string, unknown>, layout?: RecordLayout, base?: Record<string, unknown>): void {
  for (const write of planWrites(map, fields, layout, base)) {
    if ('remove' in write) map.delete(write.key);
    else map.set(write.key, cloneJson(write.value as Plain));
  }
}

function cloneJson<T>(value: T): T {
  return typeof value === 'object' && value !== null ? (JSON.parse(JSON.stringify(value)) as T) : value;
}

/** An issued document drops its draft copy of what `frozen` now holds, field changes included. */
function dropFrozenOnlyFields(map: Y.Map<unknown>): void {
  const frozenOnly = new Set<string>(FROZEN_ONLY_FIELDS);
  for (const key of [...map.keys()]) {
    const dot = key.indexOf('.');
    if (frozenOnly.has(dot < 0 ? key : key.slice(0, dot))) map.delete(key);
  }
}

// ——— sellers of frozen documents, stored once ———

function sellersMap(doc: Y.Doc): Y.Map<string> {
  return doc.getMap(SELLERS);
}

/** The key of a seller identity: the first 128 bits of the SHA-256 of its canonical JSON. */
export function sellerRef(seller: Company): string {
  const bytes = sha256(new TextEncoder().encode(canonicalJson(seller)));
  let hex = '';
  for (let i = 0; i < 16; i++) hex += bytes[i].toString(16).padStart(2, '0');
  return hex;
}

const parsedSellers = new WeakMap<Y.Doc, Map<string, Company>>();

function readSeller(doc: Y.Doc, ref: string): Company | null {
  let cache = parsedSellers.get(doc);
  if (!cache) parsedSellers.set(doc, (cache = new Map()));
  let seller = cache.get(ref);
  if (!seller) {
    const json = sellersMap(doc).get(ref);
    if (typeof json !== 'string') return null;
    seller = JSON.parse(json) as Company;
    cache.set(ref, seller);
  }
  return seller;
}

// ——— records ———

type StoredRecord = Y.Map<unknown> | string;

/**
 * A record as the rest of the app sees it, whatever way it is stored, unchecked: throws on bad
 * JSON. Reads go through decodeStored, which checks it.
 */
export function decodeRecord<K extends CollectionName>(doc: Y.Doc, name: K, stored: StoredRecord): RecordTypes[K] {
  if (typeof stored === 'string') return JSON.parse(stored) as RecordTypes[K];
  return withFrozen(doc, name, decodeEntries(stored, LAYOUTS[name])) as unknown as RecordTypes[K];
}

/** An issued document's fields with its frozen content read back (stored as JSON, its seller apart). */
function withFrozen(doc: Y.Doc, name: CollectionName, fields: Record<string, unknown>): Record<string, unknown> {
  if (name === 'documents' && fields.frozen) {
    const frozen = (
      typeof fields.frozen === 'string' ? { ...JSON.parse(fields.frozen), seller: readSeller(doc, String(fields.sellerRef)) } : fields.frozen
    ) as FrozenContent;
    delete fields.sellerRef;
    fields.frozen = frozen;
    for (const f of FROZEN_ONLY_FIELDS) fields[f] = frozen[f];
  }
  return fields;
}

export type Decoded<K extends CollectionName> = { ok: true; record: RecordTypes[K] } | { ok: false; unreadable: UnreadableRecord };

/**
 * The record stored under `id`, checked on its own (domain/recordShape.ts): a malformed one —
 * bad JSON from a buggy or hostile device, a shape a later version wrote — is reported, never
 * thrown, so that it cannot block the other records, a backup or the chase list.
 */
export function decodeStored<K extends CollectionName>(doc: Y.Doc, name: K, id: string, stored: unknown): Decoded<K> {
  const unreadable = (defect: RecordDefect): Decoded<K> => ({ ok: false, unreadable: { collection: name, id, defect } });
  if (typeof stored !== 'string' && !(stored instanceof Y.Map)) return unreadable({ kind: 'not_object' });
  let record: RecordTypes[K];
  try {
    record = decodeRecord(doc, name, stored);
  } catch {
    return unreadable({ kind: 'not_json' });
  }
  // The rules are today's shapes: a document of an older schema (a backup being checked before
  // its migration) is only decoded.
  const defect = schemaVersion(doc) < SCHEMA_VERSION ? null : recordDefect(name, id, record);
  return defect ? unreadable(defect) : { ok: true, record };
}

/** The record, or null when it cannot be read (it stays in the document, untouched). */
export function readableRecord<K extends CollectionName>(doc: Y.Doc, name: K, id: string, stored: unknown): RecordTypes[K] | null {
  const decoded = decodeStored(doc, name, id, stored);
  return decoded.ok ? decoded.record : null;
}

/** The fields to store for a record (or a patch of one): an issued document's frozen part as JSON. */
function encodeFields(doc: Y.Doc, name: CollectionName, record: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...record };
  const frozen = name === 'documents' ? (record.frozen as FrozenContent | null | undefined) : null;
  if (frozen) {
    const { seller, ...rest } = frozen;
    const ref = sellerRef(seller);
    if (!sellersMap(doc).has(ref)) sellersMap(doc).set(ref, JSON.stringify(seller));
    fields.frozen = JSON.stringify(rest);
    fields.sellerRef = ref;
    for (const f of FROZEN_ONLY_FIELDS) delete fields[f];
  }
  return fields;
}

function storedRecord(doc: Y.Doc, name: CollectionName, id: string): StoredRecord | undefined {
  return collectionMap(doc, name).get(id);
}

// ——— archived records ———
// A workspace's closed records (store/archiver.ts) move to one archive Y.Doc per year, kept apart
// so that opening the workspace loads only today's work. An archived payment or event leaves the
// live document; an archived document leaves a stub there (ARCHIVE_KEY: its year): a field a
// device changes on it meanwhile — offline, unaware of the move — lands in the stub, on top of the
// archived copy, instead of in a deleted map where it would be lost. Reads see one record: the
// live one when the live document holds it whole, else the archived one with the stub's fields.

/** The collections whose records may be archived. */
export const ARCHIVED_COLLECTIONS: ReadonlySet<CollectionName> = new Set(['documents', 'payments', 'events']);
/** In a document's stub: the year of the archive holding it, and when it moved there. */
export const ARCHIVE_KEY = '@archive';
export const ARCHIVED_AT_KEY = '@archivedAt';

const linkedArchives = new WeakMap<Y.Doc, () => Iterable<Y.Doc>>();

/** Makes the live document's reads and writes see the archive documents `archives()` returns (the loaded ones). */
export function linkArchives(live: Y.Doc, archives: () => Iterable<Y.Doc>): void {
  linkedArchives.set(live, archives);
}

function archivesOf(live: Y.Doc): Iterable<Y.Doc> {
  return linkedArchives.get(live)?.() ?? [];
}

export function isStub(stored: unknown): stored is Y.Map<unknown> {
  return stored instanceof Y.Map && stored.has(ARCHIVE_KEY);
}

/** The archive document holding a record, and how it is stored there. */
export function archivedStored(live: Y.Doc, name: CollectionName, id: string): { doc: Y.Doc; stored: StoredRecord } | null {
  if (!ARCHIVED_COLLECTIONS.has(name)) return null;
  for (const doc of archivesOf(live)) {
    const stored = collectionMap(doc, name).get(id);
    if (stored !== undefined) return { doc, stored };
  }
  return null;
}

/** The fields a device wrote on a stub since its document was archived. */
export function stubFields(stub: Y.Map<unknown>, name: CollectionName): Record<string, unknown> {
  const { [ARCHIVE_KEY]: _year, [ARCHIVED_AT_KEY]: _at, ...fields } = decodeEntries(stub, LAYOUTS[name]);
  return fields;
}

/**
 * The record as the app sees it, live or archived (`stored`: what the live document holds under
 * `id`, if the caller has it); null when it is unknown, unreadable, or its archive is not loaded.
 */
export function visibleRecord<K extends CollectionName>(live: Y.Doc, name: K, id: string, stored: unknown = storedRecord(live, name, id)): RecordTypes[K] | null {
  if (stored !== undefined && !isStub(stored)) return readableRecord(live, name, id, stored);
  const found = archivedStored(live, name, id);
  if (!found) return null;
  const record = readableRecord(found.doc, name, id, found.stored);
  if (!record || stored === undefined) return record;
  const fields = withFrozen(live, name, stubFields(stored, name));
  return Object.keys(fields).length ? ({ ...record, ...fields } as RecordTypes[K]) : record;
}

export function readRecord<K extends CollectionName>(doc: Y.Doc, name: K, id: string): RecordTypes[K] | null {
  return visibleRecord(doc, name, id);
}

export function readAll<K extends CollectionName>(doc: Y.Doc, name: K): RecordTypes[K][] {
  const out: RecordTypes[K][] = [];
  const seen = new Set<string>();
  collectionMap(doc, name).forEach((stored, id) => {
    seen.add(id);
    const record = visibleRecord(doc, name, id, stored);
    if (record) out.push(record);
  });
  if (ARCHIVED_COLLECTIONS.has(name))
    for (const archive of archivesOf(doc))
      collectionMap(archive, name).forEach((_, id) => {
        if (seen.has(id)) return;
        seen.add(id);
        const record = visibleRecord(doc, name, id, undefined);
        if (record) out.push(record);
      });
  return out;
}

/** Every record of the workspace that cannot be read, collection by collection, its archives included. */
export function unreadableRecords(doc: Y.Doc): UnreadableRecord[] {
  const out: UnreadableRecord[] = [];
  for (const source of [doc, ...archivesOf(doc)])
    for (const name of COLLECTIONS)
      collectionMap(source, name).forEach((stored, id) => {
        if (isStub(stored)) return;
        const decoded = decodeStored(source, name, id, stored);
        if (!decoded.ok) out.push(decoded.unreadable);
      });
  return out;
}

/**
 * Creates the record, or updates the fields that differ. `base`: the record as the form that
 * made this one showed it — only what changed since is written (see writeFields).
 */
export function putRecord<K extends CollectionName>(doc: Y.Doc, name: K, record: RecordTypes[K] & { id: string }, base?: RecordTypes[K]): void {
  doc.transact(() => {
    const col = collectionMap(doc, name);
    if (WHOLE_RECORDS.has(name)) {
      const json = JSON.stringify(record);
      if (col.get(record.id) !== json) col.set(record.id, json);
      return;
    }
    let map = col.get(record.id);
    const created = !(map instanceof Y.Map);
    if (!(map instanceof Y.Map)) {
      map = new Y.Map<unknown>();
      col.set(record.id, map);
    }
    // A new record is written whole, whatever a form started from.
    const from = created || !base ? undefined : (base as unknown as Record<string, unknown>);
    writeFields(map, encodeFields(doc, name, record as unknown as Record<string, unknown>), LAYOUTS[name], from);
  }, LOCAL_ORIGIN);
}

export function patchRecord<K extends CollectionName>(
  doc: Y.Doc,
  name: K,
  id: string,
  patch: Partial<RecordTypes[K]>,
  base?: Partial<RecordTypes[K]>
): void {
  doc.transact(() => {
    let stored = storedRecord(doc, name, id);
    if (stored === undefined) {
      // Archived: a changed payment or event comes back whole (the live copy wins); a document
      // gets a stub holding the changed fields.
      const found = archivedStored(doc, name, id);
      if (!found) throw new Error(`Unknown ${name} record ${id}`);
      if (typeof found.stored === 'string') stored = found.stored;
      else {
        const stub = new Y.Map<unknown>();
        collectionMap(doc, name).set(id, stub);
        stub.set(ARCHIVE_KEY, archiveYearOf(found.doc));
        stored = stub;
      }
    }
    if (typeof stored === 'string') {
      collectionMap(doc, name).set(id, JSON.stringify({ ...JSON.parse(stored), ...patch }));
      return;
    }
    writeFields(stored, encodeFields(doc, name, patch as Record<string, unknown>), LAYOUTS[name], base as Record<string, unknown> | undefined);
    if (name === 'documents' && (patch as Partial<DocumentRecord>).frozen) dropFrozenOnlyFields(stored);
  }, LOCAL_ORIGIN);
}

/** Deletes the record, from the archive holding it too. */
export function deleteRecord(doc: Y.Doc, name: CollectionName, id: string): void {
  doc.transact(() => collectionMap(doc, name).delete(id), LOCAL_ORIGIN);
  for (let found = archivedStored(doc, name, id); found; found = archivedStored(doc, name, id)) {
    const archive = found.doc;
    archive.transact(() => collectionMap(archive, name).delete(id), LOCAL_ORIGIN);
  }
}

/** Fields added to the company profile over time: a profile saved before them reads as these. */
const COMPANY_FIELD_DEFAULTS: Partial<Company> = { operationNature: 'services', vatOnDebits: false };

export function readCompany(doc: Y.Doc): Company | null {
  const map = companyMap(doc);
  if (!map.has('name')) return null;
  return { ...COMPANY_FIELD_DEFAULTS, ...decodeEntries(map, COMPANY_LAYOUT) } as Company;
}

/** Writes what changed in the company profile; `base`: the profile as the settings form showed it. */
export function writeCompany(doc: Y.Doc, patch: Partial<Company>, base?: Company): void {
  doc.transact(
    () => writeFields(companyMap(doc), patch as Record<string, unknown>, COMPANY_LAYOUT, base as unknown as Record<string, unknown> | undefined),
    LOCAL_ORIGIN
  );
}

/** The id the workspace was created with (stamped by initialiseDoc), null if none. */
export function workspaceIdOf(doc: Y.Doc): string | null {
  const id = metaMap(doc).get('workspaceId');
  return typeof id === 'string' && id ? id : null;
}

export function isInitialised(doc: Y.Doc): boolean {
  return schemaVersion(doc) > 0 || companyMap(doc).has('name');
}

/** The year an archive document holds (stamped by initialiseArchive), 0 if none. */
export function archiveYearOf(doc: Y.Doc): number {
  const year = metaMap(doc).get('archiveYear');
  return typeof year === 'number' ? year : 0;
}

/** Stamps a new archive document: its workspace, year and schema (its records are read by the same rules). */
export function initialiseArchive(doc: Y.Doc, workspaceId: string, year: number): void {
  doc.transact(() => {
    const meta = metaMap(doc);
    if (meta.get('schemaVersion') !== SCHEMA_VERSION) meta.set('schemaVersion', SCHEMA_VERSION);
    if (meta.get('workspaceId') !== workspaceId) meta.set('workspaceId', workspaceId);
    if (meta.get('archiveYear') !== year) meta.set('archiveYear', year);
  }, LOCAL_ORIGIN);
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
      if (!(map instanceof Y.Map)) return;
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
  },
  // v2 → v3: payments and events become one JSON string each; issued documents keep their
  // frozen content as one JSON string, the seller stored once (see schema.ts).
  3: (doc) => {
    for (const name of WHOLE_RECORDS) {
      const col = collectionMap(doc, name);
      col.forEach((stored, id) => {
        if (stored instanceof Y.Map) col.set(id, JSON.stringify(decodeEntries(stored)));
      });
    }
    collectionMap(doc, 'documents').forEach((stored) => {
      if (!(stored instanceof Y.Map)) return;
      const frozen = stored.get('frozen');
      if (!frozen || typeof frozen === 'string') return;
      writeFields(stored, encodeFields(doc, 'documents', { frozen }));
      dropFrozenOnlyFields(stored);
    });
  },
  // v3 → v4: the parts of records users edit field by field merge field by field (schema.ts).
  // A v3 record already is a v4 one — each part is its base, with no changes beside it yet — so
  // nothing is rewritten: two devices migrating offline write nothing that could undo an edit
  // one of them makes right after. Only the version changes, so that an older app, which would
  // not see the field changes, refuses the workspace instead of showing stale values.
  4: () => {}
};

/** A workspace written by a newer version of the app: reading it could lose what we do not know. */
export class SchemaTooNewError extends Error {
  constructor(readonly found: number) {
    super(`schema_too_new:${found}`);
  }
}

/** Brings an older document up to SCHEMA_VERSION; returns the versions applied. */
export function migrate(doc: Y.Doc): number[] {
  const from = schemaVersion(doc);
  if (from > SCHEMA_VERSION) throw new SchemaTooNewError(from);
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

/** The plain contents of the whole workspace: used for backups and exports. */
export interface WorkspaceData {
  schemaVersion: number;
  company: Company | null;
  members: RecordTypes['members'][];
  clients: RecordTypes['clients'][];
  items: RecordTypes['items'][];
  documents: RecordTypes['documents'][];
  payments: RecordTypes['payments'][];
  events: RecordTypes['events'][];
  policies: RecordTypes['policies'][];
  templates: RecordTypes['templates'][];
  chaseConfig: RecordTypes['chaseConfig'][];
  tasks: RecordTypes['tasks'][];
  claims: RecordTypes['claims'][];
  penaltyRates: RecordTypes['penaltyRates'][];
  recurring: RecordTypes['recurring'][];
  /** In backups only, when some: the records that could not be read (kept in the Yjs state). */
  unreadable?: UnreadableRecord[];
}

export function readWorkspace(doc: Y.Doc): WorkspaceData {
  const data = { schemaVersion: schemaVersion(doc), company: readCompany(doc) } as WorkspaceData;
  for (const name of COLLECTIONS) (data as unknown as Record<string, unknown>)[name] = readAll(doc, name);
  return data;
}
