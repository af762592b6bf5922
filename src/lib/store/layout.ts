// How a record that users edit field by field sits in its Y.Map so that it also merges field by
// field inside: one field of one line of a draft, one contact of a client, the city of an
// address. schema.ts says why; this module is the layout itself, on plain entries (no Yjs): it
// reads a record back from its map's entries, and plans the fewest writes that take a stored
// record to the one a user saved.
//
// Beside a record's plain fields, its map holds:
//   address              an object as first written: its base, never rewritten afterwards…
//   address.city         …and each later change of one of its fields, which wins over the base;
//   contacts             a list of records with ids, as first written, in order: its base;
//   contacts.<id>        a record added to the list later, whole, with its `pos` (order); null
//                        once removed: a tombstone, so that a concurrent edit of a removed
//                        record does not bring half of it back;
//   contacts.<id>.email  a later change of one field of one record of the list (`pos`: a move).
// An object that may be null (a delivery address) keeps null or an object in its base key: only
// a change between null and an object rewrites it (and forgets its older field changes).

export interface RecordLayout {
  /** Objects whose fields are edited one by one (an address, the number formats). */
  readonly objects?: readonly string[];
  /** The same, for objects that may be null (a delivery address). */
  readonly nullableObjects?: readonly string[];
  /** Lists of records with an `id`, edited one record and one field at a time (contacts, lines). */
  readonly lists?: readonly string[];
}

/** A record's stored entries: a Y.Map (or a Map, in tests). */
export interface StoredEntries {
  forEach(f: (value: unknown, key: string) => void): void;
}

/** One write into a record's map: set `key` to `value`, or delete `key`. */
export type FieldWrite = { key: string; value: unknown } | { key: string; remove: true };

type Fields = Record<string, unknown>;
/** A record's entries split: plain fields, and per field its sub-entries (key after the dot → value). */
interface Scanned {
  fields: Fields;
  subs: Map<string, Map<string, unknown>>;
}
/** One record of a list as stored: where it sits, and its value with its later changes. */
interface ListEntry {
  id: string;
  pos: number;
  value: Fields;
}

const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Two values are the same when their JSON is (objects and lists inside a field compare deeply). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function kindOf(layout: RecordLayout | undefined, field: string): 'object' | 'nullable' | 'list' | null {
  if (!layout) return null;
  if (layout.lists?.includes(field)) return 'list';
  if (layout.objects?.includes(field)) return 'object';
  if (layout.nullableObjects?.includes(field)) return 'nullable';
  return null;
}

const NO_SUBS: Scanned['subs'] = new Map();

function scan(stored: StoredEntries): Scanned {
  const fields: Fields = {};
  const scanned: Scanned = { fields, subs: NO_SUBS };
  stored.forEach((value, key) => {
    const dot = key.indexOf('.');
    if (dot < 0) {
      fields[key] = value;
      return;
    }
    // Most records have no field changes: the map is made for the first one.
    if (scanned.subs === NO_SUBS) scanned.subs = new Map();
    const field = key.slice(0, dot);
    let own = scanned.subs.get(field);
    if (!own) scanned.subs.set(field, (own = new Map()));
    own.set(key.slice(dot + 1), value);
  });
  return scanned;
}

/**
 * The records of a stored list in order (by `pos`, then id): its base, the records added since,
 * less the removed ones, each with its field changes. A record is never changed in place: the
 * base belongs to Yjs.
 */
