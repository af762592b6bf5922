// The follow-up register read back: contact events as entries with their local calendar date
// (worked out by the store, which knows the device's time zone), and what they say about one
// receivable — which steps were done, the last promise to pay, the last real contact.
import type { ContactOutcome, ContactPayload, IsoDate, IsoDateTime } from './types';
import { dayNumber } from './dates';

/** A contact event read for the follow-up: its local calendar date and its payload. */
export interface ContactEntry {
  id: string;
  at: IsoDateTime;
  /** The local calendar date of `at`. */
  date: IsoDate;
  memberId: string;
  clientId: string;
  documentId: string | null;
  contact: ContactPayload;
}

/** Outcomes that mean the client was actually contacted (they count for the minimum gap). */
export const CONTACT_OUTCOMES: ReadonlySet<ContactOutcome> = new Set(['sent', 'reached', 'voicemail', 'promised', 'disputed']);

export function receivableKey(invoiceId: string, installmentId: string | null): string {
  return installmentId ? `${invoiceId}#${installmentId}` : invoiceId;
}

/** The invoice id of a receivable key (« invoiceId#installmentId » → invoiceId). */
export function invoiceOfKey(key: string): string {
  const i = key.indexOf('#');
  return i < 0 ? key : key.slice(0, i);
}

export function targetsKey(entry: ContactEntry, key: string): boolean {
  for (const t of entry.contact.targets) if (t.key === key) return true;
  return false;
}

export function targetsInvoice(entry: ContactEntry, invoiceId: string): boolean {
  for (const t of entry.contact.targets) if (t.key === invoiceId || (t.key.startsWith(invoiceId) && t.key[invoiceId.length] === '#')) return true;
  return false;
}

/** A promise to pay: the promised date, and when it was logged (the latest promise wins). */
export interface PaymentPromise {
  date: IsoDate;
  at: IsoDateTime;
}

/** The latest promise logged about a receivable, if any. */
export function latestPromise(log: readonly ContactEntry[], key: string): PaymentPromise | null {
  let promise: PaymentPromise | null = null;
  for (const entry of log) {
    const c = entry.contact;
    if (c.outcome !== 'promised' || !c.promisedDate || !targetsKey(entry, key)) continue;
    if (!promise || entry.at > promise.at) promise = { date: c.promisedDate, at: entry.at };
  }
  return promise;
}

/** The day (number) of the first formal notice sent about a receivable, or null. */
export function formalNoticeDay(log: readonly ContactEntry[], key: string, formalStepIds: ReadonlySet<string>): number | null {
  let day: number | null = null;
  for (const entry of log) {
    if (!CONTACT_OUTCOMES.has(entry.contact.outcome)) continue;
    for (const t of entry.contact.targets)
      if (t.key === key && t.stepId && formalStepIds.has(t.stepId)) {
        const d = dayNumber(entry.date);
        if (day === null || d < day) day = d;
      }
  }
  return day;
}
