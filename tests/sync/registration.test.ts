// Who may create a workspace: closed by default off loopback, registration codes issued by the
// operator (relay:admin), wrong codes rate-limited, and an open relay that refuses a flood of new
// workspaces from one address. Real HTTP and WebSocket clients against a real relay.
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { authorize } from '../../sync-server/auth.js';
import { RelayStore } from '../../sync-server/persistence.js';
import {
  hashRegistrationCode,
  isLoopbackHost,
  newRegistrationCode,
  normalizeRegistrationCode,
  RateWindow
} from '../../sync-server/registration.js';
import { optionsFromEnv } from '../../sync-server/server.js';
import { connectClient, http, randomId, randomKey, rawSocket, removeDir, startTestRelay, tempDir, type TestRelay } from './helpers';

const root = resolve(import.meta.dirname, '../..');
const adminJs = join(root, 'sync-server/dist/admin.js');
const serverJs = join(root, 'sync-server/dist/server.js');

let relays: TestRelay[] = [];
let dirs: string[] = [];

beforeAll(() => {
  // The admin round trip runs the built scripts, as an operator would.
  const built = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'sync-server'], { cwd: root, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`tsc -p sync-server failed: ${built.stdout}${built.stderr}`);
}, 120_000);

afterEach(async () => {
  for (const r of relays.splice(0)) {
    await r.stop();
    removeDir(r.dataDir);
  }
  for (const d of dirs.splice(0)) removeDir(d);
});

async function relay(options: Parameters<typeof startTestRelay>[0] = {}): Promise<TestRelay> {
  const r = await startTestRelay(options);
  relays.push(r);
  return r;
}

function admin(dataDir: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [adminJs, ...args], { cwd: root, env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' });
  return { status: run.status, out: run.stdout.trim(), err: run.stderr.trim() };
}

function register(r: TestRelay, workspaceId: string, key: string, code: unknown, headers: Record<string, string> = {}) {
  return http(r.relay.url, `/sync/${workspaceId}/register`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ code })
  });
}

/** A code issued straight into the relay's store (what `relay:admin code` does). */
function issue(r: TestRelay, uses: number, expiresAt: number | null = null, id = randomId('c')): string {
  const code = newRegistrationCode();
  r.relay.store.addRegistrationCode(id, hashRegistrationCode(normalizeRegistrationCode(code)!), uses, expiresAt);
  return code;
}

