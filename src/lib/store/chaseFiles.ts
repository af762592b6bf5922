// The workspace's records grouped per client the way the follow-up reads them, and the contact
// events as register entries dated on this device's calendar (the domain never reads a time zone).
import type { ActivityEvent, Client, DocumentRecord, Payment, VatRegime } from '$lib/domain/types';
import { localDate } from '$lib/clock';
import type { ContactEntry } from '$lib/domain/contactLog';
import { documentFacts, receptionDates } from '$lib/domain/receivables';
import { chaseClient, prepareFile, type ChaseEnv, type ClientChase, type ClientFile } from '$lib/domain/chaseItem';
import { assembleList, type ChaseList } from '$lib/domain/chaseList';

/** A contact event as a register entry on its local calendar date; null for any other event. */
export function contactEntry(e: ActivityEvent): ContactEntry | null {
  if (e.kind !== 'contact' || !e.contact || !e.clientId) return null;
  return { id: e.id, at: e.at, date: localDate(new Date(e.at)), memberId: e.memberId, clientId: e.clientId, documentId: e.documentId, contact: e.contact };
}

/** The records of a workspace grouped per client, the way `chaseClient` reads them. */
export function indexClientFiles(clients: Client[], documents: DocumentRecord[], payments: Payment[], events: ActivityEvent[], vatRegime: VatRegime): Map<string, ClientFile> {
  const files = new Map<string, ClientFile>();
  for (const client of clients) files.set(client.id, { client, documents: [], payments: [], contacts: [] });
  const ownerOf = new Map<string, string>();
  const reception = receptionDates(documents);
  for (const d of documents) {
    const file = files.get(d.clientId);
    const facts = file && documentFacts(d, vatRegime, (q) => reception.get(q));
    if (!facts) continue;
    file!.documents.push(facts);
    ownerOf.set(d.id, d.clientId);
  }
  for (const p of payments) {
    let last: ClientFile | undefined;
    for (const a of p.allocations) {
      const owner = ownerOf.get(a.invoiceId);
      const file = owner === undefined ? undefined : files.get(owner);
      if (!file || file === last || file.payments[file.payments.length - 1] === p) continue;
      file.payments.push(p);
      last = file;
    }
  }
  for (const e of events) {
    const entry = contactEntry(e);
    const file = entry && files.get(entry.clientId);
    if (file) file.contacts.push(entry!);
  }
  return files;
}

/** The whole list from a workspace's records (the full recompute, without the view's caches). */
export function buildChaseList(
  records: { clients: Client[]; documents: DocumentRecord[]; payments: Payment[]; events: ActivityEvent[] },
  env: ChaseEnv
): ChaseList {
  const files = indexClientFiles(records.clients, records.documents, records.payments, records.events, env.vatRegime);
  const results: ClientChase[] = [];
  for (const file of files.values()) results.push(chaseClient(prepareFile(file), env));
  return assembleList(results);
}
