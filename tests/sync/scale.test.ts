// 500 y-websocket clients over 50 workspaces, all on one relay: each client writes, every client
// of a workspace ends with the same state, and no workspace sees another's data.
import { afterAll, describe, expect, it } from 'vitest';
import { connectClient, randomKey, removeDir, startTestRelay, waitFor, type Client, type TestRelay } from './helpers.js';

const WORKSPACES = 50;
const PER_WORKSPACE = 10;

let r: TestRelay | undefined;
const clients: Client[][] = [];

afterAll(async () => {
  for (const group of clients) for (const c of group) c.destroy();
  if (r) {
    await r.stop();
    removeDir(r.dataDir);
  }
});

describe('scale', () => {
  it(`syncs ${WORKSPACES * PER_WORKSPACE} clients over ${WORKSPACES} workspaces`, { timeout: 90_000 }, async () => {
    r = await startTestRelay({ limits: { maxConnectionsPerAddress: 2_000 } });
    const relay = r;
    const ids = Array.from({ length: WORKSPACES }, (_, w) => `scale-${w}`);
    const keys = ids.map(() => randomKey());
    // Connect in waves, as devices would, rather than 500 handshakes in the same tick.
    for (let w = 0; w < WORKSPACES; w++) {
      clients.push(Array.from({ length: PER_WORKSPACE }, () => connectClient(relay.syncUrl, ids[w], keys[w])));
      if (w % 10 === 9) await Promise.all(clients.slice(w - 9).flat().map((c) => c.synced));
    }
    await Promise.all(clients.flat().map((c) => c.synced));
    expect(relay.relay.gauges()).toEqual({ connections: WORKSPACES * PER_WORKSPACE, workspacesLoaded: WORKSPACES, archiveRoomsLoaded: 0 });

    clients.forEach((group, w) =>
      group.forEach((c, i) => c.doc.getMap<string>('edits').set(`device-${i}`, `${ids[w]}:${i}`))
    );
    await waitFor(
      () => clients.every((group) => group.every((c) => c.doc.getMap('edits').size === PER_WORKSPACE)),
      60_000,
      'every client to hold every edit of its workspace'
    );
    clients.forEach((group, w) => {
      const expected = Object.fromEntries(group.map((_, i) => [`device-${i}`, `${ids[w]}:${i}`]));
      for (const c of group) expect(c.doc.getMap('edits').toJSON()).toEqual(expected);
    });
    expect(relay.relay.counters.updatesPersisted).toBe(WORKSPACES * PER_WORKSPACE);
    expect(relay.relay.counters.errors).toBe(0);
  });
});
