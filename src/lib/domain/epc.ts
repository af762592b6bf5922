// The SEPA credit transfer QR code (EPC069-12, « GiroCode »), version 002: what a banking app
// reads to pre-fill a transfer. LEGAL.md: UTF-8, LF between lines, nothing after the last used
// line, at most 331 bytes, BIC optional, name ≤ 70 characters, remittance ≤ 140.
import type { Cents } from './types';
import { isValidBic, isValidIban, normalizeIban } from './validation';

export interface EpcTransfer {
  /** Beneficiary: the seller's name as on the invoice. */
  name: string;
  iban: string;
  /** May be empty (version 002 within the EEA). */
  bic: string;
  /** What remains to be paid. */
  amountCents: Cents;
  /** Unstructured remittance information, e.g. the invoice number. */
  remittance: string;
}

export const EPC_MAX_BYTES = 331;
export const EPC_MAX_NAME = 70;
export const EPC_MAX_REMITTANCE = 140;
const MAX_AMOUNT_CENTS = 99_999_999_999; // 999 999 999,99 €

/**
 * 'EUR' + the amount with a dot and no trailing zeros: epcAmount(123450) → 'EUR1234.5',
 * epcAmount(123456) → 'EUR1234.56', epcAmount(120000) → 'EUR1200', epcAmount(1) → 'EUR0.01'.
 */
export function epcAmount(cents: Cents): string {
  const euros = Math.floor(cents / 100);
  const rest = cents % 100;
  if (rest === 0) return `EUR${euros}`;
  const decimals = String(rest).padStart(2, '0').replace(/0$/, '');
  return `EUR${euros}.${decimals}`;
}

/** One line of text: no line breaks or control characters (LF separates the fields), spaces collapsed. */
function oneLine(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first `max` characters (code points: a surrogate pair is never split). */
function cut(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max).join('').trimEnd();
}

const utf8Length = (s: string) => new TextEncoder().encode(s).length;

function compose(t: { bic: string; name: string; iban: string; amount: string; remittance: string }): string {
  const lines = ['BCD', '002', '1', 'SCT', t.bic, t.name, t.iban, t.amount, '', '', t.remittance];
  while (lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

/**
 * The QR payload, or null when no transfer can be asked for: nothing (or too much) to pay,
 * no valid IBAN, no beneficiary name. Too long in UTF-8 (accented or non-Latin names): the
 * remittance is shortened first, then the name.
 */
export function epcPayload(t: EpcTransfer): string | null {
  if (!Number.isSafeInteger(t.amountCents) || t.amountCents <= 0 || t.amountCents > MAX_AMOUNT_CENTS) return null;
  if (!isValidIban(t.iban)) return null;
  const bicText = t.bic.replace(/\s/g, '').toUpperCase();
  const fields = {
    bic: isValidBic(bicText) ? bicText : '',
    name: cut(oneLine(t.name), EPC_MAX_NAME),
    iban: normalizeIban(t.iban),
    amount: epcAmount(t.amountCents),
    remittance: cut(oneLine(t.remittance), EPC_MAX_REMITTANCE)
  };
  if (!fields.name) return null;
  let payload = compose(fields);
  for (const key of ['remittance', 'name'] as const) {
    while (utf8Length(payload) > EPC_MAX_BYTES && fields[key]) {
      fields[key] = Array.from(fields[key]).slice(0, -1).join('').trimEnd();
      payload = compose(fields);
    }
  }
  if (!fields.name) return null;
  return payload;
}
