// The relay end to end, in this process: real y-websocket clients, raw sockets, raw HTTP.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { runAdmin } from '../../sync-server/admin.js';
import {
  closed,
  connectClient,
  http,
  metric,
  randomId,
  randomKey,
  rawSocket,
  removeDir,
  sleep,
  startTestRelay,
  waitFor,
  type Client,
  type TestRelay,
  type TestRelayOptions
} from './helpers.js';

let relays: TestRelay[] = [];
let clients: Client[] = [];

async function relay(options: TestRelayOptions = {}): Promise<TestRelay> {
  const started = await startTestRelay(options);
  relays.push(started);
  return started;
}

function client(r: TestRelay, workspaceId: string, key: string, doc?: Y.Doc): Client {
  const c = connectClient(r.syncUrl, workspaceId, key, doc);
  clients.push(c);
  return c;
}

afterEach(async () => {
  for (const c of clients) c.destroy();
  clients = [];
  for (const r of relays) {
    await r.stop();
    removeDir(r.dataDir);
  }
  relays = [];
});

const invoices = (c: Client) => c.doc.getMap<unknown>('invoices');

describe('sync', () => {
  it('propagates an edit from one client to the other, in both directions', async () => {
    const r = await relay();
    const id = randomId();
    const key = randomKey();
    const a = client(r, id, key);
    const b = client(r, id, key);
    await Promise.all([a.synced, b.synced]);
    invoices(a).set('F-2026-A-0001', { total: 120000 });
    await waitFor(() => invoices(b).has('F-2026-A-0001'), 5000, 'B to receive A’s invoice');
    expect(invoices(b).get('F-2026-A-0001')).toEqual({ total: 120000 });
    invoices(b).set('F-2026-B-0001', { total: 5000 });
    await waitFor(() => invoices(a).has('F-2026-B-0001'), 5000, 'A to receive B’s invoice');
    expect(r.relay.counters.updatesPersisted).toBeGreaterThanOrEqual(2);
    expect(r.relay.gauges()).toEqual({ connections: 2, workspacesLoaded: 1, archiveRoomsLoaded: 0 });
  });

  it('keeps workspaces apart even with the same key', async () => {
    const r = await relay();
    const key = randomKey();
    const [one, two] = [randomId(), randomId()];
    const a = client(r, one, key);
    const b = client(r, two, key);
    const a2 = client(r, one, key);
    await Promise.all([a.synced, b.synced, a2.synced]);
    invoices(a).set('secret', 'one');
    invoices(b).set('other', 'two');
    await waitFor(() => invoices(a2).has('secret'), 5000, 'the same workspace to sync');
    await sleep(200);
    expect(invoices(b).has('secret')).toBe(false);
    expect(invoices(a).has('other')).toBe(false);
    expect(invoices(a2).has('other')).toBe(false);
  });

  it('gives a new client everything after a graceful restart on the same DATA_DIR', async () => {
    const first = await startTestRelay();
    const id = randomId();
    const key = randomKey();
    const a = connectClient(first.syncUrl, id, key);
    const b = connectClient(first.syncUrl, id, key);
    await Promise.all([a.synced, b.synced]);
    for (let i = 0; i < 20; i++) (i % 2 ? invoices(a) : invoices(b)).set(`F-${i}`, i);
    await waitFor(() => invoices(a).size === 20 && invoices(b).size === 20, 5000, 'both clients to converge');
    a.destroy();
    b.destroy();
    await first.stop();
    const second = await relay({ dataDir: first.dataDir });
    const c = client(second, id, key);
    await c.synced;
    expect(invoices(c).size).toBe(20);
    expect(invoices(c).get('F-7')).toBe(7);
  });
});

