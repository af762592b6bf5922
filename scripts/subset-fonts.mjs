// Builds static/fonts/ from Debian's DejaVu Sans (package fonts-dejavu-core): a subset of the
// regular and bold faces with the scripts an invoice for a French business may print (Latin
// with every accent, Greek, Cyrillic, punctuation incl. U+202F, €, arrows, maths), and the
// font's own licence text. Why a subset: jsPDF parses and re-encodes every table of the font
// for each PDF (the full 750 kB face costs ~60 ms per document and 700 kB of download); the
// subset keeps every glyph a client name or a line description plausibly needs at a tenth of
// the size. The names keep « DejaVu Sans » (the licence forbids only « Bitstream » and « Vera »
// on modified fonts).
//
//   node scripts/subset-fonts.mjs [source dir, default /usr/share/fonts/truetype/dejavu]
//
// Pure Node, no dependency. Keeps glyph 0, the glyphs of the chosen code points and the
// components of composite glyphs; rewrites cmap (format 4), glyf/loca (long offsets), hmtx,
// maxp, hhea, post (format 3, no glyph names) and head; copies name, OS/2 and the hinting
// tables; drops the layout tables (GSUB/GPOS/GDEF/kern/MATH), which jsPDF does not use.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(here, '..', 'static', 'fonts');
const srcDir = process.argv[2] ?? '/usr/share/fonts/truetype/dejavu';

/** Code point ranges kept (inclusive). */
export const RANGES = [
  [0x20, 0x7e], // Basic Latin
  [0xa0, 0x24f], // Latin-1 Supplement, Latin Extended-A and B (œ, ș, ț, ğ, ł…)
  [0x2b0, 0x2ff], // spacing modifier letters (ˆ ˇ ˘ ˙ ˚ ˛ ˜ ˝)
  [0x300, 0x36f], // combining diacritics (text is NFC-normalised first; leftovers still print)
  [0x370, 0x3ff], // Greek
  [0x400, 0x52f], // Cyrillic
  [0x1e00, 0x1eff], // Latin Extended Additional (Vietnamese…)
  [0x2000, 0x206f], // General Punctuation: ’ “ ” « » spacing, U+202F, …, –, —, •, ‰
  [0x20a0, 0x20cf], // currency symbols: €
  [0x2100, 0x214f], // letterlike: №, ™, ℃
  [0x2150, 0x218f], // number forms: ⅓, Ⅻ
  [0x2190, 0x21ff], // arrows
  [0x2200, 0x22ff], // mathematical operators: −, ≤, ≥, ≈, ∞
  [0x2460, 0x2473], // circled numbers ① … ⑳
  [0x25a0, 0x25ff], // geometric shapes: ■ □ ● ○ ▶
  [0x2605, 0x2606], // ★ ☆
  [0x260e, 0x260e], // ☎
  [0x2709, 0x2709], // ✉
  [0x2713, 0x2718], // ✓ ✔ ✕ ✖ ✗ ✘
  [0xfb00, 0xfb06], // Latin ligatures: ﬁ ﬂ
  [0xfffd, 0xfffd] // replacement character
];

const FACES = [
  { src: 'DejaVuSans.ttf', out: 'DejaVuSans-subset.ttf' },
  { src: 'DejaVuSans-Bold.ttf', out: 'DejaVuSans-Bold-subset.ttf' }
];

const COPY = ['name', 'OS/2', 'cvt ', 'fpgm', 'prep', 'gasp'];

function tables(buf) {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const count = view.getUint16(4);
  const out = {};
  for (let i = 0; i < count; i++) {
    const o = 12 + i * 16;
    const tag = String.fromCharCode(buf[o], buf[o + 1], buf[o + 2], buf[o + 3]);
    const offset = view.getUint32(o + 8);
    const length = view.getUint32(o + 12);
    out[tag] = buf.subarray(offset, offset + length);
  }
  return out;
}

const dv = (b) => new DataView(b.buffer, b.byteOffset, b.byteLength);

/** Unicode BMP → glyph id from the (3,1) format 4 subtable. */
function readCmap(cmap) {
  const v = dv(cmap);
  const n = v.getUint16(2);
  for (let i = 0; i < n; i++) {
    const platform = v.getUint16(4 + i * 8);
    const encoding = v.getUint16(6 + i * 8);
    const offset = v.getUint32(8 + i * 8);
    if (platform !== 3 || encoding !== 1 || v.getUint16(offset) !== 4) continue;
    const segX2 = v.getUint16(offset + 6);
    const ends = offset + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const rangeOffsets = deltas + segX2;
    const map = new Map();
    for (let s = 0; s < segX2 / 2; s++) {
      const end = v.getUint16(ends + s * 2);
      const start = v.getUint16(starts + s * 2);
      const delta = v.getInt16(deltas + s * 2);
      const ro = v.getUint16(rangeOffsets + s * 2);
      for (let c = start; c <= end && c !== 0xffff; c++) {
        let g;
        if (ro === 0) g = (c + delta) & 0xffff;
        else {
          const at = rangeOffsets + s * 2 + ro + (c - start) * 2;
          g = v.getUint16(at);
          if (g !== 0) g = (g + delta) & 0xffff;
        }
        if (g !== 0) map.set(c, g);
      }
    }
    return map;
  }
  throw new Error('no (3,1) format 4 cmap');
}

