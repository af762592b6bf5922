// The relay as operators run it: `node sync-server/dist/server.js` in its own process (compiled
// here first with `tsc -p sync-server`), killed with SIGKILL, stopped with SIGTERM, fed garbage,
// and the admin command.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closed, connectClient, http, randomId, randomKey, rawSocket, removeDir, sleep, tempDir, waitFor, type Client } from './helpers.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const serverJs = join(root, 'sync-server', 'dist', 'server.js');
const adminJs = join(root, 'sync-server', 'dist', 'admin.js');

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'sync-server')], {
    cwd: root,
    stdio: 'pipe'
  });
}, 60_000);

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

interface RelayProcess {
  child: ChildProcess;
  url: string;
  syncUrl: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: string[];
}

const children: ChildProcess[] = [];
let clients: Client[] = [];
let dirs: string[] = [];

afterEach(() => {
  for (const c of clients) c.destroy();
  clients = [];
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) removeDir(dir);
});

/** Starts `node sync-server/dist/server.js`; resolves once it logs "listening". */
async function spawnRelay(dataDir: string, port: number, env: Record<string, string> = {}): Promise<RelayProcess> {
  const child = spawn(process.execPath, [serverJs], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, APP_DIR: join(dataDir, 'no-app'), ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  children.push(child);
  const output: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal }))
  );
  createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
  const url = await new Promise<string>((done, fail) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      try {
        const parsed = JSON.parse(line) as { msg?: string; url?: string };
        if (parsed.msg === 'listening' && parsed.url) done(parsed.url);
      } catch {
        fail(new Error(`not a JSON log line: ${line}`));
      }
    });
    void exited.then(({ code }) => fail(new Error(`relay exited with ${code}: ${output.join('\n')}`)));
  });
  return { child, url, syncUrl: url.replace(/^http/, 'ws') + '/sync', exited, output };
}

function client(syncUrl: string, id: string, key: string): Client {
  const c = connectClient(syncUrl, id, key);
  clients.push(c);
  return c;
}

