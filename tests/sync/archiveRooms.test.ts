// Archive rooms (sync-server/rooms.ts): one Yjs document per closed year of a workspace, on
// /sync/<workspaceId>/archive/<year>, with the workspace's key, quota and limits — and the app's
// link to them (RelaySync.syncArchive). Real relays in this process, real WebSocket clients.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { runCommand, type CommandArgs, type CommandName } from '$lib/store/commands';
import { Collection } from '$lib/store/collection.svelte';
import { followCollection, loadCollection } from '$lib/store/collectionSync';
import { initialiseDoc, putRecord, writeCompany } from '$lib/store/doc';
import { client as clientRecord, company, T0 } from '$lib/store/fixtures';
import { RelaySync, type NetworkWatch } from '$lib/store/relaySync.svelte';
import { exportPublicKey, generateDeviceKeyPair } from '$lib/sync/envelope';
import { relayToken } from '$lib/sync/token';
import { runAdmin } from '../../sync-server/admin.js';
import { DATABASE_FILE, RelayStore } from '../../sync-server/persistence.js';
import {
  closed,
  connectClient,
  http,
  metric,
  randomId,
  randomKey,
  rawSocket,
  removeDir,
  startTestRelay,
  tempDir,
  waitFor,
  type Client,
  type TestRelay,
  type TestRelayOptions
} from './helpers.js';

let relays: TestRelay[] = [];
let clients: Client[] = [];
let links: RelaySync[] = [];

async function relay(options: TestRelayOptions = {}): Promise<TestRelay> {
  const started = await startTestRelay(options);
  relays.push(started);
  return started;
}

/** A y-websocket client on a room: `id` (live) or `id/archive/2023`. */
function client(r: TestRelay, room: string, key: string): Client {
  const c = connectClient(r.syncUrl, room, key);
  clients.push(c);
  return c;
}

afterEach(async () => {
  for (const l of links.splice(0)) await l.stop();
  for (const c of clients.splice(0)) c.destroy();
  for (const r of relays.splice(0)) {
    await r.stop();
    removeDir(r.dataDir);
  }
});

const archive = (id: string, year: number) => `${id}/archive/${year}`;
const notes = (c: Client | Y.Doc) => ('doc' in c ? c.doc : c).getMap<unknown>('notes');

/** Opens a socket offering the token in a subprotocol, as the app does: 'open' (then closed), or the refusal's status. */
function withToken(url: string, token: string): Promise<'open' | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, ['relance.v1', `relance-token.${token}`]);
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    ws.on('error', reject);
  });
}

/** A client whose connection-close codes are recorded. */
function closeCodes(c: Client): number[] {
  const codes: number[] = [];
  c.provider.on('connection-close', (event) => {
    if (event) codes.push(event.code);
  });
  return codes;
}

