// Shared workspaces in a real browser: each device is its own browser context (its own
// IndexedDB and localStorage), joined through the invite link; the e2e web server is the relay
// itself (same origin, fresh DATA_DIR per run).
//
// `context.setOffline(true)` in Chromium fires 'offline' and makes WebSocket frames stop
// (checked: a socket opened before stays OPEN but nothing more arrives on it). The app does not
// rely on that: on 'offline' it closes its connection itself, and reconnects on 'online'.
import { expect, test, type Page } from '@playwright/test';
import { addLines, createClient, createWorkspace, issueOpenDraft, seriousA11yViolations } from './helpers';
import { confirmedSeries, controlled, docRow, join, newDevice, pageOn, relayToken, share, status, synced } from './devices';

/** From the client's page: a one-line invoice, issued; its number. */
async function issueInvoice(page: Page, clientId: string, description: string): Promise<string> {
  await page.goto(`/clients/${clientId}`);
  await page.getByTestId('client-new-invoice').click();
  await addLines(page, [{ description, quantity: '1', price: '250,00', vatBp: 2000 }]);
  await issueOpenDraft(page);
  return (await page.getByTestId('doc-number').innerText()).replace(/^Facture\s+/, '');
}

test('two devices: an invoice made on A appears on B; both offline, each issues and edits the client; back online, everything merges', async ({ browser }) => {
  const a = await newDevice(browser);
  const b = await newDevice(browser);
  try {
    await createWorkspace(a.page, { device: 'Portable de Claire' });
    const clientId = await createClient(a.page, { name: 'Boulangerie Martin', siren: '732829320' });
    const link = await share(a.page);
    expect(await seriousA11yViolations(a.page), 'invite').toEqual([]);

    await join(b.page, link, 'Téléphone de Marc');
    expect(await confirmedSeries(b.page)).toBe('B');
    expect(await confirmedSeries(a.page)).toBe('A');

    // Online: what A issues shows up on B.
    expect(await issueInvoice(a.page, clientId, 'Conception de la carte')).toBe('F-2026-A-0001');
    await b.page.goto('/documents');
    await expect(docRow(b.page, 'F-2026-A-0001')).toBeVisible();

    // Both offline (pages served by the service worker from now on).
    await controlled(a.page);
    await controlled(b.page);
    await a.context.setOffline(true);
    await b.context.setOffline(true);
    await expect(status(a.page)).toHaveAttribute('data-state', 'offline');
    await expect(status(b.page)).toHaveAttribute('data-state', 'offline');

    // A writes a note on the client and issues; B changes the client's city and issues.
    await a.page.goto(`/clients/${clientId}/edit`);
    await a.page.getByTestId('client-notes').fill('Appeler le matin, avant 9 h');
    await a.page.getByTestId('client-save').click();
    await expect(a.page.getByTestId('client-notes-value')).toHaveText('Appeler le matin, avant 9 h');
    expect(await issueInvoice(a.page, clientId, 'Impression des cartes')).toBe('F-2026-A-0002');

    await b.page.goto(`/clients/${clientId}/edit`);
    await b.page.getByTestId('client-billing-city').fill('Villeurbanne');
    await b.page.getByTestId('client-billing-postalCode').fill('69100');
    await b.page.getByTestId('client-save').click();
    await expect(b.page.getByTestId('client-billing-address')).toContainText('69100 Villeurbanne');
    expect(await issueInvoice(b.page, clientId, 'Livraison')).toBe('F-2026-B-0001');
    expect(await issueInvoice(b.page, clientId, 'Retouches')).toBe('F-2026-B-0002');

    // Still apart: B has not seen A's offline work, and the header says since when.
    await b.page.goto('/documents');
    await expect(docRow(b.page, 'F-2026-A-0002')).toHaveCount(0);
    await expect(status(b.page)).toHaveAttribute('data-state', 'offline');
    await expect(b.page.getByTestId('sync-since')).toContainText('dernière synchro');

    // Back online: both see everything.
    await a.context.setOffline(false);
    await b.context.setOffline(false);
    await synced(a.page);
    await synced(b.page);
    for (const page of [a.page, b.page]) {
      await page.goto('/documents');
      for (const number of ['F-2026-A-0001', 'F-2026-A-0002', 'F-2026-B-0001', 'F-2026-B-0002']) await expect(docRow(page, number), number).toHaveCount(1);
      await expect(page.getByTestId('doc-row')).toHaveCount(4);
      await page.goto(`/clients/${clientId}`);
      await expect(page.getByTestId('client-notes-value')).toHaveText('Appeler le matin, avant 9 h');
      await expect(page.getByTestId('client-billing-address')).toContainText('69100 Villeurbanne');
      await expect(page.getByTestId('duplicate-numbers')).toHaveCount(0);
    }
  } finally {
    await a.context.close();
    await b.context.close();
  }
});

