import { generateDemo, proportionalCounts } from '$lib/demo/generate';
import { clientRisks } from '$lib/domain/dashboard';
import { agingOf } from '$lib/domain/aging';
import { dsoFigures, salesIndex } from '$lib/domain/dso';
import { cashInForecast, usualDelays } from '$lib/domain/forecast';
import { collectionCases, writtenOffIn } from '$lib/domain/collection';
import { documentFacts, invoiceAccounts, plainContext, settleDocuments, type DocumentFacts, type Receivable } from '$lib/domain/receivables';
import { time } from './timing';
export async function run() {
  const today = '2026-06-15';
  const data = await generateDemo({ ...proportionalCounts(10000), seed: 1, today, memberA: 'bench-a' });
  const facts: DocumentFacts[] = [];
  for (const d of data.documents) { const f = documentFacts(d, data.company.vatRegime); if (f) facts.push(f); }
  const ctx = (c: string) => plainContext(today, 'company');
  const accounts = invoiceAccounts(facts, data.payments, ctx);
  const all = [...accounts.values()];
  const open: Receivable[] = [];
  for (const a of all) for (const r of a.receivables) if (r.remainingCents > 0) open.push(r);
  const risks = clientRisks(facts, all);
  const delays = usualDelays(risks);
  const R = 30;
  return {
    clients: data.clients.length,
    accounts: time(R, () => invoiceAccounts(facts, data.payments, ctx)),
    settle: time(R, () => settleDocuments(facts, data.payments)),
    open: time(R, () => { const o = []; for (const a of all) for (const r of a.receivables) if (r.remainingCents > 0) o.push(r); }),
    risks: time(R, () => clientRisks(facts, all)),
    delays: time(R, () => usualDelays(risks)),
    aging: time(R, () => agingOf(open, today)),
    dso: time(R, () => dsoFigures(facts, data.payments, today)),
    sales: time(R, () => salesIndex(facts)),
    forecast: time(R, () => cashInForecast(open, today, delays)),
    writtenOff: time(R, () => writtenOffIn(all, '2025-06-16', today)),
    cases: time(R, () => collectionCases(data.documents, accounts)),
  };
}
