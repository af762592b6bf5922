// Plain records shared by the domain, the store and the UI.
// Money is integer cents, VAT rates are basis points (2000 = 20 %), dates are ISO strings:
// calendar dates as 'YYYY-MM-DD' (local), instants as full ISO timestamps.

export type Cents = number;
export type BasisPoints = number;
/** A local calendar date, 'YYYY-MM-DD'. */
export type IsoDate = string;
/** An instant, `new Date().toISOString()`. */
export type IsoDateTime = string;

export type Language = 'fr' | 'en';

export interface Address {
  line1: string;
  line2: string;
  postalCode: string;
  city: string;
  country: string; // ISO 3166 alpha-2, 'FR' by default
}

export type VatRegime = 'normal' | 'franchise';

export type OperationNature = 'services' | 'goods' | 'mixed';

/** How the due date is derived from the issue date. */
export type PaymentTerms =
  | { kind: 'on_receipt' }
  | { kind: 'net'; days: number }
  | { kind: 'end_of_month'; days: number }
  | { kind: 'date'; date: IsoDate };

export interface NumberFormats {
  /** Tokens: {YYYY} year, {YY} short year, {S} series letter, {N…} zero-padded sequence (count of N = width). */
  invoice: string;
  quote: string;
  credit: string;
}

export interface Company {
  name: string;
  legalForm: string; // 'EI', 'SARL', 'SAS', 'EURL', 'SASU', 'Auto-entrepreneur'…
  soleTrader: boolean; // prints « EI » next to the name
  shareCapitalCents: Cents | null;
  address: Address;
  siret: string;
  rcsCity: string; // « RCS Lyon »
  rmCity: string; // « RM » for craftsmen
  vatNumber: string;
  vatRegime: VatRegime;
  iban: string;
  bic: string;
  email: string;
  phone: string;
  logoDataUrl: string;
  defaultTerms: PaymentTerms;
  /**
   * Absent on workspaces from before the choice existed: see penaltyRateKind in domain/terms.ts.
   * 'legal': every document freezes ECB + 10 points of its issue date's half-year.
   */
  penaltyRateKind?: PenaltyRateKind;
  /** The contractual rate; with the legal default, the legal rate when the profile was last saved. */
  penaltyRateBp: BasisPoints;
  earlyPaymentDiscount: string; // empty → « Pas d'escompte pour paiement anticipé »
  /** Structured early-payment terms offered by default (absent or null: none); printed with date and amount. */
  earlyDiscount?: EarlyDiscountTerms | null;
  /** E-invoicing reform mention: what the invoices are for. */
  operationNature: OperationNature;
  /** « Option pour le paiement de la taxe d'après les débits » (services only). */
  vatOnDebits: boolean;
  numberFormats: NumberFormats;
  currency: 'EUR';
}

/** The late-penalty rate is the legal default (ECB + 10 points) or one set by contract. */
export type PenaltyRateKind = 'legal' | 'contractual';

/** The rates in force for one half-year (LEGAL.md « Late payment »), as someone enters them. */
export interface PenaltyRateEntry {
  /** The half-year's first day: 'YYYY-01-01' or 'YYYY-07-01'. */
  from: IsoDate;
  /** The ECB main refinancing rate on that day. */
  ecbRateBp: BasisPoints;
  /** The legal interest rate, « autres cas » (a creditor who is a business). */
  legalRateProBp: BasisPoints;
  /** Where the values come from (« Banque de France / Légifrance, publié le … »); '' for built-in rows. */
  source: string;
}

/** A row of the rate table entered in Réglages (id = its half-year's first day, so one per half-year). */
export interface PenaltyRateRecord extends PenaltyRateEntry {
  id: string;
  memberId: string;
  enteredAt: IsoDateTime;
}

