// « Tableau de bord »: its figures on the receivables view's day (domain/dashboard.ts), computed
// when a page reads them and again when what they read changes.
import { dashboardFigures, type DashboardFigures } from '$lib/domain/dashboard';
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

  readonly figures: DashboardFigures = $derived.by(() =>
    dashboardFigures(this.receivables.facts, this.receivables.accounts.values(), this.ws.payments.all(), this.receivables.day)
  );
}
