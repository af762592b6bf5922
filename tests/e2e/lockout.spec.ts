// Key changes that cannot lock partners out (issue 14): a rotation that leaves a member without
// its envelope is refused by the relay, and a device whose key went stale keeps working and is
// brought back by a new invite, with what it wrote meanwhile.
import { expect, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { createClient, createWorkspace } from './helpers';
import { join, newDevice, relayToken, share, status, synced } from './devices';

test('an empty envelope set is refused, both devices keep syncing; a stale device is brought back by a new invite with its edit', async ({ browser }) => {
  const a = await newDevice(browser);
  const b = await newDevice(browser);
  try {
    await createWorkspace(a.page, { device: 'Portable de Claire' });
    const link = await share(a.page);
    await join(b.page, link, 'Téléphone de Marc');
    await synced(b.page);
    await synced(a.page);

    // The attacker holds the invite's key and posts a key change sealed for nobody.
    const { w: workspaceId, k: key } = Object.fromEntries(new URLSearchParams(new URL(link).hash.slice(1)));
    const attack = (token: string) =>
      a.page.request.post(`/sync/${workspaceId}/rotate`, {
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        data: JSON.stringify({ newKey: randomBytes(32).toString('hex'), envelopes: {} })
      });
    // The key itself is not what the relay takes (it never holds it)…
    expect((await attack(key)).status()).toBe(401);
    // …and with the token, leaving out members not marked removed is a lockout: refused.
    const refused = await attack(relayToken(key, workspaceId));
    expect(refused.status()).toBe(409);
    expect((await refused.json()).missing).toHaveLength(2);

    // Both devices go on.
    await createClient(a.page, { name: 'Après la tentative' });
    await b.page.goto('/clients');
    await expect(b.page.getByText('Après la tentative')).toBeVisible();
    await synced(b.page);

    // B is away while A changes the key, and has lost its device key meanwhile (as a device
    // without WebCrypto would): its envelope cannot be opened, its key is stale.
    await b.context.setOffline(true);
    await a.page.goto('/settings/appareils');
    await a.page.getByTestId('rotate-key').click();
    await expect(a.page.getByTestId('rotate-outcome')).toContainText('Nouvelle clé en place');
    await b.page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('relance-device');
          open.onsuccess = () => {
            const tx = open.result.transaction('keys', 'readwrite');
            tx.objectStore('keys').clear();
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
          open.onerror = () => reject(open.error);
        })
    );
    await b.context.setOffline(false);

    // Stale, said plainly — not removed, not read-only: B keeps working.
    await expect(status(b.page)).toHaveAttribute('data-state', 'key_refused', { timeout: 30_000 });
    await expect(b.page.getByTestId('device-key-stale')).toContainText('Demandez à un associé un nouveau lien d’invitation');
    await expect(b.page.getByTestId('device-removed')).toHaveCount(0);
    await createClient(b.page, { name: 'Écrit sur B, clé périmée' });
    await expect(b.page.getByTestId('device-key-stale')).toBeVisible();

    // A's current invite brings B back into the same copy: its edit reaches A.
    const fresh = await a.page.getByTestId('invite-link').inputValue();
    expect(fresh).not.toBe(link);
    await b.page.goto(fresh);
    await expect(b.page.getByTestId('join-adopted')).toBeVisible({ timeout: 20_000 });
    expect(b.page.url()).not.toContain('#');
    await b.page.getByTestId('join-open').click();
    await synced(b.page);
    await expect(b.page.getByTestId('device-key-stale')).toHaveCount(0);
    await a.page.goto('/clients');
    await expect(a.page.getByText('Écrit sur B, clé périmée')).toBeVisible({ timeout: 20_000 });
    // One copy on B, with both devices' clients.
    await b.page.goto('/clients');
    await expect(b.page.getByText('Après la tentative')).toBeVisible();
    expect(JSON.parse((await b.page.evaluate(() => localStorage.getItem('relance.workspaces'))) ?? '[]')).toHaveLength(1);
  } finally {
    await a.context.close();
    await b.context.close();
  }
});