/** A device of the workspace (each device is a member with its own numbering series). */
export interface Member {
  id: string;
  name: string;
  seriesLetter: string;
  /**
   * When this member's series letter became its own for good (see domain/series.ts). null: a
   * device that joined and has not yet checked its letter with the relay — it may not issue.
   * Absent: a member from before shared workspaces, confirmed (it was the only device).
   */
  seriesConfirmedAt?: IsoDateTime | null;
  /** The device's ECDH P-256 public key (raw point, base64): new workspace keys are sealed to it. */
  publicKey?: string;
  /**
   * Per series, the highest sequence this device has issued in it. Only this device writes it,
   * and only upwards: even if an issued record vanished, its number is never handed out again.
   * Absent on members from before it existed (their issued records say it all).
   */
  highestIssuedSeq?: Record<string, number>;
  createdAt: IsoDateTime;
  lastSeenAt: IsoDateTime;
  removed: boolean;
}

export interface Contact {
  id: string;
  name: string;
  email: string;
  phone: string;
  role: string;
  billing: boolean; // the contact who receives invoices and reminders
}

export type ClientKind = 'company' | 'individual';

export interface Client {
  id: string;
  kind: ClientKind;
  name: string;
  contacts: Contact[];
  billingAddress: Address;
  deliveryAddress: Address | null;
  siren: string; // SIREN or SIRET
  vatNumber: string;
  categories: string[];
  terms: PaymentTerms | null; // overrides the company default
  notes: string;
  language: Language;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
  /** Follow-up overrides (absent on records written before the follow-up engine: read as null). */
  chasePolicyId?: string | null;
  chasePause?: ChasePause | null;
  /** The most this client may owe (TTC) before the weekly review flags it; absent: no limit. */
  creditLimitCents?: Cents | null;
  /** « Paiement d'avance »: its invoices are due on receipt (domain/terms.ts); absent: no. */
  prepayment?: boolean;
  /**
   * « Adresse de facturation électronique » (e-invoicing reform): where the client receives
   * e-invoices, e.g. its SIREN or SIREN_suffix; absent or '': its SIREN.
   */
  electronicAddress?: string | null;
  /** Early-payment terms for this client: absent or 'inherit' = the company's, null = none (domain/earlyDiscount.ts). */
  earlyDiscount?: EarlyDiscountChoice;
}

export interface CatalogItem {
  id: string;
  name: string;
  description: string;
  unit: string; // 'h', 'jour', 'u', 'forfait'…
  unitPriceCents: Cents;
  vatRateBp: BasisPoints;
  archived: boolean;
}

export interface Line {
  id: string;
  description: string;
  quantity: number; // up to 3 decimals
  unit: string;
  unitPriceCents: Cents;
  vatRateBp: BasisPoints;
  discountCents: Cents; // line discount, HT
}

export type DocumentKind = 'quote' | 'invoice' | 'credit';

/** A document discount: a percentage (basis points) or a fixed HT amount. */
export type Discount = { kind: 'none' } | { kind: 'percent'; bp: BasisPoints } | { kind: 'amount'; cents: Cents };

export type SendChannel = 'email' | 'post' | 'hand' | 'platform' | 'other';

export type QuoteOutcome = 'pending' | 'accepted' | 'refused';

/** How long a quote's offer holds: a number of days after its issue date, or until a date. */
export type QuoteValidity = { kind: 'days'; days: number } | { kind: 'date'; date: IsoDate };

/** Client identity as printed on an issued document. */
export interface PartySnapshot {
  /** Business or individual when issued (absent on documents issued before it was frozen). */
  kind?: ClientKind;
  name: string;
  address: Address;
  deliveryAddress: Address | null;
  siren: string;
  vatNumber: string;
  /** The client's e-invoicing address when issued (absent on older documents and when none). */
  electronicAddress?: string;
}

