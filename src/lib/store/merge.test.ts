// Two devices edit different fields of one record while offline, then meet: every edit is kept.
// Each device is a real Workspace (fake-indexeddb), and each edit goes through the same form
// code as the UI (the client, item, draft and settings forms) and the Workspace's save methods.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CatalogItem } from '$lib/domain/types';
import { addContact, clientToInput, parseClientForm, removeContact, type ClientInput } from '$lib/ui/clients/clientForm';
import { itemToInput, parseItemForm, type ItemInput } from '$lib/ui/catalog/itemForm';
import { blankLineInput, draftToInput, parseDraft, type DraftInput } from '$lib/ui/documents/draftForm';
import { parseSettings, settingsInputFrom, type SettingsInput } from '$lib/ui/settings/settingsForm';
import { PENALTY_RATES } from '$lib/domain/terms';
import { Workspace } from './workspace.svelte';
import { newId } from './ids';
import { SYNC_ORDERS, client, company, contents, exchange, line } from './fixtures';

const open: Workspace[] = [];
afterEach(async () => {
  for (const ws of open.splice(0)) await ws.close();
});

const CONTACT = { id: 'k1', name: 'Jeanne Roux', email: 'jeanne@atelier.fr', phone: '0102030405', role: 'Comptable', billing: true };
const SECOND = { id: 'k2', name: 'Paul Roux', email: 'paul@atelier.fr', phone: '0600000000', role: 'Gérant', billing: false };
const ITEM: CatalogItem = { id: 'i1', name: 'Pose', description: 'Pose de parquet', unit: 'm²', unitPriceCents: 4500, vatRateBp: 1000, archived: false };

/**
 * Device A creates the workspace with a client, an item and a draft of three lines; device C
 * joins it through the relay (here: A's whole state). Both then work offline.
 */
async function twoDevices() {
  const a = await Workspace.create({ company: company(), deviceName: 'Poste A' });
  open.push(a);
  await a.run('client/save', client('c1', { contacts: [CONTACT, SECOND], deliveryAddress: null }));
  await a.run('item/save', ITEM);
  const draftId = await a.run('document/create', 'invoice', 'c1');
  await a.run('draft/save', draftId, { lines: [line('l1'), line('l2'), line('l3')] });
  const c = await Workspace.join({ id: newId(), memberId: newId(), deviceName: 'Poste C', seriesLetter: 'C', publicKey: 'cGs=' });
  open.push(c);
  Y.applyUpdate(c.doc, Y.encodeStateAsUpdate(a.doc), 'relay');
  await c.adoptRemoteCopy();
  return { a, c, draftId };
}

/** The client form: opened on the stored client, edited, saved (ClientForm.svelte). */
async function editClient(ws: Workspace, id: string, edit: (input: ClientInput) => void): Promise<void> {
  const base = ws.clients.get(id)!;
  const input = clientToInput(base, ws.company!.defaultTerms);
  edit(input);
  const parsed = parseClientForm(input, base);
  expect(parsed.errors).toEqual({});
  await ws.run('client/save', parsed.client, base);
}

/** The catalogue form (ItemForm.svelte). */
async function editItem(ws: Workspace, id: string, edit: (input: ItemInput) => void): Promise<void> {
  const base = ws.items.get(id)!;
  const input = itemToInput(base);
  edit(input);
  const parsed = parseItemForm(input, base);
  expect(parsed.errors).toEqual({});
  await ws.run('item/save', parsed.item, base);
}

/** The draft editor: opened on the stored draft, edited, autosaved (DocumentEditor.svelte). */
async function editDraft(ws: Workspace, id: string, edit: (input: DraftInput) => void): Promise<void> {
  const base = ws.documents.get(id)!;
  const input = draftToInput(base);
  edit(input);
  const parsed = parseDraft(input);
  expect(parsed.errors).toEqual({});
  await ws.run('draft/save', id, parsed.patch, base);
}

/** The settings form (SettingsForm.svelte). */
async function editSettings(ws: Workspace, edit: (input: SettingsInput) => void): Promise<void> {
  const saved = settingsInputFrom(ws.company!, PENALTY_RATES).company;
  const input = settingsInputFrom(saved, PENALTY_RATES);
  edit(input);
  const parsed = parseSettings(input, '2026-03-20', PENALTY_RATES);
  expect(parsed.errors).toEqual({});
  await ws.run('company/save', parsed.patch!, saved);
}

function contact(ws: Workspace, clientId: string, contactId: string) {
  return ws.clients.get(clientId)!.contacts.find((k) => k.id === contactId);
}

const byId = <T extends { id: string }>(list: T[]) => list.toSorted((x, y) => (x.id < y.id ? -1 : 1));

/** Both devices hold the same records, and the reactive collections the pages read show them. */
function sameOnBoth(a: Workspace, c: Workspace): void {
  expect(contents(a.doc)).toEqual(contents(c.doc));
  for (const ws of [a, c]) {
    expect(byId(ws.clients.all())).toEqual(byId(a.read().clients));
    expect(byId(ws.items.all())).toEqual(byId(a.read().items));
    expect(byId(ws.documents.all())).toEqual(byId(a.read().documents));
    expect(ws.company).toEqual(a.read().company);
  }
}

