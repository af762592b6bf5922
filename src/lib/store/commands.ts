// Every way the workspace's data can change, in one typed map: « one door for every write »
// (STYLE.md). Each command is a named handler taking the context (the Y.Doc, who acts, the decoded
// documents) and its arguments; the topic modules (operations.ts, chaseOperations.ts,
// penaltyRates.ts, series.ts) hold the longer ones. The Workspace runs them — after the document
// has loaded, refusing on a device removed from the workspace — and nothing else writes records:
// a page, a component or a view calls `workspace.run('client/save', client)`.
import type * as Y from 'yjs';
import type {
  CatalogItem,
  ChaseConfig,
  ChaseTask,
  ChaseTemplate,
  Client,
  Company,
  DocumentKind,
  DocumentRecord,
  DepositRequest,
  DunningPolicy,
  Installment,
  IsoDate,
  Line,
  Member,
  PenaltyRateEntry,
  QuoteOutcome,
  SendChannel
} from '$lib/domain/types';
import { localDate } from '$lib/clock';
import type { DepositShare } from '$lib/domain/deposits';
import { LOCAL_ORIGIN, deleteRecord, patchRecord, putRecord, readRecord, writeCompany } from './doc';
import * as ops from './operations';
import * as chaseOps from './chaseOperations';
import * as collectionOps from './collectionOperations';
import * as rateOps from './penaltyRates';
import * as recurringOps from './recurringOperations';
import * as progressOps from './progressOperations';
import type { SituationRequest } from '$lib/domain/progress';
import type { RecurringTemplate } from '$lib/domain/recurring';
import { settleSeries } from './series';
import { applyBackupMerge } from './backupMerge';
import type { ArchiveShelf } from './archives';
import type { ArchiveState } from './scratchWorkspace';
import type { CollectionName, RecordTypes } from './schema';

export interface CommandContext {
  doc: Y.Doc;
  actor: ops.Actor;
  /** The decoded documents (the UI's collection): decoding them again would cost a pause. */
  documents: () => DocumentRecord[];
  /** The workspace's archives, for the commands that write into them (a bare document has none). */
  archives?: ArchiveShelf;
}

type Handler = (ctx: CommandContext, ...args: never[]) => unknown;

