// The few XML pieces the CII needs: escaped text, elements with attributes, CII number formats.
// Plain strings, no DOM: it runs the same in the browser, in a worker and in Node.
import type { BasisPoints, Cents, IsoDate } from '../types';

/** A node: an element's markup, or nothing (optional elements left out). */
export type Node = string | null | undefined | false;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Text as XML character data; control characters that XML 1.0 forbids are dropped. */
export function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"]/g, (c) => ESCAPES[c]);
}

/** `<tag attr="…">children</tag>`; children that are strings are already markup. */
export function el(tag: string, children: Node[] | Node, attrs: Record<string, string> = {}): string {
  const list = (Array.isArray(children) ? children : [children]).filter((c): c is string => typeof c === 'string' && c !== '');
  const attributes = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
  return list.length ? `<${tag}${attributes}>${list.join('')}</${tag}>` : '';
}

/** An element holding text; left out when the text is empty. */
export function text(tag: string, value: string | null | undefined, attrs: Record<string, string> = {}): string {
  const v = (value ?? '').trim();
  return v ? `<${tag}${Object.entries(attrs).map(([k, a]) => ` ${k}="${escapeXml(a)}"`).join('')}>${escapeXml(v)}</${tag}>` : '';
}

/** Cents as a CII amount: 123456 → '1234.56', -5 → '-0.05'. */
export function amount(cents: Cents): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Not whole cents: ${cents}`);
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A quantity (up to 3 decimals) with the 4 decimals CII quantities use: 1.5 → '1.5000'. */
export function quantity(q: number): string {
  const milli = Math.round(q * 1000);
  const abs = Math.abs(milli);
  return `${milli < 0 ? '-' : ''}${Math.floor(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}0`;
}

/** A rate in basis points as a percentage: 550 → '5.50'. */
export function percent(bp: BasisPoints): string {
  return amount(bp);
}

/** '2026-11-23' → '20261123' (format 102). */
export function date102(iso: IsoDate): string {
  return iso.replace(/-/g, '');
}

/** A date element in format 102 (`udt:` or `qdt:` data type). */
export function dateElement(tag: string, iso: IsoDate | null | undefined, prefix: 'udt' | 'qdt' = 'udt'): string {
  return iso ? el(tag, `<${prefix}:DateTimeString format="102">${date102(iso)}</${prefix}:DateTimeString>`) : '';
}