describe('auth before the upgrade', () => {
  it('answers a wrong or missing key with 401 and creates no socket', async () => {
    const r = await relay();
    const id = randomId();
    const key = randomKey();
    const owner = client(r, id, key);
    await owner.synced;
    const wrong = await rawSocket(`${r.syncUrl}/${id}?token=${randomKey()}`);
    expect(wrong).toMatchObject({ kind: 'refused', status: 401 });
    const missing = await rawSocket(`${r.syncUrl}/${id}`);
    expect(missing).toMatchObject({ kind: 'refused', status: 401 });
    const malformed = await rawSocket(`${r.syncUrl}/${id}?token=not-a-key`);
    expect(malformed).toMatchObject({ kind: 'refused', status: 401 });
    if (wrong.kind === 'refused') expect(JSON.parse(wrong.body).error).toMatch(/key/);
    expect(r.relay.gauges().connections).toBe(1);
    expect(r.relay.counters.authRefused).toBe(3);
  });

  it('does not register a workspace without a valid key', async () => {
    const r = await relay();
    const id = randomId();
    expect(await rawSocket(`${r.syncUrl}/${id}`)).toMatchObject({ kind: 'refused', status: 401 });
    expect(r.relay.store.keyHash(id)).toBe(null);
  });

  it('answers bad paths before the upgrade: 400 for a bad workspace id, 404 elsewhere (no such room)', async () => {
    const r = await relay();
    const key = randomKey();
    expect(await rawSocket(`${r.syncUrl}/${'x'.repeat(65)}?token=${key}`)).toMatchObject({ kind: 'refused', status: 400 });
    expect(await rawSocket(`${r.syncUrl}/a.b?token=${key}`)).toMatchObject({ kind: 'refused', status: 400 });
    // A valid id followed by anything but archive/<year> is no room of it (rooms.ts).
    expect(await rawSocket(`${r.syncUrl}/a/b?token=${key}`)).toMatchObject({ kind: 'refused', status: 404 });
    expect(await rawSocket(`${r.relay.url.replace('http', 'ws')}/elsewhere`)).toMatchObject({ kind: 'refused', status: 404 });
    expect(r.relay.gauges().connections).toBe(0);
  });

  it('refuses unknown workspaces with 403 when registration is closed, until `admin add`', async () => {
    const r = await relay({ openRegistration: false });
    const id = randomId();
    const key = randomKey();
    expect(await rawSocket(`${r.syncUrl}/${id}?token=${key}`)).toMatchObject({ kind: 'refused', status: 403 });
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
    expect(runAdmin(['add', id, key], { DATA_DIR: r.dataDir }, io)).toBe(0); // while the relay runs (WAL)
    expect(runAdmin(['add', id, key], { DATA_DIR: r.dataDir }, io)).toBe(1);
    const a = client(r, id, key);
    await a.synced;
    invoices(a).set('x', 1);
    expect(await rawSocket(`${r.syncUrl}/${id}?token=${randomKey()}`)).toMatchObject({ kind: 'refused', status: 401 });
    await waitFor(() => r.relay.store.count(id) === 1, 2000, 'the update to be stored');
    out.length = 0;
    expect(runAdmin(['list', '--json'], { DATA_DIR: r.dataDir }, io)).toBe(0);
    expect(JSON.parse(out[0])).toEqual([expect.objectContaining({ id, updates: 1 })]);
    expect(runAdmin(['nonsense'], { DATA_DIR: r.dataDir }, io)).toBe(2);
  });
});

