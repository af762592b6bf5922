// A small layout engine over jsPDF: A4 in millimetres, one embedded TrueType family (regular
// and bold), text that is always printed literally and only with glyphs the font has, a cursor
// that flows down the page and opens a new one (with its running header) when full, tables,
// vector QR codes, and the footer stamped on every page once the page count is known.
import { jsPDF } from 'jspdf';
import type { Language } from '$lib/domain/types';
import { hasSpecialSpaces, infoText, printableText, wrapText } from './text';
import { planTable } from './layout';

/** The embedded font: TrueType files as binary strings, and the code points they cover. */
export interface PdfFonts {
  regular: string;
  bold: string;
  covered: ReadonlySet<number>;
}

export type Rgb = readonly [number, number, number];
export const INK: Rgb = [27, 31, 36];
export const MUTED: Rgb = [90, 100, 112];
export const ACCENT: Rgb = [31, 78, 121];
export const RULE: Rgb = [200, 207, 215];
export const SHADE: Rgb = [238, 243, 248];
export const ZEBRA: Rgb = [248, 250, 252];

export const A4 = { width: 210, height: 297 } as const;
export const MARGIN = { left: 15, right: 15, top: 14, bottom: 10 } as const;
/** Millimetres per typographic point. */
export const PT = 25.4 / 72;
const FAMILY = 'DejaVuSans';

export interface TextStyle {
  size?: number;
  bold?: boolean;
  color?: Rgb;
  align?: 'left' | 'right' | 'center';
}

export interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right' | 'center';
}

export interface TableStyle {
  size?: number;
  headerSize?: number;
  padding?: number;
  /** Rows drawn bold (e.g. a totals row). */
  boldRows?: ReadonlySet<number>;
}

/** A QR code's module matrix. */
export interface QrMatrix {
  size: number;
  dark(row: number, col: number): boolean;
}

/** Height of a line of text of `size` points, in mm. */
export function lineHeight(size: number, leading = 1.3): number {
  return size * PT * leading;
}

export class PdfWriter {
  readonly doc: jsPDF;
  readonly lang: Language;
  /** The cursor: top of the next thing drawn. */
  y: number = MARGIN.top;
  /** Lowest y of the body (the footer lies below). */
  bottom: number = A4.height - MARGIN.bottom;
  /** Where the body starts on pages after the first (below the running header). */
  pageTop: number = MARGIN.top;
  /** Draws the running header of each new page. */
  runningHeader: ((w: PdfWriter) => void) | null = null;
  readonly left: number = MARGIN.left;
  readonly right: number = A4.width - MARGIN.right;
  readonly width: number = A4.width - MARGIN.left - MARGIN.right;

  /** Title, subject and author as written in the document information (PDF/A repeats them in XMP). */
  readonly meta: { title: string; subject: string; author: string };
  readonly #printable: (cp: number) => boolean;
  #font = '';
  #color = '';

  constructor(fonts: PdfFonts, lang: Language, meta: { title: string; subject?: string; author: string }) {
    this.lang = lang;
    this.#printable = (cp) => fonts.covered.has(cp);
    this.doc = new jsPDF({ unit: 'mm', format: 'a4', compress: true, putOnlyUsedFonts: true });
    this.doc.addFileToVFS(`${FAMILY}.ttf`, fonts.regular);
    this.doc.addFont(`${FAMILY}.ttf`, FAMILY, 'normal');
    this.doc.addFileToVFS(`${FAMILY}-Bold.ttf`, fonts.bold);
    this.doc.addFont(`${FAMILY}-Bold.ttf`, FAMILY, 'bold');
    this.meta = { title: infoText(this.clean(meta.title)), subject: infoText(this.clean(meta.subject ?? '')), author: infoText(this.clean(meta.author)) };
    this.doc.setProperties({ ...this.meta, creator: 'Relance' });
    this.doc.setLanguage(lang === 'fr' ? 'fr-FR' : 'en-GB');
    this.doc.setLineWidth(0.2);
  }

  /** Client-provided text as the font can print it (never interpreted as markup). */
  clean(text: string): string {
    return printableText(text, this.#printable);
  }

  #use(size: number, bold: boolean): void {
    const key = `${bold ? 'b' : 'n'}${size}`;
    if (key === this.#font) return;
    this.#font = key;
    this.doc.setFont(FAMILY, bold ? 'bold' : 'normal');
    this.doc.setFontSize(size);
  }

  #ink(color: Rgb): void {
    const key = color.join(',');
    if (key === this.#color) return;
    this.#color = key;
    this.doc.setTextColor(color[0], color[1], color[2]);
  }

  /** Raw PDF operators into the current page's content (jsPDF has it, its typings do not). */
  #raw(operators: string): void {
    (this.doc.internal as unknown as { write: (s: string) => void }).write(operators);
  }

