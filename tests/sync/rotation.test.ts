// Key changes that cannot lock anyone out (sync-server/README.md, « Rotation »), with real
// clients: the relay refuses an envelope set that leaves out a member not marked removed in the
// books, writes one audit line per key change, and takes the token from a subprotocol.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { patchRecord, putRecord } from '$lib/store/doc';
import { member } from '$lib/store/fixtures';
import { closed, connectClient, http, rawSocket, randomId, randomKey, removeDir, sleep, startTestRelay, waitFor, type Client, type TestRelay, type TestRelayOptions } from './helpers';

const PUBLIC_KEY = 'BA' + 'A'.repeat(86);
const relays: TestRelay[] = [];
const clients: Client[] = [];

async function relay(options: TestRelayOptions = {}): Promise<TestRelay> {
  const r = await startTestRelay(options);
  relays.push(r);
  return r;
}

function client(r: TestRelay, workspaceId: string, key: string, doc?: Y.Doc): Client {
  const c = connectClient(r.syncUrl, workspaceId, key, doc);
  clients.push(c);
  return c;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const r of relays.splice(0)) {
    await r.stop();
    removeDir(r.dataDir);
  }
});

/** A workspace whose books hold members A and B (both with a device key) and C (none), on the relay. */
async function sharedBooks(r: TestRelay) {
  const id = randomId();
  const key = randomKey();
  const doc = new Y.Doc();
  putRecord(doc, 'members', { ...member('m-a', 'A'), publicKey: PUBLIC_KEY });
  putRecord(doc, 'members', { ...member('m-b', 'B'), publicKey: PUBLIC_KEY });
  putRecord(doc, 'members', member('m-c', 'C'));
  const a = client(r, id, key, doc);
  await a.synced;
  // A read-back: the relay has stored A's members.
  const probe = client(r, id, key);
  await probe.synced;
  await waitFor(() => probe.doc.getMap('members').size === 3, 3000, 'the members on the relay');
  probe.destroy();
  return { id, key, a };
}

