// Text helpers of the PDF layout, pure and measured through a callback so they are testable
// without jsPDF: line wrapping, what the embedded font can print, file names.

/**
 * Greedy word wrap: paragraphs on '\n', breaks only at ordinary spaces (never at the no-break
 * spaces of « 1 234,56 € »), a word wider than the line is cut between characters.
 * wrapText('Pose de carrelage', 20, (s) => s.length) → ['Pose de carrelage'];
 * wrapText('Pose de carrelage', 8, (s) => s.length) → ['Pose de', 'carrelag', 'e'].
 */
export function wrapText(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    const words = glueFrenchPunctuation(paragraph.split(/ +/).filter((w, i, all) => w !== '' || all.length === 1));
    let line = '';
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (measure(candidate) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      // The word alone does not fit: cut it between characters (never inside a surrogate pair).
      let piece = '';
      for (const ch of word) {
        if (piece && measure(piece + ch) > maxWidth) {
          lines.push(piece);
          piece = '';
        }
        piece += ch;
      }
      line = piece;
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/**
 * French typography puts a space inside « » and before : ; ! ? — never a place to break the
 * line: « Pro » must not end a line with a lone «.
 */
function glueFrenchPunctuation(words: string[]): string[] {
  const out: string[] = [];
  for (const word of words) {
    const last = out.length - 1;
    if (last >= 0 && (out[last].endsWith('«') || /^[»:;!?]/.test(word))) out[last] += ` ${word}`;
    else out.push(word);
  }
  return out;
}

/** Characters that never print: controls (but not the line feed, handled by wrapText). */
const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b\u2060\ufeff]/g;

/**
 * The text as the embedded font can print it: NFC (a decomposed « é » becomes one glyph),
 * tabs as spaces, invisible controls dropped, and any character the font lacks replaced by
 * U+FFFD (jsPDF would silently cut the string at the first one). `printable` says what the
 * font has; it is read from the font's own cmap.
 */
export function printableText(text: string, printable: (codePoint: number) => boolean): string {
  const s = text.normalize('NFC').replace(/\t/g, ' ').replace(CONTROLS, '');
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    out += cp === 0x0a || printable(cp) ? ch : printable(0xfffd) ? '\ufffd' : '?';
  }
  return out;
}

/** True when the text holds a space that text extraction would turn into a plain space. */
export function hasSpecialSpaces(text: string): boolean {
  return /[\u00a0\u202f\u2007\u2009]/.test(text);
}

/**
 * ASCII slug for file names: slugify('Société Générale d’Électricité <b>Ouest</b>') →
 * 'Societe-Generale-d-Electricite-b-Ouest-b'.
 */
export function slugify(text: string, maxLength = 40): string {
  const ascii = text
    .replace(/[œŒ]/g, (c) => (c === 'œ' ? 'oe' : 'OE'))
    .replace(/[æÆ]/g, (c) => (c === 'æ' ? 'ae' : 'AE'))
    .replace(/ß/g, 'ss')
    .replace(/[øØ]/g, (c) => (c === 'ø' ? 'o' : 'O'))
    .replace(/[łŁ]/g, (c) => (c === 'ł' ? 'l' : 'L'))
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return ascii.slice(0, maxLength).replace(/-+$/, '');
}

/** 'Facture', 'F-2026-A-0001', 'Société Générale' → 'Facture-F-2026-A-0001-Societe-Generale.pdf'. */
export function pdfFileName(label: string, number: string, clientName: string): string {
  const parts = [slugify(label, 30), number.replace(/[^A-Za-z0-9._-]+/g, '-'), slugify(clientName)].filter(Boolean);
  return `${parts.join('-')}.pdf`;
}

const INFO_REPLACEMENTS: Record<string, string> = {
  '\u00a0': ' ',
  '\u202f': ' ',
  '\u2009': ' ',
  '\u2018': "'",
  '\u2019': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  œ: 'oe',
  Œ: 'OE',
  ł: 'l',
  Ł: 'L',
  '€': 'EUR'
};

/**
 * Text for the document information (/Info: title, subject, author). jsPDF writes it one byte
 * per character, read back as PDFDocEncoding: anything outside Latin-1 would come out garbled
 * (’ as a control character) and a PDF/A's XMP copy would then disagree with it. So: typographic
 * quotes and spaces made plain, accents outside Latin-1 dropped, anything else left '?'.
 * infoText('L’Atelier — Dœ') → "L'Atelier - Doe".
 */
export function infoText(text: string): string {
  return [...text]
    .map((ch) => INFO_REPLACEMENTS[ch] ?? ch)
    .join('')
    .replace(/[^\u0020-\u007e\u00a1-\u00ff]/gu, (ch) => ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\u0020-\u007e]/gu, '?'));
}
