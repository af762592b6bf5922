// Handing a debt over (« Confier au recouvrement ») and closing the case: which invoices a case
// holds, what it still claims, and what closing it records — the payment the agency brought in,
// spread over the case's invoices oldest first, and what is given up as lost (« passé en perte »).
// The amounts come from the receivables model; nothing here computes what is owed.
import type { Allocation, Cents, CollectionAgent, CollectionCase, DocumentRecord, IsoDate } from './types';
import type { InvoiceAccount } from './receivables';
import { allocateOldestFirst } from './payments';

export const COLLECTION_AGENTS: readonly CollectionAgent[] = ['agency', 'bailiff', 'factoring', 'injunction'];

export function isCollectionAgent(value: unknown): value is CollectionAgent {
  return typeof value === 'string' && (COLLECTION_AGENTS as readonly string[]).includes(value);
}

/** One invoice of a case, as the case reads it today. */
export interface CaseInvoice {
  invoiceId: string;
  number: string;
  dueDate: IsoDate | null;
  remainingCents: Cents;
  writtenOffCents: Cents;
}

/** A case with its invoices: what the client page, the case page and the dashboard show. */
export interface CaseView {
  caseId: string;
  clientId: string;
  agent: CollectionAgent;
  agentName: string;
  since: IsoDate;
  closed: CollectionCase['closed'];
  invoices: CaseInvoice[];
  remainingCents: Cents;
  writtenOffCents: Cents;
}

/** A document's case, when it has a readable one (a malformed one is ignored, not fatal). */
export function caseOf(doc: DocumentRecord): CollectionCase | null {
  const c = doc.collection;
  if (!c || typeof c.caseId !== 'string' || !c.caseId || !isCollectionAgent(c.agent) || typeof c.since !== 'string') return null;
  return c;
}

/**
 * The collection cases among documents, newest first, each with its invoices in due order and
 * today's amounts from their accounts. Two devices that handed the same invoice over offline leave
 * it in the case written last (the field merges whole): it is never in two cases.
 */
export function collectionCases(documents: Iterable<DocumentRecord>, accounts: ReadonlyMap<string, InvoiceAccount>): CaseView[] {
  const cases = new Map<string, CaseView>();
  for (const doc of documents) {
    const c = doc.status === 'issued' && doc.kind === 'invoice' ? caseOf(doc) : null;
    if (!c) continue;
    let view = cases.get(c.caseId);
    if (!view) {
      view = { caseId: c.caseId, clientId: doc.clientId, agent: c.agent, agentName: c.agentName ?? '', since: c.since, closed: c.closed ?? null, invoices: [], remainingCents: 0, writtenOffCents: 0 };
      cases.set(c.caseId, view);
    }
    // Closed on one invoice and not yet on another (a close merging with a late hand-over): open.
    if (!c.closed) view.closed = null;
    const account = accounts.get(doc.id);
    const invoice: CaseInvoice = {
      invoiceId: doc.id,
      number: doc.number,
      dueDate: doc.dueDate,
      remainingCents: account?.remainingCents ?? 0,
      writtenOffCents: account?.writtenOffCents ?? 0
    };
    view.invoices.push(invoice);
    view.remainingCents += invoice.remainingCents;
    view.writtenOffCents += invoice.writtenOffCents;
  }
  const out = [...cases.values()];
  for (const v of out) v.invoices.sort((a, b) => ((a.dueDate ?? '') < (b.dueDate ?? '') ? -1 : (a.dueDate ?? '') > (b.dueDate ?? '') ? 1 : a.number < b.number ? -1 : 1));
  return out.sort((a, b) => (a.since > b.since ? -1 : a.since < b.since ? 1 : a.caseId < b.caseId ? -1 : 1));
}

/** What closing a case records. */
export interface CaseClosing {
  /** The payment the agency (or the debtor) brought in, spread oldest due first. */
  allocations: Allocation[];
  /** What is given up on each invoice (« passé en perte »). */
  writeOffs: { invoiceId: string; cents: Cents }[];
  /** Still owed after closing (recovered in part, the rest not given up). */
  stillOwedCents: Cents;
}

/**
 * Closing a case: `recoveredCents` came in (0 when abandoned), spread over the invoices oldest
 * due first; with `writeOffRest`, whatever then remains on each invoice is written off.
 * closingOf([F1 600 € due 1 Mar, F2 400 € due 1 Apr], 700 €, true) → 600 € to F1, 100 € to F2,
 * 300 € written off on F2.
 */
export function closingOf(invoices: readonly CaseInvoice[], recoveredCents: Cents, writeOffRest: boolean): CaseClosing {
  const recovered = Math.min(Math.max(0, recoveredCents), invoices.reduce((s, i) => s + i.remainingCents, 0));
  const allocations = allocateOldestFirst(
    recovered,
    invoices.map((i) => ({ invoiceId: i.invoiceId, dueDate: i.dueDate, balanceCents: i.remainingCents }))
  );
  const writeOffs: CaseClosing['writeOffs'] = [];
  let stillOwedCents = 0;
  for (const i of invoices) {
    const rest = i.remainingCents - allocations.filter((a) => a.invoiceId === i.invoiceId).reduce((s, a) => s + a.amountCents, 0);
    if (rest <= 0) continue;
    if (writeOffRest) writeOffs.push({ invoiceId: i.invoiceId, cents: rest });
    else stillOwedCents += rest;
  }
  return { allocations, writeOffs, stillOwedCents };
}

/** Written off within [from, to]: the losses of a period, for the dashboard and the accountant. */
export function writtenOffIn(accounts: Iterable<InvoiceAccount>, from: IsoDate, to: IsoDate): { cents: Cents; count: number } {
  let cents = 0;
  let count = 0;
  for (const a of accounts)
    if (a.writtenOffCents > 0 && a.writtenOffOn !== null && a.writtenOffOn >= from && a.writtenOffOn <= to) {
      cents += a.writtenOffCents;
      count++;
    }
  return { cents, count };
}