describe.each(SYNC_ORDERS)('two devices offline, then synced (%s)', (order) => {
  it('A changes a contact’s e-mail, C the same contact’s phone: both are kept', async () => {
    const { a, c } = await twoDevices();
    await editClient(a, 'c1', (input) => (input.contacts[0].email = 'compta@atelier.fr'));
    await editClient(c, 'c1', (input) => (input.contacts[0].phone = '0499999999'));
    exchange(a.doc, c.doc, order);

    for (const ws of [a, c]) expect(contact(ws, 'c1', 'k1')).toEqual({ ...CONTACT, email: 'compta@atelier.fr', phone: '0499999999' });
    for (const ws of [a, c]) expect(contact(ws, 'c1', 'k2')).toEqual(SECOND);
    sameOnBoth(a, c);
  });

  it('A sets the e-invoicing address, C the VAT number: both are kept', async () => {
    const { a, c } = await twoDevices();
    await editClient(a, 'c1', (input) => (input.electronicAddress = '732829320_COMPTA'));
    await editClient(c, 'c1', (input) => (input.vatNumber = 'FR44732829320'));
    exchange(a.doc, c.doc, order);

    for (const ws of [a, c]) expect(ws.clients.get('c1')).toMatchObject({ electronicAddress: '732829320_COMPTA', vatNumber: 'FR44732829320' });
    sameOnBoth(a, c);
  });

  it('billing address: A changes the street, C the city; delivery address added on A, notes on C', async () => {
    const { a, c } = await twoDevices();
    const delivery = { line1: 'Chantier, 4 rue Neuve', line2: '', postalCode: '69007', city: 'Lyon', country: 'FR' };
    await editClient(a, 'c1', (input) => {
      input.billingAddress.line1 = '5 place Bellecour';
      input.hasDelivery = true;
      input.deliveryAddress = { ...delivery };
    });
    await editClient(c, 'c1', (input) => {
      input.billingAddress.city = 'Lyon 2e';
      input.notes = 'Paie à réception';
    });
    exchange(a.doc, c.doc, order);

    for (const ws of [a, c]) {
      const merged = ws.clients.get('c1')!;
      expect(merged.billingAddress).toEqual({ line1: '5 place Bellecour', line2: '', postalCode: '69002', city: 'Lyon 2e', country: 'FR' });
      expect(merged.deliveryAddress).toEqual(delivery);
      expect(merged.notes).toBe('Paie à réception');
    }
    sameOnBoth(a, c);
  });

  it('A removes the delivery address while C corrects its city: it stays removed, nothing half comes back', async () => {
    const { a, c } = await twoDevices();
    const delivery = { line1: 'Chantier, 4 rue Neuve', line2: '', postalCode: '69007', city: 'Lyon', country: 'FR' };
    await editClient(a, 'c1', (input) => {
      input.hasDelivery = true;
      input.deliveryAddress = { ...delivery };
    });
    exchange(a.doc, c.doc, order);
    await editClient(a, 'c1', (input) => (input.hasDelivery = false));
    await editClient(c, 'c1', (input) => (input.deliveryAddress.city = 'Villeurbanne'));
    exchange(a.doc, c.doc, order);

    for (const ws of [a, c]) expect(ws.clients.get('c1')!.deliveryAddress).toBeNull();
    sameOnBoth(a, c);
  });

  it('A removes a contact while C edits it: it stays removed; contacts each side adds are both kept', async () => {
    const { a, c } = await twoDevices();
    await editClient(a, 'c1', (input) => {
      removeContact(input, 'k2');
      addContact(input, 'k-a');
      Object.assign(input.contacts.at(-1)!, { name: 'Ajouté par A', email: 'a@atelier.fr' });
    });
    await editClient(c, 'c1', (input) => {
      input.contacts[1].phone = '0611223344';
      addContact(input, 'k-c');
      Object.assign(input.contacts.at(-1)!, { name: 'Ajouté par C', phone: '0700000000' });
    });
    exchange(a.doc, c.doc, order);

    for (const ws of [a, c]) {
      const contacts = ws.clients.get('c1')!.contacts;
      expect(contacts.map((k) => k.id)).toEqual(['k1', ...['k-a', 'k-c'].sort()]);
      expect(contacts.find((k) => k.id === 'k-a')).toMatchObject({ name: 'Ajouté par A', email: 'a@atelier.fr', billing: false });
      expect(contacts.find((k) => k.id === 'k-c')).toMatchObject({ name: 'Ajouté par C', phone: '0700000000', billing: false });
    }
    sameOnBoth(a, c);
  });

  it('catalogue item: A changes the price, C the name and archives it', async () => {
    const { a, c } = await twoDevices();
    await editItem(a, 'i1', (input) => (input.price = '48,00'));
    await editItem(c, 'i1', (input) => (input.name = 'Pose de parquet'));
    await c.run('item/save', { ...c.items.get('i1')!, archived: true }, c.items.get('i1'));
    exchange(a.doc, c.doc, order);

    for (const ws of [a, c]) expect(ws.items.get('i1')).toEqual({ ...ITEM, name: 'Pose de parquet', unitPriceCents: 4800, archived: true });
    sameOnBoth(a, c);
  });

  it('draft: A changes line 1’s quantity, C line 2’s price and adds a line, both keep the discount and notes they set', async () => {
    const { a, c, draftId } = await twoDevices();
    await editDraft(a, draftId, (input) => {
      input.lines[0].quantity = '3';
      input.notes = 'Chantier du 12';
    });
    await editDraft(c, draftId, (input) => {
      input.lines[1].unitPrice = '150,00';
      input.lines.push({ ...blankLineInput('l-c'), description: 'Déplacement', unitPrice: '40,00' });
    });
    exchange(a.doc, c.doc, order);

    for (const ws of [a, c]) {
      const draft = ws.documents.get(draftId)!;
      expect(draft.lines.map((l) => l.id)).toEqual(['l1', 'l2', 'l3', 'l-c']);
      expect(draft.lines[0]).toEqual(line('l1', { quantity: 3 }));
      expect(draft.lines[1]).toEqual(line('l2', { unitPriceCents: 15_000 }));
      expect(draft.lines[2]).toEqual(line('l3'));
      expect(draft.lines[3]).toMatchObject({ description: 'Déplacement', quantity: 1, unitPriceCents: 4000 });
      expect(draft.notes).toBe('Chantier du 12');
    }
    sameOnBoth(a, c);
  });

  it('draft: A removes line 3 while C edits it: it stays removed', async () => {
    const { a, c, draftId } = await twoDevices();
    await editDraft(a, draftId, (input) => (input.lines = input.lines.filter((l) => l.id !== 'l3')));
    await editDraft(c, draftId, (input) => (input.lines[2].quantity = '7'));
    exchange(a.doc, c.doc, order);

    for (const ws of [a, c]) expect(ws.documents.get(draftId)!.lines).toEqual([line('l1'), line('l2')]);
    sameOnBoth(a, c);
  });

  it('settings: A changes the company’s street, C its postal code and the invoice number format', async () => {
    const { a, c } = await twoDevices();
    await editSettings(a, (input) => (input.company.address.line1 = '14 rue des Lilas'));
    await editSettings(c, (input) => {
      input.company.address.postalCode = '69008';
      input.formats.invoice = 'FAC-{YYYY}-{S}-{NNNN}';
    });
    exchange(a.doc, c.doc, order);

    for (const ws of [a, c]) {
      expect(ws.company!.address).toEqual({ ...company().address, line1: '14 rue des Lilas', postalCode: '69008' });
      expect(ws.company!.numberFormats).toEqual({ ...company().numberFormats, invoice: 'FAC-{YYYY}-{S}-{NNNN}' });
    }
    sameOnBoth(a, c);
  });
});

