// The fonts served in static/fonts/ (a subset of DejaVu Sans made by scripts/subset-fonts.mjs)
// must print every character an invoice in French needs.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fontCoverage } from './fontCoverage';

const faces = ['static/fonts/DejaVuSans-subset.ttf', 'static/fonts/DejaVuSans-Bold-subset.ttf'];
const needed =
  ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~' +
  'àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ«»€’‘“”…–—•°²³½×÷' +
  '\u00a0\u202f' + // no-break spaces of « 1 234,56 € » and « 12,15 % »
  '\ufffd';

describe.each(faces)('%s', (path) => {
  const covered = fontCoverage(readFileSync(path));

  it('has a glyph for every character French invoices use', () => {
    const missing = Array.from(needed).filter((ch) => !covered.has(ch.codePointAt(0)!));
    expect(missing).toEqual([]);
  });

  it('also prints Latin names from elsewhere, Greek and Cyrillic', () => {
    for (const ch of 'ĞğŁłŚśȘșȚțŽžĆćĐđễịαβγΩЖщЁ') expect(covered.has(ch.codePointAt(0)!), ch).toBe(true);
  });

  it('does not pretend to print what it lacks', () => {
    expect(covered.has(0x8336)).toBe(false); // 茶
    expect(covered.has(0x0)).toBe(false);
  });
});