function glyphOffsets(t) {
  const longLoca = dv(t.head).getInt16(50) === 1;
  const numGlyphs = dv(t.maxp).getUint16(4);
  const l = dv(t.loca);
  const offsets = [];
  for (let i = 0; i <= numGlyphs; i++) offsets.push(longLoca ? l.getUint32(i * 4) : l.getUint16(i * 2) * 2);
  return offsets;
}

const ARG_WORDS = 0x0001;
const HAVE_SCALE = 0x0008;
const MORE = 0x0020;
const XY_SCALE = 0x0040;
const TWO_BY_TWO = 0x0080;

/** Component glyph ids of a composite glyph, with the byte offset of each id. */
function components(glyph) {
  const v = dv(glyph);
  if (glyph.length === 0 || v.getInt16(0) >= 0) return [];
  const out = [];
  let p = 10;
  for (;;) {
    const flags = v.getUint16(p);
    out.push({ at: p + 2, id: v.getUint16(p + 2) });
    p += 4 + (flags & ARG_WORDS ? 4 : 2);
    if (flags & HAVE_SCALE) p += 2;
    else if (flags & XY_SCALE) p += 4;
    else if (flags & TWO_BY_TWO) p += 8;
    if (!(flags & MORE)) break;
  }
  return out;
}

function buildCmap(pairs) {
  // pairs: [code, newGlyph] sorted by code. One segment per run of consecutive codes whose
  // glyph ids are consecutive too (idDelta), then the mandatory 0xFFFF segment.
  const segs = [];
  for (const [c, g] of pairs) {
    const last = segs[segs.length - 1];
    if (last && c === last.end + 1 && g - c === last.delta) last.end = c;
    else segs.push({ start: c, end: c, delta: g - c });
  }
  segs.push({ start: 0xffff, end: 0xffff, delta: 1 });
  const n = segs.length;
  const sub = new DataView(new ArrayBuffer(16 + n * 8));
  const searchRange = 2 * 2 ** Math.floor(Math.log2(n));
  sub.setUint16(0, 4);
  sub.setUint16(2, sub.byteLength);
  sub.setUint16(4, 0);
  sub.setUint16(6, n * 2);
  sub.setUint16(8, searchRange);
  sub.setUint16(10, Math.log2(searchRange / 2));
  sub.setUint16(12, n * 2 - searchRange);
  segs.forEach((s, i) => {
    sub.setUint16(14 + i * 2, s.end);
    sub.setUint16(16 + n * 2 + i * 2, s.start);
    sub.setInt16(16 + n * 4 + i * 2, ((s.delta + 0x8000) & 0xffff) - 0x8000);
    sub.setUint16(16 + n * 6 + i * 2, 0);
  });
  const head = new DataView(new ArrayBuffer(12));
  head.setUint16(0, 0);
  head.setUint16(2, 1);
  head.setUint16(4, 3);
  head.setUint16(6, 1);
  head.setUint32(8, 12);
  return concat([new Uint8Array(head.buffer), new Uint8Array(sub.buffer)]);
}

function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function checksum(bytes) {
  const padded = new Uint8Array((bytes.length + 3) & ~3);
  padded.set(bytes);
  const v = dv(padded);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + v.getUint32(i)) >>> 0;
  return sum;
}

function writeFont(tableMap) {
  const tags = Object.keys(tableMap).sort();
  const n = tags.length;
  const header = new DataView(new ArrayBuffer(12 + n * 16));
  const searchRange = 16 * 2 ** Math.floor(Math.log2(n));
  header.setUint32(0, 0x00010000);
  header.setUint16(4, n);
  header.setUint16(6, searchRange);
  header.setUint16(8, Math.floor(Math.log2(n)));
  header.setUint16(10, n * 16 - searchRange);
  let offset = header.byteLength;
  const body = [];
  tags.forEach((tag, i) => {
    const data = tableMap[tag];
    const o = 12 + i * 16;
    for (let k = 0; k < 4; k++) header.setUint8(o + k, tag.charCodeAt(k));
    header.setUint32(o + 4, checksum(data));
    header.setUint32(o + 8, offset);
    header.setUint32(o + 12, data.length);
    const padded = new Uint8Array((data.length + 3) & ~3);
    padded.set(data);
    body.push(padded);
    offset += padded.length;
  });
  const font = concat([new Uint8Array(header.buffer), ...body]);
  // head.checkSumAdjustment = 0xB1B0AFBA − checksum of the whole font (with the field at 0).
  const headIndex = tags.indexOf('head');
  const headOffset = dv(font).getUint32(12 + headIndex * 16 + 8);
  dv(font).setUint32(headOffset + 8, (0xb1b0afba - checksum(font)) >>> 0);
  return font;
}