/** What an issued document freezes: exactly what was printed. Hashed canonically. */
export interface FrozenContent {
  kind: DocumentKind;
  number: string;
  series: string; // e.g. 'F-2026-A'
  seq: number;
  issueDate: IsoDate;
  serviceDate: IsoDate | null;
  dueDate: IsoDate | null;
  terms: PaymentTerms;
  seller: Company;
  client: PartySnapshot;
  clientId: string;
  lines: Line[];
  discount: Discount;
  totals: Totals;
  notes: string;
  /** Absent on documents issued before it existed. */
  orderNumber?: string;
  /** Quotes: the last day the offer holds (« Devis valable jusqu'au … »); absent on older quotes. */
  validUntil?: IsoDate;
  correctsInvoiceId: string | null;
  correctsInvoiceNumber: string | null;
  correctsInvoiceDate: IsoDate | null;
  prevHash: string; // hash of the previous document of the series ('' for the first)
  /** A structured early-payment discount, when the invoice offers one (absent: none). */
  earlyDiscount?: EarlyDiscountTerms | null;
  /** A deposit invoice (facture d'acompte): what it is a deposit on (absent: not a deposit). */
  deposit?: DepositInfo;
  /** A final invoice: the deposits taken off the whole job (absent: none; see domain/deposits.ts). */
  deductions?: DepositDeduction[];
  /** A final invoice: the quote it closes, as printed (« Facture de solde du devis n° … »). */
  finalOf?: { quoteNumber: string; quoteDate: IsoDate | null };
  /** The client pays in advance: the invoice says « Paiement d'avance » (absent: no). */
  prepayment?: boolean;
  /** A progress invoice (situation de travaux): the progress it bills, as printed (absent: not one; domain/progress.ts). */
  progress?: ProgressInfo;
}

/** One quote line on a progress invoice: how far it is done and what that bills (domain/progress.ts). */
export interface ProgressLine {
  quoteLineId: string;
  description: string;
  vatRateBp: BasisPoints;
  /** The quote line's worth HT after its line discount (« Montant du marché HT »). */
  quoteHtCents: Cents;
  /** The cumulative percentage of the earlier situations (basis points, 3000 = 30 %). */
  previousBp: BasisPoints;
  cumulativeBp: BasisPoints;
  /** round-half-up(quoteHt × cumulative %): « Cumul HT ». */
  cumulativeHtCents: Cents;
  /** What the earlier situations billed for this line, as they froze it (« Déjà facturé HT »). */
  previousHtCents: Cents;
  /** cumulative − previous: « Cette situation HT ». */
  thisHtCents: Cents;
}

/** One earlier situation, as the décompte définitif recalls it. */
export interface ProgressRecapItem {
  invoiceId: string;
  number: string;
  situation: number;
  issueDate: IsoDate;
  htCents: Cents;
  ttcCents: Cents;
  retentionCents: Cents;
}

/** A progress invoice (« situation de travaux ») of a quote, or its décompte définitif. */
export interface ProgressInfo {
  quoteId: string;
  quoteNumber: string;
  quoteDate: IsoDate | null;
  /** « Situation n° 2 »: derived at issue from the quote's issued situations (a draft holds the one it would be). */
  situation: number;
  /** « Décompte général définitif »: the last one, closing the quote. */
  final: boolean;
  lines: ProgressLine[];
  /** A quote discount in euros: the cumulative share taken off by now and what earlier situations took (absent: none). */
  discountShare?: { cumulativeCents: Cents; previousCents: Cents } | null;
  /** Retenue de garantie (loi 71-584): rate ≤ 5 % of the TTC; `cents` set at issue (0 on a draft). null: none. */
  retention: { rateBp: BasisPoints; cents: Cents } | null;
  /** The décompte définitif: the quote's totals and each earlier situation (absent on other situations). */
  recap?: { quoteHtCents: Cents; quoteTtcCents: Cents; situations: ProgressRecapItem[] } | null;
}

/** How much a deposit asks: a share of the quote (basis points, 3000 = 30 %) or an amount TTC. */
export type DepositRequest = { kind: 'percent'; bp: BasisPoints } | { kind: 'amount'; cents: Cents };

