// A draft issued on two devices while both were offline becomes two issued documents, each with a
// real number of its device's series (F-2026-A-0001 and F-2026-B-0001). Numbers shown to a user
// exist for good: both stay, the duplicate is shown plainly and put right the legal way — a
// credit note cancels one of the invoices (a quote is simply refused).
import type { Cents, DocumentKind, DocumentRecord, VatRegime } from './types';
import { creditableCents } from './lifecycle';

export interface IssuedTwice {
  draftId: string;
  kind: DocumentKind;
  /** Every issued document made from the draft, by number. */
  documents: DocumentRecord[];
}

/** Drafts issued more than once: the issued documents sharing a `sourceDraftId`. */
export function findDraftsIssuedTwice(docs: DocumentRecord[]): IssuedTwice[] {
  // Run on every change of any document: one map entry per draft, nothing more unless it repeats.
  const firstOf = new Map<string, number>();
  const repeated = new Map<number, DocumentRecord[]>();
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i];
    if (d.status !== 'issued' || !d.sourceDraftId) continue;
    const first = firstOf.get(d.sourceDraftId);
    if (first === undefined) firstOf.set(d.sourceDraftId, i);
    else {
      const list = repeated.get(first);
      if (list) list.push(d);
      else repeated.set(first, [docs[first], d]);
    }
  }
  // In the order each draft was first seen.
  return [...repeated]
    .sort((a, b) => a[0] - b[0])
    .map(([, list]) => ({
      draftId: list[0].sourceDraftId!,
      kind: list[0].kind,
      documents: [...list].sort((a, b) => a.number.localeCompare(b.number))
    }));
}

/** Why that one was proposed: nothing sent or paid on it, no payment, (quote) not accepted, or the later one. */
export type FixReason = 'untouched' | 'unpaid' | 'not_accepted' | 'latest';

/** The fix to propose: cancel this invoice by a credit note, or mark this quote refused. */
export type IssuedTwiceFix = { kind: 'credit' | 'refuse'; document: DocumentRecord; reason: FixReason };

export interface IssuedTwiceState extends IssuedTwice {
  /** Those still standing: an invoice not wholly cancelled by issued credit notes, a quote not refused. */
  standing: DocumentRecord[];
  /** At most one still stands: the duplicate has been put right (a quiet note from then on). */
  resolved: boolean;
  /** The next one to put right; null once resolved, or when there is no fix to propose (credit notes). */
  fix: IssuedTwiceFix | null;
}

function stands(d: DocumentRecord, documents: DocumentRecord[], vatRegime: VatRegime): boolean {
  if (d.kind === 'invoice') return creditableCents(d, documents, vatRegime) > 0;
  if (d.kind === 'quote') return d.quoteOutcome !== 'refused';
  return true;
}

/**
 * Where a draft issued twice stands, and which document to put right next. For invoices the one
 * proposed has, in this order: no payment (a credit note on a paid invoice means a refund), not
 * been sent (nobody has seen it yet); for quotes: not been accepted, not been sent. Among equals,
 * the later one (issuedAt, then the higher number). A credit note issued twice has no fix to
 * propose here: it stays listed for the accountant.
 */
export function settleIssuedTwice(
  group: IssuedTwice,
  ctx: { documents: DocumentRecord[]; paidCents: (id: string) => Cents; vatRegime: VatRegime }
): IssuedTwiceState {
  const standing = group.documents.filter((d) => stands(d, ctx.documents, ctx.vatRegime));
  const resolved = standing.length <= 1;
  if (resolved || group.kind === 'credit') return { ...group, standing, resolved, fix: null };
  // What makes a document worth keeping, most important first.
  const weight = (d: DocumentRecord): boolean[] =>
    group.kind === 'invoice' ? [ctx.paidCents(d.id) > 0, Boolean(d.sentAt)] : [d.quoteOutcome === 'accepted', Boolean(d.sentAt)];
  const ranked = [...standing].sort((a, b) => {
    const [wa, wb] = [weight(a), weight(b)];
    for (let i = 0; i < wa.length; i++) if (wa[i] !== wb[i]) return Number(wa[i]) - Number(wb[i]);
    return (b.issuedAt ?? '').localeCompare(a.issuedAt ?? '') || b.number.localeCompare(a.number);
  });
  const chosen = ranked[0];
  const [first, second] = weight(chosen);
  const reason: FixReason = !first && !second ? 'untouched' : !first ? (group.kind === 'invoice' ? 'unpaid' : 'not_accepted') : 'latest';
  return { ...group, standing, resolved, fix: { kind: group.kind === 'invoice' ? 'credit' : 'refuse', document: chosen, reason } };
}
