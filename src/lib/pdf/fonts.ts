// The embedded font, fetched from static/fonts/ the first time a PDF is made and kept for the
// next ones. It stays out of the JavaScript bundle (and is cached offline with the app's files).
// jsPDF takes a TrueType file as a base64 or a binary string; the binary string is kept so
// that no document pays for decoding base64 again.
import { asset } from '$app/paths';
import type { PdfFonts } from './writer';
import { fontCoverage } from './fontCoverage';

export const FONT_FILES = {
  regular: '/fonts/DejaVuSans-subset.ttf',
  bold: '/fonts/DejaVuSans-Bold-subset.ttf'
} as const;

let loading: Promise<PdfFonts> | null = null;

async function fetchFont(path: string): Promise<Uint8Array> {
  const response = await fetch(asset(path));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Bytes → a binary string (one char per byte), in chunks to stay within argument limits. */
export function binaryString(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return s;
}

/** The two faces as jsPDF wants them, and the characters both can print. */
export function fontsFrom(regular: Uint8Array, bold: Uint8Array): PdfFonts {
  const boldCovered = fontCoverage(bold);
  const covered = new Set([...fontCoverage(regular)].filter((cp) => boldCovered.has(cp)));
  return { regular: binaryString(regular), bold: binaryString(bold), covered };
}

export function loadFonts(): Promise<PdfFonts> {
  loading ??= Promise.all([fetchFont(FONT_FILES.regular), fetchFont(FONT_FILES.bold)])
    .then(([regular, bold]) => fontsFrom(regular, bold))
    .catch((e: unknown) => {
      loading = null; // try again next time (e.g. offline before the files were cached)
      throw e;
    });
  return loading;
}
