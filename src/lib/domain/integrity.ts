// Issue = freeze: the printed content is kept as is, hashed (SHA-256 of its canonical JSON) and
// chained to the previous document of its series, so any later change shows.
import type { Client, Company, DepositDeduction, DocumentRecord, EarlyDiscountTerms, FrozenContent, IsoDate, PartySnapshot } from './types';
import { computeTotals } from './money';
import { DEFAULT_QUOTE_VALIDITY, quoteValidUntil } from './quotes';
import { deductDeposits, isFinalInvoice } from './deposits';
import { isPrepaid, paysInAdvance } from './terms';
import { withRetention } from './progress';

/** JSON with keys sorted at every level and no whitespace: one text for one content. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('Non-finite number in canonical JSON');
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.keys(value as Record<string, unknown>)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Where the client receives e-invoices: its « adresse de facturation électronique », else for an
 * individual or a business abroad the billing contact's e-mail (a French business without one
 * is reached by its SIREN).
 */
function electronicAddressOf(client: Client): string {
  const set = client.electronicAddress?.trim();
  if (set) return set;
  if (client.kind !== 'individual' && (client.billingAddress.country || 'FR').toUpperCase() === 'FR') return '';
  const contact = client.contacts.find((c) => c.billing && c.email.trim()) ?? client.contacts.find((c) => c.email.trim());
  return contact?.email.trim() ?? '';
}

function snapshotClient(client: Client): PartySnapshot {
  const electronicAddress = electronicAddressOf(client);
  return {
    kind: client.kind,
    name: client.name,
    address: { ...client.billingAddress },
    deliveryAddress: client.deliveryAddress ? { ...client.deliveryAddress } : null,
    siren: client.siren,
    vatNumber: client.vatNumber,
    // Only when there is one: documents to clients without freeze (and hash) as before.
    ...(electronicAddress ? { electronicAddress } : {})
  };
}

export function freezeDocument(
  doc: DocumentRecord,
  input: {
    company: Company;
    client: Client;
    number: string;
    series: string;
    seq: number;
    issueDate: IsoDate;
    dueDate: IsoDate | null;
    prevHash: string;
    correctedInvoice: DocumentRecord | null;
    /** A final invoice: the deposits it takes off (domain/deposits.ts depositDeductions). */
    deductions?: DepositDeduction[];
    /** A final invoice: the issued quote it closes. */
    quote?: DocumentRecord | null;
    /** Invoices: the early-payment terms offered (domain/earlyDiscount.ts); none → not frozen. */
    earlyDiscount?: EarlyDiscountTerms | null;
  }
): FrozenContent {
  const deductions = input.deductions ?? [];
  const totals = deductDeposits(computeTotals(doc.lines, doc.discount, input.company.vatRegime), deductions);
  const frozen: FrozenContent = {
    kind: doc.kind,
    number: input.number,
    series: input.series,
    seq: input.seq,
    issueDate: input.issueDate,
    serviceDate: doc.serviceDate,
    dueDate: input.dueDate,
    terms: doc.terms,
    seller: input.company,
    client: snapshotClient(input.client),
    clientId: input.client.id,
    lines: doc.lines,
    discount: doc.discount,
    totals,
    notes: doc.notes,
    orderNumber: doc.orderNumber ?? '',
    // Only quotes carry a validity: invoices and credit notes freeze (and hash) as before.
    ...(doc.kind === 'quote' ? { validUntil: quoteValidUntil(input.issueDate, doc.validity ?? DEFAULT_QUOTE_VALIDITY) } : {}),
    correctsInvoiceId: input.correctedInvoice?.id ?? null,
    correctsInvoiceNumber: input.correctedInvoice?.number ?? null,
    correctsInvoiceDate: input.correctedInvoice?.issueDate ?? null,
    prevHash: input.prevHash,
    // Deposits, deductions and prepayment only where they apply: other documents freeze (and hash) as before.
    ...(doc.kind === 'invoice' && doc.deposit ? { deposit: doc.deposit } : {}),
    ...(deductions.length ? { deductions } : {}),
    ...(isFinalInvoice(doc) && input.quote?.status === 'issued' ? { finalOf: { quoteNumber: input.quote.number, quoteDate: input.quote.issueDate } } : {}),
    // « Paiement d'avance » is printed only when the invoice really asks it (due on receipt).
    ...(doc.kind === 'invoice' && paysInAdvance(input.client) && isPrepaid(doc.terms) ? { prepayment: true } : {}),
    // Only an invoice offering a discount carries it: the others freeze (and hash) as before.
    ...(doc.kind === 'invoice' && input.earlyDiscount ? { earlyDiscount: input.earlyDiscount } : {}),
    // A progress invoice: its progress as printed, the retention taken on the totals just computed.
    ...(doc.kind === 'invoice' && doc.progress ? { progress: withRetention(doc.progress, totals) } : {})
  };
  // A deep plain copy: nothing in it is shared with the draft or the company record.
  return JSON.parse(JSON.stringify(frozen)) as FrozenContent;
}

export function hashFrozen(frozen: FrozenContent): Promise<string> {
  return sha256Hex(canonicalJson(frozen));
}

export interface IntegrityProblem {
  id: string;
  number: string;
  problem: 'hash_mismatch' | 'chain_broken' | 'missing_frozen';
}

/** Every issued document whose content no longer matches its hash, or whose chain is broken. */
export async function verifyDocuments(docs: DocumentRecord[]): Promise<IntegrityProblem[]> {
  const problems: IntegrityProblem[] = [];
  const bySeriesSeq = new Map<string, DocumentRecord>();
  for (const d of docs) if (d.status === 'issued') bySeriesSeq.set(`${d.series}#${d.seq}`, d);
  for (const d of docs) {
    if (d.status !== 'issued') continue;
    if (!d.frozen) {
      problems.push({ id: d.id, number: d.number, problem: 'missing_frozen' });
      continue;
    }
    if ((await hashFrozen(d.frozen)) !== d.hash) {
      problems.push({ id: d.id, number: d.number, problem: 'hash_mismatch' });
      continue;
    }
    const previous = d.seq > 1 ? bySeriesSeq.get(`${d.series}#${d.seq - 1}`) : undefined;
    const expected = d.seq > 1 ? previous?.hash : '';
    // The record's own numbering fields must still say what was frozen: a changed series or kind
    // would silently move the document out of its chain or out of what the client owes.
    const recordMatches =
      d.frozen.seq === d.seq && d.frozen.number === d.number && d.frozen.series === d.series && d.frozen.kind === d.kind;
    if (expected === undefined || d.frozen.prevHash !== expected || !recordMatches)
      problems.push({ id: d.id, number: d.number, problem: 'chain_broken' });
  }
  return problems;
}
