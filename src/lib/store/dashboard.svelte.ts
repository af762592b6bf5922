// « Tableau de bord »: its figures on the receivables view's day (domain/dashboard.ts), computed
// when the page reads them and again when what they read changes. The page makes it: its code
// loads with the page, not with the app.
import { recoveryCurveOf } from '$lib/domain/dashboardSettings';
import { dashboardFigures, type DashboardFigures } from '$lib/domain/dashboard';
import { collectionCases, type CaseView } from '$lib/domain/collection';
import { pastWeeks, type PastWeek } from '$lib/domain/forecast';
import type { ReceivablesView } from './views.svelte';
import type { Workspace } from './workspace.svelte';

export class DashboardView {
  constructor(
    private ws: Workspace,
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

  readonly figures: DashboardFigures = $derived.by(() =>
    dashboardFigures(this.receivables.facts, this.receivables.accounts.values(), this.ws.payments.all(), this.receivables.day, this.settings.recoveryCurve)
  );

  /** The last 8 weeks: what their Monday's forecast expected, beside what came in. */
  readonly pastWeeks: PastWeek[] = $derived.by(() =>
    pastWeeks(this.receivables.facts, this.receivables.accounts, this.ws.payments.all(), this.receivables.day, this.figures.delays)
  );

  /** The collection cases still open, newest first. */
  readonly openCases: CaseView[] = $derived.by(() => collectionCases(this.ws.documents.all(), this.receivables.accounts).filter((c) => !c.closed));
}
