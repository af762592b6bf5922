// The zip handed to a collection agency: gathers the case's records from the open workspace and
// today's accounts, works out the file (domain/collectionFile.ts) and each letter sent as it
// claimed on its day (receivables model as of that day), then lets the lazy PDF module render it.
import type { CaseView } from '$lib/domain/collection';
import { collectionFile, lettersSent } from '$lib/domain/collectionFile';
import { lateClaim } from '$lib/domain/claim';
import { invoiceAccounts } from '$lib/domain/receivables';
import { accountStatement } from '$lib/domain/statement';
import type { Language } from '$lib/domain/types';
import type { Workspace } from '$lib/store/workspace.svelte';
import type { ReceivablesView } from '$lib/store/views.svelte';
import { DEADLINE_DAYS } from '$lib/ui/chase/letters';
import { downloadFile, loadPdf } from '$lib/ui/pdf/files';

/** Renders the case's zip and downloads it; resolves to its file name. */
export async function downloadCollectionPack(ws: Workspace, receivables: ReceivablesView, view: CaseView, lang: Language): Promise<string> {
  const company = ws.company;
  const client = ws.clients.peek(view.clientId);
  if (!company || !client) throw new Error('no_client');
  const context = receivables.context(view.clientId);
  const ids = view.invoices.map((i) => i.invoiceId);
  const file = collectionFile(ids, receivables.accounts, context.contacts, context.formalStepIds, context.asOf);
  const facts = receivables.facts.filter((f) => f.clientId === view.clientId);
  const payments = ws.payments.all().filter((p) => p.clientId === view.clientId);
  const letters = lettersSent(context.contacts, ids, context.formalStepIds).map((l) => {
    const accounts = invoiceAccounts(facts, payments, () => ({ ...context, asOf: l.date }));
    const keys = new Set(l.keys);
    return { ...l, deadlineDays: DEADLINE_DAYS, claim: lateClaim(accounts.values(), l.date, { held: true, include: (r) => keys.has(r.key) }) };
  });
  const idSet = new Set(ids);
  const documents = ws.documents.all();
  const statement = accountStatement({ clientId: view.clientId, documents, payments, vatRegime: company.vatRegime, context });
  const pdf = await loadPdf();
  const pack = await pdf.collectionPack({
    company,
    client,
    agent: view.agent,
    agentName: view.agentName,
    since: view.since,
    file,
    invoices: documents.filter((d) => idSet.has(d.id)),
    accounts: receivables.accounts,
    letters,
    statement,
    lang
  });
  downloadFile(pack.blob, pack.fileName);
  return pack.fileName;
}
