// The app's relay link against a relay whose workspace quota is small: the refused update closes
// with 4413, the device says « Relais plein » and keeps the change; nothing of it reaches the relay.
import { runCommand, type CommandArgs, type CommandName } from '$lib/store/commands';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { exportPublicKey, generateDeviceKeyPair } from '$lib/sync/envelope';
import { Collection } from '$lib/store/collection.svelte';
import { loadCollection, followCollection } from '$lib/store/collectionSync';
import { initialiseDoc, putRecord, readRecord, writeCompany } from '$lib/store/doc';
import { client, company, T0 } from '$lib/store/fixtures';
import { RelaySync, type NetworkWatch } from '$lib/store/relaySync.svelte';
import { randomId, randomKey, removeDir, startTestRelay, waitFor, type TestRelay } from './helpers';

const network: NetworkWatch = { online: () => true, watch: () => () => {} };
let relay: TestRelay | null = null;
let link: RelaySync | null = null;

afterAll(async () => {
  await link?.stop();
  await relay?.stop();
  if (relay) removeDir(relay.dataDir);
});

describe('workspace quota, seen from the app', () => {
  it('turns sync into « quota » on close 4413 and keeps the refused change on the device', { timeout: 20_000 }, async () => {
    relay = await startTestRelay({ limits: { workspaceMaxBytes: 64 * 1024 } });
    const workspaceId = randomId('ws');
    const doc = new Y.Doc();
    initialiseDoc(doc, workspaceId, T0);
    writeCompany(doc, company());
    putRecord(doc, 'clients', client('c1'));
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
    link = new RelaySync({
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
      relayUrl: relay.relay.url,
      key: randomKey(),
      privateKey: async () => pair.privateKey,
      onKey: () => {},
      onSynced: () => {},
      onRemoved: () => {},
      network,
      WebSocket: WebSocket as unknown as typeof globalThis.WebSocket
    });
    link.start();
    const sync = link;
    await waitFor(() => sync.state === 'synced', 10_000, 'the first sync');
    const bytes = relay.relay.store.bytes(workspaceId);
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(64 * 1024);

    // A note far larger than what is left of the quota.
    putRecord(doc, 'clients', { ...client('c2'), notes: 'x'.repeat(100_000) });
    await waitFor(() => sync.state === 'quota', 10_000, 'the quota refusal');
    expect(sync.refusal).toBe('quota');
    expect(readRecord(doc, 'clients', 'c2')?.notes).toHaveLength(100_000);
    // Nothing of it on the relay (at the quota it compacted the workspace once, so the byte
    // count may shrink; it never grows).
    expect(relay.relay.store.bytes(workspaceId)).toBeLessThanOrEqual(bytes);
    const onRelay = new Y.Doc();
    Y.applyUpdate(onRelay, Y.mergeUpdates(relay.relay.store.load(workspaceId)));
    expect(readRecord(onRelay, 'clients', 'c1')).not.toBeNull();
    expect(readRecord(onRelay, 'clients', 'c2')).toBeNull();
    expect(relay.relay.counters.quotaRefused).toBe(1);
  });
});
