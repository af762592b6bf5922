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
  penaltyRateBp: BasisPoints;
  earlyPaymentDiscount: string; // empty → « Pas d'escompte pour paiement anticipé »
  /** E-invoicing reform mention: what the invoices are for. */
  operationNature: OperationNature;
  /** « Option pour le paiement de la taxe d'après les débits » (services only). */
  vatOnDebits: boolean;
  numberFormats: NumberFormats;
  currency: 'EUR';
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

/** Client identity as printed on an issued document. */
export interface PartySnapshot {
  name: string;
  address: Address;
  deliveryAddress: Address | null;
  siren: string;
  vatNumber: string;
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
  correctsInvoiceId: string | null;
  correctsInvoiceNumber: string | null;
  correctsInvoiceDate: IsoDate | null;
  prevHash: string; // hash of the previous document of the series ('' for the first)
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
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
  // Follow-up facts of an issued invoice (absent on older records: read as null).
  chasePolicyId?: string | null;
  chasePause?: ChasePause | null;
  /** A payment plan (échéancier): dated installments summing to the TTC. */
  installments?: Installment[] | null;
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
  | 'contact'
  | 'note';

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
export type ChaseStepKind = 'reminder' | 'formal_notice' | 'decision';

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
  | 'accepted'
  | 'refused';
