// The app's relay link (src/lib/store/relaySync.svelte.ts) against the real relay, in Node:
// `ws` as the WebSocket, a switchable network, workspace documents and collections as the app
// holds them. Joining, offline writes, series letters, key rotation with envelopes, removal.
import { runCommand, type CommandArgs, type CommandName } from '$lib/store/commands';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { Member } from '$lib/domain/types';
import { exportPublicKey, generateDeviceKeyPair, sealKey } from '$lib/sync/envelope';
import { hashKey } from '../../sync-server/auth.js';
import { checkKey } from '$lib/sync/relayApi';
import { relayToken } from '$lib/sync/token';
import { Collection } from '$lib/store/collection.svelte';
import { loadCollection, followCollection } from '$lib/store/collectionSync';
import { patchRecord, putRecord, readRecord } from '$lib/store/doc';
import { RelaySync, type NetworkWatch } from '$lib/store/relaySync.svelte';
import { client, company, T0 } from '$lib/store/fixtures';
import { initialiseDoc, writeCompany } from '$lib/store/doc';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { connectClient, randomId, randomKey, removeDir, startTestRelay, type TestRelay } from './helpers';

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

async function until(what: string, check: () => boolean, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface Device {
  doc: Y.Doc;
  memberId: string;
  pair: CryptoKeyPair;
  link: RelaySync;
  network: SwitchableNetwork;
  keys: string[];
  /** Every token this device showed the relay over HTTP (Authorization). */
  shown: string[];
  removed: boolean;
  members: Collection<'members'>;
  documents: Collection<'documents'>;
  member(id?: string): Member | null;
}

let relay: TestRelay;
const devices: Device[] = [];

beforeAll(async () => {
  relay = await startTestRelay();
});
afterEach(async () => {
  for (const d of devices.splice(0)) await d.link.stop();
});
afterAll(async () => {
  await relay.stop();
  removeDir(relay.dataDir);
});

interface DeviceOptions {
  workspaceId: string;
  key: string;
  letter: string;
  confirmed: boolean;
  joining?: boolean;
  fill?: (doc: Y.Doc) => void;
  /** Another relay than the shared one. */
  relayUrl?: string;
  /** false: a device without WebCrypto, whose member record has no public key. */
  publicKey?: boolean;
}

/** A device: its document (filled by `fill`), its member record, its key pair, its link. */
async function device(opts: DeviceOptions): Promise<Device> {
  const doc = new Y.Doc();
  opts.fill?.(doc);
  const memberId = randomId('m');
  const pair = await generateDeviceKeyPair();
  putRecord(doc, 'members', {
    id: memberId,
    name: `Poste ${memberId}`,
    seriesLetter: opts.letter,
    seriesConfirmedAt: opts.confirmed ? T0 : null,
    ...(opts.publicKey === false ? {} : { publicKey: await exportPublicKey(pair.publicKey) }),
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
  const network = new SwitchableNetwork();
  const d: Device = {
    doc,
    memberId,
    pair,
    network,
    keys: [],
    shown: [],
    removed: false,
    members,
    documents,
    member: (id = memberId) => readRecord(doc, 'members', id),
    link: null as unknown as RelaySync
  };
  relink(d, opts);
  return d;
}

/**
 * (Re)links a device's document to a relay with `key`: what the app does when it opens the
 * workspace, or when an invite for it brings a new key (app.adoptInvite restarts the link).
 */
function relink(d: Device, opts: Pick<DeviceOptions, 'workspaceId' | 'key' | 'joining' | 'relayUrl'>): RelaySync {
  const { doc, memberId, members, documents, network, pair } = d;
  d.link = new RelaySync({
    workspace: {
      id: opts.workspaceId,
      memberId,
      doc,
      members,
      documents,
      readOnly: false,
      status: 'ready',
      // The real command map, on this device's document, as the Workspace runs it.
      apply: <K extends CommandName>(name: K, ...args: CommandArgs<K>) =>
        runCommand({ doc, actor: { memberId, now: () => new Date() }, documents: () => documents.all() }, name, ...args)
    },
    relayUrl: opts.relayUrl ?? relay.relay.url,
    key: opts.key,
    joining: opts.joining,
    privateKey: async () => pair.privateKey,
    // The keys this device moved to (onKey also confirms the current one once its derived token is taken).
    onKey: (key) => {
      if (key !== (d.keys.at(-1) ?? opts.key)) d.keys.push(key);
    },
    onSynced: () => {},
    onRemoved: () => (d.removed = true),
    network,
    fetch: (input, init) => {
      const auth = (init?.headers as Record<string, string> | undefined)?.authorization;
      if (auth) d.shown.push(auth.replace(/^Bearer /, ''));
      return globalThis.fetch(input, init);
    },
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket
  });
  if (!devices.includes(d)) devices.push(d);
  d.link.start();
  return d.link;
}

/** The first device of a new workspace, linked and synced; the relay registered its key's token. */
async function firstDevice(relayUrl?: string) {
  const workspaceId = randomId('ws');
  const key = randomKey();
  const a = await device({
    workspaceId,
    key,
    relayUrl,
    letter: 'A',
    confirmed: true,
    fill: (doc) => {
      initialiseDoc(doc, workspaceId, T0);
      writeCompany(doc, company());
      putRecord(doc, 'clients', client('c1'));
    }
  });
  await until('A synced', () => a.link.state === 'synced');
  return { workspaceId, key, a };
}

describe('relay link', () => {
  it('a device joins: it gets the workspace, claims B, confirms it after a read-back; both show « à jour »', async () => {
    const { workspaceId, key, a } = await firstDevice();
    // The relay holds the token derived from the key, never the key (contract change, issue 14).
    expect(await checkKey(relay.relay.url, workspaceId, await relayToken(key, workspaceId))).toBe('ok');
    expect(await checkKey(relay.relay.url, workspaceId, key)).toBe('refused');
    const b = await device({ workspaceId, key, letter: 'B', confirmed: false, joining: true });
    await b.link.firstSync;
    expect(readRecord(b.doc, 'clients', 'c1')?.name).toBe('Client c1');
    await until('B confirmed', () => Boolean(b.member()?.seriesConfirmedAt));
    expect(b.member()?.seriesLetter).toBe('B');
    await until('A sees B confirmed', () => Boolean(a.member(b.memberId)?.seriesConfirmedAt));
    await until('both synced', () => a.link.state === 'synced' && b.link.state === 'synced');
    // Awareness: each sees the other online.
    await until('presence', () => a.link.onlineMembers.has(b.memberId) && b.link.onlineMembers.has(a.memberId));
  });

  it('a device joining never registers a workspace the relay does not know', async () => {
    const b = await device({ workspaceId: randomId('ws'), key: randomKey(), letter: 'B', confirmed: false, joining: true });
    await until('refused', () => b.link.state === 'unknown_workspace');
  });

  it('writes made offline go out on reconnection, nothing lost; the state says « hors ligne » meanwhile', async () => {
    const { workspaceId, key, a } = await firstDevice();
    const b = await device({ workspaceId, key, letter: 'B', confirmed: false, joining: true });
    await until('B synced', () => b.link.state === 'synced');
    a.network.set(false);
    b.network.set(false);
    expect(a.link.state).toBe('offline');
    patchRecord(a.doc, 'clients', 'c1', { notes: 'Appeler le matin' });
    patchRecord(b.doc, 'clients', 'c1', { billingAddress: { ...readRecord(b.doc, 'clients', 'c1')!.billingAddress, city: 'Villeurbanne' } });
    expect(a.link.pending).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(readRecord(b.doc, 'clients', 'c1')?.notes).toBe('');
    a.network.set(true);
    b.network.set(true);
    await until('both synced', () => a.link.state === 'synced' && b.link.state === 'synced');
    await until('merged', () => readRecord(a.doc, 'clients', 'c1')?.billingAddress.city === 'Villeurbanne' && readRecord(b.doc, 'clients', 'c1')?.notes === 'Appeler le matin');
  });

  it('rotation: the old key is refused, the other device opens its envelope and keeps syncing', async () => {
    const { workspaceId, key, a } = await firstDevice();
    const b = await device({ workspaceId, key, letter: 'B', confirmed: false, joining: true });
    await until('B synced', () => b.link.state === 'synced' && Boolean(a.member(b.memberId)?.publicKey));
    const outcome = await a.link.rotate([...a.members.values()]);
    expect(outcome).toEqual({ ok: true, unsealed: [] });
    const newKey = a.link.key;
    expect(newKey).not.toBe(key);
    expect(await checkKey(relay.relay.url, workspaceId, await relayToken(key, workspaceId))).toBe('refused');
    expect(await checkKey(relay.relay.url, workspaceId, await relayToken(newKey, workspaceId))).toBe('ok');
    expect(await checkKey(relay.relay.url, workspaceId, newKey)).toBe('refused');
    await until('B has the new key', () => b.link.key === newKey && b.link.state === 'synced');
    expect(b.keys).toEqual([newKey]);
    patchRecord(a.doc, 'clients', 'c1', { notes: 'après la rotation' });
    await until('B receives', () => readRecord(b.doc, 'clients', 'c1')?.notes === 'après la rotation');
  });

  it('a device offline during the rotation gets its envelope when it returns (refused reconnection → /auth → envelope)', async () => {
    const { workspaceId, key, a } = await firstDevice();
    const b = await device({ workspaceId, key, letter: 'B', confirmed: false, joining: true });
    await until('B synced', () => b.link.state === 'synced' && Boolean(a.member(b.memberId)?.publicKey));
    b.network.set(false);
    expect((await a.link.rotate([...a.members.values()])).ok).toBe(true);
    patchRecord(b.doc, 'clients', 'c1', { notes: 'écrit hors ligne' });
    b.network.set(true);
    await until('B recovered', () => b.link.key === a.link.key && b.link.state === 'synced', 15_000);
    await until('A receives', () => readRecord(a.doc, 'clients', 'c1')?.notes === 'écrit hors ligne');
  });

  it('removal: the removed device gets no envelope and says so; the others go on', async () => {
    const { workspaceId, key, a } = await firstDevice();
    const b = await device({ workspaceId, key, letter: 'B', confirmed: false, joining: true });
    await until('B synced', () => b.link.state === 'synced');
    b.link.joining = false;
    const c = await device({ workspaceId, key, letter: 'C', confirmed: false, joining: true });
    await until('C synced', () => c.link.state === 'synced' && Boolean(a.member(c.memberId)));
    c.link.joining = false;
    patchRecord(a.doc, 'members', c.memberId, { removed: true });
    expect((await a.link.rotate([...a.members.values()])).ok).toBe(true);
    await until('C removed', () => c.link.state === 'removed' && c.removed);
    await until('B goes on', () => b.link.key === a.link.key && b.link.state === 'synced');
    patchRecord(a.doc, 'clients', 'c1', { notes: 'sans C' });
    await until('B receives', () => readRecord(b.doc, 'clients', 'c1')?.notes === 'sans C');
    expect(readRecord(c.doc, 'clients', 'c1')?.notes).toBe('');
    // C keeps what it had, and the mark of its removal reached B.
    expect(readRecord(c.doc, 'clients', 'c1')?.name).toBe('Client c1');
    expect(b.member(c.memberId)?.removed).toBe(true);
  });

  it('a device that sees itself marked removed stops at once, even before a key change', async () => {
    const { workspaceId, key, a } = await firstDevice();
    const b = await device({ workspaceId, key, letter: 'B', confirmed: false, joining: true });
    await until('B synced', () => b.link.state === 'synced' && Boolean(a.member(b.memberId)));
    b.link.joining = false;
    patchRecord(a.doc, 'members', b.memberId, { removed: true });
    await until('B removed', () => b.link.state === 'removed' && b.removed);
    patchRecord(a.doc, 'clients', 'c1', { notes: 'plus pour B' });
    await new Promise((r) => setTimeout(r, 300));
    expect(readRecord(b.doc, 'clients', 'c1')?.notes).toBe('');
  });

  it('two devices that joined offline from one invite end with different letters', async () => {
    const { workspaceId, key, a } = await firstDevice();
    const b1 = await device({ workspaceId, key, letter: 'B', confirmed: false, joining: true });
    const b2 = await device({ workspaceId, key, letter: 'B', confirmed: false, joining: true });
    await until('both confirmed', () => Boolean(b1.member()?.seriesConfirmedAt && b2.member()?.seriesConfirmedAt));
    await until('A sees both', () => Boolean(a.member(b1.memberId)?.seriesConfirmedAt && a.member(b2.memberId)?.seriesConfirmedAt));
    const letters = [a.member()!, a.member(b1.memberId)!, a.member(b2.memberId)!].map((m) => m.seriesLetter).sort();
    expect(letters).toEqual(['A', 'B', 'C']);
  });

  it('no envelope for this device (it had no device key) is a stale key, not a removal: it keeps working; a new invite brings it back with its offline edit', async () => {
    const { workspaceId, key, a } = await firstDevice();
    // B has no WebCrypto: no public key, so a key change cannot be sealed for it.
    const b = await device({ workspaceId, key, letter: 'B', confirmed: false, joining: true, publicKey: false });
    await until('B synced', () => b.link.state === 'synced' && Boolean(a.member(b.memberId)));
    b.link.joining = false;
    b.network.set(false);
    const outcome = await a.link.rotate([...a.members.values()]);
    expect(outcome).toEqual({ ok: true, unsealed: [b.memberId] });
    patchRecord(b.doc, 'clients', 'c1', { notes: 'écrit sur B, clé périmée' });
    b.network.set(true);
    await until('B stale', () => b.link.state === 'key_refused', 15_000);
    expect(b.link.refusal).toBe('key');
    expect(b.removed).toBe(false);
    expect(b.member()?.removed).toBe(false);
    // Still writable here: the edit stays, and more can be made.
    patchRecord(b.doc, 'clients', 'c1', { siren: '732829320' });
    // A new invite carries the current key: the same document reconnects, its edits merge.
    await b.link.stop();
    relink(b, { workspaceId, key: a.link.key });
    await until('B back', () => b.link.state === 'synced' && b.link.key === a.link.key);
    await until('A receives B’s edits', () => readRecord(a.doc, 'clients', 'c1')?.notes === 'écrit sur B, clé périmée' && readRecord(a.doc, 'clients', 'c1')?.siren === '732829320');
    expect(b.removed).toBe(false);
  });

  it('a workspace linked before derived tokens (token == key): migrated once to a fresh key, two devices at once converge', async () => {
    const workspaceId = randomId('ws');
    const key = randomKey();
    // The relay registered the key itself, as before issue 14 (a stock client with ?token=).
    const legacy = connectClient(relay.syncUrl, workspaceId, key);
    await legacy.synced;
    legacy.destroy();
    const fill = (doc: Y.Doc) => {
      initialiseDoc(doc, workspaceId, T0);
      writeCompany(doc, company());
      putRecord(doc, 'clients', client('c1'));
    };
    const a = await device({ workspaceId, key, letter: 'A', confirmed: true, fill });
    const b = await device({ workspaceId, key, letter: 'B', confirmed: true, fill });
    await until('one fresh key on both, synced', () => a.link.key !== key && a.link.key === b.link.key && a.link.state === 'synced' && b.link.state === 'synced', 20_000);
    const fresh = a.link.key;
    expect(await checkKey(relay.relay.url, workspaceId, key)).toBe('refused');
    expect(await checkKey(relay.relay.url, workspaceId, fresh)).toBe('refused');
    expect(await checkKey(relay.relay.url, workspaceId, await relayToken(fresh, workspaceId))).toBe('ok');
    expect([a.removed, b.removed]).toEqual([false, false]);
    patchRecord(b.doc, 'clients', 'c1', { notes: 'après la migration' });
    await until('A receives', () => readRecord(a.doc, 'clients', 'c1')?.notes === 'après la migration');
  });
  it('an envelope whose key the relay refuses is a stale key too, not a removal', async () => {
    const { workspaceId, key, a } = await firstDevice();
    const b = await device({ workspaceId, key, letter: 'B', confirmed: false, joining: true });
    await until('B synced', () => b.link.state === 'synced' && Boolean(a.member(b.memberId)?.publicKey));
    b.link.joining = false;
    b.network.set(false);
    // The relay's record moved on to a token nobody has, and B's envelope holds yet another key.
    const envelope = await sealKey(randomKey(), b.member()!.publicKey!, { workspaceId, memberId: b.memberId });
    relay.relay.store.rotate(workspaceId, hashKey(randomKey()), { [b.memberId]: envelope, [a.memberId]: envelope });
    b.network.set(true);
    await until('B stale', () => b.link.state === 'key_refused', 15_000);
    expect([b.removed, b.link.refusal]).toEqual([false, 'key']);
    // The relay took B's derived token before: B never showed it the key itself.
    expect(b.shown).toContain(await relayToken(key, workspaceId));
    expect(b.shown).not.toContain(key);
  });

  // Last: it stops and restarts the shared relay (one relay per process), on the same port.
  it('a relay restored from a backup older than the last key change: devices open their older envelope and go on, nobody removed', async () => {
    const { dataDir } = relay;
    const port = relay.relay.port;
    const restart = async () => (relay = await startTestRelay({ dataDir, port }));
    const { workspaceId, key, a } = await firstDevice();
    const b = await device({ workspaceId, key, letter: 'B', confirmed: false, joining: true });
    await until('B synced', () => b.link.state === 'synced' && Boolean(a.member(b.memberId)?.publicKey));
    b.link.joining = false;
    expect((await a.link.rotate([...a.members.values()])).ok).toBe(true);
    const k1 = a.link.key;
    await until('B on K1', () => b.link.key === k1 && b.link.state === 'synced');
    // The operator's backup: stop (the WAL is checkpointed into the file), copy the file.
    await relay.stop();
    const backup = join(dataDir, 'backup.sqlite');
    copyFileSync(join(dataDir, 'relay.sqlite'), backup);
    await restart();
    await until('both back', () => a.link.state === 'synced' && b.link.state === 'synced', 20_000);
    expect((await a.link.rotate([...a.members.values()])).ok).toBe(true);
    const k2 = a.link.key;
    await until('B on K2', () => b.link.key === k2 && b.link.state === 'synced');
    // The restore: stop, put the old file back, drop the -wal/-shm, start.
    await relay.stop();
    copyFileSync(backup, join(dataDir, 'relay.sqlite'));
    for (const f of ['relay.sqlite-wal', 'relay.sqlite-shm']) rmSync(join(dataDir, f), { force: true });
    patchRecord(b.doc, 'clients', 'c1', { notes: 'écrit pendant la restauration' });
    await restart();
    // K2 is refused; each device's envelope (in the old file) holds K1, which the relay takes.
    await until('both on K1 again', () => a.link.key === k1 && b.link.key === k1 && a.link.state === 'synced' && b.link.state === 'synced', 30_000);
    expect([a.removed, b.removed, a.link.refusal, b.link.refusal]).toEqual([false, false, null, null]);
    await until('A receives', () => readRecord(a.doc, 'clients', 'c1')?.notes === 'écrit pendant la restauration');
  }, 30_000); // two relay restarts: slow on a loaded machine
});