/** What a deposit invoice is a deposit on: a quote (its number and date, frozen as printed) or an order. */
export interface DepositInfo {
  /** The quote's id (null: an order without a quote, named by the invoice's order number). */
  quoteId: string | null;
  quoteNumber: string;
  quoteDate: IsoDate | null;
  request: DepositRequest;
  /** The quote's TTC, printed beside the deposit (absent on an order without a quote). */
  quoteTtcCents?: Cents;
  /** An order without a quote: the key its deposits and its final invoice share (`jobOrderKey`). */
  orderKey?: string;
}

/** One deposit a final invoice takes off: as the deposit invoice printed it, less its credit notes. */
export interface DepositDeduction {
  invoiceId: string;
  number: string;
  issueDate: IsoDate;
  htCents: Cents;
  vat: VatBreakdown[];
  vatCents: Cents;
  ttcCents: Cents;
}

/** « 2 % d'escompte pour paiement sous 10 jours »: the TTC less `rateBp` if paid within `days` of issue. */
export interface EarlyDiscountTerms {
  rateBp: BasisPoints;
  days: number;
}

/** Terms at one level (client, draft): its own, none (null), or the next level's ('inherit' — a key once written cannot be unset). */
export type EarlyDiscountChoice = EarlyDiscountTerms | null | 'inherit';

/** What the user decided about the late-payment penalties of an invoice (logged too). */
export interface PenaltyDecision {
  decision: 'claimed' | 'waived';
  on: IsoDate;
  memberId: string;
}

export interface DocumentRecord {
  id: string;
  kind: DocumentKind;
  clientId: string;
  memberId: string; // device that created / issued it
  status: 'draft' | 'issued';
  // Editable while draft:
  lines: Line[];
  discount: Discount;
  issueDate: IsoDate | null;
  serviceDate: IsoDate | null;
  terms: PaymentTerms;
  notes: string;
  title: string;
  /** The client's order (purchase order) number, when they gave one. */
  orderNumber: string;
  /** A draft quote's validity (absent: the default 30 days); frozen as `validUntil` at issue. */
  validity?: QuoteValidity | null;
  // Set on issue:
  number: string;
  series: string;
  seq: number;
  dueDate: IsoDate | null;
  frozen: FrozenContent | null;
  hash: string;
  prevHash: string;
  issuedAt: IsoDateTime | null;
  // Mutable facts about an issued document (not part of the frozen content):
  sentAt: IsoDate | null;
  sentChannel: SendChannel | null;
  disputed: boolean;
  inCollection: boolean;
  quoteOutcome: QuoteOutcome;
  sourceQuoteId: string | null; // invoice made from a quote
  correctsInvoiceId: string | null; // credit note → invoice
  /**
   * An issued document is a new record; this is the id of the draft it was issued from (the
   * draft record is deleted). Two devices issuing one draft offline leave two records with the
   * same sourceDraftId. Absent on drafts and on documents issued before it existed.
   */
  sourceDraftId?: string | null;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
  // Follow-up facts of an issued invoice (absent on older records: read as null).
  chasePolicyId?: string | null;
  chasePause?: ChasePause | null;
  /** A payment plan (échéancier): dated installments summing to the TTC. */
  installments?: Installment[] | null;
  /** Late-payment penalties claimed or waived (absent: not decided). */
  penaltyDecision?: PenaltyDecision | null;
  /** The hand-over to collection this invoice is part of (kept after the case is closed). */
  collection?: CollectionCase | null;
  /** What was given up as lost, and when: no longer owed, kept for the accounts. */
  writeOff?: WriteOff | null;
  /** A deposit invoice (facture d'acompte): what it is a deposit on; absent or null: not a deposit. */
  deposit?: DepositInfo | null;
  /** The final invoice of an order without a quote: its deposits' `orderKey` (absent: none). */
  jobOrderKey?: string | null;
  /** A draft invoice's own early-payment terms: absent or 'inherit' = the client's or company's, null = none. Frozen at issue. */
  earlyDiscount?: EarlyDiscountChoice;
  /** The recurring template occurrence this invoice was prepared for (domain/recurring.ts); absent: none. */
  recurrence?: RecurrenceRef | null;
  /** A progress invoice (situation de travaux) of a quote: frozen at issue (absent or null: not one). */
  progress?: ProgressInfo | null;
  /**
   * An issued quote's « Date de réception des travaux »: a mutable fact of the job that releases
   * its situations' retenue de garantie one year later (absent or null: not received yet).
   */
  receptionDate?: IsoDate | null;
}