describe('a form saves only what its user changed', () => {
  it('an open form does not undo what another device changed meanwhile', async () => {
    const { a, c } = await twoDevices();
    // A opens the client form; meanwhile C's edits arrive (online this time).
    const base = a.clients.get('c1')!;
    const input = clientToInput(base, a.company!.defaultTerms);
    await editClient(c, 'c1', (i) => {
      i.contacts[0].phone = '0499999999';
      i.billingAddress.city = 'Lyon 2e';
      addContact(i, 'k-c');
      i.contacts.at(-1)!.name = 'Ajouté par C';
    });
    exchange(a.doc, c.doc, 'a→b first');
    // A saves the form it opened before: only its own change is written.
    input.contacts[0].email = 'compta@atelier.fr';
    await a.run('client/save', parseClientForm(input, base).client, base);

    const merged = a.clients.get('c1')!;
    expect(merged.contacts.map((k) => k.id)).toEqual(['k1', 'k2', 'k-c']);
    expect(merged.contacts[0]).toEqual({ ...CONTACT, email: 'compta@atelier.fr', phone: '0499999999' });
    expect(merged.billingAddress.city).toBe('Lyon 2e');
  });

  it('changing one contact’s e-mail writes that one key (and the time of the change)', async () => {
    const { a } = await twoDevices();
    const record = a.doc.getMap<Y.Map<unknown>>('clients').get('c1')!;
    const written: string[] = [];
    record.observe((event) => written.push(...event.keysChanged));
    await editClient(a, 'c1', (input) => (input.contacts[1].email = 'p.roux@atelier.fr'));
    expect(written.sort()).toEqual(['contacts.k2.email', 'updatedAt']);
  });

  it('changing one line’s price writes that one key', async () => {
    const { a, draftId } = await twoDevices();
    const record = a.doc.getMap<Y.Map<unknown>>('documents').get(draftId)!;
    const written: string[] = [];
    record.observe((event) => written.push(...event.keysChanged));
    await editDraft(a, draftId, (input) => (input.lines[2].unitPrice = '99,50'));
    expect(written.sort()).toEqual(['lines.l3.unitPriceCents', 'updatedAt']);
    expect(a.documents.get(draftId)!.lines[2].unitPriceCents).toBe(9950);
  });
});