describe('registration codes', () => {
  it('are RLC- and 16 Crockford symbols (80 bits), and read back whatever the case, spaces or confusable letters', () => {
    const code = newRegistrationCode();
    expect(code).toMatch(/^RLC(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    expect(new Set(Array.from({ length: 50 }, () => newRegistrationCode())).size).toBe(50);
    const canonical = normalizeRegistrationCode('RLC-0123-4567-89AB-CDEF');
    expect(canonical).toBe('0123456789ABCDEF');
    expect(normalizeRegistrationCode(' rlc 0123 4567 89ab cdef ')).toBe(canonical);
    expect(normalizeRegistrationCode('O123-4567-89AB-CDEF')).toBe(canonical); // letter O for zero
    expect(normalizeRegistrationCode('RLC-Ol23-4567-89AB-CDEF')).toBe('0123456789ABCDEF'); // O and l
    for (const bad of ['', 'RLC-0123', 'RLC-0123-4567-89AB-CDEU', 'x'.repeat(200), 42, null]) expect(normalizeRegistrationCode(bad)).toBeNull();
  });

  it('registration is open by default only on a loopback HOST without a proxy in front', () => {
    expect(optionsFromEnv({ HOST: '0.0.0.0' }).openRegistration).toBe(false);
    expect(optionsFromEnv({ HOST: '192.168.1.10' }).openRegistration).toBe(false);
    expect(optionsFromEnv({ HOST: '::' }).openRegistration).toBe(false);
    expect(optionsFromEnv({}).openRegistration).toBe(true);
    expect(optionsFromEnv({ HOST: 'localhost' }).openRegistration).toBe(true);
    expect(optionsFromEnv({ HOST: '::1' }).openRegistration).toBe(true);
    expect(optionsFromEnv({ HOST: '0.0.0.0', RELAY_OPEN_REGISTRATION: 'true' }).openRegistration).toBe(true);
    // Behind a reverse proxy, a loopback relay is exposed all the same.
    expect(optionsFromEnv({ HOST: '127.0.0.1', RELAY_TRUST_PROXY: 'true' }).openRegistration).toBe(false);
    expect(optionsFromEnv({ RELAY_TRUST_PROXY: 'true', RELAY_OPEN_REGISTRATION: 'true' }).openRegistration).toBe(true);
    expect(isLoopbackHost('127.0.0.53')).toBe(true);
    expect(isLoopbackHost('127.example.fr')).toBe(false);
    expect(() => optionsFromEnv({ RELAY_REGISTRATIONS_PER_HOUR: 'lots' })).toThrow(/RELAY_REGISTRATIONS_PER_HOUR/);
  });

  it('a relay started on 0.0.0.0 without configuration refuses unknown workspaces (403) and registers them with a code', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const port = await new Promise<number>((done) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => done(p));
      });
    });
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '0.0.0.0', DATA_DIR: dataDir, APP_DIR: join(dataDir, 'no-app') };
    delete env.RELAY_OPEN_REGISTRATION;
    const child = spawn(process.execPath, [serverJs], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await new Promise<void>((done, fail) => {
        child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('"listening"') && done());
        child.once('exit', (code) => fail(new Error(`relay exited with ${code}`)));
      });
      const url = `http://127.0.0.1:${port}`;
      const key = randomKey();
      const refused = await rawSocket(`ws://127.0.0.1:${port}/sync/acme?token=${key}`);
      expect(refused).toMatchObject({ kind: 'refused', status: 403 });
      expect((await http(url, '/sync/acme/auth', { headers: { authorization: `Bearer ${key}` } })).status).toBe(403);

      const issued = admin(dataDir, 'code');
      expect(issued.status).toBe(0);
      const r = { relay: { url } } as TestRelay;
      expect((await register(r, 'acme', key, issued.out)).status).toBe(201);
      const opened = await rawSocket(`ws://127.0.0.1:${port}/sync/acme?token=${key}`);
      expect(opened.kind).toBe('open');
      if (opened.kind === 'open') opened.ws.terminate();
    } finally {
      child.kill('SIGTERM');
      await new Promise((done) => child.once('exit', done));
    }
  }, 30_000);

  it('a code for N uses registers exactly N workspaces, each usable with its own key afterwards', async () => {
    const r = await relay({ openRegistration: false });
    const code = issue(r, 3);
    const keys = Array.from({ length: 5 }, () => randomKey());
    const results = await Promise.all(keys.map((key, i) => register(r, `team-${i}`, key, code)));
    const statuses = results.map((res) => res.status).sort();
    expect(statuses).toEqual([201, 201, 201, 403, 403]);
    for (const res of results.filter((x) => x.status === 403)) expect(JSON.parse(res.body)).toMatchObject({ reason: 'used' });
    expect(r.relay.store.listRegistrationCodes()[0]).toMatchObject({ uses: 3, usesLeft: 0 });
    const registered = keys.filter((_, i) => results[i].status === 201);
    expect(r.relay.store.list()).toHaveLength(3);
    // Each registration is logged with the code's id (never the code), for the operator's audit.
    const id = r.relay.store.listRegistrationCodes()[0].id;
    expect(r.logs.filter((l) => l.msg === 'workspace registered with a code' && l.code === id)).toHaveLength(3);
    expect(JSON.stringify(r.logs)).not.toContain(normalizeRegistrationCode(code)!);
    // A registered workspace syncs with its key; a second registration of it is a conflict.
    const i = results.findIndex((x) => x.status === 201);
    const client = connectClient(r.syncUrl, `team-${i}`, keys[i]);
    await client.synced;
    client.destroy();
    expect(registered).toContain(keys[i]);
    const again = await register(r, `team-${i}`, randomKey(), issue(r, 1, null, 'c-spare'));
    expect(again.status).toBe(409);
    expect(r.relay.store.listRegistrationCodes().find((c) => c.id === 'c-spare')?.usesLeft).toBe(1); // a conflict consumes nothing
  });

  it('refuses wrong, expired and revoked codes with their reason, and a request without a valid key', async () => {
    const r = await relay({ openRegistration: false });
    const expired = issue(r, 5, Date.now() - 1);
    const revoked = issue(r, 5, null, 'c-revoked');
    expect(r.relay.store.revokeRegistrationCode('c-revoked')).toBe(true);
    const reason = async (code: unknown) => {
      const res = await register(r, randomId(), randomKey(), code);
      return [res.status, JSON.parse(res.body).reason];
    };
    expect(await reason(expired)).toEqual([403, 'expired']);
    expect(await reason(revoked)).toEqual([403, 'revoked']);
    expect(await reason(newRegistrationCode())).toEqual([403, 'unknown']);
    expect(await reason('not a code')).toEqual([403, 'unknown']);
    expect((await register(r, 'acme', 'short', issue(r, 1))).status).toBe(401);
    const notJson = await http(r.relay.url, '/sync/acme/register', { method: 'POST', headers: { authorization: `Bearer ${randomKey()}` }, body: '{nope' });
    expect(notJson.status).toBe(400);
    expect((await http(r.relay.url, '/sync/acme/register', { method: 'GET' })).status).toBe(405);
    expect(r.relay.store.list()).toHaveLength(0);
  });

  it('answers 429 after 10 wrong codes a minute from one address, even to the right code', async () => {
    const r = await relay({ openRegistration: false, codeAttemptsPerMinute: 10 });
    const good = issue(r, 1);
    for (let i = 0; i < 10; i++) expect((await register(r, randomId(), randomKey(), newRegistrationCode())).status).toBe(403);
    const blocked = await register(r, 'acme', randomKey(), good);
    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toBe('60');
    expect(r.relay.store.listRegistrationCodes()[0].usesLeft).toBe(1);
  });

  it('an open relay registers at most RELAY_REGISTRATIONS_PER_HOUR workspaces per address: the 150-workspace flood is refused', async () => {
    // The relay's default cap, as `npm start` has it (the test helper lifts it for other tests).
    const r = await relay({ openRegistration: true, registrationsPerHour: optionsFromEnv({}).registrationsPerHour });
    const keys = Array.from({ length: 150 }, () => randomKey());
    const outcomes = await Promise.all(keys.map((key, i) => rawSocket(`${r.syncUrl}/flood-${i}?token=${key}`)));
    const opened = outcomes.filter((o) => o.kind === 'open');
    for (const o of opened) if (o.kind === 'open') o.ws.terminate();
    expect(opened).toHaveLength(20); // the default
    expect(outcomes.filter((o) => o.kind === 'refused' && o.status === 429)).toHaveLength(130);
    expect(r.relay.store.list()).toHaveLength(20);
    // /auth says so for a new workspace (a browser cannot read the refused upgrade's status).
    expect((await http(r.relay.url, '/sync/flood-new/auth', { headers: { authorization: `Bearer ${randomKey()}` } })).status).toBe(429);
    // Workspaces already registered are not affected by the cap: one of them reconnects.
    const first = outcomes.findIndex((o) => o.kind === 'open');
    const again = await rawSocket(`${r.syncUrl}/flood-${first}?token=${keys[first]}`);
    expect(again.kind).toBe('open');
    if (again.kind === 'open') again.ws.terminate();
  });

  it('the per-hour window forgets after an hour', () => {
    let now = 0;
    const window = new RateWindow(2, 3_600_000, () => now);
    window.note('a');
    window.note('a');
    expect(window.allows('a')).toBe(false);
    expect(window.allows('b')).toBe(true);
    now = 3_600_001;
    expect(window.allows('a')).toBe(true);
  });

  it('authorize returns 429 from the gate only for a new workspace', () => {
    const store = new RelayStore(new Database(':memory:'));
    const closedGate = { allows: () => false, note: () => {} };
    const key = randomKey();
    expect(authorize(store, 'a', key, true, closedGate)).toMatchObject({ ok: false, status: 429 });
    expect(authorize(store, 'a', key, true)).toMatchObject({ ok: true, registered: true });
    expect(authorize(store, 'a', key, true, closedGate)).toMatchObject({ ok: true, registered: false });
    store.close();
  });
});