  /** Width in mm of text (already clean) at `size` points. */
  measure(text: string, size: number, bold = false): number {
    this.#use(size, bold);
    return this.doc.getTextWidth(text);
  }

  /** The text wrapped to `width` mm. */
  wrap(text: string, width: number, size: number, bold = false): string[] {
    return wrapText(this.clean(text), width, (s) => this.measure(s, size, bold));
  }

  /**
   * One line of text whose top is at `top`. Text holding no-break spaces is marked with its
   * exact Unicode (/ActualText): text extraction would otherwise turn « 1 234,56 € » into plain spaces.
   */
  text(text: string, x: number, top: number, style: TextStyle = {}): void {
    const size = style.size ?? 9;
    const s = this.clean(text);
    if (!s) return;
    this.#use(size, style.bold ?? false);
    this.#ink(style.color ?? INK);
    const baseline = top + size * PT * 0.93;
    const exact = hasSpecialSpaces(s);
    if (exact) this.#raw(`/Span <</ActualText <${utf16Hex(s)}>>> BDC`);
    this.doc.text(s, x, baseline, { align: style.align ?? 'left' });
    if (exact) this.#raw('EMC');
  }

  /** Wrapped text flowing from the cursor, breaking pages as needed; returns the lines drawn. */
  paragraph(text: string, style: TextStyle & { x?: number; width?: number; leading?: number; gapAfter?: number } = {}): number {
    const size = style.size ?? 9;
    const x = style.x ?? this.left;
    const width = style.width ?? this.width;
    const lh = lineHeight(size, style.leading ?? 1.35);
    const lines = this.wrap(text, width, size, style.bold);
    const anchor = style.align === 'right' ? x + width : style.align === 'center' ? x + width / 2 : x;
    for (const line of lines) {
      this.ensure(lh);
      this.text(line, anchor, this.y, style);
      this.y += lh;
    }
    this.y += style.gapAfter ?? 0;
    return lines.length;
  }

  /** Opens a new page when `height` mm do not fit below the cursor. */
  ensure(height: number): void {
    if (this.y + height > this.bottom + 1e-6) this.newPage();
  }

  newPage(): void {
    this.doc.addPage();
    this.#font = '';
    this.#color = '';
    this.y = this.pageTop;
    this.runningHeader?.(this);
    this.y = this.pageTop;
  }

  get page(): number {
    return this.doc.getCurrentPageInfo().pageNumber;
  }

  hline(x1: number, x2: number, y: number, color: Rgb = RULE, width = 0.2): void {
    this.doc.setDrawColor(color[0], color[1], color[2]);
    this.doc.setLineWidth(width);
    this.doc.line(x1, y, x2, y);
  }

  box(x: number, y: number, w: number, h: number, opts: { fill?: Rgb; stroke?: Rgb; radius?: number }): void {
    const { fill, stroke, radius = 0 } = opts;
    if (fill) this.doc.setFillColor(fill[0], fill[1], fill[2]);
    if (stroke) {
      this.doc.setDrawColor(stroke[0], stroke[1], stroke[2]);
      this.doc.setLineWidth(0.25);
    }
    const mode = fill && stroke ? 'FD' : fill ? 'F' : 'S';
    if (radius) this.doc.roundedRect(x, y, w, h, radius, radius, mode);
    else this.doc.rect(x, y, w, h, mode);
  }

  /** An image scaled to fit `maxW` × `maxH` mm; returns its drawn size (0 × 0 when unreadable). */
  image(dataUrl: string, x: number, y: number, maxW: number, maxH: number): { w: number; h: number } {
    const format = /^data:image\/png/i.test(dataUrl) ? 'PNG' : /^data:image\/jpe?g/i.test(dataUrl) ? 'JPEG' : null;
    if (!format) return { w: 0, h: 0 };
    try {
      const props = this.doc.getImageProperties(dataUrl);
      if (!props.width || !props.height) return { w: 0, h: 0 };
      const scale = Math.min(maxW / props.width, maxH / props.height);
      const w = props.width * scale;
      const h = props.height * scale;
      this.doc.addImage(dataUrl, format, x, y, w, h, 'logo', 'FAST');
      return { w, h };
    } catch {
      return { w: 0, h: 0 };
    }
  }