export const commands = {
  // ——— company, devices, rates ———
  /** `base`: the profile as the settings form showed it (only what the user changed is written). */
  'company/save': ({ doc }: CommandContext, patch: Partial<Company>, base?: Company) => writeCompany(doc, patch, base),
  'member/save': ({ doc }: CommandContext, member: Member) => {
    // Only issuing raises the high-water marks: a copy of the record held by a form would write
    // an older mark back, and a number could be handed out twice.
    const { highestIssuedSeq: _marks, ...fields } = member;
    putRecord(doc, 'members', fields as Member);
  },
  /** Marks another device removed (its letter stays taken: its numbers exist). */
  'member/remove': ({ doc, actor }: CommandContext, memberId: string) => {
    if (memberId === actor.memberId) throw new ops.StoreError('cannot_remove_self');
    patchRecord(doc, 'members', memberId, { removed: true });
  },
  /** This device's public key in its member record (envelopes of new keys are sealed to it). */
  'member/publishKey': ({ doc, actor }: CommandContext, publicKey: string) => {
    if (readRecord(doc, 'members', actor.memberId)?.publicKey !== publicKey) patchRecord(doc, 'members', actor.memberId, { publicKey });
  },
  /**
   * After a read-back from the relay: this device's series letter (domain/series.ts), then « last
   * seen » — at most every `lastSeenEveryMs`, so that syncing does not write on every exchange.
   */
  'member/synced': ({ doc, actor, documents }: CommandContext, at: Date, lastSeenEveryMs: number) => {
    const me = readRecord(doc, 'members', actor.memberId);
    if (!me) return;
    if (me.seriesConfirmedAt === null) settleSeries(doc, actor.memberId, at.toISOString(), documents);
    if (at.getTime() - new Date(me.lastSeenAt).getTime() >= lastSeenEveryMs) patchRecord(doc, 'members', actor.memberId, { lastSeenAt: at.toISOString() });
  },
  'penaltyRate/save': ({ doc, actor }: CommandContext, entry: PenaltyRateEntry) => rateOps.savePenaltyRate(doc, actor, entry),
  'penaltyRate/remove': ({ doc }: CommandContext, from: IsoDate) => rateOps.removePenaltyRate(doc, from),

  /** Records written as they are, in one transaction: the demo generator's batches. */
  'records/import': <K extends CollectionName>({ doc }: CommandContext, name: K, records: (RecordTypes[K] & { id: string })[]) =>
    doc.transact(() => {
      for (const record of records) putRecord(doc, name, record);
    }, LOCAL_ORIGIN),

  /** A checked backup's Yjs states, its archives' included, merged in: it only adds and updates (store/backupMerge.ts). */
  'backup/merge': (
    { doc, archives: shelf }: CommandContext,
    update: Uint8Array,
    restore: readonly { collection: CollectionName; id: string }[],
    archives: readonly ArchiveState[] = []
  ) => applyBackupMerge(doc, shelf, { update, archives }, restore),

  // ——— clients and catalogue ———
  /** `base`: the client as the form showed it (only what the user changed is written). */
  'client/save': ({ doc, actor }: CommandContext, client: Client, base?: Client) => {
    const existed = readRecord(doc, 'clients', client.id) !== null;
    doc.transact(() => {
      putRecord(doc, 'clients', { ...client, updatedAt: actor.now().toISOString() }, base);
      ops.logEvent(doc, actor, existed ? 'client_updated' : 'client_created', { clientId: client.id, text: client.name });
    }, LOCAL_ORIGIN);
    return client.id;
  },
  'item/save': ({ doc }: CommandContext, item: CatalogItem, base?: CatalogItem) => putRecord(doc, 'items', item, base),
  'item/delete': ({ doc }: CommandContext, id: string) => deleteRecord(doc, 'items', id),

  // ——— documents and payments ———
  'document/create': ({ doc, actor }: CommandContext, kind: DocumentKind, clientId: string) => ops.createDocument(doc, actor, kind, clientId),
  /** `base`: the draft as the editor last saved it (only what changed since is written). */
  'draft/save': ({ doc, actor }: CommandContext, id: string, patch: Partial<DocumentRecord>, base?: Partial<DocumentRecord>) =>
    ops.saveDraft(doc, actor, id, patch, base),
  'draft/delete': ({ doc }: CommandContext, id: string) => ops.deleteDraft(doc, id),
  'document/issue': ({ doc, actor, documents }: CommandContext, id: string, issueDate: IsoDate) => ops.issueDocument(doc, actor, id, issueDate, documents),
  'document/markSent': ({ doc, actor }: CommandContext, id: string, date: IsoDate, channel: SendChannel) => ops.markSent(doc, actor, id, date, channel),
  'document/setDisputed': ({ doc, actor }: CommandContext, id: string, disputed: boolean) => ops.setDisputed(doc, actor, id, disputed),
  'collection/handOver': ({ doc, actor }: CommandContext, input: collectionOps.HandOverInput) => collectionOps.handOver(doc, actor, input),
  'collection/close': ({ doc, actor }: CommandContext, input: collectionOps.CloseCaseInput) => collectionOps.closeCase(doc, actor, input),
  'quote/setOutcome': ({ doc, actor }: CommandContext, id: string, outcome: QuoteOutcome) => ops.setQuoteOutcome(doc, actor, id, outcome),
  'quote/toInvoice': ({ doc, actor, documents }: CommandContext, quoteId: string) => ops.convertQuoteToInvoice(doc, actor, quoteId, documents),
  /** « Facturer une situation »: a draft progress invoice (domain/progress.ts). */
  'quote/requestSituation': ({ doc, actor, documents }: CommandContext, quoteId: string, request: SituationRequest) => progressOps.requestSituation(doc, actor, quoteId, request, documents),
  /** « Date de réception des travaux » (null: not received): releases the retentions a year later. */
  'quote/setReceptionDate': ({ doc, actor }: CommandContext, quoteId: string, date: IsoDate | null) => progressOps.setReceptionDate(doc, actor, quoteId, date, localDate(actor.now())),
  /** `describe`: the words of each deposit line (one per VAT rate), in the client's language. */
  'quote/requestDeposit': ({ doc, actor, documents }: CommandContext, quoteId: string, request: DepositRequest, describe: (share: DepositShare) => string) =>
    ops.requestDeposit(doc, actor, quoteId, request, describe, documents),
  /** A deposit on an order without a quote (a new one, or `order.orderKey`'s); `description`: its line, in the client's language. */
  'order/requestDeposit': ({ doc, actor, documents }: CommandContext, clientId: string, order: Parameters<typeof ops.requestOrderDeposit>[3], description: string) =>
    ops.requestOrderDeposit(doc, actor, clientId, order, description, documents),
  'order/finalInvoice': ({ doc, actor }: CommandContext, depositId: string) => ops.createOrderFinalInvoice(doc, actor, depositId),
  'invoice/creditNote': ({ doc, actor }: CommandContext, invoiceId: string, lines?: Line[]) => ops.createCreditNote(doc, actor, invoiceId, lines),
  'payment/record': ({ doc, actor }: CommandContext, input: ops.NewPayment, balances: Map<string, number>) => ops.recordPayment(doc, actor, input, balances),
  'payment/delete': ({ doc, actor }: CommandContext, id: string) => ops.deletePayment(doc, actor, id),
  /** `base`: the template as the form showed it. */
  'recurring/save': ({ doc, actor }: CommandContext, template: RecurringTemplate, base?: RecurringTemplate) => recurringOps.saveRecurring(doc, actor, template, base),
  'recurring/setPaused': ({ doc, actor }: CommandContext, id: string, paused: boolean) => recurringOps.setRecurringPaused(doc, actor, id, paused, localDate(actor.now())),
  'recurring/delete': ({ doc }: CommandContext, id: string) => recurringOps.deleteRecurring(doc, id),
  /** On open, after the first screen: the occurrences due become drafts; returns those this device issues automatically. */
  'recurring/prepare': ({ doc, actor, documents }: CommandContext) => recurringOps.prepareRecurring(doc, actor, localDate(actor.now()), documents),
  'note/log': ({ doc, actor }: CommandContext, clientId: string | null, documentId: string | null, text: string) =>
    void ops.logEvent(doc, actor, 'note', { clientId, documentId, text }),

  // ——— follow-up ———
  'chase/logContact': ({ doc, actor }: CommandContext, input: chaseOps.ContactInput) => chaseOps.logContact(doc, actor, input),
  'chase/take': ({ doc, actor }: CommandContext, clientId: string) => chaseOps.takeItem(doc, actor, clientId),
  'chase/release': ({ doc }: CommandContext, clientId: string) => chaseOps.releaseItem(doc, clientId),
  'policy/save': ({ doc }: CommandContext, policy: DunningPolicy) => chaseOps.savePolicy(doc, policy),
  'policy/remove': ({ doc }: CommandContext, id: string) => chaseOps.removePolicy(doc, id),
  'chase/resetToBuiltIn': ({ doc }: CommandContext, name: 'policies' | 'templates', id: string) => chaseOps.resetToBuiltIn(doc, name, id),
  'template/save': ({ doc }: CommandContext, template: ChaseTemplate) => chaseOps.saveTemplate(doc, template),
  'chaseConfig/save': ({ doc }: CommandContext, config: ChaseConfig) => chaseOps.saveChaseConfig(doc, config),
  'review/done': ({ doc, actor }: CommandContext, day: IsoDate) => chaseOps.logReviewDone(doc, actor, day),
  'review/setDay': ({ doc }: CommandContext, day: number) => chaseOps.saveReviewDay(doc, day),
  'dashboard/saveSettings': ({ doc }: CommandContext, settings: Parameters<typeof chaseOps.saveDashboardSettings>[1]) => chaseOps.saveDashboardSettings(doc, settings),
  'client/setChase': ({ doc, actor }: CommandContext, clientId: string, overrides: chaseOps.ChaseOverrides) => chaseOps.setClientChase(doc, actor, clientId, overrides),
  'invoice/setChase': ({ doc, actor }: CommandContext, invoiceId: string, overrides: chaseOps.ChaseOverrides) => chaseOps.setInvoiceChase(doc, actor, invoiceId, overrides),
  /** `penaltiesCents`: the interest and indemnity at stake, as shown to the user (for the log). */
  'invoice/decidePenalties': ({ doc, actor }: CommandContext, invoiceId: string, decision: 'claimed' | 'waived' | null, penaltiesCents: number) =>
    chaseOps.decidePenalties(doc, actor, invoiceId, decision, localDate(actor.now()), penaltiesCents),
  'invoice/setInstallments': ({ doc, actor }: CommandContext, invoiceId: string, plan: Installment[] | null) => chaseOps.setInstallments(doc, actor, invoiceId, plan),
  'task/save': ({ doc, actor }: CommandContext, input: Omit<ChaseTask, 'id' | 'memberId' | 'createdAt' | 'done'> & { id?: string }) => chaseOps.saveTask(doc, actor, input),
  'task/complete': ({ doc }: CommandContext, id: string, today: IsoDate) => chaseOps.completeTask(doc, id, today),
  'task/delete': ({ doc }: CommandContext, id: string) => chaseOps.deleteTask(doc, id)
} satisfies Record<string, Handler>;

export type CommandName = keyof typeof commands;
export type CommandArgs<K extends CommandName> = (typeof commands)[K] extends (ctx: CommandContext, ...args: infer A) => unknown ? A : never;
export type CommandResult<K extends CommandName> = ReturnType<(typeof commands)[K]>;

/** Commands a device runs for itself even once removed from the workspace (its own record). */
export const DEVICE_COMMANDS: ReadonlySet<CommandName> = new Set(['member/publishKey', 'member/synced']);

export function runCommand<K extends CommandName>(ctx: CommandContext, name: K, ...args: CommandArgs<K>): CommandResult<K> {
  // TypeScript cannot follow a generic key into a map of different signatures: the map's type above checks each.
  const handler = commands[name] as unknown as (ctx: CommandContext, ...args: CommandArgs<K>) => CommandResult<K>;
  return handler(ctx, ...args);
}
