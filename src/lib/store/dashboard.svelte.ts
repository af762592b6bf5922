// « Tableau de bord »: the aging, the DSO and the cash-in forecast of the workspace on the
// receivables view's day, recomputed when what they read changes. The figures themselves are
// pure functions (domain/aging.ts, dso.ts, forecast.ts) of the one receivables model.
import { agingOf, DEFAULT_RECOVERY_CURVE, type Aging } from '$lib/domain/aging';
import { dsoFigures, type DsoFigures } from '$lib/domain/dso';
import { cashInForecast, usualDelays, type CashInForecast, type UsualDelays } from '$lib/domain/forecast';
import type { Receivable } from '$lib/domain/receivables';
import { clientRisk, type ClientRisk, type SettledInvoice } from '$lib/domain/risk';
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

  /** Every receivable with something left to pay, on the view's day. */
  readonly open: Receivable[] = $derived.by(() => this.receivables.openReceivables());

  readonly aging: Aging = $derived.by(() => agingOf(this.open, this.receivables.day, DEFAULT_RECOVERY_CURVE));

  readonly dso: DsoFigures = $derived.by(() => dsoFigures(this.receivables.facts, this.ws.payments.all(), this.receivables.day));

  /** How each client paid its settled invoices (the same rule as the chase priority's risk). */
  readonly risks: Map<string, ClientRisk> = $derived.by(() => {
    const settled = new Map<string, SettledInvoice[]>();
    const dueDates = new Map<string, string>();
    for (const f of this.receivables.facts) if (f.dueDate) dueDates.set(f.id, f.dueDate);
    for (const a of this.receivables.accounts.values()) {
      const dueDate = dueDates.get(a.invoiceId);
      if (!a.settledOn || !dueDate || a.remainingCents > 0) continue;
      const list = settled.get(a.clientId);
      if (list) list.push({ dueDate, settledOn: a.settledOn });
      else settled.set(a.clientId, [{ dueDate, settledOn: a.settledOn }]);
    }
    const out = new Map<string, ClientRisk>();
    for (const [clientId, list] of settled) out.set(clientId, clientRisk(list));
    return out;
  });

  readonly delays: UsualDelays = $derived.by(() => usualDelays(this.risks));

  readonly forecast: CashInForecast = $derived.by(() => cashInForecast(this.open, this.receivables.day, this.delays));
}
