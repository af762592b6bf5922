// A backup never wipes the books: merging one only adds and updates, shown first; a record a
// buggy or hostile device wrote is skipped, named by the integrity check, and blocks no backup.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { decodeBase64, encodeBase64, sealBackup, serializeBackup, type BackupFile } from '../../src/lib/domain/backupFormat';
import { addLines, createClient, createWorkspace, issueOpenDraft, pinClock, seriousA11yViolations } from './helpers';

const NOW = '2026-11-23T10:00:00+01:00';

test.beforeEach(async ({ page }) => {
  await pinClock(page, NOW);
});

async function exportBackup(page: Page): Promise<{ path: string; text: string }> {
  await page.goto('/settings#backup');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-export').click()]);
  const path = await download.path();
  return { path, text: readFileSync(path, 'utf8') };
}

async function clientNames(page: Page): Promise<string[]> {
  await page.goto('/clients');
  await expect(page.getByTestId('client-count')).toBeVisible();
  await expect(page.getByTestId('client-row').first()).toBeVisible();
  return (await page.locator('[data-testid="client-row"] .name').allInnerTexts()).map((t) => t.trim()).sort();
}

async function documentNumbers(page: Page): Promise<string[]> {
  await page.goto('/documents');
  await expect(page.getByTestId('doc-row').first()).toBeVisible();
  return (await page.getByTestId('doc-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-number') ?? ''))).sort();
}

test('merging a backup adds and updates, shows it first, and deletes nothing; a deleted draft comes back only if ticked', async ({ page }) => {
  await createWorkspace(page);
  const clientId = await createClient(page, { name: 'Boulangerie Martin' });
  await page.getByTestId('client-new-invoice').click();
  await addLines(page, [{ description: 'Conception de la carte', quantity: '2', price: '450,00', vatBp: 2000 }]);
  await issueOpenDraft(page);
  // A draft with a subject, so that the preview can name it.
  await page.goto(`/clients/${clientId}`);
  await page.getByTestId('client-new-invoice').click();
  await page.getByTestId('doc-title').fill('Cartes de vœux');
  await addLines(page, [{ description: 'Cartes', quantity: '100', price: '1,20', vatBp: 2000 }]);
  await expect(page.getByTestId('save-state')).toHaveText('Brouillon enregistré');
  const before = await documentNumbers(page);
  expect(before).toHaveLength(2);
  const backup = await exportBackup(page);

  // After the backup: the draft is deleted, another client added.
  await page.goto('/documents');
  await page.locator('[data-testid="doc-row"][data-number=""]').click();
  page.once('dialog', (d) => d.accept());
  await page.getByTestId('delete-draft').click();
  await expect(page).toHaveURL(/\/documents$/);
  await createClient(page, { name: 'Garage Lefèvre' });

  await page.goto('/settings#backup');
  await page.getByTestId('backup-import-file').setInputFiles(backup.path);
  await expect(page.getByTestId('backup-mode-merge')).toBeChecked();
  await page.getByTestId('backup-import-apply').click();
  // Shown first: nothing to add, nothing deleted, and the deleted draft offered, not imposed.
  await expect(page.getByTestId('merge-summary')).toHaveText('0 ajout(s), 0 champ(s) mis à jour, 0 suppression');
  await expect(page.getByTestId('merge-restorable')).toContainText('document — Cartes de vœux');
  await expect(page.getByTestId('merge-restore')).not.toBeChecked();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByTestId('backup-import-apply').click();
  await expect(page.getByTestId('backup-ok')).toContainText('Sauvegarde fusionnée : 0 ajout(s), 0 champ(s) mis à jour, 0 rétabli(s), 0 suppression.');

  expect(await clientNames(page)).toEqual(expect.arrayContaining(['Boulangerie Martin', 'Garage Lefèvre']));
  const after = await documentNumbers(page);
  expect(after).toEqual(before.filter((n) => n !== '')); // the draft stays deleted, the invoice is there

  // Merged again, the draft ticked: it comes back, and the added client is still there.
  await page.goto('/settings#backup');
  await page.getByTestId('backup-import-file').setInputFiles(backup.path);
  await page.getByTestId('backup-import-apply').click();
  await page.getByTestId('merge-restore').check();
  await page.getByTestId('backup-import-apply').click();
  await expect(page.getByTestId('backup-ok')).toContainText('1 rétabli(s)');
  expect(await documentNumbers(page)).toEqual(before);
  expect(await clientNames(page)).toEqual(expect.arrayContaining(['Boulangerie Martin', 'Garage Lefèvre']));

  // Nothing issued was lost or changed.
  await page.goto('/settings#integrity');
  await page.getByTestId('verify-integrity').click();
  await expect(page.getByTestId('integrity-ok')).toBeVisible();
});