describe('relay process', () => {
  it('loses nothing another client received when killed with SIGKILL', { timeout: 60_000 }, async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const port = await freePort();
    const id = randomId();
    const key = randomKey();
    const N = 300;

    let relay = await spawnRelay(dataDir, port);
    const a = client(relay.syncUrl, id, key);
    const b = client(relay.syncUrl, id, key);
    await Promise.all([a.synced, b.synced]);
    for (let i = 0; i < N; i++) {
      a.doc.getMap('invoices').set(`F-${i}`, { total: i });
      if (i % 25 === 0) await sleep(1);
    }
    await waitFor(() => b.doc.getMap('invoices').size === N, 20_000, `B to receive ${N} updates`);
    relay.child.kill('SIGKILL');
    expect((await relay.exited).signal).toBe('SIGKILL');
    a.destroy();
    b.destroy();

    relay = await spawnRelay(dataDir, port);
    const c = client(relay.syncUrl, id, key);
    await c.synced;
    expect(c.doc.getMap('invoices').size).toBe(N);
    expect(c.doc.getMap('invoices').get(`F-${N - 1}`)).toEqual({ total: N - 1 });
  });

  it('loses nothing another client received when killed in the middle of a stream of updates', { timeout: 60_000 }, async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const port = await freePort();
    const id = randomId();
    const key = randomKey();

    let relay = await spawnRelay(dataDir, port);
    const a = client(relay.syncUrl, id, key);
    const b = client(relay.syncUrl, id, key);
    await Promise.all([a.synced, b.synced]);
    let i = 0;
    const writer = setInterval(() => {
      for (let k = 0; k < 5; k++) a.doc.getMap('stream').set(`u-${i++}`, i);
    }, 1);
    await waitFor(() => b.doc.getMap('stream').size > 500, 20_000, 'B to receive a few hundred updates');
    relay.child.kill('SIGKILL'); // while A is still writing
    clearInterval(writer);
    const received = [...b.doc.getMap('stream').keys()];
    b.destroy(); // before the restart: B must not upload what it has
    a.destroy();
    await relay.exited;

    relay = await spawnRelay(dataDir, port);
    const c = client(relay.syncUrl, id, key);
    await c.synced;
    const stored = c.doc.getMap('stream');
    const missing = received.filter((k) => !stored.has(k));
    expect(missing).toEqual([]);
    expect(received.length).toBeGreaterThan(500);
  });

  it('stops gracefully on SIGTERM (exit 0, sockets closed with 1001) and keeps everything', { timeout: 30_000 }, async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const port = await freePort();
    const id = randomId();
    const key = randomKey();
    let relay = await spawnRelay(dataDir, port);
    const a = client(relay.syncUrl, id, key);
    await a.synced;
    for (let n = 0; n < 600; n++) a.doc.getMap('invoices').set(`F-${n}`, n); // past the compaction threshold
    const raw = await rawSocket(`${relay.syncUrl}/${id}?token=${key}`);
    if (raw.kind !== 'open') throw new Error('refused');
    const rawClosed = closed(raw.ws);
    await sleep(300);
    a.provider.disconnect();
    const started = Date.now();
    relay.child.kill('SIGTERM');
    expect(await relay.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await rawClosed).toBe(1001);
    expect(relay.output.some((l) => l.includes('"relay stopped"'))).toBe(true);

    relay = await spawnRelay(dataDir, port);
    const c = client(relay.syncUrl, id, key);
    await c.synced;
    expect(c.doc.getMap('invoices').size).toBe(600);
    relay.child.kill('SIGINT');
    expect((await relay.exited).code).toBe(0);
  });

  it('survives a 20 MiB frame, a text frame and random bytes (the stock server crashes on the first)', { timeout: 30_000 }, async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const relay = await spawnRelay(dataDir, await freePort());
    const id = randomId();
    const key = randomKey();
    const a = client(relay.syncUrl, id, key);
    const b = client(relay.syncUrl, id, key);
    await Promise.all([a.synced, b.synced]);
    for (const data of [Buffer.alloc(20 * 1024 * 1024), 'text', Buffer.from([9, 9, 9, 9])]) {
      const raw = await rawSocket(`${relay.syncUrl}/${id}?token=${key}`);
      if (raw.kind !== 'open') throw new Error('refused');
      const done = closed(raw.ws);
      raw.ws.send(data);
      expect([1003, 1006, 1007, 1009]).toContain(await done);
    }
    expect(relay.child.exitCode).toBe(null);
    expect((await http(relay.url, '/healthz')).status).toBe(200);
    a.doc.getMap('m').set('still', 'alive');
    await waitFor(() => b.doc.getMap('m').get('still') === 'alive', 5000, 'sync after garbage');
    const metrics = (await http(relay.url, '/metrics')).body;
    expect(metrics).toMatch(/relance_frames_rejected_total 3\n/);
    // Every line the process wrote is one JSON object.
    for (const line of relay.output) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('runs the admin command against DATA_DIR', { timeout: 30_000 }, async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const admin = (...args: string[]) => {
      try {
        return { code: 0, out: execFileSync(process.execPath, [adminJs, ...args], { env: { ...process.env, DATA_DIR: dataDir }, stdio: 'pipe' }).toString() };
      } catch (error) {
        const e = error as { status: number; stderr: Buffer };
        return { code: e.status, out: e.stderr.toString() };
      }
    };
    const id = randomId();
    const key = randomKey();
    expect(admin('add', id, key)).toMatchObject({ code: 0 });
    expect(admin('add', id, key)).toMatchObject({ code: 1, out: expect.stringMatching(/already exists/) });
    expect(admin('add', 'bad id', key).code).toBe(1);
    expect(admin('add', id + '2', 'short').code).toBe(1);
    expect(admin().code).toBe(2);

    const relay = await spawnRelay(dataDir, await freePort(), { RELAY_OPEN_REGISTRATION: 'false' });
    const a = client(relay.syncUrl, id, key);
    await a.synced;
    a.doc.getMap('m').set('k', 'v');
    expect(await rawSocket(`${relay.syncUrl}/${randomId()}?token=${key}`)).toMatchObject({ kind: 'refused', status: 403 });
    await waitFor(() => JSON.parse(admin('list', '--json').out)[0]?.updates === 1, 5000, 'the update to show in list');
    const table = admin('list').out;
    expect(table).toMatch(/^workspace\s+updates\s+bytes\s+last activity/);
    expect(table).toContain(id);
    a.destroy();
    expect(admin('remove', id)).toMatchObject({ code: 0 });
    expect(admin('remove', id).code).toBe(1);
    expect(JSON.parse(admin('list', '--json').out)).toEqual([]);
    expect(await rawSocket(`${relay.syncUrl}/${id}?token=${key}`)).toMatchObject({ kind: 'refused', status: 403 });
  });
});
