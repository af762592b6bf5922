// Test data shared by the domain's tests (imported by *.test.ts only).
import type { Client, Company, ContactOutcome, ContactPayload, DocumentRecord, IsoDate, Payment } from './types';
import type { RecurringTemplate } from './recurring';
import { newClient, newCompany } from './company';
import { addDays } from './dates';
import { newDocument, newLine } from './documents';
import { freezeDocument } from './integrity';
import { documentFacts, type DocumentFacts, type Receivable } from './receivables';
import { prepareFile, type PreparedFile } from './chaseItem';
import type { ContactEntry } from './contactLog';

/** A company with every mention an invoice needs (missingBeforeIssue finds nothing). */
export const issuingCompany: Company = {
  ...newCompany('2026-01-01'),
  name: 'Atelier Dupont',
  legalForm: 'SARL',
  soleTrader: false,
  shareCapitalCents: 1_000_000,
  address: { line1: '12 rue des Lilas', line2: '', postalCode: '69003', city: 'Lyon', country: 'FR' },
  siret: '73282932000074',
  rcsCity: 'Lyon',
  vatNumber: 'FR44732829320',
  iban: 'FR7630006000011234567890189',
  bic: 'AGRIFRPP',
  email: 'contact@atelier-dupont.fr'
};

// ——— the follow-up: one client, fixed local today (Standard policy: J-3 courtesy, J+1 reminder1,
// J+8 reminder2 (+ call), J+15 call, J+30 formal notice, J+45 decision; minimum gap 3 days) ———

export const CHASE_TODAY = '2026-06-15';

/** The due date that makes CHASE_TODAY be `late` days after it. */
export const dueFor = (late: number): IsoDate => addDays(CHASE_TODAY, -late);

export function chaseClientRecord(partial: Partial<Client> = {}): Client {
  return { ...newClient('c1', '2026-01-01T00:00:00.000Z'), name: 'Boulangerie Martin', ...partial };
}

/**
 * An issued, sent invoice of `ttcCents` TTC (0 % VAT so HT = TTC) due on `dueDate`, frozen with
 * the issuing company's 12,15 % penalty rate, issued 30 days before its due date.
 */
export function chaseInvoice(id: string, ttcCents: number, dueDate: IsoDate, extra: Partial<DocumentRecord> = {}, clientKind: Client['kind'] = 'company'): DocumentRecord {
  const issueDate = addDays(dueDate, -30);
  const draft: DocumentRecord = {
    ...newDocument('invoice', { id, memberId: 'm-a', now: '2026-01-01T00:00:00.000Z', clientId: extra.clientId ?? 'c1', terms: { kind: 'net', days: 30 } }),
    lines: [newLine('l1', { quantity: 1, unitPriceCents: ttcCents, vatRateBp: 0 })]
  };
  const number = `F-2026-A-${id}`;
  const frozen = freezeDocument(draft, {
    company: { ...issuingCompany, penaltyRateBp: 1215 },
    client: chaseClientRecord({ id: draft.clientId, kind: clientKind }),
    number,
    series: 'F-2026-A',
    seq: 1,
    issueDate,
    dueDate,
    prevHash: '',
    correctedInvoice: null
  });
  return { ...draft, status: 'issued', number, issueDate, dueDate, frozen, sentAt: issueDate, sentChannel: 'email', ...extra };
}

export function chaseCreditNote(id: string, invoiceId: string, ttcCents: number): DocumentRecord {
  const doc = chaseInvoice(id, ttcCents, CHASE_TODAY, { kind: 'credit', correctsInvoiceId: invoiceId });
  return { ...doc, frozen: { ...doc.frozen!, kind: 'credit', totals: { ...doc.frozen!.totals, ttcCents } } };
}

export function chasePayment(id: string, invoiceId: string, amountCents: number, date: IsoDate): Payment {
  return { id, clientId: 'c1', amountCents, date, method: 'transfer', reference: '', allocations: [{ invoiceId, amountCents }], memberId: 'm-a', createdAt: `${date}T10:00:00.000Z` };
}

