// « Tableau de bord »: its figures on the receivables view's day (domain/dashboard.ts), computed
// when the page reads them and again when what they read changes — each client's share only when
// that client's accounts were computed again (the receivables view replaces a client's book
// then), the sales only when the documents changed. The page makes it: its code loads with the
// page, not with the app.
import { recoveryCurveOf } from '$lib/domain/dashboardSettings';
import { clientFigures, combineFigures, figuresDay, type ClientFigures, type DashboardFigures, type FiguresDay } from '$lib/domain/dashboard';
import { dsoSales, salesIndex, type DsoSales } from '$lib/domain/dso';
import { collectionCases, type CaseView } from '$lib/domain/collection';
import { forecastShare, pastWeeks, type ForecastShare, type PastWeek, type UsualDelays } from '$lib/domain/forecast';
import type { DocumentFacts } from '$lib/domain/receivables';
import type { ClientAccounts, ReceivablesView } from './views.svelte';
import type { Collection } from './collection.svelte';

/** What the dashboard reads besides the accounts (a Workspace fits). */
export interface DashboardSource {
  documents: Collection<'documents'>;
  payments: Collection<'payments'>;
  chaseConfig: Collection<'chaseConfig'>;
}

export class DashboardView {
  /** Each client's share, with the book and the day it was computed from. */
  #parts = new Map<string, { book: ClientAccounts; day: FiguresDay; figures: ClientFigures }>();
  #figuresDay: FiguresDay | null = null;
  /** Each client's receivables placed in the weeks, with the share and the usual delay they were placed from. */
  #forecasts = new Map<string, { figures: ClientFigures; delay: number; share: ForecastShare }>();
  /** The sales walked back for the DSO: redone when the documents or the day change. */
  #sales: { facts: readonly DocumentFacts[]; day: FiguresDay; sales: DsoSales } | null = null;
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
    const today = this.receivables.day;
    if (this.#figuresDay?.today !== today || this.#figuresDay.curve !== curve) this.#figuresDay = figuresDay(today, curve);
    const day = this.#figuresDay;
    if (this.#sales?.facts !== facts || this.#sales.day.today !== today) this.#sales = { facts, day, sales: dsoSales(salesIndex(facts), day.dsoDates) };
    this.lastRecomputed = [];
    for (const clientId of this.#parts.keys())
      if (!books.has(clientId)) {
        this.#parts.delete(clientId);
        this.#forecasts.delete(clientId);
      }
    for (const [clientId, book] of books) {
      const part = this.#parts.get(clientId);
      if (part?.book === book && part.day === day) continue;
      this.#parts.set(clientId, { book, day, figures: clientFigures(book.ledger, book.accounts, day) });
      this.lastRecomputed.push(clientId);
    }
    const forecastOf = (figures: ClientFigures, delays: UsualDelays): ForecastShare => {
      const delay = delays.byClient.get(figures.clientId) ?? delays.fallback;
      const kept = this.#forecasts.get(figures.clientId);
      if (kept?.figures === figures && kept.delay === delay) return kept.share;
      const share = forecastShare(figures.open, today, delays);
      this.#forecasts.set(figures.clientId, { figures, delay, share });
      return share;
    };
    return combineFigures(Array.from(this.#parts.values(), (p) => p.figures), this.#sales.sales, day, forecastOf);
  });

  /** The last 8 weeks: what their Monday's forecast expected, beside what came in. */
  readonly pastWeeks: PastWeek[] = $derived.by(() =>
    pastWeeks(this.receivables.facts, this.receivables.accounts, this.ws.payments.all(), this.receivables.day, this.figures.delays)
  );

  /** The documents handed over to collection (few): looked for again only when the documents change. */
  readonly #handedOver = $derived.by(() => this.ws.documents.all().filter((d) => d.collection));

  /** The collection cases still open, newest first. */
  readonly openCases: CaseView[] = $derived.by(() => collectionCases(this.#handedOver, this.receivables.accounts).filter((c) => !c.closed));
}
