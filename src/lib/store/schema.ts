// The shape of a workspace Y.Doc. Each record is one Y.Map of primitive fields (field-level merge
// for concurrent edits); arrays and objects (line items, contacts, frozen content) are stored as
// one JSON value each, never as nested Y types — see the measurements in DESIGN.md.
import type {
  ActivityEvent,
  CatalogItem,
  Client,
  DocumentRecord,
  Member,
  Payment
} from '$lib/domain/types';

export const SCHEMA_VERSION = 2;

export interface RecordTypes {
  members: Member;
  clients: Client;
  items: CatalogItem;
  documents: DocumentRecord;
  payments: Payment;
  events: ActivityEvent;
}

export type CollectionName = keyof RecordTypes;

export const COLLECTIONS: CollectionName[] = ['members', 'clients', 'items', 'documents', 'payments', 'events'];

/** Fields of an issued document that stay out of its Y.Map: they live inside `frozen`. */
export const FROZEN_ONLY_FIELDS = ['lines', 'discount'] as const;