let contactSeq = 0;
/** A contact entry on a local date, about the given receivables and steps. */
export function chaseContact(date: IsoDate, targets: [string, string | null][], outcome: ContactOutcome = 'sent', extra: Partial<ContactPayload> = {}): ContactEntry {
  contactSeq++;
  return {
    id: `e${contactSeq}`,
    at: `${date}T10:00:${String(contactSeq % 60).padStart(2, '0')}.${String(contactSeq).padStart(3, '0').slice(-3)}Z`,
    date,
    memberId: 'm-a',
    clientId: 'c1',
    documentId: null,
    contact: {
      targets: targets.map(([key, stepId]) => ({ key, stepId })),
      stepId: targets[0]?.[1] ?? null,
      channel: 'email',
      outcome,
      promisedDate: null,
      snoozeUntil: null,
      note: '',
      ...extra
    }
  };
}

/** A client's file as the store prepares it. */
export function chaseFile(documents: DocumentRecord[], contacts: ContactEntry[] = [], payments: Payment[] = [], client: Client = chaseClientRecord()): PreparedFile {
  return prepareFile({ client, documents: documents.map((d) => documentFacts(d, 'normal')!), payments, contacts });
}

/**
 * An open receivable as the receivables model gives it: a whole invoice of 1 200 € TTC of client
 * c1, due `dueDate`, nothing paid; `extra` overrides any field (remaining, days late, holds…).
 */
export function openReceivable(dueDate: IsoDate, extra: Partial<Receivable> = {}): Receivable {
  return {
    key: 'i1',
    invoiceId: 'i1',
    installmentId: null,
    installmentIndex: null,
    installmentCount: null,
    clientId: 'c1',
    number: 'F-1',
    issueDate: '2026-05-01',
    dueDate,
    amountCents: 120_000,
    paidCents: 0,
    creditedCents: 0,
    writtenOffCents: 0,
    remainingCents: 120_000,
    settledOn: null,
    daysLate: 0,
    rateBp: 1215,
    interestCents: 0,
    indemnityCents: 0,
    discount: null,
    promise: null,
    holds: [],
    hold: null,
    sent: true,
    ...extra
  };
}

/**
 * The facts of an issued invoice as the receivables model reads them: 1 000 € TTC of client c1,
 * issued 30 January, due 1 March 2026, printed rate 12,15 %, sent, business client; `partial`
 * overrides any field.
 */
export function invoiceFacts(partial: Partial<DocumentFacts> = {}): DocumentFacts {
  return {
    id: 'i1',
    kind: 'invoice',
    clientId: 'c1',
    number: 'F-2026-A-0001',
    issueDate: '2026-01-30',
    dueDate: '2026-03-01',
    ttcCents: 100_000,
    correctsInvoiceId: null,
    sentAt: '2026-01-30',
    disputed: false,
    inCollection: false,
    chasePolicyId: null,
    chasePause: null,
    installments: null,
    rateBp: 1215,
    clientKind: 'company',
    earlyDiscount: null,
    penaltyDecision: null,
    writeOff: null,
    ...partial
  };
}

/** A monthly recurring template from 31 January 2026: 250 € HT at 20 % for client c1; `partial` overrides any field. */
export function recurringTemplate(partial: Partial<RecurringTemplate> = {}): RecurringTemplate {
  return {
    id: 't1',
    clientId: 'c1',
    title: 'Maintenance du site',
    lines: [newLine('l1', { description: 'Maintenance mensuelle', quantity: 1, unitPriceCents: 25_000, vatRateBp: 2000 })],
    discount: { kind: 'none' },
    terms: { kind: 'net', days: 30 },
    notes: '',
    frequency: 'monthly',
    firstDate: '2026-01-31',
    endDate: null,
    count: null,
    autoIssue: false,
    autoIssueMemberId: null,
    paused: false,
    preparedThrough: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...partial
  };
}
