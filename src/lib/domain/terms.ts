// Payment terms → due date, the legal ceiling on terms, and the late-penalty rates (Code de
// commerce L441-10): the one owner of the dated rate table and of the rate a document freezes.
import type { BasisPoints, Client, Company, DocumentKind, IsoDate, PaymentTerms, PenaltyRateEntry, PenaltyRateKind } from './types';
import { addDays, addMonths, endOfMonth, isIsoDate } from './dates';

export const DEFAULT_TERMS: PaymentTerms = { kind: 'net', days: 30 };

/**
 * dueDate('2026-01-15', { kind: 'end_of_month', days: 30 }) → '2026-02-28'.
 * « N jours fin de mois » is read the common way: add N days, then go to the end of that month.
 */
export function dueDate(issueDate: IsoDate, terms: PaymentTerms): IsoDate {
  switch (terms.kind) {
    case 'on_receipt':
      return issueDate;
    case 'net':
      return addDays(issueDate, terms.days);
    case 'end_of_month':
      return endOfMonth(addDays(issueDate, terms.days));
    case 'date':
      return terms.date;
  }
}

/**
 * The latest due date the law allows: 60 days from issue; 45 days end of month only when the
 * parties agreed it (L441-10: « par dérogation… expressément stipulé »), i.e. for a « fin de
 * mois » clause, where the later of the two applies. A « net 70 days » is never legal.
 */
export function legalMaxDueDate(issueDate: IsoDate, terms?: PaymentTerms): IsoDate {
  const sixty = addDays(issueDate, 60);
  if (terms?.kind !== 'end_of_month') return sixty;
  const fortyFiveEom = endOfMonth(addDays(issueDate, 45));
  return sixty > fortyFiveEom ? sixty : fortyFiveEom;
}

export type TermsWarning = { code: 'exceeds_legal_max'; maxDate: IsoDate } | { code: 'due_before_issue' };

/** Never silently accept terms beyond the legal maximum. */
export function termsWarning(issueDate: IsoDate, terms: PaymentTerms): TermsWarning | null {
  const due = dueDate(issueDate, terms);
  if (due < issueDate) return { code: 'due_before_issue' };
  const max = legalMaxDueDate(issueDate, terms);
  return due > max ? { code: 'exceeds_legal_max', maxDate: max } : null;
}

// ——— prepayment (« Paiement d'avance ») ———

/** What a prepaying client's invoices are due on: receipt. */
export const PREPAYMENT_TERMS: PaymentTerms = { kind: 'on_receipt' };

/** Whether a client pays in advance (absent on older records: no). */
export function paysInAdvance(client: Pick<Client, 'prepayment'> | null | undefined): boolean {
  return client?.prepayment === true;
}

/** Terms that ask for payment in advance: due on receipt. */
export function isPrepaid(terms: PaymentTerms): boolean {
  return terms.kind === 'on_receipt';
}

/**
 * The terms a new document starts with: a prepaying client's invoices are due on receipt;
 * otherwise the client's own terms, else the company's default.
 */
export function initialTerms(kind: DocumentKind, client: Pick<Client, 'terms' | 'prepayment'> | null, companyTerms: PaymentTerms): PaymentTerms {
  if (kind === 'invoice' && paysInAdvance(client)) return PREPAYMENT_TERMS;
  return client?.terms ?? companyTerms;
}

/**
 * The editor's warning: an invoice for a client who pays in advance that is not prepaid (its
 * terms are not « à réception »). Quotes and credit notes are never warned.
 */
export function prepaymentMismatch(kind: DocumentKind, client: Pick<Client, 'prepayment'> | null, terms: PaymentTerms): boolean {
  return kind === 'invoice' && paysInAdvance(client) && !isPrepaid(terms);
}

// ——— late-penalty rates ———

/** A row of the rate table: what was entered, and the default penalty rate derived from it. */
export interface PenaltyRateRow extends PenaltyRateEntry {
  /** ECB + 10 points: the law's default, never entered (see penaltyRateRow). */
  defaultPenaltyBp: BasisPoints;
}

/** L441-10: « le taux … de la BCE … majoré de 10 points de pourcentage ». */
const DEFAULT_PENALTY_MARGIN_BP = 1000;
/** L441-10: a contractual rate may not be below three times the legal interest rate. */
const LEGAL_FLOOR_FACTOR = 3;

export function penaltyRateRow(entry: PenaltyRateEntry): PenaltyRateRow {
  return { ...entry, defaultPenaltyBp: entry.ecbRateBp + DEFAULT_PENALTY_MARGIN_BP };
}

/** The rows built into Relance (LEGAL.md's table); Réglages adds later half-years. */
export const PENALTY_RATES: PenaltyRateRow[] = [
  { from: '2024-01-01', ecbRateBp: 450, legalRateProBp: 507, source: '' },
  { from: '2024-07-01', ecbRateBp: 425, legalRateProBp: 492, source: '' },
  { from: '2025-01-01', ecbRateBp: 315, legalRateProBp: 371, source: '' },
  { from: '2025-07-01', ecbRateBp: 215, legalRateProBp: 276, source: '' },
  { from: '2026-01-01', ecbRateBp: 215, legalRateProBp: 262, source: '' }
].map(penaltyRateRow);

function requireDate(date: IsoDate): void {
  if (!isIsoDate(date)) throw new RangeError(`Not a calendar date: ${date}`);
}

/** halfYearOf('2026-03-31') → '2026-01-01'; halfYearOf('2026-07-01') → '2026-07-01'. */
export function halfYearOf(date: IsoDate): IsoDate {
  requireDate(date);
  return `${date.slice(0, 4)}-${date.slice(5, 7) < '07' ? '01' : '07'}-01`;
}

