import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  backupChecksum,
  backupFileName,
  decodeBase64,
  encodeBase64,
  isBase64,
  isTooLargeForBackup,
  MAX_BACKUP_BYTES,
  parseBackup,
  sameRecords,
  sealBackup,
  serializeBackup,
  type BackupContent
} from './backupFormat';
import { canonicalJson } from './integrity';

const OPTS = { maxSchemaVersion: 2 };

function content(partial: Partial<BackupContent> = {}): BackupContent {
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: '2026-11-23T09:00:00.000Z',
    appVersion: '0.1.0',
    workspaceId: 'ws-1',
    schemaVersion: 2,
    yjs: encodeBase64(new Uint8Array([1, 2, 3, 250, 251, 252])),
    archives: [{ year: 2024, yjs: encodeBase64(new Uint8Array([4, 5, 6])) }],
    data: { schemaVersion: 2, company: { name: 'Atelier Dupont' }, clients: [{ id: 'c1', name: 'Boulangerie « Martin »' }] },
    ...partial
  };
}

async function text(partial: Partial<BackupContent> = {}): Promise<string> {
  return serializeBackup(await sealBackup(content(partial)));
}

/** A sealed file changed afterwards (its checksum left as it was). */
async function tampered(change: (file: Record<string, unknown>) => void): Promise<string> {
  const file = JSON.parse(await text()) as Record<string, unknown>;
  change(file);
  return JSON.stringify(file, null, 2);
}

describe('backupFileName', () => {
  it('names the file after the company and the day', () => {
    expect(backupFileName('Atelier Dupont', '2026-11-23')).toBe('Relance-Atelier-Dupont-2026-11-23.relance');
  });

  it('keeps accents, turns anything a file system dislikes into single dashes', () => {
    expect(backupFileName('Boulangerie / Pâtisserie « Élise » & fils', '2026-01-05')).toBe(
      'Relance-Boulangerie-Pâtisserie-Élise-fils-2026-01-05.relance'
    );
    expect(backupFileName('  ../..\\:*?  ', '2026-01-05')).toBe('Relance-sauvegarde-2026-01-05.relance');
  });
});

describe('backupChecksum', () => {
  it('is the SHA-256 of the canonical JSON of every field but the checksum', async () => {
    const c = content();
    const expected = createHash('sha256').update(canonicalJson(c), 'utf8').digest('hex');
    expect(await backupChecksum(c)).toBe(`sha256:${expected}`);
    // The checksum field itself, whatever it holds, is not part of what is summed.
    expect(await backupChecksum({ ...c, checksum: 'sha256:0' } as BackupContent)).toBe(`sha256:${expected}`);
  });

  it('does not depend on the order of keys, and changes with any value', async () => {
    const c = content();
    const reordered = Object.fromEntries(Object.entries(c).reverse()) as BackupContent;
    expect(await backupChecksum(reordered)).toBe(await backupChecksum(c));
    expect(await backupChecksum(content({ appVersion: '0.1.1' }))).not.toBe(await backupChecksum(c));
  });
});