function readList(base: unknown, subs: ReadonlyMap<string, unknown> | undefined): ListEntry[] {
  const entries: ListEntry[] = [];
  const byId = new Map<string, ListEntry>();
  if (Array.isArray(base))
    base.forEach((value: unknown, i) => {
      if (!isObject(value)) return;
      const entry = { id: String(value.id), pos: i, value };
      entries.push(entry);
      if (!byId.has(entry.id)) byId.set(entry.id, entry);
    });
  if (!subs) return entries;
  const removed = new Set<string>();
  for (const [id, stored] of subs) {
    if (id.includes('.')) continue;
    if (stored === null) removed.add(id);
    else if (isObject(stored)) {
      const { pos, ...value } = stored;
      const entry = { id, pos: typeof pos === 'number' ? pos : Number.MAX_SAFE_INTEGER, value };
      const known = byId.get(id);
      if (known) Object.assign(known, entry);
      else {
        entries.push(entry);
        byId.set(id, entry);
      }
    }
  }
  const copied = new Set<ListEntry>();
  for (const [key, value] of subs) {
    const dot = key.indexOf('.');
    if (dot < 0) continue;
    const entry = byId.get(key.slice(0, dot));
    const field = key.slice(dot + 1);
    if (!entry || field === 'id') continue;
    if (field === 'pos') {
      if (typeof value === 'number') entry.pos = value;
      continue;
    }
    if (!copied.has(entry)) {
      entry.value = { ...entry.value };
      copied.add(entry);
    }
    entry.value[field] = value;
  }
  return entries
    .filter((e) => !removed.has(e.id))
    .sort((x, y) => x.pos - y.pos || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/** `fields` with each object and list of the layout brought up to its stored changes. */
function applyChanges(scanned: Scanned, layout: RecordLayout | undefined): Fields {
  const { fields, subs } = scanned;
  for (const [field, own] of subs) {
    const kind = kindOf(layout, field);
    const base = fields[field];
    if (kind === 'list') fields[field] = readList(base, own).map((e) => e.value);
    else if (kind === 'object' || (kind === 'nullable' && isObject(base))) {
      const value: Fields = isObject(base) ? { ...base } : {};
      for (const [sub, v] of own) if (!sub.includes('.')) value[sub] = v;
      fields[field] = value;
    }
  }
  return fields;
}

/**
 * The plain record a map's entries stand for: plain fields as stored, each object and list of
 * the layout with its later changes applied. Keys with a dot the layout does not know are left out.
 */
export function decodeEntries(stored: StoredEntries, layout?: RecordLayout): Fields {
  return applyChanges(scan(stored), layout);
}

/**
 * The writes that take the stored record to `next` (a whole record, or some of its fields),
 * touching only what changed, down to one field of one line; nothing at all when nothing did.
 *
 * With `base` — the record as the form that made `next` showed it — only what the user changed
 * since is written: what another device changed meanwhile stays, and a record of a list that
 * another device removed meanwhile stays removed. Without it, `next` is the whole truth: a
 * record of a list missing from it is removed.
 *
 * A stored field missing from `next` is left as it is; so is a field of an object. An object or
 * a list a record does not have yet is written whole (its base).
 */
export function planWrites(stored: StoredEntries, next: Fields, layout?: RecordLayout, base?: Fields): FieldWrite[] {
  const scanned = scan(stored);
  const raw = scanned.fields;
  const current = applyChanges({ fields: { ...raw }, subs: scanned.subs }, layout);
  const writes: FieldWrite[] = [];
  const set = (key: string, value: unknown) => writes.push({ key, value });
  const removeSubs = (field: string, prefix = '') => {
    for (const key of scanned.subs.get(field)?.keys() ?? []) if (key.startsWith(prefix)) writes.push({ key: `${field}.${key}`, remove: true });
  };

  for (const [field, value] of Object.entries(next)) {
    if (value === undefined) continue;
    const kind = kindOf(layout, field);
    const stored = current[field];
    if (kind === 'list' && Array.isArray(value) && (Array.isArray(raw[field]) || scanned.subs.has(field)) && hasDistinctIds(value)) {
      planList(field, value, readList(raw[field], scanned.subs.get(field)), scanned.subs.get(field), base ? base[field] : undefined, base !== undefined);
      continue;
    }
    if ((kind === 'object' || kind === 'nullable') && isObject(value) && isObject(stored)) {
      const ref = base ? (isObject(base[field]) ? base[field] : {}) : stored;
      for (const [sub, v] of Object.entries(value)) {
        if (v === undefined || sameValue(ref[sub], v)) continue;
        if (!sameValue(stored[sub], v)) set(`${field}.${sub}`, v);
      }
      continue;
    }
    // A plain field; or an object or a list written whole: its first value, null ↔ an object, or
    // a list whose records cannot be told apart by id (then merged whole, as before v4).
    if (base && sameValue(base[field], value)) continue;
    if (sameValue(stored, value)) continue;
    set(field, value);
    if (kind) removeSubs(field);
  }
  return writes;

  function planList(field: string, list: unknown[], entries: ListEntry[], subs: ReadonlyMap<string, unknown> | undefined, baseList: unknown, hasBase: boolean): void {
    const records = list as Fields[];
    const ids = records.map((r) => r.id as string);
    const nextIds = new Set(ids);
    const currentById = new Map<string, ListEntry>();
    for (const e of entries) if (!currentById.has(e.id)) currentById.set(e.id, e);
    // What the user's form held: the base given, or (without one) the stored list itself.
    const seen = new Map<string, Fields>();
    if (hasBase) {
      if (Array.isArray(baseList)) for (const r of baseList) if (isObject(r) && typeof r.id === 'string') seen.set(r.id, r);
    } else for (const e of entries) seen.set(e.id, e.value);

    // Removed by the user: a tombstone, and its field changes go.
    for (const id of seen.keys())
      if (!nextIds.has(id) && currentById.has(id)) {
        set(`${field}.${id}`, null);
        removeSubs(field, `${id}.`);
      }

    // Moved by the user (the order of what both hold changed): new places where needed.
    const kept = ids.filter((id) => seen.has(id));
    const before = [...seen.keys()].filter((id) => nextIds.has(id));
    const moved = kept.some((id, i) => id !== before[i]);
    const positions = place(ids, new Map(entries.map((e) => [e.id, e.pos])), moved);

    records.forEach((record, i) => {
      const id = ids[i];
      const stored = currentById.get(id);
      if (!stored) {
        // Removed meanwhile by another device, or earlier: it stays removed.
        if (seen.has(id) || subs?.get(id) === null) return;
        set(`${field}.${id}`, { ...record, pos: positions.get(id) });
        return;
      }
      const ref = seen.get(id) ?? {};
      for (const [key, v] of Object.entries(record)) {
        if (key === 'id' || v === undefined || sameValue(ref[key], v)) continue;
        if (!sameValue(stored.value[key], v)) set(`${field}.${id}.${key}`, v);
      }
      const pos = positions.get(id);
      if (pos !== undefined && pos !== stored.pos) set(`${field}.${id}.pos`, pos);
    });
  }
}

/** Whether every record of the list has an id of its own, usable in a key (no dot). */
function hasDistinctIds(list: unknown[]): boolean {
  const ids = new Set<string>();
  for (const r of list) {
    if (!isObject(r) || typeof r.id !== 'string' || !r.id || r.id.includes('.') || ids.has(r.id)) return false;
    ids.add(r.id);
  }
  return true;
}

/**
 * Positions for a list in the order `ids`, given where the stored records sit (`stored`): a new
 * record goes between its neighbours (after the last: the last position + 1). Stored records keep
 * their place unless `move`, and then only those out of order get a new one.
 * place(['a', 'n', 'b'], {a: 0, b: 1}, false) → {n: 0.5}.
 */
export function place(ids: string[], stored: ReadonlyMap<string, number>, move: boolean): Map<string, number> {
  const out = new Map<string, number>();
  let prev = -Infinity;
  ids.forEach((id, i) => {
    const p = stored.get(id);
    if (p !== undefined && (!move || p > prev)) {
      prev = p;
      return;
    }
    let next: number | undefined;
    for (let j = i + 1; j < ids.length && next === undefined; j++) {
      const q = stored.get(ids[j]);
      if (q !== undefined && q > prev) next = q;
    }
    const pos = next === undefined ? (prev === -Infinity ? 0 : Math.floor(prev) + 1) : prev === -Infinity ? next - 1 : (prev + next) / 2;
    out.set(id, pos);
    prev = pos;
  });
  return out;
}