describe('key rotation and envelopes', () => {
  it('refuses the old key, accepts the new one, closes open sockets with 4401, serves envelopes', async () => {
    const r = await relay();
    const id = randomId();
    const oldKey = randomKey();
    const newKey = randomKey();
    const a = client(r, id, oldKey);
    await a.synced;
    invoices(a).set('before', true);
    const raw = await rawSocket(`${r.syncUrl}/${id}?token=${oldKey}`);
    if (raw.kind !== 'open') throw new Error('raw socket refused');
    const rawClosed = closed(raw.ws);
    const closeCodes: number[] = [];
    a.provider.on('connection-close', (event) => {
      if (event) closeCodes.push(event.code);
    });

    const body = JSON.stringify({ newKey, envelopes: { 'device-b': 'ZW52ZWxvcGUtYg==', 'device-c': 'ZW52LWM=' } });
    const headers = { authorization: `Bearer ${oldKey}`, 'content-type': 'application/json' };
    const rotated = await http(r.relay.url, `/sync/${id}/rotate`, { method: 'POST', headers, body });
    expect(rotated.status).toBe(204);
    expect(await rawClosed).toBe(4401);
    await waitFor(() => closeCodes.includes(4401), 2000, 'the provider to see 4401');

    expect(await rawSocket(`${r.syncUrl}/${id}?token=${oldKey}`)).toMatchObject({ kind: 'refused', status: 401 });
    a.destroy();
    const b = client(r, id, newKey);
    await b.synced;
    expect(invoices(b).get('before')).toBe(true);

    const env = await http(r.relay.url, `/sync/${id}/envelope/device-b`);
    expect(env.status).toBe(200);
    expect(env.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(env.body)).toEqual({ envelope: 'ZW52ZWxvcGUtYg==' });
    expect((await http(r.relay.url, `/sync/${id}/envelope/device-removed`)).status).toBe(404);
    expect((await http(r.relay.url, `/sync/${randomId()}/envelope/device-b`)).status).toBe(404);

    // A second rotation replaces the envelopes.
    const third = randomKey();
    const again = await http(r.relay.url, `/sync/${id}/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${newKey}` },
      body: JSON.stringify({ newKey: third, envelopes: { 'device-c': 'bmV3' } })
    });
    expect(again.status).toBe(204);
    expect((await http(r.relay.url, `/sync/${id}/envelope/device-b`)).status).toBe(404);
    expect(JSON.parse((await http(r.relay.url, `/sync/${id}/envelope/device-c`)).body)).toEqual({ envelope: 'bmV3' });
  });

  it('refuses rotation without the current key (401) and with a bad body (400), oversized (413)', async () => {
    const r = await relay({ limits: { maxBodyBytes: 64 * 1024 } });
    const id = randomId();
    const key = randomKey();
    const a = client(r, id, key);
    await a.synced;
    const body = JSON.stringify({ newKey: randomKey(), envelopes: {} });
    const post = (headers: Record<string, string>, payload: string) =>
      http(r.relay.url, `/sync/${id}/rotate`, { method: 'POST', headers, body: payload });
    expect((await post({}, body)).status).toBe(401);
    expect((await post({ authorization: `Bearer ${randomKey()}` }, body)).status).toBe(401);
    expect((await http(r.relay.url, `/sync/${randomId()}/rotate`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body })).status).toBe(401);
    const auth = { authorization: `Bearer ${key}` };
    for (const bad of ['{', '[]', JSON.stringify({ newKey: 'short', envelopes: {} }), JSON.stringify({ newKey: randomKey() }),
      JSON.stringify({ newKey: randomKey(), envelopes: { 'bad id!': 'QQ==' } }),
      JSON.stringify({ newKey: randomKey(), envelopes: { m: 'not base64 !' } }),
      JSON.stringify({ newKey: randomKey(), envelopes: { m: 'Q'.repeat(4097) } })]) {
      const res = await post(auth, bad);
      expect(res.status, bad.slice(0, 60)).toBe(400);
      expect(JSON.parse(res.body).error).toEqual(expect.any(String));
    }
    const huge = JSON.stringify({ newKey: randomKey(), envelopes: { m: 'Q'.repeat(100_000) } });
    const tooLarge = await post(auth, huge);
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.body).error).toMatch(/limited/);
    // Nothing changed: the key still works.
    expect(r.relay.gauges().connections).toBe(1);
    expect((await http(r.relay.url, `/sync/${id}/auth`, { headers: auth })).status).toBe(200);
    expect(r.relay.counters.authRefused).toBe(3);
  });

  it('lets a device check its key over HTTP (browsers cannot see a refused upgrade’s status)', async () => {
    const r = await relay();
    const id = randomId();
    const key = randomKey();
    const check = (k?: string) => http(r.relay.url, `/sync/${id}/auth`, { headers: k ? { authorization: `Bearer ${k}` } : {} });
    expect(JSON.parse((await check(key)).body)).toEqual({ registered: false });
    const a = client(r, id, key);
    await a.synced;
    const ok = await check(key);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ registered: true });
    expect(ok.headers['access-control-allow-origin']).toBe('*');
    expect((await check(randomKey())).status).toBe(401);
    expect((await check()).status).toBe(401);
    const preflight = await http(r.relay.url, `/sync/${id}/rotate`, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/authorization/);
    expect((await http(r.relay.url, `/sync/${id}`)).status).toBe(426);
    expect((await http(r.relay.url, `/sync/${id}/nothing`)).status).toBe(404);
    expect((await http(r.relay.url, `/sync/${id}/rotate`)).status).toBe(405);
  });
});

