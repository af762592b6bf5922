// The shape of a workspace Y.Doc — see the measurements in DESIGN.md, and the reason for each
// choice below. Nothing here is ever a nested Y type below a record.
//
// - Records that change after they are written (members, clients, items, documents) are one
//   Y.Map of primitive fields each: two devices editing different fields both keep their edit.
//   Arrays and objects in them (contacts, line items) are one JSON value, replaced whole.
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
  Payment
} from '$lib/domain/types';

export const SCHEMA_VERSION = 3;

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
}

export type CollectionName = keyof RecordTypes;

export const COLLECTIONS: CollectionName[] = [
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
  'claims'
];

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
