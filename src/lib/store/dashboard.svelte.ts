// « Tableau de bord »: its figures on the receivables view's day (domain/dashboard.ts), computed
// when the page reads them and again when what they read changes — each client's share only when
// that client's accounts were computed again (the receivables view replaces a client's book
// then), the sales only when the documents changed. The page makes it: its code loads with the
// page, not with the app.
import { recoveryCurveOf } from '$lib/domain/dashboardSettings';
import { clientFigures, combineFigures, type ClientFigures, type DashboardFigures } from '$lib/domain/dashboard';
import { salesIndex, type SalesIndex } from '$lib/domain/dso';
import { collectionCases, type CaseView } from '$lib/domain/collection';
import { pastWeeks, type PastWeek } from '$lib/domain/forecast';
import type { DocumentFacts } from '$lib/domain/receivables';
import type { RecoveryPoint } from '$lib/domain/types';
import type { ClientAccounts, ReceivablesView } from './views.svelte';
import type { Collection } from './collection.svelte';

/** What the dashboard reads besides the accounts (a Workspace fits). */
export interface DashboardSource {
  documents: Collection<'documents'>;
  payments: Collection<'payments'>;
  chaseConfig: Collection<'chaseConfig'>;
}

export class DashboardView {
  /** Each client's share, with the book and the curve it was computed from. */
  #parts = new Map<string, { book: ClientAccounts; curve: readonly RecoveryPoint[]; figures: ClientFigures }>();
  #sales: { facts: readonly DocumentFacts[]; index: SalesIndex } | null = null;
  /** The clients whose share the last computation redid: what the tests and the benchmark look at. */
  lastRecomputed: string[] = [];

  constructor(
    private ws: DashboardSource,
    private receivables: ReceivablesView
  ) {}

  get day(): string {
    return this.receivables.day;
  }

  /** The settings the owner saved (in the follow-up settings record). */
  readonly settings = $derived.by(() => {
    const config = this.ws.chaseConfig.get('main');
    return { recoveryCurve: recoveryCurveOf(config?.recoveryCurve), dsoTargetDays: config?.dsoTargetDays ?? null, customCurve: Boolean(config?.recoveryCurve) };
  });

  readonly figures: DashboardFigures = $derived.by(() => {
    const curve = this.settings.recoveryCurve;
    const books = this.receivables.books;
    const facts = this.receivables.facts;
    const day = this.receivables.day;
    if (this.#sales?.facts !== facts) this.#sales = { facts, index: salesIndex(facts) };
    this.lastRecomputed = [];
    for (const clientId of this.#parts.keys()) if (!books.has(clientId)) this.#parts.delete(clientId);
    for (const [clientId, book] of books) {
      const part = this.#parts.get(clientId);
      if (part?.book === book && part.curve === curve) continue;
      this.#parts.set(clientId, { book, curve, figures: clientFigures(book.ledger, book.accounts, day, curve) });
      this.lastRecomputed.push(clientId);
    }
    return combineFigures(Array.from(this.#parts.values(), (p) => p.figures), this.#sales.index, day);
  });

  /** The last 8 weeks: what their Monday's forecast expected, beside what came in. */
  readonly pastWeeks: PastWeek[] = $derived.by(() =>
    pastWeeks(this.receivables.facts, this.receivables.accounts, this.ws.payments.all(), this.receivables.day, this.figures.delays)
  );

  /** The collection cases still open, newest first. */
  readonly openCases: CaseView[] = $derived.by(() => collectionCases(this.ws.documents.all(), this.receivables.accounts).filter((c) => !c.closed));
}
