// A situation's retenue de garantie before the reception of the works, as every consumer of the
// receivables reads it: aging (« non échu »), the 12-week forecast (later), the account statement
// (open, with no due date). Situation 1 of progress.test.ts: 708,19 € TTC, retention 35,41 €,
// main part 672,78 € due 31 March 2026; today 1 May 2026, nothing paid.
import { describe, expect, it } from 'vitest';
import { invoiceAccount, plainContext, RETENTION_PENDING_DUE, type DocumentFacts } from './receivables';
import { agingOf } from './aging';
import { cashInForecast } from './forecast';
import { accountStatement } from './statement';
import { newDocument } from './documents';
import { invoiceFacts } from './fixtures';
import type { DocumentRecord } from './types';

const TODAY = '2026-05-01';
const facts: DocumentFacts = invoiceFacts({
  number: 'F-2026-A-0007',
  issueDate: '2026-03-01',
  dueDate: '2026-03-31',
  ttcCents: 70_819,
  sentAt: '2026-03-01',
  retention: { cents: 3_541, releaseDate: null }
});
const receivables = invoiceAccount(facts, { payments: [], creditedCents: 0 }, plainContext(TODAY, 'company')).receivables;

describe('a retention not yet released', () => {
  it('ages as not due, the main part 31 days late', () => {
    const aging = agingOf(receivables, TODAY);
    expect(aging.buckets.not_due).toMatchObject({ cents: 3_541, count: 1 });
    expect(aging.buckets.d31_45).toMatchObject({ cents: 67_278, count: 1 });
    expect(aging.totalCents).toBe(70_819);
  });

  it('stays out of the 12 weeks of the forecast', () => {
    const forecast = cashInForecast(receivables, TODAY, { byClient: new Map(), fallback: 0 });
    // The main part, late, is expected this week; the retention later.
    expect(forecast.weeks[0].cents).toBe(67_278);
    expect(forecast.laterCents).toBe(3_541);
  });

  it('is open on the account statement, marked pending', () => {
    const progress = { quoteId: 'q1', quoteNumber: 'D-1', quoteDate: null, situation: 1, final: false, lines: [], retention: { rateBp: 500, cents: 3_541 } };
    const base = newDocument('invoice', { id: 'i1', memberId: 'm', now: '2026-03-01T09:00:00Z', clientId: 'c1', terms: { kind: 'net', days: 30 } });
    const invoice: DocumentRecord = {
      ...base,
      status: 'issued',
      number: 'F-2026-A-0007',
      issueDate: '2026-03-01',
      dueDate: '2026-03-31',
      sourceQuoteId: 'q1',
      frozen: { kind: 'invoice', totals: { ttcCents: 70_819, htCents: 0, vat: [], vatCents: 0, linesHtCents: 0, discountCents: 0 }, progress, seller: { penaltyRateBp: 1215 }, client: { kind: 'company' } } as unknown as DocumentRecord['frozen']
    };
    const s = accountStatement({ clientId: 'c1', documents: [invoice], payments: [], vatRegime: 'normal', context: plainContext(TODAY, 'company') });
    expect(s.openItems.map((i) => [i.key, i.remainingCents, i.dueDate, i.retention === true, i.retentionPending === true])).toEqual([
      ['i1', 67_278, '2026-03-31', false, false],
      ['i1#retention', 3_541, RETENTION_PENDING_DUE, true, true]
    ]);
  });
});