const rotate = (r: TestRelay, id: string, key: string, body: unknown) =>
  http(r.relay.url, `/sync/${id}/rotate`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('rotation cannot lock members out', () => {
  it('refuses an empty envelope set (409, naming the members) while members are not removed; nothing changes', async () => {
    const r = await relay();
    const { id, key, a } = await sharedBooks(r);
    const codes: number[] = [];
    a.provider.on('connection-close', (e) => e && codes.push(e.code));
    const res = await rotate(r, id, key, { newKey: randomKey(), envelopes: {} });
    expect(res.status).toBe(409);
    expect(JSON.parse(res.body)).toMatchObject({ missing: ['m-a', 'm-b'], error: expect.stringContaining('m-a, m-b') });
    // One envelope out of two is a lockout too.
    expect((await rotate(r, id, key, { newKey: randomKey(), envelopes: { 'm-a': 'QQ==' } })).status).toBe(409);
    // The old key still works, nobody was disconnected, no envelope was stored.
    expect((await http(r.relay.url, `/sync/${id}/auth`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    await sleep(100);
    expect(codes).toEqual([]);
    expect(a.provider.wsconnected).toBe(true);
    expect((await http(r.relay.url, `/sync/${id}/envelope/m-a`)).status).toBe(404);
  });

  it('accepts leaving out a member once its record is marked removed; the key-less one never needs an envelope', async () => {
    const r = await relay();
    const { id, key, a } = await sharedBooks(r);
    patchRecord(a.doc, 'members', 'm-b', { removed: true });
    const check = client(r, id, key);
    await waitFor(() => (check.doc.getMap('members').get('m-b') as Y.Map<unknown> | undefined)?.get('removed') === true, 3000, 'the removal on the relay');
    const newKey = randomKey();
    expect((await rotate(r, id, key, { newKey, envelopes: { 'm-a': 'QQ==' }, by: 'm-a' })).status).toBe(204);
    expect((await http(r.relay.url, `/sync/${id}/auth`, { headers: { authorization: `Bearer ${newKey}` } })).status).toBe(200);
  });

  it('reads the members from storage when the workspace is not in memory', async () => {
    const r = await relay({ idleUnloadMs: 20 });
    const { id, key, a } = await sharedBooks(r);
    a.destroy();
    await waitFor(() => r.relay.gauges().workspacesLoaded === 0, 3000, 'the workspace to be unloaded');
    expect((await rotate(r, id, key, { newKey: randomKey(), envelopes: {} })).status).toBe(409);
    expect((await rotate(r, id, key, { newKey: randomKey(), envelopes: { 'm-a': 'QQ==', 'm-b': 'Qg==' } })).status).toBe(204);
  });

  it('accepts an empty set when every member is removed or key-less, and for books without members', async () => {
    const r = await relay();
    const id = randomId();
    const key = randomKey();
    const doc = new Y.Doc();
    putRecord(doc, 'members', { ...member('m-a', 'A'), publicKey: PUBLIC_KEY, removed: true });
    putRecord(doc, 'members', member('m-c', 'C'));
    const a = client(r, id, key, doc);
    await a.synced;
    const probe = client(r, id, key);
    await waitFor(() => probe.doc.getMap('members').size === 2, 3000, 'the members on the relay');
    expect((await rotate(r, id, key, { newKey: randomKey(), envelopes: {} })).status).toBe(204);
  });

  it('writes one audit line per key change: time, workspace, member, address, sealed and left out — never a key', async () => {
    const r = await relay();
    const { id, key, a } = await sharedBooks(r);
    patchRecord(a.doc, 'members', 'm-b', { removed: true });
    const check = client(r, id, key);
    await waitFor(() => (check.doc.getMap('members').get('m-b') as Y.Map<unknown> | undefined)?.get('removed') === true, 3000, 'the removal on the relay');
    const newKey = randomKey();
    expect((await rotate(r, id, key, { newKey, envelopes: { 'm-a': 'QQ==' }, by: 'm-a' })).status).toBe(204);
    const lines = r.logs.filter((l) => l.msg === 'key rotated');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', workspace: id, by: 'm-a', remote: '127.0.0.1', sealed: ['m-a'], removed: ['m-b'], keyless: ['m-c'], closed: 2 });
    expect(Date.parse(String(lines[0].time))).toBeGreaterThan(Date.now() - 10_000);
    const all = JSON.stringify(r.logs);
    expect(all).not.toContain(key);
    expect(all).not.toContain(newKey);
    // `by` is checked like a member id; a refused rotation writes no audit line.
    expect((await rotate(r, id, newKey, { newKey: randomKey(), envelopes: { 'm-a': 'QQ==' }, by: 'not an id!' })).status).toBe(400);
    expect(r.logs.filter((l) => l.msg === 'key rotated')).toHaveLength(1);
  });
});

/** Opens a raw socket offering `protocols`; the negotiated protocol, or the refusing status. */
function offer(url: string, protocols: string[]): Promise<{ kind: 'open'; protocol: string; ws: WebSocket } | { kind: 'refused'; status: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols);
    ws.on('open', () => resolve({ kind: 'open', protocol: ws.protocol, ws }));
    ws.on('unexpected-response', (_req, res) => {
      res.resume();
      resolve({ kind: 'refused', status: res.statusCode ?? 0 });
    });
    ws.on('error', reject);
  });
}

describe('the token travels in a subprotocol', () => {
  it('accepts relance-token.<token> and answers with relance.v1 only; refuses a wrong or missing one (401)', async () => {
    const r = await relay();
    const id = randomId();
    const key = randomKey();
    await client(r, id, key).synced;
    const ok = await offer(`${r.syncUrl}/${id}`, ['relance.v1', `relance-token.${key}`]);
    expect(ok).toMatchObject({ kind: 'open', protocol: 'relance.v1' });
    if (ok.kind === 'open') {
      const done = closed(ok.ws);
      ok.ws.close(1000);
      await done;
    }
    expect(await offer(`${r.syncUrl}/${id}`, ['relance.v1', `relance-token.${randomKey()}`])).toEqual({ kind: 'refused', status: 401 });
    expect(await offer(`${r.syncUrl}/${id}`, ['relance.v1'])).toEqual({ kind: 'refused', status: 401 });
    // The subprotocol wins over the query: a right ?token= does not rescue a wrong subprotocol token.
    expect(await offer(`${r.syncUrl}/${id}?token=${key}`, ['relance.v1', `relance-token.${randomKey()}`])).toEqual({ kind: 'refused', status: 401 });
  });

  it('still accepts ?token= (stock y-websocket clients)', async () => {
    const r = await relay();
    const id = randomId();
    const key = randomKey();
    await client(r, id, key).synced;
    const viaQuery = await rawSocket(`${r.syncUrl}/${id}?token=${key}`);
    expect(viaQuery.kind).toBe('open');
    if (viaQuery.kind === 'open') {
      const done = closed(viaQuery.ws);
      viaQuery.ws.close(1000);
      await done;
    }
    expect(await rawSocket(`${r.syncUrl}/${id}?token=${randomKey()}`)).toMatchObject({ kind: 'refused', status: 401 });
  });
});