describe('parseBackup', () => {
  it('accepts a sealed file and gives it back field for field', async () => {
    const sealed = await sealBackup(content());
    const parsed = await parseBackup(serializeBackup(sealed), OPTS);
    expect(parsed).toEqual({ ok: true, file: sealed });
  });

  it('writes `format` first, so a cut-off file is still recognised as ours', async () => {
    expect((await text()).startsWith('{\n  "format": "relance-backup"')).toBe(true);
  });

  it.each([
    ['an empty file', ''],
    ['a file of blanks', ' \n\t ']
  ])('refuses %s as empty', async (_what, t) => {
    expect(await parseBackup(t, OPTS)).toEqual({ ok: false, reason: 'empty' });
  });

  it('refuses a file cut short, wherever the cut', async () => {
    const full = await text();
    for (const at of [40, Math.floor(full.length / 2), full.length - 2]) {
      expect(await parseBackup(full.slice(0, at), OPTS), `cut at ${at}`).toEqual({ ok: false, reason: 'truncated' });
    }
  });

  it.each([
    ['a PNG image', '\x89PNG\r\n\x1a\n\0\0\0\rIHDR'],
    ['plain text', 'Facture n° 12'],
    ['JSON without a format', '{"invoices": []}'],
    ['another app’s JSON', JSON.stringify({ format: 'other-app-backup', version: 1 })],
    ['a JSON array', '[1, 2, 3]'],
    ['a JSON string', '"relance-backup"'],
    ['null', 'null']
  ])('refuses %s as not a Relance backup', async (_what, t) => {
    expect(await parseBackup(t, OPTS)).toEqual({ ok: false, reason: 'foreign' });
  });

  it('refuses a file whose JSON is broken inside as damaged', async () => {
    const broken = (await text()).replace('"workspaceId": "ws-1"', '"workspaceId" "ws-1"');
    expect(await parseBackup(broken, OPTS)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses a file from a later version of the format', async () => {
    expect(await parseBackup(await text({ version: 3 }), OPTS)).toEqual({ ok: false, reason: 'newer_version' });
  });

  it('refuses records of a later schema than this app reads', async () => {
    expect(await parseBackup(await text({ schemaVersion: 3 }), OPTS)).toEqual({ ok: false, reason: 'newer_schema' });
  });

  it.each([
    ['no version', (f: Record<string, unknown>) => delete f.version],
    ['a version that is not a whole number', (f: Record<string, unknown>) => (f.version = '1')],
    ['a version 0', (f: Record<string, unknown>) => (f.version = 0)],
    ['no date', (f: Record<string, unknown>) => delete f.createdAt],
    ['a date that is not one', (f: Record<string, unknown>) => (f.createdAt = 'hier')],
    ['no workspace id', (f: Record<string, unknown>) => (f.workspaceId = '')],
    ['no schema version', (f: Record<string, unknown>) => delete f.schemaVersion],
    ['no app version', (f: Record<string, unknown>) => delete f.appVersion],
    ['a checksum of another kind', (f: Record<string, unknown>) => (f.checksum = 'md5:abc')],
    ['no Yjs state', (f: Record<string, unknown>) => delete f.yjs],
    ['no readable data', (f: Record<string, unknown>) => delete f.data],
    ['readable data that is a list', (f: Record<string, unknown>) => (f.data = [])]
  ])('refuses a file with %s as malformed', async (_what, change) => {
    expect(await parseBackup(await tampered(change), OPTS)).toEqual({ ok: false, reason: 'malformed' });
  });

  it.each([
    ['a character outside base64', (y: string) => '*' + y.slice(1)],
    ['a length that is not a multiple of 4', (y: string) => y + 'A'],
    ['line breaks', (y: string) => y.slice(0, 4) + '\n' + y.slice(4)],
    ['nothing', () => '']
  ])('refuses a Yjs state with %s as bad base64', async (_what, change) => {
    const t = await tampered((f) => (f.yjs = change(f.yjs as string)));
    expect(await parseBackup(t, OPTS)).toEqual({ ok: false, reason: 'bad_base64' });
  });

  it.each([
    ['one character of the Yjs state', (f: Record<string, unknown>) => (f.yjs = 'B' + (f.yjs as string).slice(1))],
    ['a record of the readable copy', (f: Record<string, unknown>) => ((f.data as { clients: { name: string }[] }).clients[0].name = 'Boulangerie Martin')],
    ['the workspace id', (f: Record<string, unknown>) => (f.workspaceId = 'ws-2')],
    ['the date', (f: Record<string, unknown>) => (f.createdAt = '2026-11-24T09:00:00.000Z')],
    ['the checksum itself', (f: Record<string, unknown>) => (f.checksum = `sha256:${'0'.repeat(64)}`)]
  ])('refuses a file whose %s was changed: checksum mismatch', async (_what, change) => {
    expect(await parseBackup(await tampered(change), OPTS)).toEqual({ ok: false, reason: 'checksum' });
  });

  it('reads a version 1 file, which carries no archives', async () => {
    const v1: BackupContent = { ...content({ version: 1 }) };
    delete v1.archives;
    const sealed = await sealBackup(v1);
    expect(await parseBackup(serializeBackup(sealed), OPTS)).toEqual({ ok: true, file: sealed });
    expect(serializeBackup(sealed)).not.toContain('"archives"');
  });

  it('reads a version 2 file with no archive, or several', async () => {
    for (const archives of [[], [{ year: 2999, yjs: 'AAAA' }, { year: 2000, yjs: 'AQID' }]]) {
      const sealed = await sealBackup(content({ archives }));
      expect(await parseBackup(serializeBackup(sealed), OPTS)).toEqual({ ok: true, file: sealed });
    }
  });

  it.each([
    ['version 2 without its list of archives', { archives: undefined }],
    ['version 1 with a list of archives', { version: 1 }],
    ['archives that are not a list', { archives: { year: 2024, yjs: 'AAAA' } }],
    ['an archive of the year 1999', { archives: [{ year: 1999, yjs: 'AAAA' }] }],
    ['an archive of the year 3000', { archives: [{ year: 3000, yjs: 'AAAA' }] }],
    ['an archive of a year that is not a whole number', { archives: [{ year: 2024.5, yjs: 'AAAA' }] }],
    ['an archive of a year written as text', { archives: [{ year: '2024', yjs: 'AAAA' }] }],
    ['the same year twice', { archives: [{ year: 2024, yjs: 'AAAA' }, { year: 2024, yjs: 'AQID' }] }],
    ['an archive without its state', { archives: [{ year: 2024 }] }]
  ])('refuses a re-sealed file with %s as malformed', async (_what, change) => {
    const sealed = await sealBackup({ ...content(), ...change } as BackupContent);
    expect(await parseBackup(JSON.stringify(sealed), OPTS)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses an archive state that is not base64', async () => {
    const t = await text({ archives: [{ year: 2024, yjs: 'AAAA' }, { year: 2025, yjs: 'AA*A' }] });
    expect(await parseBackup(t, OPTS)).toEqual({ ok: false, reason: 'bad_base64' });
  });

  it.each([
    ['one character of an archive state', (f: Record<string, unknown>) => ((f.archives as { yjs: string }[])[0].yjs = 'BAUH')],
    ['the year of an archive', (f: Record<string, unknown>) => ((f.archives as { year: number }[])[0].year = 2025)],
    ['an archive left out', (f: Record<string, unknown>) => (f.archives = [])]
  ])('covers the archives by the checksum: %s changed', async (_what, change) => {
    expect(await parseBackup(await tampered(change), OPTS)).toEqual({ ok: false, reason: 'checksum' });
  });

  it('accepts the same content re-indented or with its keys in another order', async () => {
    const file = JSON.parse(await text()) as Record<string, unknown>;
    const reordered = { format: file.format, ...Object.fromEntries(Object.entries(file).reverse()) };
    expect((await parseBackup(JSON.stringify(reordered), OPTS)).ok).toBe(true);
  });
});

describe('base64', () => {
  it('round-trips every byte value, and large buffers', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(decodeBase64(encodeBase64(all))).toEqual(all);
    const big = new Uint8Array(300_000).map((_, i) => (i * 31) % 256);
    expect(decodeBase64(encodeBase64(big))).toEqual(big);
    expect(encodeBase64(new TextEncoder().encode('Relance'))).toBe('UmVsYW5jZQ==');
  });

  it('accepts only strict base64', () => {
    expect(isBase64('UmVsYW5jZQ==')).toBe(true);
    expect(isBase64('UmVsYW5jZQ')).toBe(false);
    expect(isBase64('UmVs YW5j')).toBe(false);
    expect(isBase64('')).toBe(false);
    expect(decodeBase64('Um=s')).toBeNull();
  });
});

describe('isTooLargeForBackup', () => {
  it('refuses a file above 500 MB before it is read, not one of exactly 500 MB', () => {
    expect(MAX_BACKUP_BYTES).toBe(500_000_000);
    expect(isTooLargeForBackup(500_000_001)).toBe(true);
    expect(isTooLargeForBackup(500_000_000)).toBe(false);
    expect(isTooLargeForBackup(76_000_000)).toBe(false); // 5 000 invoices, measured
  });
});

describe('sameRecords', () => {
  const a = { id: 'a', n: 1 };
  const b = { id: 'b', n: 2 };

  it('ignores the order of records and of keys', () => {
    expect(sameRecords({ schemaVersion: 2, clients: [a, b] }, { clients: [b, { n: 1, id: 'a' }], schemaVersion: 2 })).toBe(true);
  });

  it('sees a changed, missing or extra record or field', () => {
    expect(sameRecords({ clients: [a, b] }, { clients: [a, { id: 'b', n: 3 }] })).toBe(false);
    expect(sameRecords({ clients: [a, b] }, { clients: [a] })).toBe(false);
    expect(sameRecords({ clients: [a] }, { clients: [a], items: [] })).toBe(false);
    expect(sameRecords({ company: { name: 'X' } }, { company: { name: 'Y' } })).toBe(false);
  });

  it('compares the list of unreadable records too, whatever its order', () => {
    const bad = { collection: 'payments', id: 'p-bad', defect: { kind: 'not_json' } };
    const bad2 = { collection: 'events', id: 'e-bad', defect: { kind: 'not_object' } };
    expect(sameRecords({ payments: [a], unreadable: [bad, bad2] }, { payments: [a], unreadable: [bad2, bad] })).toBe(true);
    expect(sameRecords({ payments: [a], unreadable: [bad] }, { payments: [a] })).toBe(false);
  });
});
