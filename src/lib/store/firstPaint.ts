// The first paint of a workspace: the HTML of « Aujourd'hui » or Documents as the app last showed
// it, drawn from the first screen saved beside it (firstScreen.ts). At the next opening,
// src/app.html puts it on screen while the page is parsed, before the app's code has even
// started; the app replaces it with its own rendering of that same first screen (ui/firstPaint.ts).
// Kept in localStorage, read without waiting (IndexedDB takes ~100 ms to open): one per page, of
// the workspace that drew it last. A paint is only ever kept with the first screen it shows: the
// paints of another screen go before a first screen is written, the new one comes once it is
// written — a tab gone in between leaves none, never a stale one.
/** The pages a first paint is saved for: the ones the first screen fills (routes/+layout.svelte). */
export const FIRST_PAINT_PATHS = ['/', '/documents'] as const;
export type FirstPaintPath = (typeof FIRST_PAINT_PATHS)[number];
/** Bigger than that, the app's own rendering costs less than reading and parsing it. */
export const FIRST_PAINT_MAX_CHARS = 400_000;
export const FIRST_PAINT_FORMAT = 2;

/** Read by src/app.html: change this shape and FIRST_PAINT_FORMAT with it. */
export interface FirstPaint {
  format: typeof FIRST_PAINT_FORMAT;
  workspaceId: string;
  path: FirstPaintPath;
  /** The local day it shows: dates and « en retard de N jours » hold for that day only. */
  day: string;
  locale: string;
  /** The app's entry script when it was drawn: another version of the app has other styles and markup. */
  entry: string;
  /**
   * The stylesheets it was drawn with, their rules as text: the page's own are not in index.html,
   * and waiting for them to load would wait for the app's code (src/app.html puts in those missing).
   */
  styles: FirstPaintStyle[];
  html: string;
  /** screenKey of the first screen it was drawn from. */
  screen: string;
}

export interface FirstPaintStyle {
  /** Path of the stylesheet on this site (/_app/immutable/assets/…). */
  href: string;
  css: string;
}

/** The localStorage key of a page's first paint (read by src/app.html). */
export function firstPaintKey(path: FirstPaintPath): string {
  return `relance.firstPaint:${path}`;
}

/** Where paints are kept: localStorage, or nowhere (tests give their own). */
type PaintStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
const storage = (): PaintStorage | null => (typeof localStorage === 'undefined' ? null : localStorage);

/**
 * What identifies a first screen's content (its log position aside): FNV-1a of its JSON. Two
 * screens with the same key show the same rows and figures.
 */
export function screenKey(json: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < json.length; i++) {
    h ^= json.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0') + json.length.toString(16);
}

/** What a paint weighs: its markup and its styles. */
export function paintChars(p: Pick<FirstPaint, 'html' | 'styles'>): number {
  return p.styles.reduce((n, s) => n + s.css.length, p.html.length);
}

export function isFirstPaint(x: unknown): x is FirstPaint {
  if (typeof x !== 'object' || x === null) return false;
  const p = x as Partial<FirstPaint>;
  return (
    p.format === FIRST_PAINT_FORMAT &&
    typeof p.workspaceId === 'string' &&
    FIRST_PAINT_PATHS.includes(p.path as FirstPaintPath) &&
    typeof p.day === 'string' &&
    typeof p.locale === 'string' &&
    typeof p.entry === 'string' &&
    Array.isArray(p.styles) &&
    p.styles.every((s) => typeof s?.href === 'string' && typeof s.css === 'string') &&
    typeof p.html === 'string' &&
    paintChars(p as FirstPaint) <= FIRST_PAINT_MAX_CHARS &&
    typeof p.screen === 'string'
  );
}

/** The paint kept for `path`, or null (none, or garbled). */
export function storedPaint(path: FirstPaintPath): FirstPaint | null {
  try {
    const data: unknown = JSON.parse(storage()?.getItem(firstPaintKey(path)) ?? 'null');
    return isFirstPaint(data) ? data : null;
  } catch {
    return null;
  }
}

/**
 * Before workspace `workspaceId` saves first screen `screen` (its screenKey; null: none, or the
 * workspace is deleted): removes its paints of any other screen, and garbled ones.
 */
export function dropPaints(workspaceId: string, screen: string | null): void {
  for (const path of FIRST_PAINT_PATHS) {
    const paint = storedPaint(path);
    if (!paint || (paint.workspaceId === workspaceId && (screen === null || paint.screen !== screen))) storage()?.removeItem(firstPaintKey(path));
  }
}

/** Once first screen `screen` (its screenKey) is written: keeps `paint` when it shows that screen. */
export function keepPaint(screen: string, paint: FirstPaint): void {
  if (paint.screen !== screen || paintChars(paint) > FIRST_PAINT_MAX_CHARS) return;
  try {
    storage()?.setItem(firstPaintKey(paint.path), JSON.stringify(paint));
  } catch (e) {
    console.warn('first paint not kept', e); // storage full: only costs the next opening's speed
  }
}