  /** A QR code as vector squares: one filled path, one rectangle per run of dark modules. */
  qr(matrix: QrMatrix, x: number, y: number, size: number): void {
    const k = this.doc.internal.scaleFactor;
    const m = size / matrix.size;
    const n = (mm: number) => (mm * k).toFixed(3);
    const ops: string[] = [];
    for (let r = 0; r < matrix.size; r++) {
      let c = 0;
      while (c < matrix.size) {
        if (!matrix.dark(r, c)) {
          c++;
          continue;
        }
        let end = c;
        while (end < matrix.size && matrix.dark(r, end)) end++;
        ops.push(`${n(x + c * m)} ${n(A4.height - y - (r + 1) * m)} ${n((end - c) * m)} ${n(m)} re`);
        c = end;
      }
    }
    this.doc.setFillColor(0, 0, 0);
    this.#raw(`${ops.join('\n')}\nf`);
  }

  /**
   * A table from the cursor: text wrapped in every cell, the header row repeated on each page,
   * light stripes. `rows` hold the cells' text; the cursor ends below the table.
   */
  table(columns: Column[], rows: string[][], style: TableStyle = {}): void {
    const size = style.size ?? 8.5;
    const headerSize = style.headerSize ?? 7.5;
    const pad = style.padding ?? 1.4;
    const lh = lineHeight(size, 1.25);
    const inner = (c: Column) => c.width - 2 * pad;
    const headerLines = columns.map((c) => this.wrap(c.header, inner(c), headerSize, true));
    const headerHeight = Math.max(...headerLines.map((l) => l.length)) * lineHeight(headerSize, 1.25) + 2 * pad;
    const cells = rows.map((row, r) => columns.map((c, i) => this.wrap(row[i] ?? '', inner(c), size, style.boldRows?.has(r))));
    const plan = planTable(
      cells.map((row) => ({ lines: Math.max(...row.map((l) => l.length)) })),
      { top: this.y, pageTop: this.pageTop, bottom: this.bottom, headerHeight, lineHeight: lh, padding: pad }
    );
    const startPage = this.page;
    const xs: number[] = [];
    columns.reduce((x, c) => (xs.push(x), x + c.width), this.left);
    const tableWidth = columns.reduce((s, c) => s + c.width, 0);
    const anchor = (i: number) => (columns[i].align === 'right' ? xs[i] + columns[i].width - pad : columns[i].align === 'center' ? xs[i] + columns[i].width / 2 : xs[i] + pad);

    for (const slice of plan.slices) {
      while (this.page < startPage + slice.page) this.newPage();
      if (slice.afterHeader) {
        const top = slice.y - headerHeight;
        this.box(this.left, top, tableWidth, headerHeight, { fill: SHADE });
        columns.forEach((c, i) =>
          headerLines[i].forEach((line, j) =>
            this.text(line, anchor(i), top + pad + j * lineHeight(headerSize, 1.25), { size: headerSize, bold: true, color: MUTED, align: c.align })
          )
        );
      }
      if (slice.row % 2 === 1) this.box(this.left, slice.y, tableWidth, slice.height, { fill: ZEBRA });
      const bold = style.boldRows?.has(slice.row) ?? false;
      columns.forEach((c, i) => {
        const lines = cells[slice.row][i].slice(slice.firstLine, slice.firstLine + slice.lineCount);
        lines.forEach((line, j) => this.text(line, anchor(i), slice.y + pad + j * lh, { size, bold, align: c.align }));
      });
      this.hline(this.left, this.left + tableWidth, slice.y + slice.height, RULE, 0.15);
    }
    while (this.page < startPage + plan.lastPage) this.newPage();
    this.y = plan.endY;
  }

  /** Stamps the footer on every page, now that the page count is known; returns the PDF bytes. */
  finish(footer: (w: PdfWriter, page: number, pages: number) => void): ArrayBuffer {
    const pages = this.doc.getNumberOfPages();
    for (let p = 1; p <= pages; p++) {
      this.doc.setPage(p);
      this.#font = '';
      this.#color = '';
      footer(this, p, pages);
    }
    return this.doc.output('arraybuffer');
  }
}

/** A PDF text string in UTF-16BE with its byte order mark, as hexadecimal. */
function utf16Hex(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return hex;
}
