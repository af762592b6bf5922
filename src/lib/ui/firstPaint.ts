// The page as the app shows it, kept as HTML for the next opening to put on screen before the
// app's code runs (store/firstPaint.ts says when it is kept, src/app.html shows it), and taken
// away once the app shows its own rendering.
import { FIRST_PAINT_FORMAT, FIRST_PAINT_MAX_CHARS, FIRST_PAINT_PATHS, paintChars, type FirstPaint, type FirstPaintPath, type FirstPaintStyle } from '$lib/store/firstPaint';

/** The element src/app.html puts the first paint in, before the app's own. */
export const FIRST_PAINT_ID = 'relance-first-paint';
/** The element the app renders in (src/app.html). */
const APP_ROOT_ID = 'relance-app';

/** Removes the first paint src/app.html showed: the app now shows its own rendering. */
export function dismissFirstPaint(): void {
  if (typeof document !== 'undefined') document.getElementById(FIRST_PAINT_ID)?.remove();
}

/** Form controls serialise their markup, not what they show: writes what they show into the copy (which nobody can use). */
function keepFormState(from: Element, to: Element): void {
  const shown = from.querySelectorAll('input, select, textarea');
  const copied = to.querySelectorAll('input, select, textarea');
  shown.forEach((el, i) => {
    const copy = copied[i];
    if (!copy) return;
    if (el instanceof HTMLInputElement) {
      if (el.type === 'checkbox' || el.type === 'radio') copy.toggleAttribute('checked', el.checked);
      else copy.setAttribute('value', el.value);
    } else if (el instanceof HTMLSelectElement) {
      // A closed list shows its choice only (a list of 5 000 clients would be most of the page),
      // as wide as its longest option made it.
      (copy as HTMLElement).style.width = getComputedStyle(el).width;
      const options = copy.querySelectorAll('option');
      [...el.options].forEach((o, j) => {
        if (o.selected) options[j]?.setAttribute('selected', '');
        else options[j]?.remove();
      });
    } else if (el instanceof HTMLTextAreaElement) {
      copy.textContent = el.value;
    }
  });
}

/**
 * The elements of the copy that start lower than `fold` (two screens down: nobody sees them before
 * the app shows its own), outermost only — on « Aujourd'hui », most of the clients to chase. Left
 * out of the first paint; a virtual list keeps its height (set on its box).
 */
function belowFold(from: Element, to: Element, fold: number): Element[] {
  const shown = from.querySelectorAll('*');
  const copied = to.querySelectorAll('*');
  const below: Element[] = [];
  shown.forEach((el, i) => {
    const parent = el.parentElement;
    if (copied[i] && el.getBoundingClientRect().top > fold && parent && parent.getBoundingClientRect().top <= fold) below.push(copied[i]);
  });
  return below;
}

/**
 * The first paint of the page shown now, or null when it is not one a first screen fills in its
 * plain state: another page or its filters, scrolled, a dialog open, a page that says no
 * (`data-first-paint="no"`), or too big.
 */
export function drawFirstPaint(o: { workspaceId: string; day: string; screen: string }): FirstPaint | null {
  if (typeof document === 'undefined') return null;
  const path = location.pathname as FirstPaintPath;
  if (!FIRST_PAINT_PATHS.includes(path) || location.search || location.hash || window.scrollY !== 0) return null;
  if (document.querySelector(`[data-first-paint="no"], dialog[open], #${FIRST_PAINT_ID}`)) return null;
  const root = document.getElementById(APP_ROOT_ID);
  const entry = document.querySelector('link[rel="modulepreload"][href*="/entry/start."]')?.getAttribute('href');
  if (!root || !entry) return null;
  const parts: string[] = [];
  const fold = 2 * window.innerHeight;
  for (const child of root.children) {
    if (child.tagName === 'SCRIPT') continue;
    const copy = child.cloneNode(true) as Element;
    // Both find their elements in the copy by position: found first, changed after.
    const below = belowFold(child, copy, fold);
    keepFormState(child, copy);
    for (const el of below) el.remove();
    parts.push(copy.outerHTML);
  }
  const html = parts.join('');
  if (!html) return null;
  const paint: FirstPaint = { format: FIRST_PAINT_FORMAT, workspaceId: o.workspaceId, path, day: o.day, locale: document.documentElement.lang, entry, styles: pageStyles(), html, screen: o.screen };
  return paintChars(paint) <= FIRST_PAINT_MAX_CHARS ? paint : null;
}

/** This site's stylesheets in the page, in their order, as paths of this site's and rules as text. */
function pageStyles(): FirstPaintStyle[] {
  const styles: FirstPaintStyle[] = [];
  for (const sheet of document.styleSheets) {
    // The page's own are added by its code with full addresses.
    const url = sheet.href ? new URL(sheet.href, location.href) : null;
    if (!url || url.origin !== location.origin || !url.pathname.startsWith('/_app/')) continue;
    styles.push({ href: url.pathname, css: [...sheet.cssRules].map((r) => r.cssText).join('\n') });
  }
  return styles;
}
