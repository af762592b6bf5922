// The client form's inputs are what the user typed; this turns them into a Client record plus
// per-field error codes, without ever changing what was typed.
import type { Address, Client, ClientKind, Contact, Language, PaymentTerms } from '$lib/domain/types';
import { earlyDiscountToInput, parseEarlyDiscount, type EarlyDiscountInput } from '$lib/ui/earlyDiscountForm';
import { emptyAddress } from '$lib/domain/documents';
import { isIsoDate } from '$lib/domain/dates';
import { isValidEmail, validateClient } from '$lib/domain/validation';
import { foldText } from '$lib/domain/text';
import { parseAmount } from '$lib/domain/money';
import { centsToInput } from '$lib/i18n/index.svelte';

export interface ContactInput {
  id: string;
  name: string;
  email: string;
  phone: string;
  role: string;
}

export interface ClientInput {
  kind: ClientKind;
  name: string;
  siren: string;
  vatNumber: string;
  billingAddress: Address;
  hasDelivery: boolean;
  deliveryAddress: Address;
  categories: string[];
  hasTerms: boolean;
  terms: PaymentTerms;
  language: Language;
  notes: string;
  /** The credit limit as typed (« 5 000 »); empty: none. */
  creditLimit: string;
  /** « Paiement d'avance »: its invoices are due on receipt. */
  prepayment: boolean;
  /** « Adresse de facturation électronique » as typed; empty: none. */
  electronicAddress: string;
  /** Early-payment discount: the company's, none, or this client's own terms (as typed). */
  earlyMode: 'inherit' | 'none' | 'own';
  early: EarlyDiscountInput;
  contacts: ContactInput[];
  /** Id of the contact who receives invoices and reminders ('' when there is none). */
  billingContactId: string;
}

export function clientToInput(client: Client, defaultTerms: PaymentTerms): ClientInput {
  const billing = client.contacts.find((c) => c.billing) ?? client.contacts[0];
  return {
    kind: client.kind,
    name: client.name,
    siren: client.siren,
    vatNumber: client.vatNumber,
    billingAddress: { ...client.billingAddress },
    hasDelivery: client.deliveryAddress !== null,
    deliveryAddress: client.deliveryAddress ? { ...client.deliveryAddress } : emptyAddress(),
    categories: [...client.categories],
    hasTerms: client.terms !== null,
    terms: client.terms ?? defaultTerms,
    language: client.language,
    notes: client.notes,
    creditLimit: client.creditLimitCents ? centsToInput(client.creditLimitCents) : '',
    prepayment: client.prepayment === true,
    electronicAddress: client.electronicAddress ?? '',
    earlyMode: client.earlyDiscount === undefined || client.earlyDiscount === 'inherit' ? 'inherit' : client.earlyDiscount === null ? 'none' : 'own',
    early: earlyDiscountToInput(client.earlyDiscount === 'inherit' ? null : client.earlyDiscount),
    contacts: client.contacts.map(({ id, name, email, phone, role }) => ({ id, name, email, phone, role })),
    billingContactId: billing?.id ?? ''
  };
}

export function blankContact(id: string): ContactInput {
  return { id, name: '', email: '', phone: '', role: '' };
}

/** Adds a contact; the first one becomes the billing contact. */
export function addContact(input: ClientInput, id: string): void {
  input.contacts.push(blankContact(id));
  if (!input.billingContactId) input.billingContactId = id;
}

/** Removes a contact; if it was the billing contact, the next one (if any) takes over. */
export function removeContact(input: ClientInput, id: string): void {
  input.contacts = input.contacts.filter((c) => c.id !== id);
  if (input.billingContactId === id) input.billingContactId = input.contacts[0]?.id ?? '';
}

/**
 * « mauvais payeur » typed again as « Mauvais Payeur » is the same category: it is added once,
 * spelt as in `known` (the categories already offered) when it is one of them.
 */
export function addCategory(categories: string[], typed: string, known: string[] = []): string[] {
  const name = typed.trim().replace(/\s+/g, ' ');
  if (!name || categories.some((c) => foldText(c) === foldText(name))) return categories;
  return [...categories, known.find((k) => foldText(k) === foldText(name)) ?? name];
}

/** A client's categories spelt as the form offers them, so each one has its checkbox. */
export function canonicalCategories(selected: string[], offered: string[]): string[] {
  return selected.reduce((list, c) => addCategory(list, c, offered), [] as string[]);
}

/** SIREN/SIRET as stored: the digits, without the spaces or dots people type. */
export function normalizeSiren(s: string): string {
  return s.replace(/[\s\u00a0\u202f.\-]/g, '');
}

/** VAT number as stored: upper case, no spaces, dots or dashes (FR44732829320). */
export function normalizeVatNumber(s: string): string {
  return s.replace(/[\s\u00a0\u202f.\-]/g, '').toUpperCase();
}

const trimAddress = (a: Address): Address => ({
  line1: a.line1.trim(),
  line2: a.line2.trim(),
  postalCode: a.postalCode.trim(),
  city: a.city.trim(),
  country: (a.country.trim() || 'FR').toUpperCase()
});

const isBlankAddress = (a: Address) => !a.line1.trim() && !a.line2.trim() && !a.postalCode.trim() && !a.city.trim();
const isBlankContact = (c: ContactInput) => !c.name.trim() && !c.email.trim() && !c.phone.trim() && !c.role.trim();

export interface ParsedClient {
  client: Client;
  /** 'name', 'siren', 'billingAddress.postalCode', 'contacts.<contact id>.email'… → error code. */
  errors: Record<string, string>;
}

/**
 * Builds the record to save from the inputs over `base` (the stored client, or a new one).
 * Fully blank contact rows are dropped; a contact with something in it needs a name.
 */
