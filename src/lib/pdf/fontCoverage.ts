// Which characters a TrueType font can print, read from its own cmap (the Unicode BMP
// subtable, format 4): the PDF text is checked against it before jsPDF sees it.

/** The code points mapped to a glyph by the font's (3,1) or (0,x) format 4 cmap. */
export function fontCoverage(font: Uint8Array): Set<number> {
  const v = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tableCount = v.getUint16(4);
  let cmap = -1;
  for (let i = 0; i < tableCount; i++) {
    const o = 12 + i * 16;
    if (String.fromCharCode(font[o], font[o + 1], font[o + 2], font[o + 3]) === 'cmap') cmap = v.getUint32(o + 8);
  }
  if (cmap < 0) throw new Error('This font has no cmap table.');
  const covered = new Set<number>();
  const subtables = v.getUint16(cmap + 2);
  for (let i = 0; i < subtables; i++) {
    const platform = v.getUint16(cmap + 4 + i * 8);
    const encoding = v.getUint16(cmap + 6 + i * 8);
    const at = cmap + v.getUint32(cmap + 8 + i * 8);
    if (!((platform === 3 && encoding === 1) || platform === 0) || v.getUint16(at) !== 4) continue;
    const segX2 = v.getUint16(at + 6);
    const ends = at + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const rangeOffsets = deltas + segX2;
    for (let s = 0; s < segX2 / 2; s++) {
      const end = v.getUint16(ends + s * 2);
      const start = v.getUint16(starts + s * 2);
      const delta = v.getInt16(deltas + s * 2);
      const rangeOffset = v.getUint16(rangeOffsets + s * 2);
      for (let c = start; c <= end && c !== 0xffff; c++) {
        let glyph: number;
        if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
        else {
          glyph = v.getUint16(rangeOffsets + s * 2 + rangeOffset + (c - start) * 2);
          if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
        }
        if (glyph !== 0) covered.add(c);
      }
    }
    return covered;
  }
  throw new Error('This font has no Unicode (format 4) cmap.');
}