describe('memory and storage', () => {
  it('unloads an idle workspace after compacting it, and reloads it with all data', async () => {
    const r = await relay({ idleUnloadMs: 300, compactRows: 10_000 });
    const id = randomId();
    const key = randomKey();
    const a = client(r, id, key);
    await a.synced;
    for (let i = 0; i < 50; i++) invoices(a).set(`F-${i}`, { total: i });
    await waitFor(() => r.relay.store.count(id) === 50, 5000, '50 stored updates');
    a.destroy();
    await waitFor(() => r.relay.gauges().connections === 0, 2000, 'the socket to close');
    expect(r.relay.gauges().workspacesLoaded).toBe(1);
    await waitFor(() => r.relay.gauges().workspacesLoaded === 0, 3000, 'the idle unload');
    expect(r.relay.store.count(id)).toBe(1);
    const metrics = await http(r.relay.url, '/metrics');
    expect(metric(metrics.body, 'relance_workspaces_loaded')).toBe(0);
    expect(metric(metrics.body, 'relance_connections')).toBe(0);

    const b = client(r, id, key);
    await b.synced;
    expect(invoices(b).size).toBe(50);
    expect(invoices(b).get('F-49')).toEqual({ total: 49 });
    expect(r.relay.gauges().workspacesLoaded).toBe(1);
  });

  it('compacts a busy workspace past RELAY_COMPACT_ROWS while clients stay connected', async () => {
    const r = await relay({ compactRows: 20 });
    const id = randomId();
    const key = randomKey();
    const a = client(r, id, key);
    const b = client(r, id, key);
    await Promise.all([a.synced, b.synced]);
    for (let i = 0; i < 100; i++) {
      invoices(a).set(`F-${i}`, i);
      if (i % 10 === 0) await sleep(5);
    }
    await waitFor(() => invoices(b).size === 100, 5000, 'B to get 100 invoices');
    await sleep(50);
    expect(r.relay.store.count(id)).toBeLessThanOrEqual(21);
    expect(r.relay.counters.compactions).toBeGreaterThan(0);
    const c = client(r, id, key);
    await c.synced;
    expect(invoices(c).size).toBe(100);
  });
});

