// CSV as spreadsheets read it: French — « ; » separators and decimal commas — or English
// (« , » and points); UTF-8 with a byte order mark so that Excel reads accents; CRLF lines.
import type { Cents, Language } from './types';

export function csvSeparator(lang: Language): string {
  return lang === 'fr' ? ';' : ',';
}

/** csvAmount(-123456, 'fr') → '-1234,56' (no thousands separator: spreadsheets parse it). */
export function csvAmount(cents: Cents, lang: Language): string {
  const s = (Math.abs(cents) / 100).toFixed(2);
  return `${cents < 0 ? '-' : ''}${lang === 'fr' ? s.replace('.', ',') : s}`;
}

/** csvNumber(73.7, 'fr') → '73,7'. */
export function csvNumber(value: number, lang: Language): string {
  const s = String(value);
  return lang === 'fr' ? s.replace('.', ',') : s;
}

/** A text cell: quoted when needed; a leading = + - @ is defused so no spreadsheet runs it as a formula. */
export function csvCell(text: string, separator: string): string {
  let s = text.replace(/\r\n?|\n/g, ' ');
  if (/^[=+\-@\t]/.test(s)) s = `'${s}`;
  return s.includes(separator) || s.includes('"') ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The file: a header of text cells, then rows whose cells are already formatted. */
export function csvFile(header: string[], rows: string[][], separator: string): string {
  return `\ufeff${[header.map((h) => csvCell(h, separator)), ...rows].map((r) => r.join(separator)).join('\r\n')}\r\n`;
}