function isHalfYearStart(date: IsoDate): boolean {
  return isIsoDate(date) && halfYearOf(date) === date;
}

/**
 * The table in force: the built-in rows, and those entered in Réglages, one row per half-year
 * (an entered row replaces a built-in one: a correction), sorted. An entry that is not a
 * half-year (it could only come from a faulty device) is left out rather than trusted.
 */
export function penaltyRateTable(entered: PenaltyRateEntry[]): PenaltyRateRow[] {
  const byHalfYear = new Map(PENALTY_RATES.map((r) => [r.from, r]));
  for (const e of entered)
    if (isHalfYearStart(e.from))
      byHalfYear.set(e.from, penaltyRateRow({ from: e.from, ecbRateBp: e.ecbRateBp, legalRateProBp: e.legalRateProBp, source: e.source }));
  return [...byHalfYear.values()].sort((a, b) => (a.from < b.from ? -1 : 1));
}

/**
 * The rates of `date`'s half-year (the ECB rate of 1 January for the first, of 1 July for the
 * second). Without a row for it: the latest known row before it (before the table: its first).
 */
export function penaltyRatesOn(date: IsoDate, table: PenaltyRateRow[] = PENALTY_RATES): PenaltyRateRow {
  requireDate(date);
  let row = table[0];
  for (const r of table) if (r.from <= date) row = r;
  return row;
}

/** The half-year of `date` when the table has no row for it (say so in Réglages), else null. */
export function missingHalfYear(date: IsoDate, table: PenaltyRateRow[]): IsoDate | null {
  const half = halfYearOf(date);
  return penaltyRatesOn(date, table).from === half ? null : half;
}

export function defaultPenaltyRateBp(date: IsoDate, table: PenaltyRateRow[] = PENALTY_RATES): BasisPoints {
  return penaltyRatesOn(date, table).defaultPenaltyBp;
}

/** L441-10's floor for a contractual rate in a half-year: 3 × its legal rate (pros). */
export function contractualFloorBp(rates: Pick<PenaltyRateEntry, 'legalRateProBp'>): BasisPoints {
  return LEGAL_FLOOR_FACTOR * rates.legalRateProBp;
}

/** The floor of `date`'s half-year: legalFloorBp('2025-09-01') → 3 × 276 = 828. */
export function legalFloorBp(date: IsoDate, table: PenaltyRateRow[] = PENALTY_RATES): BasisPoints {
  return contractualFloorBp(penaltyRatesOn(date, table));
}

type PenaltySetting = Pick<Company, 'penaltyRateKind' | 'penaltyRateBp'>;

/**
 * Whether the company uses the legal default or a contractual rate. Workspaces from before the
 * choice existed hold only the number frozen when the company was created (the default rate of
 * that day): a number that is the default rate of some half-year of the table reads as the legal
 * default, anything else as a rate the company chose.
 */
export function penaltyRateKind(company: PenaltySetting, table: PenaltyRateRow[]): PenaltyRateKind {
  if (company.penaltyRateKind) return company.penaltyRateKind;
  return table.some((r) => r.defaultPenaltyBp === company.penaltyRateBp) ? 'legal' : 'contractual';
}

/**
 * The rate a document issued on `issueDate` freezes (what its PDF prints and what its reminders
 * and interest use): with the legal default, ECB + 10 points of that half-year — not the rate of
 * the day the company was created; otherwise the contractual rate.
 * penaltyRateAt({ penaltyRateKind: 'legal', … }, PENALTY_RATES, '2026-03-31') → 1215.
 */
export function penaltyRateAt(company: PenaltySetting, table: PenaltyRateRow[], issueDate: IsoDate): BasisPoints {
  requireDate(issueDate);
  return penaltyRateKind(company, table) === 'legal' ? defaultPenaltyRateBp(issueDate, table) : company.penaltyRateBp;
}

export interface PenaltyRateWarning {
  code: 'below_legal_floor';
  floorBp: BasisPoints;
  /** The half-year whose legal rate sets the floor. */
  halfYear: IsoDate;
}

/** Warn, never refuse: a contractual rate below 3 × the legal rate of `date`'s half-year. */
export function contractualRateWarning(rateBp: BasisPoints, date: IsoDate, table: PenaltyRateRow[]): PenaltyRateWarning | null {
  const floorBp = legalFloorBp(date, table);
  return rateBp < floorBp ? { code: 'below_legal_floor', floorBp, halfYear: penaltyRatesOn(date, table).from } : null;
}

const isRate = (bp: number) => Number.isInteger(bp) && bp >= 0 && bp <= 10_000;

/**
 * Why a row entered in Réglages is refused (field → code; empty: it may be saved). A half-year
 * starts on 1 January or 1 July; rates are published shortly before their half-year starts, so
 * a row may be entered up to the next half-year, not beyond; each rate is 0–100 %; the source
 * is required (where the values were read, so that anyone can check them).
 */
export function penaltyRateEntryErrors(entry: PenaltyRateEntry, today: IsoDate): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!isHalfYearStart(entry.from)) errors.from = 'invalid_half_year';
  else if (entry.from > halfYearOf(addMonths(halfYearOf(today), 6))) errors.from = 'future_half_year';
  if (!isRate(entry.ecbRateBp)) errors.ecbRateBp = 'invalid_rate';
  if (!isRate(entry.legalRateProBp)) errors.legalRateProBp = 'invalid_rate';
  if (!entry.source.trim()) errors.source = 'required';
  return errors;
}
