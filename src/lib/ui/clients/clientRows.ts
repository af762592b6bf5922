// The clients list: one row per client with what the list shows and searches, then filtering
// and sorting over plain data — cheap enough to run over thousands of clients on each keystroke.
import type { ActivityEvent, Client, DocumentRecord, IsoDateTime, Payment } from '$lib/domain/types';
import type { Receivable } from '$lib/domain/receivables';
import { foldText } from '$lib/domain/text';
import { compareCodes } from '$lib/domain/compare';

export interface ClientRow {
  id: string;
  name: string;
  city: string;
  categories: string[];
  /** Sum of what remains due on the client's issued invoices. */
  openCents: number;
  /** The part of `openCents` past its due date. */
  overdueCents: number;
  /** Latest of creation, documents, payments and logged events (ISO, date or instant). */
  lastActivity: IsoDateTime;
  createdAt: IsoDateTime;
  /** Lower-cased, accent-free text searched by the search box. */
  haystack: string;
}

export type ClientSort = 'name' | 'balance' | 'activity' | 'created';

export interface ClientFilter {
  search: string;
  category: string;
}


export interface InvoiceBalance {
  openCents: number;
  overdueCents: number;
}

/** Open and overdue amounts per client, from the open receivables (the receivables model). */
export function balancesByClient(receivables: Iterable<Receivable>): Map<string, InvoiceBalance> {
  const out = new Map<string, InvoiceBalance>();
  for (const r of receivables) {
    if (r.remainingCents <= 0) continue;
    let entry = out.get(r.clientId);
    if (!entry) out.set(r.clientId, (entry = { openCents: 0, overdueCents: 0 }));
    entry.openCents += r.remainingCents;
    if (r.daysLate > 0) entry.overdueCents += r.remainingCents;
  }
  return out;
}

/** The latest date anything happened with each client (documents, payments, events). */
export function lastActivityByClient(documents: DocumentRecord[], payments: Payment[], events: ActivityEvent[]): Map<string, string> {
  const out = new Map<string, string>();
  const touch = (clientId: string | null, at: string | null) => {
    if (!clientId || !at) return;
    const prev = out.get(clientId);
    if (!prev || at > prev) out.set(clientId, at);
  };
  for (const d of documents) touch(d.clientId, d.issueDate && d.issueDate > d.createdAt ? d.issueDate : d.createdAt);
  for (const p of payments) touch(p.clientId, p.date > p.createdAt ? p.date : p.createdAt);
  for (const e of events) touch(e.clientId, e.at);
  return out;
}

export function clientRow(client: Client, balance: InvoiceBalance | undefined, lastActivity: string | undefined): ClientRow {
  const contacts = client.contacts.flatMap((c) => [c.name, c.email]);
  const siren = client.siren.replace(/\D/g, '');
  return {
    id: client.id,
    name: client.name,
    city: client.billingAddress.city,
    categories: client.categories,
    openCents: balance?.openCents ?? 0,
    overdueCents: balance?.overdueCents ?? 0,
    lastActivity: lastActivity && lastActivity > client.createdAt ? lastActivity : client.createdAt,
    createdAt: client.createdAt,
    haystack: foldText([client.name, client.billingAddress.city, ...contacts, siren, client.vatNumber].join('\n'))
  };
}

/** Categories offered by the filter and the form: the defaults first, then those in use (A→Z). */
export function categoryOptions(defaults: string[], clients: Pick<Client, 'categories'>[]): string[] {
  const seen = new Set(defaults.map(foldText));
  const extra = new Map<string, string>();
  for (const c of clients)
    for (const cat of c.categories) {
      const key = foldText(cat.trim());
      if (key && !seen.has(key) && !extra.has(key)) extra.set(key, cat.trim());
    }
  return [...defaults, ...[...extra.values()].sort((a, b) => a.localeCompare(b, 'fr'))];
}

/**
 * Every word of the search must appear somewhere (name, city, contact, SIREN…); a query of
 * digits and spaces matches a SIREN/SIRET typed with or without its spaces.
 */
export function filterClients(rows: ClientRow[], f: ClientFilter): ClientRow[] {
  const query = foldText(f.search.trim());
  const words = /^[\d\s]+$/.test(query) ? [query.replace(/\s/g, '')] : query.split(/\s+/).filter(Boolean);
  const category = foldText(f.category);
  return rows.filter(
    (r) =>
      (!category || r.categories.some((c) => foldText(c) === category)) &&
      words.every((w) => r.haystack.includes(w))
  );
}

const byName = (a: ClientRow, b: ClientRow) => a.name.localeCompare(b.name, 'fr', { sensitivity: 'base' }) || compareCodes(a.id, b.id);

const compare: Record<ClientSort, (a: ClientRow, b: ClientRow) => number> = {
  name: byName,
  balance: (a, b) => b.openCents - a.openCents || b.overdueCents - a.overdueCents || byName(a, b),
  activity: (a, b) => compareCodes(b.lastActivity, a.lastActivity) || byName(a, b),
  created: (a, b) => compareCodes(b.createdAt, a.createdAt) || byName(a, b)
};

/** Sorted copy: names A→Z; balances, activity and creation biggest / newest first. */
export function sortClients(rows: ClientRow[], by: ClientSort): ClientRow[] {
  return [...rows].sort(compare[by]);
}
