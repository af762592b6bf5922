// Two tabs of one workspace on one device: each holds its own Y.Doc over the same IndexedDB and
// they exchange updates over a BroadcastChannel (Node has both: fake-indexeddb, and its own
// BroadcastChannel, which delivers between instances of one process as between tabs).
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { Workspace } from './workspace.svelte';
import { putRecord } from './doc';
import { newId } from './ids';
import { client, company, line } from './fixtures';

const open: Workspace[] = [];
afterEach(async () => {
  for (const ws of open.splice(0)) await ws.close();
});

/** Resolves once `check` holds, polling: messages between tabs arrive asynchronously. */
async function eventually(check: () => boolean, what: string, ms = 2000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function firstTab() {
  const id = newId();
  const a = await Workspace.create({ id, company: company(), deviceName: 'Portable' });
  open.push(a);
  await a.run('client/save', client('c1'));
  // Saved so that the next tab opens at once, loading behind its first screen.
  a.firstScreenOf = () => ({ format: 1, workspaceId: id, asOf: '2026-03-10', companyName: '', documents: { count: 0, rows: [] }, open: [], chase: null });
  await a.saveFirstScreen();
  return a;
}

async function secondTab(a: Workspace) {
  const b = await Workspace.open(a.id, a.memberId);
  open.push(b);
  return b;
}

describe('two tabs of one workspace', () => {
  it('each sees what the other writes, without reloading', async () => {
    const a = await firstTab();
    const b = await secondTab(a);
    await b.ready;
    await a.run('client/save', client('c2', { name: 'Écrit dans A' }));
    await eventually(() => b.clients.get('c2')?.name === 'Écrit dans A', 'B sees A’s client');
    await b.run('client/save', client('c3', { name: 'Écrit dans B' }));
    await eventually(() => a.clients.get('c3')?.name === 'Écrit dans B', 'A sees B’s client');
  });

  it('a tab still loading behind its first screen gets what the other wrote meanwhile', async () => {
    const a = await firstTab();
    const b = await secondTab(a);
    expect(b.status).toBe('loading');
    await a.run('client/save', client('c-meanwhile', { name: 'Pendant le chargement' }));
    await b.ready;
    await eventually(() => b.clients.get('c-meanwhile') !== undefined, 'B gets the client written while it loaded');
    // And it keeps following afterwards.
    await a.run('client/save', client('c-after'));
    await eventually(() => b.clients.get('c-after') !== undefined, 'B follows A after loading');
  });

  it('a contact’s e-mail changed in one tab and its phone in the other: each tab shows both', async () => {
    const a = await firstTab();
    const b = await secondTab(a);
    await b.ready;
    // Both forms opened on the same client before either saved.
    const [onA, onB] = [a.clients.get('c1')!, b.clients.get('c1')!];
    await a.run('client/save', { ...onA, contacts: [{ ...onA.contacts[0], email: 'compta@atelier.fr' }] }, onA);
    await b.run('client/save', { ...onB, contacts: [{ ...onB.contacts[0], phone: '0499999999' }] }, onB);
    const both = (ws: Workspace) => ws.clients.get('c1')!.contacts[0].email === 'compta@atelier.fr' && ws.clients.get('c1')!.contacts[0].phone === '0499999999';
    await eventually(() => both(a), 'A shows both changes');
    await eventually(() => both(b), 'B shows both changes');
  });

  it('loses nothing written by the other tab at any moment of its loading', async () => {
    const a = await firstTab();
    // A writes continuously while B opens, loads IndexedDB and attaches.
    let n = 0;
    let writing = true;
    const writer = (async () => {
      while (writing) {
        await a.run('client/save', client(`w${n++}`));
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    })();
    const b = await secondTab(a);
    await b.ready;
    await new Promise((resolve) => setTimeout(resolve, 30));
    writing = false;
    await writer;
    const written = a.clients.all().map((c) => c.id).sort();
    expect(n).toBeGreaterThan(3);
    await eventually(() => b.clients.size === written.length, `B has all ${written.length} clients`);
    expect(b.clients.all().map((c) => c.id).sort()).toEqual(written);
  });

  it('gets what the other tab wrote after this one read IndexedDB but before it listened', async () => {
    const a = await firstTab();
    // The moment in question: B has loaded IndexedDB and is about to open its channel. A writes
    // right then; its broadcast finds nobody listening and its IndexedDB write comes too late.
    const Native = globalThis.BroadcastChannel;
    let opened = 0;
    globalThis.BroadcastChannel = class extends Native {
      constructor(name: string) {
        if (++opened === 1) putRecord(a.doc, 'clients', client('c-gap', { name: 'Dans l’intervalle' }));
        super(name);
      }
    };
    try {
      const b = await secondTab(a);
      await b.ready;
      await eventually(() => b.clients.get('c-gap') !== undefined, 'B gets the client written in the gap');
    } finally {
      globalThis.BroadcastChannel = Native;
    }
  });

  it('answers a new tab with only what it lacks, not the whole workspace', async () => {
    const a = await firstTab();
    for (let i = 0; i < 200; i++) await a.run('client/save', client(`bulk${i}`));
    const spy = new BroadcastChannel(`relance-tabs-${a.id}`);
    const welcomes: Uint8Array[] = [];
    spy.onmessage = (e) => {
      if (e.data?.type === 'welcome') welcomes.push(e.data.update);
    };
    try {
      const b = await secondTab(a);
      await b.ready;
      await eventually(() => welcomes.length === 1, 'A welcomes B');
      // B read everything from IndexedDB: A's answer is an empty update (a few bytes).
      expect(welcomes[0].length).toBeLessThan(16);
      expect(b.clients.size).toBe(201);
    } finally {
      spy.close();
    }
  });

  it('issues different numbers from two tabs of the same device', async () => {
    const a = await firstTab();
    const b = await secondTab(a);
    await b.ready;
    const [da, db] = [await a.run('document/create', 'invoice', 'c1'), await b.run('document/create', 'invoice', 'c1')];
    await a.run('draft/save', da, { lines: [line('l1')] });
    await b.run('draft/save', db, { lines: [line('l2')] });
    await eventually(() => b.documents.get(da) !== undefined && a.documents.get(db) !== undefined, 'both drafts everywhere');
    // Node has no Web Locks: issue one after the other, each tab having seen the other's number.
    const first = await a.run('document/issue', da, '2026-11-23');
    await eventually(() => b.documents.get(first.id)?.status === 'issued' && !b.documents.get(da), 'B sees A’s issued invoice');
    const second = await b.run('document/issue', db, '2026-11-23');
    expect([first.number, second.number]).toEqual(['F-2026-A-0001', 'F-2026-A-0002']);
    await eventually(() => a.documents.get(second.id)?.number === 'F-2026-A-0002', 'A sees B’s number');
  });
});