export function parseClientForm(input: ClientInput, base: Client): ParsedClient {
  const contactInputs = input.contacts.filter((c) => !isBlankContact(c));
  const billingId = contactInputs.some((c) => c.id === input.billingContactId) ? input.billingContactId : contactInputs[0]?.id;
  const contacts: Contact[] = contactInputs.map((c) => ({
    id: c.id,
    name: c.name.trim(),
    email: c.email.trim(),
    phone: c.phone.trim(),
    role: c.role.trim(),
    billing: c.id === billingId
  }));
  const isCompany = input.kind === 'company';
  const client: Client = {
    ...base,
    kind: input.kind,
    name: input.name.trim(),
    siren: isCompany ? normalizeSiren(input.siren) : '',
    vatNumber: isCompany ? normalizeVatNumber(input.vatNumber) : '',
    billingAddress: trimAddress(input.billingAddress),
    deliveryAddress: input.hasDelivery && !isBlankAddress(input.deliveryAddress) ? trimAddress(input.deliveryAddress) : null,
    categories: input.categories.reduce((list, c) => addCategory(list, c), [] as string[]),
    terms: input.hasTerms ? input.terms : null,
    language: input.language,
    notes: input.notes.trim(),
    contacts
  };

  // The limit is written only when the user set, changed or cleared one: an untouched form writes
  // nothing (every key written is a field a concurrent edit could lose to).
  if (input.creditLimit.trim()) client.creditLimitCents = parseAmount(input.creditLimit) ?? base.creditLimitCents ?? null;
  else if (base.creditLimitCents) client.creditLimitCents = null;
  // Likewise « Paiement d'avance »: written only when ticked or unticked.
  if (input.prepayment !== (base.prepayment === true)) client.prepayment = input.prepayment;
  // Same for the e-invoicing address: written only when set, changed or cleared.
  if (input.electronicAddress.trim()) client.electronicAddress = input.electronicAddress.trim();
  else if (base.electronicAddress) client.electronicAddress = null;

  // Written only when chosen or changed, like the limit: an untouched form writes no key.
  const early = input.earlyMode === 'own' ? parseEarlyDiscount(input.early) : { terms: null, error: null };
  const choice = input.earlyMode === 'own' ? early.terms : input.earlyMode === 'none' ? null : 'inherit';
  if (base.earlyDiscount !== undefined || choice !== 'inherit') client.earlyDiscount = choice;

  const errors: Record<string, string> = {};
  if (early.error) errors.earlyDiscount = early.error;
  else if (input.earlyMode === 'own' && !early.terms) errors.earlyDiscount = 'invalid_discount_rate';
  for (const [key, code] of Object.entries(validateClient(client))) {
    // The domain names contacts by position; the form names them by id (rows can move).
    const m = /^contacts\.(\d+)\.(.+)$/.exec(key);
    errors[m ? `contacts.${contacts[Number(m[1])].id}.${m[2]}` : key] = code;
  }
  for (const c of contacts) {
    if (!c.name) errors[`contacts.${c.id}.name`] = 'required';
    if (c.email && !isValidEmail(c.email)) errors[`contacts.${c.id}.email`] = 'invalid_email';
  }
  // A delivery address is printed on the invoices: once asked for, it must be complete. (The
  // billing address may be filled in later; issuing a document checks it.)
  if (client.deliveryAddress)
    for (const field of ['line1', 'postalCode', 'city'] as const) if (!client.deliveryAddress[field]) errors[`deliveryAddress.${field}`] = 'required';
  if (client.terms?.kind === 'date' && !isIsoDate(client.terms.date)) errors.terms = 'invalid_date';
  if (input.creditLimit.trim()) {
    const limit = parseAmount(input.creditLimit);
    if (limit === null || limit <= 0) errors.creditLimit = 'invalid_amount';
  }
  return { client, errors };
}

export interface ErrorSummaryItem {
  /** Message key naming the field ('client.name', 'contact.email'…). */
  field: string;
  /** 1-based position of the contact, for contact fields. */
  n?: number;
  code: string;
}

/** « 73282932000074 » → « 732 829 320 00074 », « 732829320 » → « 732 829 320 »: easier to read out. */
export function formatSiren(siren: string): string {
  return /^\d{9}(\d{5})?$/.test(siren) ? siren.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})?$/, (_, a, b, c, d) => [a, b, c, d].filter(Boolean).join(' ')) : siren;
}

/** The errors in form order, each with the field it belongs to, for the summary at the top. */
export function summarizeErrors(errors: Record<string, string>, contactIds: string[]): ErrorSummaryItem[] {
  const order = ['name', 'siren', 'vatNumber', 'electronicAddress', 'billingAddress', 'deliveryAddress', 'terms', 'creditLimit', 'contacts'];
  const rank = (key: string) => {
    const contact = /^contacts\.([^.]+)\./.exec(key);
    const base = order.indexOf(key.split('.')[0]);
    const field = ['line1', 'postalCode', 'city'].indexOf(key.split('.')[1] ?? '');
    return (base < 0 ? order.length : base) * 10_000 + (contact ? contactIds.indexOf(contact[1]) * 10 + (key.endsWith('.email') ? 1 : 0) : Math.max(0, field));
  };
  const keys = Object.keys(errors).sort((a, b) => rank(a) - rank(b));
  return keys.map((key) => {
    const code = errors[key];
    const contact = /^contacts\.([^.]+)\.(.+)$/.exec(key);
    if (contact) return { field: `contact.${contact[2]}`, n: contactIds.indexOf(contact[1]) + 1, code };
    return { field: `client.${key}`, code };
  });
}