/** Who a debt is handed to: a collection agency, a commissaire de justice, a factoring company, or the court (injonction de payer). */
export type CollectionAgent = 'agency' | 'bailiff' | 'factoring' | 'injunction';

/**
 * One hand-over (« Confier au recouvrement »), shared by the invoices handed over together: the
 * same `caseId` on each. While `closed` is null the invoices are held « en recouvrement ».
 */
export interface CollectionCase {
  caseId: string;
  agent: CollectionAgent;
  /** The agency, office or court's name, as the user typed it. */
  agentName: string;
  since: IsoDate;
  memberId: string;
  closed: CollectionClosing | null;
}

export interface CollectionClosing {
  outcome: 'recovered' | 'abandoned';
  on: IsoDate;
  memberId: string;
}

/** An amount given up on an invoice (« passé en perte »), on a date. */
export interface WriteOff {
  cents: Cents;
  on: IsoDate;
  memberId: string;
}

/** Where a recurring occurrence came from, kept on its draft and on the invoice issued from it. */
export interface RecurrenceRef {
  templateId: string;
  date: IsoDate;
}

export type PaymentMethod = 'transfer' | 'card' | 'cheque' | 'cash' | 'direct_debit' | 'link' | 'other';

export interface Allocation {
  invoiceId: string;
  amountCents: Cents;
}

export interface Payment {
  id: string;
  clientId: string;
  amountCents: Cents;
  date: IsoDate;
  method: PaymentMethod;
  reference: string;
  allocations: Allocation[]; // sum ≤ amount; the rest is client credit
  memberId: string;
  createdAt: IsoDateTime;
}

export type ActivityKind =
  | 'client_created'
  | 'client_updated'
  | 'document_created'
  | 'document_issued'
  | 'document_sent'
  | 'document_disputed'
  | 'quote_accepted'
  | 'quote_refused'
  | 'payment_recorded'
  | 'payment_deleted'
  | 'penalties_decided'
  | 'collection_started'
  | 'collection_closed'
  | 'contact'
  | 'note'
  | 'review_done';

export interface ActivityEvent {
  id: string;
  at: IsoDateTime;
  memberId: string;
  kind: ActivityKind;
  clientId: string | null;
  documentId: string | null;
  text: string;
  data: Record<string, string | number | boolean | null>;
  /** On kind 'contact': what was done about which receivables, in the follow-up register. */
  contact?: ContactPayload;
}

// ——— follow-up (relances) ———

export type ChaseChannel = 'email' | 'phone' | 'sms' | 'letter' | 'registered_letter';
export type ChaseTone = 'courtesy' | 'friendly' | 'firm' | 'formal';
/** 'send': sending the invoice itself, before any reminder (never in a policy). */
export type ChaseStepKind = 'send' | 'reminder' | 'formal_notice' | 'decision';

export interface DunningStep {
  id: string;
  /** Days from the due date: −3 is three days before, 8 is « J+8 ». */
  offsetDays: number;
  channel: ChaseChannel;
  templateId: string;
  tone: ChaseTone;
  kind: ChaseStepKind;
  /** A call to make after the message (« relance + appel »). */
  followUpCall?: boolean;
}

export interface DunningPolicy {
  id: string;
  name: string;
  steps: DunningStep[];
  /** Fewest days between two contacts with the same client (no harassment). */
  minGapDays: number;
  /** A built-in policy the user removed (kept so that the built-in one does not come back). */
  removed?: boolean;
}

