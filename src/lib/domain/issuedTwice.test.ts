import { describe, expect, it } from 'vitest';
import { findDraftsIssuedTwice, settleIssuedTwice, type IssuedTwice } from './issuedTwice';
import { creditNoteFrom, newDocument, newLine } from './documents';
import { freezeDocument } from './integrity';
import { newClient } from './company';
import { issuingCompany } from './fixtures';
import type { Cents, DocumentKind, DocumentRecord, Line } from './types';

const NOW = '2026-03-10T09:00:00.000Z';
const client = {
  ...newClient('c1', NOW),
  name: 'Boulangerie Martin',
  billingAddress: { line1: '3 place du Marché', line2: '', postalCode: '13001', city: 'Marseille', country: 'FR' }
};
// One line of 250 € HT at 20 % → 300 € TTC = 30 000 cents.
const service = newLine('l1', { description: 'Conception de la carte', quantity: 1, unitPriceCents: 25_000, vatRateBp: 2000 });

/** The issued record a device wrote from draft `draftId`. */
function issued(
  id: string,
  number: string,
  opts: { kind?: DocumentKind; draftId?: string | null; issuedAt?: string; lines?: Line[]; corrected?: DocumentRecord; over?: Partial<DocumentRecord> } = {}
): DocumentRecord {
  const kind = opts.kind ?? 'invoice';
  const base = { ...newDocument(kind, { id, memberId: 'm1', now: NOW, clientId: 'c1', terms: { kind: 'net', days: 30 } }), lines: opts.lines ?? [service] };
  const series = number.slice(0, number.lastIndexOf('-'));
  const seq = Number(number.slice(number.lastIndexOf('-') + 1));
  const issueDate = '2026-03-10';
  const frozen = freezeDocument(base, {
    company: issuingCompany,
    client,
    number,
    series,
    seq,
    issueDate,
    dueDate: null,
    prevHash: '',
    correctedInvoice: opts.corrected ?? null
  });
  return {
    ...base,
    status: 'issued',
    number,
    series,
    seq,
    issueDate,
    frozen,
    issuedAt: opts.issuedAt ?? NOW,
    sourceDraftId: opts.draftId === undefined ? 'draft-1' : opts.draftId,
    correctsInvoiceId: opts.corrected?.id ?? null,
    ...opts.over
  };
}

const creditOf = (invoice: DocumentRecord, number: string, lines?: Line[]) =>
  issued(`cr-${number}`, number, {
    kind: 'credit',
    draftId: `draft-cr-${number}`,
    corrected: invoice,
    lines: lines ?? invoice.frozen!.lines
  });

const nothingPaid = () => 0;

function settle(group: IssuedTwice, documents: DocumentRecord[], paid: Record<string, Cents> = {}) {
  return settleIssuedTwice(group, { documents, paidCents: (id) => paid[id] ?? nothingPaid(), vatRegime: 'normal' });
}

describe('findDraftsIssuedTwice', () => {
  it('groups the issued documents made from one draft, by number', () => {
    const onB = issued('b', 'F-2026-B-0001');
    const onA = issued('a', 'F-2026-A-0001');
    const alone = issued('c', 'F-2026-A-0002', { draftId: 'draft-2' });
    const old = issued('d', 'F-2026-A-0003', { draftId: null }); // issued before records kept their draft's id
    const older = { ...issued('e', 'F-2026-A-0004'), sourceDraftId: undefined };
    const stillDraft = { ...newDocument('invoice', { id: 'draft-3', memberId: 'm1', now: NOW, clientId: 'c1', terms: { kind: 'on_receipt' } }), sourceDraftId: 'draft-1' };

    expect(findDraftsIssuedTwice([onB, alone, onA, old, older, stillDraft])).toEqual([{ draftId: 'draft-1', kind: 'invoice', documents: [onA, onB] }]);
  });

  it('finds a draft issued three times (three devices offline)', () => {
    const docs = [issued('c', 'F-2026-C-0001'), issued('a', 'F-2026-A-0001'), issued('b', 'F-2026-B-0001')];
    expect(findDraftsIssuedTwice(docs).map((g) => g.documents.map((d) => d.number))).toEqual([['F-2026-A-0001', 'F-2026-B-0001', 'F-2026-C-0001']]);
    expect(findDraftsIssuedTwice([])).toEqual([]);
  });

  it('lists the drafts in the order they were first seen', () => {
    const docs = [
      issued('a1', 'F-2026-A-0001', { draftId: 'draft-x' }),
      issued('a2', 'F-2026-A-0002', { draftId: 'draft-y' }),
      issued('b2', 'F-2026-B-0001', { draftId: 'draft-y' }),
      issued('b1', 'F-2026-B-0002', { draftId: 'draft-x' })
    ];
    expect(findDraftsIssuedTwice(docs).map((g) => [g.draftId, g.documents.map((d) => d.id)])).toEqual([
      ['draft-x', ['a1', 'b1']],
      ['draft-y', ['a2', 'b2']]
    ]);
  });
});

