// The late-penalty fields of the company form and the rate-table row form: what is typed becomes
// the company's fields or a table row, with per-field codes; every rule comes from domain/terms.ts.
import type { BasisPoints, IsoDate, PenaltyRateEntry, PenaltyRateKind } from '$lib/domain/types';
import { parseRate } from '$lib/domain/money';
import { addMonths } from '$lib/domain/dates';
import {
  contractualRateWarning,
  defaultPenaltyRateBp,
  halfYearOf,
  contractualFloorBp,
  missingHalfYear,
  penaltyRateEntryErrors,
  penaltyRateRow,
  penaltyRatesOn,
  type PenaltyRateRow,
  type PenaltyRateWarning
} from '$lib/domain/terms';

export interface ParsedPenalty {
  penaltyRateKind: PenaltyRateKind;
  /** -1 when the contractual rate typed is not a rate (`error` says so). */
  penaltyRateBp: BasisPoints;
  error: string | null;
}

/**
 * The company's penalty fields from the form. With the legal default the stored number is the
 * legal rate in force `today` (what older readers of the profile see); documents do not use it,
 * they freeze the rate of their own half-year (penaltyRateAt).
 */
export function parsePenalty(kind: PenaltyRateKind, typed: string, today: IsoDate, rates: PenaltyRateRow[]): ParsedPenalty {
  if (kind === 'legal') return { penaltyRateKind: 'legal', penaltyRateBp: defaultPenaltyRateBp(today, rates), error: null };
  const bp = parseRate(typed);
  return { penaltyRateKind: 'contractual', penaltyRateBp: bp ?? -1, error: bp === null ? 'invalid_rate' : null };
}

export interface PenaltyAdvice {
  /** The row in force today: its default rate is what « taux légal » means now. */
  current: PenaltyRateRow;
  /** Today's half-year when the table lacks it (its rates then come from `current`). */
  missing: IsoDate | null;
  /** A contractual rate below the L441-10 floor of today's half-year. */
  warning: PenaltyRateWarning | null;
}

export function penaltyAdvice(kind: PenaltyRateKind, typed: string, today: IsoDate, rates: PenaltyRateRow[]): PenaltyAdvice {
  const bp = kind === 'contractual' ? parseRate(typed) : null;
  return {
    current: penaltyRatesOn(today, rates),
    missing: missingHalfYear(today, rates),
    warning: bp === null ? null : contractualRateWarning(bp, today, rates)
  };
}

/** '2026-07-01' → { key: 'halfYear.h2', year: '2026' }, for « 2ᵉ semestre 2026 ». */
export function halfYearName(from: IsoDate): { key: 'halfYear.h1' | 'halfYear.h2'; year: string } {
  return { key: from.slice(5, 7) === '01' ? 'halfYear.h1' : 'halfYear.h2', year: from.slice(0, 4) };
}

/** The row form as typed: a half-year (year and which half), two rates in %, the source. */
export interface RateRowInput {
  year: string;
  half: 'h1' | 'h2';
  ecb: string;
  legal: string;
  source: string;
}

/** An empty row for the half-year the table lacks today, else for the next one. */
export function rateRowInputFor(today: IsoDate, rates: PenaltyRateRow[]): RateRowInput {
  const from = missingHalfYear(today, rates) ?? halfYearOf(addMonths(halfYearOf(today), 6));
  return { year: from.slice(0, 4), half: from.slice(5, 7) === '01' ? 'h1' : 'h2', ecb: '', legal: '', source: '' };
}

export interface ParsedRateRow {
  /** null when any field is wrong. */
  entry: PenaltyRateEntry | null;
  /** 'from' (the half-year), 'ecbRateBp', 'legalRateProBp', 'source' → error code. */
  errors: Record<string, string>;
}

export function parseRateRow(input: RateRowInput, today: IsoDate): ParsedRateRow {
  const year = input.year.trim();
  const ecb = parseRate(input.ecb);
  const legal = parseRate(input.legal);
  const entry: PenaltyRateEntry = {
    from: /^\d{4}$/.test(year) ? `${year}-${input.half === 'h1' ? '01' : '07'}-01` : '',
    ecbRateBp: ecb ?? -1,
    legalRateProBp: legal ?? -1,
    source: input.source.trim()
  };
  const errors = penaltyRateEntryErrors(entry, today);
  return Object.keys(errors).length ? { entry: null, errors } : { entry, errors };
}

/** What the rates typed mean, shown as soon as both are rates: the default penalty rate and the floor. */
export function rateRowPreview(input: RateRowInput): { defaultPenaltyBp: BasisPoints; floorBp: BasisPoints } | null {
  const ecbRateBp = parseRate(input.ecb);
  const legalRateProBp = parseRate(input.legal);
  if (ecbRateBp === null || legalRateProBp === null) return null;
  const row = penaltyRateRow({ from: '', ecbRateBp, legalRateProBp, source: '' });
  return { defaultPenaltyBp: row.defaultPenaltyBp, floorBp: contractualFloorBp(row) };
}
