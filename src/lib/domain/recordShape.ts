// What makes a stored record readable, one rule set per record kind, in one place. A record
// synced from a buggy or hostile device, or written by a later version in a shape this one does
// not know, must not take the app down: the store skips it from every view (and keeps it
// untouched in the document), the integrity check names it. The rules check only what the app
// computes with — ids, amounts, dates, lists it walks — so that an older record missing an
// optional field still reads. Pure: plain values in, a reason out.

/** The record kinds of a workspace, in the order they are read (the collections of src/lib/store/schema.ts). */
export const RECORD_KINDS = [
  'members',
  'clients',
  'items',
  'documents',
  'payments',
  'events',
  'policies',
  'templates',
  'chaseConfig',
  'tasks',
  'claims',
  'penaltyRates',
  'recurring'
] as const;

export type RecordKind = (typeof RECORD_KINDS)[number];

/** Why a record is unreadable: its text is not JSON, it is not an object, or a field is wrong. */
export type RecordDefect = { kind: 'not_json' } | { kind: 'not_object' } | { kind: 'bad_field'; field: string };

/** A record this device cannot read: skipped from the views, kept in the document, reported. */
export interface UnreadableRecord {
  collection: RecordKind;
  id: string;
  defect: RecordDefect;
}

type Fields = Record<string, unknown>;
type Check = (v: unknown) => boolean;

const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const str: Check = (v) => typeof v === 'string';
const id: Check = (v) => typeof v === 'string' && v.length > 0;
const idOrNull: Check = (v) => v === null || v === undefined || id(v);
const int: Check = (v) => typeof v === 'number' && Number.isSafeInteger(v);
const num: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const bool: Check = (v) => typeof v === 'boolean';
const optBool: Check = (v) => v === undefined || bool(v);
const date: Check = (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
const dateOrNull: Check = (v) => v === null || v === undefined || date(v);
const object: Check = isObject;
const oneOf =
  (...values: string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v);
const listOf =
  (item: Check): Check =>
  (v) =>
    Array.isArray(v) && v.every(item);
/** An object whose fields pass their checks (the rules listed once, not on every call). */
const shaped = (rules: Record<string, Check>): Check => {
  const list = Object.entries(rules);
  return (v) => isObject(v) && passes(list, v) === null;
};

/** The first field of `record` that fails its check, or null. */
function passes(list: readonly [string, Check][], record: Fields): string | null {
  for (const [field, check] of list) if (!check(record[field])) return field;
  return null;
}

const line = shaped({ id, quantity: num, unitPriceCents: int, vatRateBp: int, discountCents: int });
const allocation = shaped({ invoiceId: id, amountCents: int });
const discount = shaped({ kind: oneOf('none', 'percent', 'amount') });
const deduction = shaped({ invoiceId: id, number: str, htCents: int, vatCents: int, ttcCents: int, vat: listOf(object) });
/** Absent, null, or passing the check: fields added after records were first written. */
const optional =
  (check: Check): Check =>
  (v) =>
    v === undefined || v === null || check(v);
// Early-payment terms (a client's, a draft's, an issued invoice's) and a recurring draft's origin.
const terms = shaped({ rateBp: int, days: int });
const earlyTerms = optional((v) => v === 'inherit' || terms(v));
const recurrence = optional(shaped({ templateId: id, date }));
// A progress invoice's progress (domain/progress.ts): the amounts the PDF, the receivables and the
// next situation compute with (absent or null on every other document).
const progressLine = shaped({ quoteLineId: id, quoteHtCents: int, previousBp: int, cumulativeBp: int, cumulativeHtCents: int, previousHtCents: int, thisHtCents: int, vatRateBp: int });
const progress = optional(
  shaped({
    quoteId: id,
    situation: int,
    final: bool,
    lines: listOf(progressLine),
    retention: optional(shaped({ rateBp: int, cents: int })),
    discountShare: optional(shaped({ cumulativeCents: int, previousCents: int })),
    recap: optional(shaped({ quoteHtCents: int, quoteTtcCents: int, situations: listOf(shaped({ number: str, situation: int, htCents: int, ttcCents: int, retentionCents: int })) }))
  })
);
// The lines an issued document shows are its frozen ones, checked as the document's `lines`.
const frozen = shaped({ kind: str, number: str, series: str, seq: int, lines: Array.isArray, totals: object, client: object, deductions: (v) => v === undefined || listOf(deduction)(v), earlyDiscount: optional(terms), progress });
// What a deposit invoice is a deposit on (absent or null on every other document).
const deposit: Check = (v) => v === undefined || v === null || (isObject(v) && idOrNull(v.quoteId) && str(v.quoteNumber) && isObject(v.request));

const RULES: Record<RecordKind | 'issued' | 'draft', Record<string, Check>> = {
  members: { name: str, seriesLetter: str, removed: optBool },
  clients: {
    kind: str,
    name: str,
    contacts: listOf(object),
    billingAddress: object,
    categories: (v) => v === undefined || listOf(str)(v),
    prepayment: optBool,
    electronicAddress: (v) => v === undefined || v === null || str(v),
    earlyDiscount: earlyTerms
  },
  items: { name: str, unitPriceCents: int, vatRateBp: int },
  documents: { kind: oneOf('quote', 'invoice', 'credit'), status: oneOf('draft', 'issued'), clientId: str, memberId: str, lines: listOf(line), discount, deposit, earlyDiscount: earlyTerms, recurrence, progress, receptionDate: dateOrNull },
  payments: { clientId: id, amountCents: int, date, method: str, allocations: listOf(allocation), memberId: str },
  events: { at: str, kind: str, clientId: idOrNull, documentId: idOrNull, text: str },
  policies: { name: str, steps: listOf(object) },
  templates: { fr: object, en: object },
  chaseConfig: { defaultPolicyId: str, categoryPolicies: listOf(object) },
  tasks: { title: str, dueDate: date, done: bool, clientId: idOrNull },
  claims: { clientId: id, memberId: id, at: str },
  penaltyRates: { from: date, ecbRateBp: int, legalRateProBp: int },
  recurring: { clientId: str, frequency: oneOf('monthly', 'quarterly', 'yearly'), firstDate: date, endDate: dateOrNull, preparedThrough: dateOrNull, lines: listOf(line), discount, paused: bool, autoIssue: bool },
  issued: {},
  draft: {}
};

// Issued documents also need their frozen content, number and sequence; drafts their dates as dates.
RULES.issued = { ...RULES.documents, frozen, number: str, series: str, seq: int, hash: str };
RULES.draft = { ...RULES.documents, issueDate: dateOrNull };

const RULE_LISTS = Object.fromEntries(Object.entries(RULES).map(([kind, rules]) => [kind, Object.entries(rules)])) as Record<
  keyof typeof RULES,
  [string, Check][]
>;

/**
 * Why the decoded record stored under `key` cannot be read, or null when it can.
 * recordDefect('payments', 'p-1', { id: 'p-1', amountCents: '12', … }) → { kind: 'bad_field', field: 'amountCents' }.
 */
export function recordDefect(collection: RecordKind, key: string, record: unknown): RecordDefect | null {
  if (!isObject(record)) return { kind: 'not_object' };
  if (record.id !== key) return { kind: 'bad_field', field: 'id' };
  const rules = RULE_LISTS[collection === 'documents' ? (record.status === 'issued' ? 'issued' : 'draft') : collection];
  const field = passes(rules, record);
  return field === null ? null : { kind: 'bad_field', field };
}
