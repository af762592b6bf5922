// A workspace larger than the relay's frame cap still syncs: the app's link sends its history
// (first upload, long offline spell) and its large local changes (a merged backup) in pieces
// (src/lib/store/updateChunks.ts) that each fit under RELAY_MAX_PAYLOAD.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { Collection } from '$lib/store/collection.svelte';
import { RelaySync } from '$lib/store/relaySync.svelte';
import { CHUNK_LIMITS } from '$lib/store/updateChunks';
import { relayToken } from '$lib/sync/token';
import { connectClient, randomId, randomKey, removeDir, startTestRelay, waitFor, type TestRelay } from './helpers';

let relay: TestRelay;
// Just above one piece: any unchunked upload of the workspaces below is refused (1009).
const FRAME_CAP = CHUNK_LIMITS.maxBytes + 64 * 1024;

beforeAll(async () => {
  relay = await startTestRelay({ limits: { maxPayload: FRAME_CAP } });
});
afterAll(async () => {
  await relay.stop();
  removeDir(relay.dataDir);
});

/** `count` records of about 200 bytes each, written in one transaction. */
function fill(doc: Y.Doc, prefix: string, count: number): void {
  const records = doc.getMap<Y.Map<string>>('clients');
  doc.transact(() => {
    for (let i = 0; i < count; i++) {
      const record = new Y.Map<string>();
      record.set('id', `${prefix}-${i}`);
      record.set('name', `Entreprise ${prefix} ${i} — `.padEnd(180, 'x'));
      records.set(`${prefix}-${i}`, record);
    }
  });
}

function link(workspaceId: string, key: string, doc: Y.Doc): RelaySync {
  const members = new Collection('members');
  const documents = new Collection('documents');
  const sync = new RelaySync({
    workspace: { id: workspaceId, memberId: 'm-big', doc, members, documents, readOnly: false, status: 'ready', apply: (() => {}) as never },
    relayUrl: relay.relay.url,
    key,
    privateKey: async () => null,
    onKey: () => {},
    onSynced: () => {},
    onRemoved: () => {},
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket
  });
  sync.start();
  return sync;
}

describe('a workspace larger than the frame cap', () => {
  it('uploads its history in pieces, then sends a large local change in pieces too', async () => {
    const workspaceId = randomId('ws');
    const key = randomKey();
    const doc = new Y.Doc();
    fill(doc, 'old', 15_000); // ≈ 3 MB of history before the first connection
    expect(Y.encodeStateAsUpdate(doc).byteLength).toBeGreaterThan(4 * FRAME_CAP);

    const sync = link(workspaceId, key, doc);
    try {
      await sync.firstSync;
      // Another device, as a stock y-websocket client with the token the relay knows.
      const other = connectClient(relay.syncUrl, workspaceId, await relayToken(key, workspaceId));
      try {
        await other.synced;
        await waitFor(() => other.doc.getMap('clients').size === 15_000, 15_000, 'the history on the other device');

        fill(doc, 'new', 10_000); // one local transaction of ≈ 2 MB
        await waitFor(() => other.doc.getMap('clients').size === 25_000, 15_000, 'the large change on the other device');
        expect(Y.encodeStateVector(other.doc)).toEqual(Y.encodeStateVector(doc));
        // No frame was refused: the link never dropped.
        expect(relay.logs.filter((l) => l.msg === "frame rejected")).toEqual([]);
        expect(relay.relay.counters.framesRejected).toBe(0);
        expect(sync.failures).toBe(0);
      } finally {
        other.destroy();
      }
    } finally {
      await sync.stop();
    }
  }, 60_000);
});
