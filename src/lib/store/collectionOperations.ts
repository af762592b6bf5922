// Handing invoices over to collection and closing the case. The hand-over holds the invoices
// (`inCollection`: reminders stop, the dashboard counts them apart) and records with whom; the
// close lifts the hold and records what was given up as lost (`writeOff`). The payment the agency
// brings in is an ordinary payment, recorded by the caller with 'payment/record' first.
import type * as Y from 'yjs';
import type { CollectionAgent, CollectionCase, IsoDate } from '$lib/domain/types';
import { isCollectionAgent } from '$lib/domain/collection';
import { isIsoDate } from '$lib/domain/dates';
import { localDate } from '$lib/clock';
import { LOCAL_ORIGIN, patchRecord, readRecord } from './doc';
import { StoreError, logEvent, type Actor } from './operations';
import { newId } from './ids';

export interface HandOverInput {
  clientId: string;
  invoiceIds: string[];
  agent: CollectionAgent;
  agentName: string;
  since: IsoDate;
}

/** Hands issued invoices of one client over to collection, as one case; returns the case id. */
export function handOver(doc: Y.Doc, actor: Actor, input: HandOverInput): string {
  const problems: string[] = [];
  if (!isCollectionAgent(input.agent)) problems.push('agent');
  if (!isIsoDate(input.since)) problems.push('since');
  else if (input.since > localDate(actor.now())) problems.push('future_date');
  if (!input.invoiceIds.length) problems.push('no_invoice');
  if (problems.length) throw new StoreError('invalid_collection', problems);
  const invoices = input.invoiceIds.map((id) => {
    const d = readRecord(doc, 'documents', id);
    if (!d || d.status !== 'issued' || d.kind !== 'invoice' || d.clientId !== input.clientId) throw new StoreError('not_an_invoice');
    if (d.collection && !d.collection.closed) throw new StoreError('already_in_collection');
    return d;
  });
  const caseId = newId();
  const now = actor.now().toISOString();
  const collection: CollectionCase = {
    caseId,
    agent: input.agent,
    agentName: input.agentName.trim(),
    since: input.since,
    memberId: actor.memberId,
    closed: null
  };
  doc.transact(() => {
    for (const d of invoices) patchRecord(doc, 'documents', d.id, { inCollection: true, collection, updatedAt: now });
    logEvent(doc, actor, 'collection_started', {
      clientId: input.clientId,
      documentId: invoices.length === 1 ? invoices[0].id : null,
      text: invoices.map((d) => d.number).join(', '),
      data: { caseId, agent: input.agent, agentName: collection.agentName, since: input.since, invoiceCount: invoices.length }
    });
  }, LOCAL_ORIGIN);
  return caseId;
}

export interface CloseCaseInput {
  caseId: string;
  /** The case's invoices (domain/collection.ts collectionCases). */
  invoiceIds: string[];
  outcome: 'recovered' | 'abandoned';
  on: IsoDate;
  /** What is given up on each invoice (domain/collection.ts closingOf). */
  writeOffs: { invoiceId: string; cents: number }[];
}

/** Closes a case: the hold is lifted on each of its invoices, the losses recorded. */
export function closeCase(doc: Y.Doc, actor: Actor, input: CloseCaseInput): void {
  if (!isIsoDate(input.on)) throw new StoreError('invalid_collection', ['on']);
  if (input.on > localDate(actor.now())) throw new StoreError('invalid_collection', ['future_date']);
  if (input.outcome !== 'recovered' && input.outcome !== 'abandoned') throw new StoreError('invalid_collection', ['outcome']);
  if (input.writeOffs.some((w) => !Number.isSafeInteger(w.cents) || w.cents <= 0)) throw new StoreError('invalid_collection', ['write_off']);
  const docs = input.invoiceIds.map((id) => {
    const d = readRecord(doc, 'documents', id);
    if (!d || d.collection?.caseId !== input.caseId) throw new StoreError('unknown_case');
    return d;
  });
  if (!docs.length) throw new StoreError('unknown_case');
  const losses = new Map(input.writeOffs.map((w) => [w.invoiceId, w.cents]));
  for (const id of losses.keys()) if (!docs.some((d) => d.id === id)) throw new StoreError('invalid_collection', ['write_off']);
  const now = actor.now().toISOString();
  const closed = { outcome: input.outcome, on: input.on, memberId: actor.memberId };
  doc.transact(() => {
    for (const d of docs) {
      const cents = losses.get(d.id);
      patchRecord(doc, 'documents', d.id, {
        inCollection: false,
        collection: { ...d.collection!, closed },
        ...(cents ? { writeOff: { cents, on: input.on, memberId: actor.memberId } } : {}),
        updatedAt: now
      });
    }
    logEvent(doc, actor, 'collection_closed', {
      clientId: docs[0].clientId,
      documentId: docs.length === 1 ? docs[0].id : null,
      text: docs.map((d) => d.number).join(', '),
      data: { caseId: input.caseId, outcome: input.outcome, on: input.on, writtenOffCents: input.writeOffs.reduce((s, w) => s + w.cents, 0) }
    });
  }, LOCAL_ORIGIN);
}