describe('relay:admin codes', () => {
  it('code, codes, revoke: a round trip with the built script against a temporary DATA_DIR', async () => {
    expect(existsSync(adminJs)).toBe(true);
    const dataDir = tempDir();
    dirs.push(dataDir);
    const made = admin(dataDir, 'code', '--uses', '2', '--expires', '7');
    expect(made.status).toBe(0);
    expect(made.out).toMatch(/^RLC(-[0-9A-Z]{4}){4}$/);
    const listed = JSON.parse(admin(dataDir, 'codes', '--json').out) as { id: string; uses: number; usesLeft: number; expiresAt: string }[];
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ uses: 2, usesLeft: 2 });
    const days = (Date.parse(listed[0].expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    // The list never holds the code, nor its hash.
    const table = admin(dataDir, 'codes').out;
    expect(table).toContain(listed[0].id);
    expect(table).toContain('2/2');
    expect(table + JSON.stringify(listed)).not.toContain(made.out.slice(4));
    expect(table + JSON.stringify(listed)).not.toContain(hashRegistrationCode(normalizeRegistrationCode(made.out)!));

    // The code works on a relay using that DATA_DIR, once revoked it does not.
    const r = await relay({ dataDir, openRegistration: false });
    expect((await register(r, 'one', randomKey(), made.out.toLowerCase())).status).toBe(201);
    expect(admin(dataDir, 'revoke', listed[0].id)).toMatchObject({ status: 0 });
    expect(admin(dataDir, 'revoke', listed[0].id).status).toBe(1);
    const after = await register(r, 'two', randomKey(), made.out);
    expect([after.status, JSON.parse(after.body).reason]).toEqual([403, 'revoked']);
    expect(admin(dataDir, 'code', '--uses', 'many').status).toBe(2);
    expect(admin(dataDir, 'code', '--uses', '0').status).toBe(1);
  }, 30_000); // eight Node processes: slow on a busy machine
});