test('two devices join offline from the same invite: each join waits and says so; back online, each device gets its own letter', async ({ browser }) => {
  const a = await newDevice(browser);
  const b = await newDevice(browser);
  const c = await newDevice(browser);
  try {
    await createWorkspace(a.page, { device: 'Portable de Claire' });
    const clientId = await createClient(a.page, { name: 'Boulangerie Martin', siren: '732829320' });
    const link = await share(a.page);

    // The invite says A is taken: both claim B, offline.
    for (const [device, name] of [[b, 'Téléphone de Marc'], [c, 'Tablette de l’atelier']] as const) {
      await device.page.goto(link);
      await controlled(device.page);
      await device.context.setOffline(true);
      await device.page.getByTestId('join-device-name').fill(name);
      await device.page.getByTestId('join-submit').click();
      await expect(device.page.getByTestId('join-pending')).toHaveAttribute('data-state', 'offline');
      await expect(device.page.getByTestId('join-pending-message')).toContainText('hors ligne');
    }

    await b.context.setOffline(false);
    await c.context.setOffline(false);
    for (const device of [b, c]) await expect(device.page.getByRole('navigation', { name: 'Navigation principale' })).toBeVisible({ timeout: 20_000 });
    const letters = [await confirmedSeries(b.page), await confirmedSeries(c.page)];
    expect([...letters].sort()).toEqual(['B', 'C']);

    // Each numbers in its own series.
    expect(await issueInvoice(b.page, clientId, 'Livraison')).toBe(`F-2026-${letters[0]}-0001`);
    expect(await issueInvoice(c.page, clientId, 'Pose')).toBe(`F-2026-${letters[1]}-0001`);
    await a.page.goto('/documents');
    await expect(a.page.getByTestId('doc-row')).toHaveCount(2);
    await a.page.goto('/settings/appareils');
    await expect(a.page.getByTestId('member-series')).toHaveText(['A', 'B', 'C']);
    await expect(a.page.getByTestId('member-series-pending')).toHaveCount(0);
  } finally {
    for (const d of [a, b, c]) await d.context.close();
  }
});

test('« Changer la clé »: the other device keeps syncing, the old invite is refused; a removed device is refused and says so', async ({ browser }) => {
  const a = await newDevice(browser);
  const b = await newDevice(browser);
  const c = await newDevice(browser);
  const late = await newDevice(browser);
  try {
    await createWorkspace(a.page, { device: 'Portable de Claire' });
    const link = await share(a.page);
    await join(b.page, link, 'Téléphone de Marc');
    await join(c.page, link, 'Tablette de l’atelier');
    await synced(b.page);
    await synced(c.page);

    // Who is here: three devices, the two others online (header and list).
    await a.page.goto('/settings/appareils');
    await expect(a.page.getByTestId('member-row')).toHaveCount(3);
    await expect(a.page.getByTestId('online-member')).toHaveCount(2);
    await expect(a.page.locator('[data-testid="member-online"][data-online="true"]')).toHaveCount(3);
    await expect(a.page.getByTestId('member-series')).toHaveText(['A', 'B', 'C']);
    expect(await seriousA11yViolations(a.page), 'members').toEqual([]);

    // A new key: the old one is refused by the relay, B goes on with the new one (its envelope).
    const { w: workspaceId, k: oldKey } = Object.fromEntries(new URLSearchParams(new URL(link).hash.slice(1)));
    await a.page.getByTestId('rotate-key').click();
    await expect(a.page.getByTestId('rotate-outcome')).toContainText('Nouvelle clé en place');
    // The relay takes the token derived from the key, never the key itself (issue 14).
    const auth = (token: string) => a.page.request.get(`/sync/${workspaceId}/auth`, { headers: { authorization: `Bearer ${token}` } });
    expect((await auth(relayToken(oldKey, workspaceId))).status()).toBe(401);
    const newKey = new URLSearchParams(new URL(await a.page.getByTestId('invite-link').inputValue()).hash.slice(1)).get('k')!;
    expect(newKey).not.toBe(oldKey);
    expect((await auth(relayToken(newKey, workspaceId))).status()).toBe(200);
    expect((await auth(newKey)).status()).toBe(401);

    await createClient(a.page, { name: 'Après la rotation' });
    await b.page.goto('/clients');
    await expect(b.page.getByText('Après la rotation')).toBeVisible();
    await synced(b.page);

    // The old invite no longer lets anyone in.
    await late.page.goto(link);
    await late.page.getByTestId('join-device-name').fill('Ordinateur emprunté');
    await late.page.getByTestId('join-submit').click();
    await expect(late.page.getByTestId('join-pending')).toHaveAttribute('data-state', 'key_refused');
    await expect(late.page.getByTestId('join-pending-message')).toContainText('Demandez un nouveau lien');
    // Giving up leaves that device as it was: no workspace.
    await late.page.getByTestId('join-cancel').click();
    await expect(late.page.getByTestId('setup-submit')).toBeVisible();
    expect(await late.page.evaluate(() => localStorage.getItem('relance.workspaces'))).toBe('[]');

    // A removes C: C is told, keeps its data, receives nothing new; B goes on.
    await c.page.goto('/clients');
    await expect(c.page.getByText('Après la rotation')).toBeVisible();
    await a.page.goto('/settings/appareils');
    const cRow = a.page.getByTestId('member-row').filter({ hasText: 'Tablette de l’atelier' });
    await cRow.getByTestId('member-remove').click();
    await a.page.getByTestId('member-remove-yes').click();
    await expect(a.page.getByTestId('member-remove-outcome')).toContainText('est retiré');
    await expect(cRow).toHaveAttribute('data-removed', 'true');
    await expect(a.page.getByTestId('removal-limits')).toContainText('garde tout ce qu’il a déjà téléchargé');

    await expect(c.page.getByTestId('device-removed')).toContainText('Cet appareil a été retiré de l’espace de travail');
    await expect(status(c.page)).toHaveAttribute('data-state', 'removed');
    await createClient(a.page, { name: 'Après le retrait' });
    await b.page.goto('/clients');
    await expect(b.page.getByText('Après le retrait')).toBeVisible();
    // C, reopened: still removed, still has what it had, nothing new.
    await c.page.goto('/clients');
    await expect(c.page.getByTestId('device-removed')).toBeVisible();
    await expect(c.page.getByText('Après la rotation')).toBeVisible();
    await expect(c.page.getByText('Après le retrait')).toHaveCount(0);
  } finally {
    for (const d of [a, b, c, late]) await d.context.close();
  }
});

