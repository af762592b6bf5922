// The settings form: company profile and number formats as typed text, turned into a company
// patch plus per-field errors. Nothing is saved while any field is wrong.
import type { Company, DocumentRecord, IsoDate, Member, NumberFormats, PenaltyRateKind } from '$lib/domain/types';
import { parseAmount } from '$lib/domain/money';
import { penaltyRateKind, type PenaltyRateRow } from '$lib/domain/terms';
import { parsePenalty } from './penaltyRateForm';
import { earlyDiscountToInput, parseEarlyDiscount, type EarlyDiscountInput } from '$lib/ui/earlyDiscountForm';
import { normalizeIban, validateCompany } from '$lib/domain/validation';
import { formatNumber, nextSeq, seriesId, validateNumberFormat } from '$lib/domain/numbering';

export const FORMAT_KINDS = ['invoice', 'quote', 'credit'] as const;
export type FormatKind = (typeof FORMAT_KINDS)[number];

export interface SettingsInput {
  company: Company;
  /** Share capital in euros, as typed ('' = none). */
  capital: string;
  /** The legal default (ECB + 10 points of each document's half-year) or a contractual rate. */
  penaltyKind: PenaltyRateKind;
  /** The contractual late-penalty rate in %, as typed. */
  penalty: string;
  formats: NumberFormats;
  /** Structured early-payment terms, as typed. */
  early: EarlyDiscountInput;
}

const decimal = (n: number) => String(n).replace('.', ',');

/**
 * The form's starting values: a deep copy of the stored company, amounts as French text. A
 * profile from before the penalty choice reads as penaltyRateKind says (domain/terms.ts).
 */
export function settingsInputFrom(company: Company, rates: PenaltyRateRow[]): SettingsInput {
  const copy = JSON.parse(JSON.stringify(company)) as Company;
  return {
    company: copy,
    capital: copy.shareCapitalCents === null ? '' : decimal(copy.shareCapitalCents / 100),
    penaltyKind: penaltyRateKind(copy, rates),
    penalty: decimal(copy.penaltyRateBp / 100),
    formats: { ...copy.numberFormats },
    early: earlyDiscountToInput(copy.earlyDiscount)
  };
}

export interface ParsedSettings {
  /** null when there is any error. */
  patch: Company | null;
  /** Company fields as CompanyForm names them ('name', 'address.postalCode'…), plus 'format.<kind>'. */
  errors: Record<string, string>;
}

export function parseSettings(input: SettingsInput, today: IsoDate, rates: PenaltyRateRow[]): ParsedSettings {
  const capitalCents = input.capital.trim() ? parseAmount(input.capital) : null;
  const penalty = parsePenalty(input.penaltyKind, input.penalty, today, rates);
  const early = parseEarlyDiscount(input.early ?? { rate: '', days: '' });
  const candidate: Company = {
    ...input.company,
    iban: normalizeIban(input.company.iban),
    // A sole trader has no share capital: whatever was typed before switching is dropped.
    shareCapitalCents: input.company.soleTrader ? null : capitalCents,
    penaltyRateKind: penalty.penaltyRateKind,
    penaltyRateBp: penalty.penaltyRateBp,
    earlyDiscount: early.terms,
    numberFormats: { invoice: input.formats.invoice.trim(), quote: input.formats.quote.trim(), credit: input.formats.credit.trim() }
  };
  const errors: Record<string, string> = { ...validateCompany(candidate) };
  if (!input.company.soleTrader && input.capital.trim() && capitalCents === null) errors.shareCapitalCents = 'invalid_amount';
  if (penalty.error) errors.penaltyRateBp = penalty.error;
  if (early.error) errors.earlyDiscount = early.error;
  for (const kind of FORMAT_KINDS) {
    const problem = validateNumberFormat(candidate.numberFormats[kind]);
    if (problem) errors[`format.${kind}`] = problem;
  }
  return Object.keys(errors).length ? { patch: null, errors } : { patch: candidate, errors };
}

/** Only the number-format errors, for the live check under each format field. */
export function formatErrors(formats: NumberFormats): Partial<Record<FormatKind, string>> {
  const errors: Partial<Record<FormatKind, string>> = {};
  for (const kind of FORMAT_KINDS) {
    const problem = validateNumberFormat(formats[kind].trim());
    if (problem) errors[kind] = problem;
  }
  return errors;
}

/**
 * The number this device would give its next document of that kind with `format`:
 * previewNumber('F-{YYYY}-{S}-{NNNN}', { year: 2026, letter: 'B', documents: [] }) → 'F-2026-B-0001'.
 * A changed format starts a new series, hence 1; an unchanged one continues its series.
 * null when the format is not valid.
 */
export function previewNumber(
  format: string,
  p: { year: number; letter: string; documents: Pick<DocumentRecord, 'series' | 'seq' | 'status'>[]; highestIssuedSeq?: Record<string, number> }
): string | null {
  const f = format.trim();
  if (validateNumberFormat(f)) return null;
  const series = seriesId(f, p);
  const seq = nextSeq(p.documents, series, p.highestIssuedSeq?.[series]);
  return formatNumber(f, { year: p.year, letter: p.letter, seq });
}

/** Formats that differ from the saved ones (each such change starts new series). */
export function changedFormats(saved: NumberFormats, typed: NumberFormats): FormatKind[] {
  return FORMAT_KINDS.filter((k) => saved[k] !== typed[k].trim());
}

/** Devices of the workspace for the members table: this one first, then by series letter. */
export function sortMembers(members: Member[], meId: string): Member[] {
  return [...members].sort(
    (a, b) =>
      Number(b.id === meId) - Number(a.id === meId) ||
      a.seriesLetter.length - b.seriesLetter.length ||
      a.seriesLetter.localeCompare(b.seriesLetter)
  );
}