describe('settleIssuedTwice: which invoice to cancel by a credit note', () => {
  it('proposes the one neither sent nor paid', () => {
    const onA = issued('a', 'F-2026-A-0001', { issuedAt: '2026-03-10T09:00:00.000Z', over: { sentAt: '2026-03-10', sentChannel: 'email' } });
    const onB = issued('b', 'F-2026-B-0001', { issuedAt: '2026-03-10T08:00:00.000Z' });
    const [group] = findDraftsIssuedTwice([onA, onB]);
    expect(settle(group, [onA, onB])).toMatchObject({ resolved: false, standing: [onA, onB], fix: { kind: 'credit', document: onB, reason: 'untouched' } });
  });

  it('keeps the paid one even when the other was sent', () => {
    const onA = issued('a', 'F-2026-A-0001', { issuedAt: '2026-03-10T08:00:00.000Z' });
    const onB = issued('b', 'F-2026-B-0001', { issuedAt: '2026-03-10T09:00:00.000Z', over: { sentAt: '2026-03-10', sentChannel: 'email' } });
    const [group] = findDraftsIssuedTwice([onA, onB]);
    // A received 100 € (10 000 cents): B, sent but unpaid, is the one to cancel.
    expect(settle(group, [onA, onB], { a: 10_000 }).fix).toEqual({ kind: 'credit', document: onB, reason: 'unpaid' });
  });

  it('proposes the later one when both are alike', () => {
    const onA = issued('a', 'F-2026-A-0001', { issuedAt: '2026-03-10T11:00:00.000Z' });
    const onB = issued('b', 'F-2026-B-0001', { issuedAt: '2026-03-10T10:30:00.000Z' });
    const [group] = findDraftsIssuedTwice([onA, onB]);
    expect(settle(group, [onA, onB]).fix).toEqual({ kind: 'credit', document: onA, reason: 'untouched' });
    // Both sent and both paid: still the later.
    const sentA = { ...onA, sentAt: '2026-03-10' };
    const sentB = { ...onB, sentAt: '2026-03-10' };
    const [both] = findDraftsIssuedTwice([sentA, sentB]);
    expect(settle(both, [sentA, sentB], { a: 100, b: 100 }).fix).toEqual({ kind: 'credit', document: sentA, reason: 'latest' });
    // The same instant: the higher number is the later.
    const sameA = { ...onA, issuedAt: NOW };
    const sameB = { ...onB, issuedAt: NOW };
    const [same] = findDraftsIssuedTwice([sameA, sameB]);
    expect(settle(same, [sameA, sameB]).fix).toEqual({ kind: 'credit', document: sameB, reason: 'untouched' });
  });

  it('is put right once all but one are wholly cancelled by credit notes', () => {
    const onA = issued('a', 'F-2026-A-0001');
    const onB = issued('b', 'F-2026-B-0001');
    const [group] = findDraftsIssuedTwice([onA, onB]);

    // A credit note for half of B (125 € HT → 150 € TTC of 300 €): B still stands.
    const half = creditOf(onB, 'A-2026-A-0001', [{ ...service, quantity: 0.5 }]);
    expect(settle(group, [onA, onB, half])).toMatchObject({ resolved: false, standing: [onA, onB] });

    // The other half (150 + 150 = 300 € credited): B is cancelled, only A stands.
    const rest = creditOf(onB, 'A-2026-A-0002', [{ ...service, quantity: 0.5 }]);
    expect(settle(group, [onA, onB, half, rest])).toEqual({ ...group, standing: [onA], resolved: true, fix: null });
  });

  it('counts only issued credit notes', () => {
    const onA = issued('a', 'F-2026-A-0001');
    const onB = issued('b', 'F-2026-B-0001');
    const [group] = findDraftsIssuedTwice([onA, onB]);
    const draftCredit = { ...creditNoteFrom(onB, { id: 'cr', memberId: 'm1', now: NOW }) };
    expect(settle(group, [onA, onB, draftCredit]).resolved).toBe(false);
  });

  it('for three, proposes one at a time until one stands', () => {
    const docs = [
      issued('a', 'F-2026-A-0001', { issuedAt: '2026-03-10T08:00:00.000Z' }),
      issued('b', 'F-2026-B-0001', { issuedAt: '2026-03-10T09:00:00.000Z' }),
      issued('c', 'F-2026-C-0001', { issuedAt: '2026-03-10T10:00:00.000Z' })
    ];
    const [group] = findDraftsIssuedTwice(docs);
    expect(settle(group, docs).fix).toEqual({ kind: 'credit', document: docs[2], reason: 'untouched' });
    const withC = [...docs, creditOf(docs[2], 'A-2026-A-0001')];
    expect(settle(group, withC)).toMatchObject({ resolved: false, standing: [docs[0], docs[1]], fix: { kind: 'credit', document: docs[1] } });
  });
});