test('with two devices, taking an item on A shows it taken on B; an item done on A leaves B’s « Aujourd’hui »', async ({ browser }) => {
  // An invoice issued on 6 May, net 30: on 15 June it is 10 days late (tests/e2e/chase.spec.ts).
  const a = await newDevice(browser, '2026-05-06T10:00:00+02:00');
  const b = await newDevice(browser, '2026-06-15T09:00:00+02:00');
  try {
    await createWorkspace(a.page, { device: 'Portable de Claire' });
    const clientId = await createClient(a.page, { name: 'Boulangerie Martin', siren: '732829320', email: 'compta@boulangerie-martin.fr' });
    await a.page.getByTestId('client-new-invoice').click();
    await addLines(a.page, [{ description: 'Conception de la carte de fidélité', quantity: '2', price: '500,00', vatBp: 2000 }]);
    await issueOpenDraft(a.page);
    await a.page.getByTestId('mark-sent').click();
    await a.page.getByTestId('sent-save').click();
    const link = await share(a.page);
    await join(b.page, link, 'Téléphone de Marc');

    a.page = await pageOn(a.context, '2026-06-15T09:00:00+02:00', a.page);
    await a.page.goto('/');
    await synced(a.page);
    const itemOn = (page: Page) => page.locator(`[data-testid="chase-item"][data-client="${clientId}"]`);
    await expect(itemOn(a.page)).toHaveCount(1);
    await expect(itemOn(b.page)).toHaveCount(1);
    await expect(itemOn(b.page).getByTestId('chase-claimed')).toHaveCount(0);

    await itemOn(a.page).getByTestId('chase-take').click();
    await expect(itemOn(a.page).getByTestId('chase-claimed')).toHaveText('Vous vous en occupez');
    await expect(itemOn(b.page).getByTestId('chase-claimed')).toHaveText('Pris par Portable de Claire');

    // A sends the reminder (and says so): the item leaves A's list, and B's once synced.
    await itemOn(a.page).getByTestId('chase-email').click();
    await itemOn(a.page).getByTestId('chase-confirm-yes').click();
    await expect(itemOn(a.page)).toHaveCount(0);
    await expect(itemOn(b.page)).toHaveCount(0);
    await expect(b.page.getByTestId('chase-empty')).toBeVisible();
  } finally {
    await a.context.close();
    await b.context.close();
  }
});