// Generous timeouts: the main unit run loads both cores with other relay tests.
describe('archive rooms on the relay', { timeout: 20_000 }, () => {
  it('syncs an archive between two clients, apart from the live document and the other years', async () => {
    const r = await relay();
    const id = randomId();
    const key = randomKey();
    const liveA = client(r, id, key);
    await liveA.synced; // registers the workspace
    const a2023 = client(r, archive(id, 2023), key);
    const b2023 = client(r, archive(id, 2023), key);
    const b2024 = client(r, archive(id, 2024), key);
    const liveB = client(r, id, key);
    await Promise.all([a2023.synced, b2023.synced, b2024.synced, liveB.synced]);

    notes(a2023).set('F-2023-A-0001', { total: 120000 });
    await waitFor(() => notes(b2023).has('F-2023-A-0001'), 5000, 'B’s 2023 archive to receive A’s write');
    expect(notes(b2023).get('F-2023-A-0001')).toEqual({ total: 120000 });
    // A write on B's live document after it: once it reached A, the relay has handled the
    // archive write too; neither the live documents nor 2024 got it.
    notes(liveB).set('marker', 1);
    await waitFor(() => notes(liveA).has('marker'), 5000, 'the live marker');
    expect(notes(liveA).has('F-2023-A-0001')).toBe(false);
    expect(notes(liveB).has('F-2023-A-0001')).toBe(false);
    expect(notes(b2024).size).toBe(0);

    // Stored as its own document, counted in its workspace's totals.
    const stored = new Y.Doc();
    Y.applyUpdate(stored, Y.mergeUpdates(r.relay.store.load(archive(id, 2023))));
    expect(notes(stored).get('F-2023-A-0001')).toEqual({ total: 120000 });
    expect(r.relay.store.load(archive(id, 2024))).toEqual([]);
    const live = new Y.Doc();
    Y.applyUpdate(live, Y.mergeUpdates(r.relay.store.load(id)));
    expect(notes(live).has('F-2023-A-0001')).toBe(false);
    const usage = r.relay.store.usage(id);
    expect(usage.bytes).toBe(r.relay.store.bytes(id) + r.relay.store.bytes(archive(id, 2023)) + r.relay.store.bytes(archive(id, 2024)));
    expect(r.relay.store.list()).toEqual([expect.objectContaining({ id, bytes: usage.bytes, updates: usage.rows })]);

    // Metrics: live rooms and archive rooms apart, one gauge each.
    expect(r.relay.gauges()).toEqual({ connections: 5, workspacesLoaded: 1, archiveRoomsLoaded: 2 });
    const metrics = await http(r.relay.url, '/metrics');
    expect(metric(metrics.body, 'relance_workspaces_loaded')).toBe(1);
    expect(metric(metrics.body, 'relance_archive_rooms_loaded')).toBe(2);
  });

  it('checks the workspace’s key: 401 without it or with a wrong one; the HTTP API under /sync/<id> is untouched', async () => {
    const r = await relay();
    const id = randomId();
    const key = randomKey();
    await client(r, id, key).synced;
    expect(await rawSocket(`${r.syncUrl}/${archive(id, 2023)}`)).toMatchObject({ kind: 'refused', status: 401 });
    expect(await rawSocket(`${r.syncUrl}/${archive(id, 2023)}?token=${randomKey()}`)).toMatchObject({ kind: 'refused', status: 401 });
    expect(await withToken(`${r.syncUrl}/${archive(id, 2023)}`, randomKey())).toBe(401);
    expect(r.relay.counters.authRefused).toBe(3);
    // The right token in the subprotocol, as the app sends it.
    expect(await withToken(`${r.syncUrl}/${archive(id, 2023)}`, key)).toBe('open');

    const auth = await http(r.relay.url, `/sync/${id}/auth`, { headers: { authorization: `Bearer ${key}` } });
    expect(auth.status).toBe(200);
    expect(JSON.parse(auth.body)).toEqual({ registered: true });
    expect((await http(r.relay.url, `/sync/${id}`)).status).toBe(426);
    // A plain GET of an archive's address is no endpoint of the HTTP API.
    expect((await http(r.relay.url, `/sync/${archive(id, 2023)}`)).status).toBe(404);
  });

  it('refuses bad years and other paths, and never registers a workspace through an archive', async () => {
    const r = await relay({ openRegistration: true });
    const id = randomId();
    const key = randomKey();
    await client(r, id, key).synced;
    for (const tail of ['archive/99', 'archive/abcd', 'archive/2023/x', 'archive/1999', 'archive/3000', 'archive/02023', 'archive/', 'archive', 'archives/2023']) {
      const refused = await rawSocket(`${r.syncUrl}/${id}/${tail}?token=${key}`);
      expect(refused, tail).toMatchObject({ kind: 'refused', status: 404 });
    }
    expect(await rawSocket(`${r.syncUrl}/a.b/archive/2023?token=${key}`)).toMatchObject({ kind: 'refused', status: 400 });

    // Open registration registers through the live room only.
    const unknown = randomId();
    const refused = await rawSocket(`${r.syncUrl}/${archive(unknown, 2023)}?token=${key}`);
    expect(refused).toMatchObject({ kind: 'refused', status: 403 });
    if (refused.kind === 'refused') expect(JSON.parse(refused.body).error).toMatch(/unknown workspace/);
    expect(r.relay.store.keyHash(unknown)).toBe(null);
    expect(r.relay.gauges()).toMatchObject({ connections: 1, archiveRoomsLoaded: 0 });
  });

  it('brings an archive back after a restart, to a new client', async () => {
    const first = await startTestRelay();
    const id = randomId();
    const key = randomKey();
    const live = connectClient(first.syncUrl, id, key);
    await live.synced;
    const a = connectClient(first.syncUrl, archive(id, 2023), key);
    await a.synced;
    for (let i = 1; i <= 12; i++) notes(a).set(`F-2023-A-${i}`, i * 100);
    // Another client having them means the relay stored them first (store, then relay).
    const b = connectClient(first.syncUrl, archive(id, 2023), key);
    await waitFor(() => notes(b).size === 12, 5000, 'the 12 notes on B');
    for (const c of [live, a, b]) c.destroy();
    await first.stop();

    const second = await relay({ dataDir: first.dataDir });
    const c = client(second, archive(id, 2023), key);
    await c.synced;
    expect(notes(c).size).toBe(12);
    expect(notes(c).get('F-2023-A-7')).toBe(700);
    const liveAgain = client(second, id, key);
    await liveAgain.synced;
    expect(notes(liveAgain).size).toBe(0);
  });

  it('counts archive bytes against the workspace quota: a write the archive alone would fit is refused (4413)', async () => {
    const r = await relay({ limits: { workspaceMaxBytes: 64 * 1024 } });
    const id = randomId();
    const key = randomKey();
    const live = client(r, id, key);
    await live.synced;
    notes(live).set('live', 'l'.repeat(30_000));
    const a2023 = client(r, archive(id, 2023), key);
    await a2023.synced;
    notes(a2023).set('first', 'a'.repeat(20_000));
    const reader = client(r, archive(id, 2023), key);
    await waitFor(() => notes(reader).has('first') && r.relay.store.bytes(id) > 30_000, 5000, 'both writes stored');
    // 30 000 + 20 000 bytes and a little overhead: under 64 KiB.
    expect(r.relay.store.usage(id).bytes).toBeLessThan(64 * 1024);
    const codes = closeCodes(a2023);

    // 20 000 more: the archive alone would hold ≈ 40 000 bytes (under the quota), the
    // workspace ≈ 70 000 (over it).
    notes(a2023).set('second', 'b'.repeat(20_000));
    await waitFor(() => codes.includes(4413), 5000, 'the quota refusal');
    expect(r.relay.counters.quotaRefused).toBe(1);
    expect(r.relay.store.bytes(archive(id, 2023))).toBeLessThan(40_000);
    expect(r.relay.store.usage(id).bytes).toBeLessThan(64 * 1024);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, Y.mergeUpdates(r.relay.store.load(archive(id, 2023))));
    expect(notes(stored).has('first')).toBe(true);
    expect(notes(stored).has('second')).toBe(false);
    expect(notes(reader).has('second')).toBe(false);
  });

  it('counts archive sockets in the per-workspace connection limit', async () => {
    const r = await relay({ limits: { maxConnectionsPerWorkspace: 2 } });
    const id = randomId();
    const key = randomKey();
    await client(r, id, key).synced;
    await client(r, archive(id, 2023), key).synced;
    expect(await rawSocket(`${r.syncUrl}/${archive(id, 2024)}?token=${key}`)).toMatchObject({ kind: 'refused', status: 503 });
    expect(await rawSocket(`${r.syncUrl}/${id}?token=${key}`)).toMatchObject({ kind: 'refused', status: 503 });
  });

  it('a key rotation closes the archives’ sockets too (4401); the old key is refused there, the new one taken', async () => {
    const r = await relay();
    const id = randomId();
    const oldKey = randomKey();
    const newKey = randomKey();
    await client(r, id, oldKey).synced;
    const raw = await rawSocket(`${r.syncUrl}/${archive(id, 2023)}?token=${oldKey}`);
    if (raw.kind !== 'open') throw new Error('archive socket refused');
    const rawClosed = closed(raw.ws);
    const rotated = await http(r.relay.url, `/sync/${id}/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${oldKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ newKey, envelopes: {} })
    });
    expect(rotated.status).toBe(204);
    expect(await rawClosed).toBe(4401);
    expect(await rawSocket(`${r.syncUrl}/${archive(id, 2023)}?token=${oldKey}`)).toMatchObject({ kind: 'refused', status: 401 });
    const fresh = await rawSocket(`${r.syncUrl}/${archive(id, 2023)}?token=${newKey}`);
    expect(fresh.kind).toBe('open');
    if (fresh.kind === 'open') fresh.ws.close();
  });

  it('`relay:admin remove` deletes the archives with their workspace', async () => {
    const r = await startTestRelay();
    const id = randomId();
    const key = randomKey();
    const live = connectClient(r.syncUrl, id, key);
    await live.synced;
    const a = connectClient(r.syncUrl, archive(id, 2023), key);
    await a.synced;
    notes(a).set('x', 1);
    await waitFor(() => r.relay.store.count(archive(id, 2023)) > 0, 5000, 'the archive write stored');
    live.destroy();
    a.destroy();
    await r.stop();
    const io = { out: () => {}, err: () => {} };
    expect(runAdmin(['remove', id], { DATA_DIR: r.dataDir }, io)).toBe(0);
    const store = RelayStore.open(r.dataDir);
    try {
      expect(store.count(archive(id, 2023))).toBe(0);
      expect(store.usage(id)).toEqual({ rows: 0, bytes: 0 });
    } finally {
      store.close();
      removeDir(r.dataDir);
    }
  });
});

describe('database written before archive rooms (schema 1)', () => {
  it('gets the room column on opening: its rows stay the live documents’, archives are added beside them', () => {
    const dir = tempDir();
    try {
      const db = new Database(join(dir, DATABASE_FILE));
      db.exec(`
        CREATE TABLE workspaces (id TEXT PRIMARY KEY, key_hash TEXT NOT NULL, created_at INTEGER NOT NULL, last_activity INTEGER NOT NULL) STRICT;
        CREATE TABLE updates (seq INTEGER PRIMARY KEY, workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE, data BLOB NOT NULL, at INTEGER NOT NULL) STRICT;
        CREATE INDEX updates_by_workspace ON updates (workspace_id, seq);
        INSERT INTO workspaces VALUES ('w', 'hash', 1000, 1000);
        INSERT INTO updates (workspace_id, data, at) VALUES ('w', x'0102', 2000), ('w', x'03', 3000);
        PRAGMA user_version = 1;
      `);
      db.close();
      const store = RelayStore.open(dir);
      try {
        expect(store.db.pragma('user_version', { simple: true })).toBe(2);
        expect(store.load('w').map((b) => [...b])).toEqual([[1, 2], [3]]);
        store.append('w/archive/2023', new Uint8Array([9, 9, 9, 9]));
        expect(store.load('w/archive/2023').map((b) => [...b])).toEqual([[9, 9, 9, 9]]);
        expect(store.count('w')).toBe(2);
        expect(store.usage('w')).toEqual({ rows: 3, bytes: 7 });
        store.replaceAll('w/archive/2023', new Uint8Array([7]));
        expect(store.load('w').map((b) => [...b])).toEqual([[1, 2], [3]]);
        expect(store.usage('w')).toEqual({ rows: 3, bytes: 4 });
        const indexes = store.db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'updates'").all();
        expect(indexes.map((i) => i.name)).toEqual(['updates_by_room']);
      } finally {
        store.close();
      }
    } finally {
      removeDir(dir);
    }
  });
});

// ——— the app's link ———

class SwitchableNetwork implements NetworkWatch {
  isOnline = true;
  #listeners = new Set<(online: boolean) => void>();
  online = () => this.isOnline;
  watch(listener: (online: boolean) => void) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  set(online: boolean) {
    this.isOnline = online;
    for (const l of this.#listeners) l(online);
  }
}

/** The first device of a new workspace: its document, member record and link (not started). */
async function firstDevice(r: TestRelay, network: NetworkWatch) {
  const workspaceId = randomId('ws');
  const key = randomKey();
  const doc = new Y.Doc();
  initialiseDoc(doc, workspaceId, T0);
  writeCompany(doc, company());
  putRecord(doc, 'clients', clientRecord('c1'));
  const memberId = randomId('m');
  const pair = await generateDeviceKeyPair();
  putRecord(doc, 'members', {
    id: memberId,
    name: 'Poste A',
    seriesLetter: 'A',
    seriesConfirmedAt: T0,
    publicKey: await exportPublicKey(pair.publicKey),
    createdAt: T0,
    lastSeenAt: T0,
    removed: false
  });
  const members = new Collection('members');
  loadCollection(members, doc);
  followCollection(members, doc);
  const documents = new Collection('documents');
  loadCollection(documents, doc);
  followCollection(documents, doc);
  const link = new RelaySync({
    workspace: {
      id: workspaceId,
      memberId,
      doc,
      members,
      documents,
      readOnly: false,
      status: 'ready',
      apply: <K extends CommandName>(name: K, ...args: CommandArgs<K>) =>
        runCommand({ doc, actor: { memberId, now: () => new Date() }, documents: () => documents.all() }, name, ...args)
    },
    relayUrl: r.relay.url,
    key,
    privateKey: async () => pair.privateKey,
    onKey: () => {},
    onSynced: () => {},
    onRemoved: () => {},
    network,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket
  });
  links.push(link);
  return { workspaceId, key, doc, link };
}

describe('RelaySync.syncArchive', () => {
  it('syncs an archive registered before start, with the link’s token; stops when its stop function is called', { timeout: 30_000 }, async () => {
    const r = await relay();
    const network = new SwitchableNetwork();
    const { workspaceId, key, link } = await firstDevice(r, network);
    const archive2023 = new Y.Doc();
    notes(archive2023).set('F-2023-A-0001', { total: 4200 });
    const stop2023 = link.syncArchive(2023, archive2023);
    const archive2024 = new Y.Doc();
    link.syncArchive(2024, archive2024);
    link.start();
    await waitFor(() => link.state === 'synced', 10_000, 'the live room synced');

    // Another device's view of the archive, with the token the relay took (derived from the key).
    const token = await relayToken(key, workspaceId);
    const other = client(r, archive(workspaceId, 2023), token);
    await waitFor(() => notes(other).has('F-2023-A-0001'), 5000, 'the archive on the other device');
    expect(notes(other).get('F-2023-A-0001')).toEqual({ total: 4200 });
    notes(other).set('F-2023-B-0001', { total: 100 });
    await waitFor(() => notes(archive2023).has('F-2023-B-0001'), 5000, 'the other device’s write in this device’s archive');
    expect(notes(archive2024).size).toBe(0);
    expect(r.relay.workspaces.get(archive(workspaceId, 2023))?.sockets.size).toBe(2);
    expect(r.relay.workspaces.get(archive(workspaceId, 2024))?.sockets.size).toBe(1);

    stop2023();
    await waitFor(() => r.relay.workspaces.get(archive(workspaceId, 2023))?.sockets.size === 1, 5000, 'this device’s archive socket closed');
    notes(archive2023).set('after-stop', true);
    notes(other).set('from-other-after-stop', true);
    // A read-back on the other device: the relay has its write; this device's archive does not
    // follow any more, and its own later write never left it.
    const reader = client(r, archive(workspaceId, 2023), token);
    await waitFor(() => notes(reader).has('from-other-after-stop'), 5000, 'the other device’s later write on the relay');
    expect(notes(reader).has('after-stop')).toBe(false);
    expect(notes(archive2023).has('from-other-after-stop')).toBe(false);
    // The live room and the other archive go on.
    expect(link.socket).toBe('open');
    expect(r.relay.workspaces.get(archive(workspaceId, 2024))?.sockets.size).toBe(1);
  });

  it('uploads an archive larger than a relay frame in pieces, as the live document', { timeout: 30_000 }, async () => {
    const r = await relay();
    const { workspaceId, key, link } = await firstDevice(r, new SwitchableNetwork());
    // 40 × 60 000 bytes = 2.4 MB: in one step 2 it would be closed 1009 (over the relay's 2 MiB
    // frames) at every try; the pieces are at most 512 KiB.
    const doc = new Y.Doc();
    for (let i = 0; i < 40; i++) notes(doc).set(`F-2021-A-${i}`, String(i % 10).repeat(60_000));
    link.syncArchive(2021, doc);
    link.start();
    const other = client(r, archive(workspaceId, 2021), await relayToken(key, workspaceId));
    await waitFor(() => notes(other).size === 40, 20_000, 'the whole archive on the other device');
    expect(notes(other).get('F-2021-A-7')).toBe('7'.repeat(60_000));
    // A local change of the same size later goes out in pieces too.
    doc.transact(() => {
      for (let i = 40; i < 80; i++) notes(doc).set(`F-2021-A-${i}`, 'x'.repeat(60_000));
    });
    await waitFor(() => notes(other).size === 80, 20_000, 'the large change on the other device');
    expect(r.relay.counters.framesRejected).toBe(0);
  });

  it('follows the live room: offline closes the archives, back online reopens them; stop() closes them', { timeout: 30_000 }, async () => {
    const r = await relay();
    const network = new SwitchableNetwork();
    const { workspaceId, key, link } = await firstDevice(r, network);
    link.start();
    await waitFor(() => link.state === 'synced', 10_000, 'the live room synced');
    // Registered after the link is up: connects at once.
    const doc = new Y.Doc();
    link.syncArchive(2022, doc);
    const room = () => r.relay.workspaces.get(archive(workspaceId, 2022));
    await waitFor(() => room()?.sockets.size === 1, 5000, 'the archive socket');

    network.set(false);
    await waitFor(() => (room()?.sockets.size ?? 0) === 0, 5000, 'the archive socket closed when offline');
    notes(doc).set('offline-write', 1);
    network.set(true);
    await waitFor(() => room()?.sockets.size === 1, 10_000, 'the archive socket back');
    const other = client(r, archive(workspaceId, 2022), await relayToken(key, workspaceId));
    await waitFor(() => notes(other).has('offline-write'), 5000, 'the offline write on the relay');

    await link.stop();
    await waitFor(() => r.relay.gauges().connections === 1, 5000, 'this device’s sockets closed');
    expect(room()?.sockets.size).toBe(1); // the other device's
  });
});