/** Reminders held: until a date (exclusive: they resume on it), or indefinitely (until null). */
export interface ChasePause {
  until: IsoDate | null;
  reason: string;
}

export interface Installment {
  id: string;
  dueDate: IsoDate;
  amountCents: Cents;
}

export type ContactOutcome = 'sent' | 'reached' | 'voicemail' | 'promised' | 'disputed' | 'wrong_number' | 'skipped' | 'snoozed';

/** One receivable an action was about, and the step it did for it (null: no step, e.g. a snooze). */
export interface ContactTarget {
  /** invoice id, or « invoiceId#installmentId » for an installment. */
  key: string;
  stepId: string | null;
}

export interface ContactPayload {
  targets: ContactTarget[];
  /** The step of the action as a whole (the most advanced one of its targets). */
  stepId: string | null;
  channel: ChaseChannel;
  outcome: ContactOutcome;
  promisedDate: IsoDate | null;
  snoozeUntil: IsoDate | null;
  note: string;
}

export interface TemplateText {
  subject: string;
  body: string;
}

export interface ChaseTemplate {
  id: string;
  name: string;
  fr: TemplateText;
  en: TemplateText;
}

/** Which policy a client category gets: the first matching rule wins. */
export interface CategoryPolicy {
  category: string;
  policyId: string;
}

/** The workspace's follow-up settings record (stored only once edited). */
export interface ChaseConfig {
  id: string;
  defaultPolicyId: string;
  categoryPolicies: CategoryPolicy[];
  /** The dashboard's odds of collecting by days late (domain/aging.ts); absent: the default curve. */
  recoveryCurve?: RecoveryPoint[] | null;
  /** The DSO the owner aims at, in days; absent: none set. */
  dsoTargetDays?: number | null;
  /** The weekday of « Revue de la semaine », Monday 1 … Sunday 7; absent: Monday. */
  reviewDay?: number | null;
}

/** The odds of collecting a receivable this many days late, in percent (0…100). */
export interface RecoveryPoint {
  daysLate: number;
  percent: number;
}

export type TaskRecurrence = 'none' | 'weekly' | 'monthly';

/** A simple to-do of the day (« Rappeler M. Durand »), optionally recurring. */
export interface ChaseTask {
  id: string;
  title: string;
  dueDate: IsoDate;
  recurrence: TaskRecurrence;
  clientId: string | null;
  done: boolean;
  memberId: string;
  createdAt: IsoDateTime;
}

/** « Je m'en occupe »: a member took a client's item (keyed by client id). */
export interface ChaseClaim {
  id: string;
  clientId: string;
  memberId: string;
  at: IsoDateTime;
}

export interface VatBreakdown {
  rateBp: BasisPoints;
  baseCents: Cents; // HT at that rate after discounts
  vatCents: Cents;
}

export interface Totals {
  linesHtCents: Cents; // sum of line HT before the document discount
  discountCents: Cents; // document discount, HT
  htCents: Cents;
  vat: VatBreakdown[];
  vatCents: Cents;
  ttcCents: Cents;
  /**
   * A final invoice: the whole job's totals before its deposits were taken off; the fields above
   * (HT, VAT per rate, TTC) are then what remains, what this invoice itself charges. Absent on
   * every other document.
   */
  beforeDeposits?: JobTotals;
}

/** The totals of a whole job (a final invoice before its deposits), or of the deposits taken off. */
export interface JobTotals {
  htCents: Cents;
  vat: VatBreakdown[];
  vatCents: Cents;
  ttcCents: Cents;
}

/** Derived status, for lists and badges. */
export type DocumentStatus =
  | 'draft'
  | 'issued'
  | 'sent'
  | 'partially_paid'
  | 'paid'
  | 'overdue'
  | 'cancelled'
  | 'written_off'
  | 'accepted'
  | 'refused'
  | 'expired';