export function subsetFont(buf, ranges = RANGES) {
  const t = tables(buf);
  const cmap = readCmap(t.cmap);
  const offsets = glyphOffsets(t);
  const glyph = (id) => t.glyf.subarray(offsets[id], offsets[id + 1]);

  const wanted = [];
  for (const [from, to] of ranges) for (let c = from; c <= to; c++) if (cmap.has(c)) wanted.push([c, cmap.get(c)]);
  const keep = new Set([0]);
  const visit = (id) => {
    if (keep.has(id) && id !== 0) return;
    keep.add(id);
    for (const comp of components(glyph(id))) visit(comp.id);
  };
  for (const [, g] of wanted) visit(g);
  const order = [...keep].sort((a, b) => a - b);
  const newId = new Map(order.map((old, i) => [old, i]));

  // glyf + loca (long offsets)
  const glyfParts = [];
  const loca = new DataView(new ArrayBuffer((order.length + 1) * 4));
  let at = 0;
  order.forEach((old, i) => {
    loca.setUint32(i * 4, at);
    const g = new Uint8Array(glyph(old));
    for (const comp of components(g)) dv(g).setUint16(comp.at, newId.get(comp.id));
    const padded = new Uint8Array((g.length + 3) & ~3);
    padded.set(g);
    glyfParts.push(padded);
    at += padded.length;
  });
  loca.setUint32(order.length * 4, at);

  // hmtx: a full metric for every glyph kept
  const numberOfHMetrics = dv(t.hhea).getUint16(34);
  const hm = dv(t.hmtx);
  const hmtx = new DataView(new ArrayBuffer(order.length * 4));
  order.forEach((old, i) => {
    const advance = hm.getUint16(Math.min(old, numberOfHMetrics - 1) * 4);
    const lsb = old < numberOfHMetrics ? hm.getInt16(old * 4 + 2) : hm.getInt16(numberOfHMetrics * 4 + (old - numberOfHMetrics) * 2);
    hmtx.setUint16(i * 4, advance);
    hmtx.setInt16(i * 4 + 2, lsb);
  });

  const hhea = new Uint8Array(t.hhea);
  dv(hhea).setUint16(34, order.length);
  const maxp = new Uint8Array(t.maxp);
  dv(maxp).setUint16(4, order.length);
  const head = new Uint8Array(t.head);
  dv(head).setUint32(8, 0);
  dv(head).setInt16(50, 1);
  const post = new Uint8Array(32);
  post.set(t.post.subarray(0, 16));
  dv(post).setUint32(0, 0x00030000);
  const pairs = wanted.map(([c, g]) => [c, newId.get(g)]);
  const os2 = new Uint8Array(t['OS/2']);
  dv(os2).setUint16(64, pairs[0][0]);
  dv(os2).setUint16(66, pairs[pairs.length - 1][0]);

  const out = { head, hhea, maxp, post, hmtx: new Uint8Array(hmtx.buffer), loca: new Uint8Array(loca.buffer), glyf: concat(glyfParts), cmap: buildCmap(pairs) };
  for (const tag of COPY) if (t[tag]) out[tag] = tag === 'OS/2' ? os2 : new Uint8Array(t[tag]);
  return { font: writeFont(out), glyphs: order.length, codePoints: pairs.length };
}

/** The licence text the font carries (name id 13, Windows English). */
function licenceText(buf) {
  const name = tables(buf).name;
  const v = dv(name);
  const count = v.getUint16(2);
  const strings = v.getUint16(4);
  for (let i = 0; i < count; i++) {
    const r = 6 + i * 12;
    if (v.getUint16(r) !== 3 || v.getUint16(r + 4) !== 0x409 || v.getUint16(r + 6) !== 13) continue;
    const len = v.getUint16(r + 8);
    const off = strings + v.getUint16(r + 10);
    let s = '';
    for (let j = 0; j < len; j += 2) s += String.fromCharCode(v.getUint16(off + j));
    return s;
  }
  throw new Error('no licence in the name table');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  mkdirSync(outDir, { recursive: true });
  let licence = '';
  for (const face of FACES) {
    const src = readFileSync(join(srcDir, face.src));
    const { font, glyphs, codePoints } = subsetFont(src);
    writeFileSync(join(outDir, face.out), font);
    licence ||= licenceText(src);
    console.log(`${face.out}: ${font.length} bytes, ${glyphs} glyphs, ${codePoints} code points (from ${src.length} bytes)`);
  }
  writeFileSync(
    join(outDir, 'LICENSE-DejaVu.txt'),
    'DejaVu Sans, subset made by scripts/subset-fonts.mjs from Debian’s fonts-dejavu-core (DejaVu 2.37).\n\n' + licence.replace(/\r\n?/g, '\n') + '\n'
  );
}