test('a backup from a copy that deleted two clients and an issued invoice deletes nothing when merged', async ({ page }) => {
  await createWorkspace(page);
  const c1 = await createClient(page, { name: 'Boulangerie Martin' });
  await page.getByTestId('client-new-invoice').click();
  await addLines(page, [{ description: 'Révision', quantity: '1', price: '120', vatBp: 2000 }]);
  await issueOpenDraft(page);
  const invoiceId = new URL(page.url()).pathname.split('/').pop()!;
  const c2 = await createClient(page, { name: 'Garage Lefèvre' });
  const { text } = await exportBackup(page);

  // The reproduced attack: an old or careless copy deletes both clients and the issued invoice,
  // and its backup — consistent, sealed — is merged.
  const file = JSON.parse(text) as BackupFile<Record<string, { id: string }[]>>;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, decodeBase64(file.yjs)!);
  doc.transact(() => {
    doc.getMap('clients').delete(c1);
    doc.getMap('clients').delete(c2);
    doc.getMap('documents').delete(invoiceId);
  });
  const { checksum: _c, ...content } = file;
  const data = { ...file.data, clients: [], documents: file.data.documents.filter((d) => d.id !== invoiceId) };
  const wiped = await sealBackup({ ...content, yjs: encodeBase64(Y.encodeStateAsUpdate(doc)), data });
  await page.goto('/settings#backup');
  await page.getByTestId('backup-import-file').setInputFiles({ name: 'copie.relance', mimeType: 'application/json', buffer: Buffer.from(serializeBackup(wiped)) });
  await expect(page.getByTestId('backup-summary')).toContainText('clients : 0, documents : 0');
  await page.getByTestId('backup-import-apply').click();
  await expect(page.getByTestId('merge-summary')).toHaveText('0 ajout(s), 0 champ(s) mis à jour, 0 suppression');
  await page.getByTestId('backup-import-apply').click();
  await expect(page.getByTestId('backup-ok')).toContainText('fusionnée');

  expect(await clientNames(page)).toEqual(['Boulangerie Martin', 'Garage Lefèvre']);
  expect(await documentNumbers(page)).toEqual(['F-2026-A-0001']);
  await page.goto('/settings#integrity');
  await page.getByTestId('verify-integrity').click();
  await expect(page.getByTestId('integrity-ok')).toBeVisible();
});

test('a malformed record from another device is skipped and named; the workspace still backs up', async ({ page }) => {
  await createWorkspace(page);
  await createClient(page, { name: 'Boulangerie Martin' });
  const { text } = await exportBackup(page);

  // Another device's copy carries a payment stored as '{not json' (a buggy or hostile version).
  const file = JSON.parse(text) as BackupFile<Record<string, unknown>>;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, decodeBase64(file.yjs)!);
  doc.getMap('payments').set('p-7f3', '{not json');
  const { checksum: _c, ...content } = file;
  const hostile = await sealBackup({
    ...content,
    yjs: encodeBase64(Y.encodeStateAsUpdate(doc)),
    data: { ...file.data, unreadable: [{ collection: 'payments', id: 'p-7f3', defect: { kind: 'not_json' } }] }
  });
  await page.goto('/settings#backup');
  await page.getByTestId('backup-import-file').setInputFiles({ name: 'autre-appareil.relance', mimeType: 'application/json', buffer: Buffer.from(serializeBackup(hostile)) });
  await expect(page.getByTestId('backup-unreadable')).toContainText('1 enregistrement(s) illisible(s)');
  await page.getByTestId('backup-import-apply').click();
  await expect(page.getByTestId('merge-summary')).toContainText('0 suppression');
  await page.getByTestId('backup-import-apply').click();
  await expect(page.getByTestId('backup-ok')).toContainText('fusionnée');

  // The app still works, the check names the record, and a backup is still made and carries it.
  expect(await clientNames(page)).toEqual(['Boulangerie Martin']);
  await page.goto('/settings#integrity');
  await page.getByTestId('verify-integrity').click();
  await expect(page.getByTestId('integrity-problem')).toHaveCount(1);
  await expect(page.getByTestId('integrity-problem')).toHaveAttribute('data-kind', 'unreadable');
  await expect(page.getByTestId('integrity-problem')).toContainText('paiement p-7f3 — enregistrement illisible, ignoré');
  const again = JSON.parse((await exportBackup(page)).text);
  expect(again.data.unreadable).toEqual([{ collection: 'payments', id: 'p-7f3', defect: { kind: 'not_json' } }]);
  expect(again.data.clients.map((c: { name: string }) => c.name)).toEqual(['Boulangerie Martin']);
});

test('a file larger than any backup is refused on its size, before it is read', async ({ page }) => {
  await createWorkspace(page);
  await page.goto('/settings#backup');
  await expect(page.getByTestId('backup-import-file')).toBeVisible();
  // A File whose size says 600 MB without holding it: the app must refuse it without reading.
  await page.evaluate(() => {
    const input = document.querySelector<HTMLInputElement>('[data-testid="backup-import-file"]')!;
    const file = new File(['x'], 'enorme.relance');
    Object.defineProperty(file, 'size', { value: 600_000_000 });
    Object.defineProperty(file, 'text', { value: () => Promise.reject(new Error('read')) });
    const list = { 0: file, length: 1, item: () => file } as unknown as FileList;
    Object.defineProperty(input, 'files', { value: list });
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await expect(page.getByTestId('backup-error')).toHaveAttribute('data-reason', 'too_large');
  await expect(page.getByTestId('backup-error')).toContainText('le fichier fait 600 Mo, plus que les 500 Mo');
  await expect(page.getByTestId('backup-choice')).toHaveCount(0);
});