describe('settleIssuedTwice: quotes and credit notes', () => {
  it('a quote issued twice: proposes to mark one refused, settled once all but one are refused', () => {
    const onA = issued('a', 'D-2026-A-0001', { kind: 'quote', issuedAt: '2026-03-10T08:00:00.000Z', over: { quoteOutcome: 'accepted' } });
    const onB = issued('b', 'D-2026-B-0001', { kind: 'quote', issuedAt: '2026-03-10T07:00:00.000Z' });
    const [group] = findDraftsIssuedTwice([onA, onB]);
    // A was accepted: B (earlier, but not accepted) is the one to drop.
    expect(settle(group, [onA, onB]).fix).toEqual({ kind: 'refuse', document: onB, reason: 'untouched' });
    // Accepted weighs more than sent: a sent quote that was not accepted goes before an accepted one.
    const sentB = { ...onB, sentAt: '2026-03-10' };
    const [withSent] = findDraftsIssuedTwice([onA, sentB]);
    expect(settle(withSent, [onA, sentB]).fix).toEqual({ kind: 'refuse', document: sentB, reason: 'not_accepted' });
    const refused = { ...onB, quoteOutcome: 'refused' as const };
    const [after] = findDraftsIssuedTwice([onA, refused]);
    expect(settle(after, [onA, refused])).toMatchObject({ resolved: true, standing: [onA], fix: null });
  });

  it('a credit note issued twice has no fix to propose and stays to be looked at', () => {
    const invoice = issued('inv', 'F-2026-A-0001', { draftId: 'draft-inv' });
    const one = { ...creditOf(invoice, 'A-2026-A-0001'), sourceDraftId: 'draft-cr' };
    const two = { ...creditOf(invoice, 'A-2026-B-0001'), sourceDraftId: 'draft-cr' };
    const [group] = findDraftsIssuedTwice([invoice, one, two]);
    expect(group.kind).toBe('credit');
    expect(settle(group, [invoice, one, two])).toMatchObject({ resolved: false, standing: [one, two], fix: null });
  });
});