describe('limits', () => {
  it('answers 429 past the per-address cap and 503 past the per-workspace cap, before the upgrade', async () => {
    const r = await relay({ limits: { maxConnectionsPerAddress: 3, maxConnectionsPerWorkspace: 2 } });
    const key = randomKey();
    const id = randomId();
    const open = async (workspace: string) => rawSocket(`${r.syncUrl}/${workspace}?token=${key}`);
    const first = await open(id);
    const second = await open(id);
    expect(first.kind).toBe('open');
    expect(second.kind).toBe('open');
    expect(await open(id)).toMatchObject({ kind: 'refused', status: 503 });
    const other = await open(randomId());
    expect(other.kind).toBe('open');
    expect(await open(randomId())).toMatchObject({ kind: 'refused', status: 429 });
    expect(r.relay.gauges().connections).toBe(3);
    expect(r.relay.counters.connectionsRefused).toBe(2);
    // A closed socket frees its slot.
    if (first.kind === 'open') {
      first.ws.close();
      await closed(first.ws);
    }
    await waitFor(() => r.relay.gauges().connections === 2, 2000, 'the slot to be freed');
    const again = await open(id);
    expect(again.kind).toBe('open');
    for (const s of [second, other, again]) if (s.kind === 'open') s.ws.close();
  });

  it('terminates a socket that does not answer pings', async () => {
    const r = await relay({ limits: { pingIntervalMs: 100 } });
    const key = randomKey();
    const id = randomId();
    const silent = await rawSocket(`${r.syncUrl}/${id}?token=${key}`, { autoPong: false });
    const healthy = client(r, id, key);
    await healthy.synced;
    if (silent.kind !== 'open') throw new Error('refused');
    expect(await closed(silent.ws)).toBe(1006);
    await sleep(350);
    expect(healthy.provider.wsconnected).toBe(true);
    expect(r.relay.gauges().connections).toBe(1);
  });
});

describe('health, metrics and the app', () => {
  it('reports health and moving counters, never cached', async () => {
    const r = await relay();
    const health = await http(r.relay.url, '/healthz');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ ok: true });
    expect(health.headers['cache-control']).toBe('no-store');

    const before = await http(r.relay.url, '/metrics');
    expect(before.status).toBe(200);
    expect(before.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(before.headers['cache-control']).toBe('no-store');
    for (const name of ['relance_updates_persisted_total', 'relance_bytes_in_total', 'relance_bytes_out_total', 'relance_auth_refused_total']) {
      expect(metric(before.body, name)).toBe(0);
    }
    const id = randomId();
    const key = randomKey();
    const a = client(r, id, key);
    const b = client(r, id, key);
    await Promise.all([a.synced, b.synced]);
    invoices(a).set('x', 1);
    await waitFor(() => invoices(b).has('x'), 5000, 'propagation');
    await rawSocket(`${r.syncUrl}/${id}?token=${randomKey()}`);
    const after = await http(r.relay.url, '/metrics');
    expect(metric(after.body, 'relance_connections')).toBe(2);
    expect(metric(after.body, 'relance_workspaces_loaded')).toBe(1);
    expect(metric(after.body, 'relance_updates_persisted_total')).toBe(1);
    expect(metric(after.body, 'relance_bytes_in_total')).toBeGreaterThan(0);
    expect(metric(after.body, 'relance_bytes_out_total')).toBeGreaterThan(0);
    expect(metric(after.body, 'relance_auth_refused_total')).toBe(1);
  });

  it('answers 503 on /healthz when SQLite is gone', async () => {
    const r = await relay();
    r.relay.store.db.close();
    const health = await http(r.relay.url, '/healthz');
    expect(health.status).toBe(503);
    expect(JSON.parse(health.body).ok).toBe(false);
    expect(r.logs.some((l) => l.level === 'error' && l.msg === 'health check failed')).toBe(true);
  });

  it('serves the SPA fallback and the hashed assets, and never a file outside the app', async () => {
    const r = await relay();
    const page = await http(r.relay.url, '/documents/F-2026-A-0001');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Relance</title>');
    expect(page.headers['cache-control']).toBe('no-cache');
    const asset = await http(r.relay.url, '/_app/immutable/entry.abc123.js');
    expect(asset.headers['cache-control']).toMatch(/immutable/);
    expect((await http(r.relay.url, '/missing.js')).status).toBe(404);
    for (const path of [
      '/../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/..%2f..%2fetc%2fpasswd',
      '/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%00/etc/passwd'
    ]) {
      const res = await http(r.relay.url, path);
      expect(res.body, path).not.toContain('root:');
      expect(res.body, path).not.toContain('TOP-SECRET');
      expect([200, 400, 404], path).toContain(res.status);
      if (res.status === 200) expect(res.body, path).toContain('<title>Relance</title>');
    }
  });
});
