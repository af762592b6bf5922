// The shape of a workspace Y.Doc — see the measurements in DESIGN.md, and the reason for each
// choice below. Nothing here is ever a nested Y type below a record.
//
// - Records that change after they are written (members, clients, items, documents) are one
//   Y.Map of primitive fields each: two devices editing different fields both keep their edit.
// - Inside the records users edit field by field, the parts they edit one by one merge field by
//   field too (LAYOUTS below; the layout itself is in layout.ts): a client's contacts and its
//   billing and delivery addresses, a draft's lines, the company's address and number formats.
//   Such a part is first written whole, as one JSON value in its own key (its base, exactly as
//   before v4); each later change of one of its fields goes to a key of its own beside it
//   (`contacts.<id>.email`, `lines.<id>.quantity`, `address.city`), a record added to a list
//   to `contacts.<id>`, a removed one leaves a tombstone there (null), so a concurrent edit of a
//   removed contact does not bring half of it back. Why a base and not every field in its own key:
//   * Yjs pays per key. Measured in Node (1 000 drafts × 10 lines; Y.applyUpdate + decoding
//     every record): one JSON list per draft (v3) 1.8 MB, 69 + 5 ms; lines added one by one in
//     the editor, each line's quantity then changed, 2.4 MB, 105 + 17 ms; one key per field of
//     every line instead, 3.4 MB, 170 + 46 ms. 1 000 clients × 3
//     contacts: v3 0.7 MB, 31 + 2 ms; every contact and the address edited, 0.9 MB, 39 + 7 ms;
//     one key per field, 1.2 MB, 50 + 15 ms. A record pays for keys only for what was edited
//     after it was written; one never edited decodes as before.
//   * Converting every existing record into keys in the v3 → v4 migration would lose edits: two
//     devices migrating offline each write the same key, and Yjs keeps one of two concurrent
//     writes by client id — so an edit made on A right after its migration is undone by B's
//     migration write half of the time. With a base, v3 records already are v4 records and the
//     migration writes nothing.
//   Whatever changes only as a whole stays one value: payment terms {kind, days}, a discount
//   {kind, bp}, categories, a pause, a payment plan.
// - Records that never change once written (payments, activity events) are stored whole as
//   one JSON string: nothing to merge, and Yjs reads one string far faster than a map of fields.
// - An issued document's frozen content is one JSON string too (it never changes), and the
//   fields it already holds are not repeated in the document's map. The seller's identity,
//   the same on thousands of documents, is stored once in `sellers`, keyed by its hash.
// - Follow-up settings and work (dunning policies, templates, the category → policy mapping,
//   tasks, claims « je m'en occupe ») are mutable: one Y.Map each, steps and texts as JSON values.
//   Built-in policies and templates live in code; a record exists only once the user edits one.
//   Contact events (kind 'contact') go to `events` with their typed `contact` payload.
//   These collections and the optional follow-up fields of clients and documents were added
//   without changing the layout of existing records, so no migration is needed: an absent
//   collection is empty and an absent field reads as null.
// - The late-penalty rate table's rows entered in Réglages (`penaltyRates`) are one Y.Map each,
//   keyed by their half-year ('2026-07-01'): two devices entering the same half-year end with one
//   row. The built-in rows live in code (domain/terms.ts); an absent collection is empty.
// - Recurring invoice templates (`recurring`) are one Y.Map each, lines merging like a draft's.
//   The drafts they prepare are ordinary documents whose id is the occurrence key
//   (domain/recurring.ts), so two devices preparing one occurrence write one record. An absent
//   collection is empty: no migration.
import type {
  ActivityEvent,
  CatalogItem,
  ChaseClaim,
  ChaseConfig,
  ChaseTask,
  ChaseTemplate,
  Client,
  DocumentRecord,
  DunningPolicy,
  Member,
  Payment,
  PenaltyRateRecord
} from '$lib/domain/types';
import type { RecurringTemplate } from '$lib/domain/recurring';
import type { RecordLayout } from './layout';
import { RECORD_KINDS } from '$lib/domain/recordShape';

export const SCHEMA_VERSION = 4;

export interface RecordTypes {
  members: Member;
  clients: Client;
  items: CatalogItem;
  documents: DocumentRecord;
  payments: Payment;
  events: ActivityEvent;
  policies: DunningPolicy;
  templates: ChaseTemplate;
  chaseConfig: ChaseConfig;
  tasks: ChaseTask;
  claims: ChaseClaim;
  penaltyRates: PenaltyRateRecord;
  recurring: RecurringTemplate;
}

export type CollectionName = keyof RecordTypes;

/** Every collection, in the order they are read (domain/recordShape.ts holds the list). */
export const COLLECTIONS: readonly CollectionName[] = RECORD_KINDS;

/** The parts of records that merge field by field inside (see above and layout.ts). */
export const LAYOUTS: Partial<Record<CollectionName, RecordLayout>> = {
  clients: { objects: ['billingAddress'], nullableObjects: ['deliveryAddress'], lists: ['contacts'] },
  documents: { lists: ['lines'] },
  recurring: { lists: ['lines'] }
};

/** The same for the company profile (the `company` map). */
export const COMPANY_LAYOUT: RecordLayout = { objects: ['address', 'numberFormats'] };

/** Collections whose records are stored whole, as one JSON string each. */
export const WHOLE_RECORDS: ReadonlySet<CollectionName> = new Set(['payments', 'events']);

/** Fields of an issued document that stay out of its Y.Map: `frozen` holds them. */
export const FROZEN_ONLY_FIELDS = [
  'lines',
  'discount',
  'clientId',
  'number',
  'series',
  'seq',
  'issueDate',
  'serviceDate',
  'dueDate',
  'terms',
  'notes',
  'prevHash',
  'correctsInvoiceId'
] as const;

/** The top-level map of seller identities of frozen documents: hash → Company JSON. */
export const SELLERS = 'sellers';
