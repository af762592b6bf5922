import { describe, expect, it } from 'vitest';
import { generateDemo, proportionalCounts } from './generate';
import { verifyDocuments } from '$lib/domain/integrity';
import { findDuplicateNumbers, findGaps } from '$lib/domain/numbering';
import { accountsOfRecords, plainContext } from '$lib/domain/receivables';
import { isValidIban } from '$lib/domain/validation';

const TODAY = '2026-11-22';
const opts = { ...proportionalCounts(300), seed: 7, today: TODAY, memberA: 'a'.repeat(32) };

describe('demo workspace generator', () => {
  it('gives exactly the counts asked for, and the same records for the same seed', async () => {
    const a = await generateDemo(opts);
    const b = await generateDemo(opts);
    expect(a.clients).toHaveLength(30);
    expect(a.documents.filter((d) => d.kind === 'invoice')).toHaveLength(300);
    expect(a.payments).toHaveLength(360);
    expect(a.events).toHaveLength(600);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const c = await generateDemo({ ...opts, seed: 8 });
    expect(JSON.stringify(c.documents)).not.toBe(JSON.stringify(a.documents));
  });

  it('issues documents with continuous numbers and a valid hash chain per series, on two devices', async () => {
    const data = await generateDemo(opts);
    const issued = data.documents.filter((d) => d.status === 'issued');
    expect(await verifyDocuments(data.documents)).toEqual([]);
    expect(findDuplicateNumbers(data.documents)).toEqual([]);
    const series = new Set(issued.map((d) => d.series));
    for (const s of series) expect(findGaps(issued, s)).toEqual([]);
    expect([...series].some((s) => s.endsWith('-B'))).toBe(true);
    expect([...series].some((s) => s.startsWith('D-'))).toBe(true);
    expect([...series].some((s) => s.startsWith('A-'))).toBe(true);
    // Within a series, numbers follow the issue dates.
    for (const s of series) {
      const inSeries = issued.filter((d) => d.series === s).sort((x, y) => x.seq - y.seq);
      for (let i = 1; i < inSeries.length; i++) expect(inSeries[i].issueDate! >= inSeries[i - 1].issueDate!).toBe(true);
    }
    const drafts = data.documents.filter((d) => d.kind === 'invoice' && d.status === 'draft').length;
    expect(drafts).toBeGreaterThan(10);
    expect(drafts).toBeLessThan(40);
    for (const d of data.documents) {
      expect(d.lines.length).toBeGreaterThanOrEqual(1);
      expect(d.lines.length).toBeLessThanOrEqual(20);
      for (const l of d.lines) expect(Math.round(l.quantity * 1000)).toBeCloseTo(l.quantity * 1000, 6);
    }
    expect(new Set(data.documents.flatMap((d) => d.lines.map((l) => l.vatRateBp)))).toEqual(new Set([2000, 1000, 550, 0]));
    expect(isValidIban(data.company.iban)).toBe(true);
  });

  it('over a long history, keeps two years of drafts at most and gives up debts unpaid two years after their due date', async () => {
    const data = await generateDemo({ ...proportionalCounts(1200), seed: 3, today: TODAY, years: 6, memberA: 'a'.repeat(32) });
    // 8 % of two years' invoices (1 200 over 6 years: 400), started in the last 45 days.
    const drafts = data.documents.filter((d) => d.kind === 'invoice' && d.status === 'draft');
    expect(drafts).toHaveLength(32);
    for (const d of drafts) expect(d.createdAt.slice(0, 10) >= '2026-10-08').toBe(true);
    const accounts = accountsOfRecords(data.documents, data.payments, 'normal', () => plainContext(TODAY, 'company'));
    const writtenOff = data.documents.filter((d) => d.writeOff);
    expect(writtenOff.length).toBeGreaterThan(5);
    for (const d of writtenOff) {
      expect(d.dueDate! <= '2024-11-22').toBe(true);
      expect(d.collection?.closed?.outcome).toBe('abandoned');
      expect(d.writeOff!.on).toBe(d.collection!.closed!.on);
      expect(d.writeOff!.on < TODAY).toBe(true);
      expect(d.inCollection).toBe(false);
      // What it was written off for is all that remained: nothing is owed now.
      expect(accounts.get(d.id)!.remainingCents).toBe(0);
      expect(d.writeOff!.cents).toBeGreaterThan(0);
    }
    // Still owed two years after the due date: only a disputed invoice.
    for (const d of data.documents)
      if (d.dueDate && d.dueDate <= '2024-11-22' && accounts.get(d.id)!.remainingCents > 0) expect(d.disputed).toBe(true);
  });

  it('never allocates more than an invoice balance, and spreads some payments over several invoices', async () => {
    const data = await generateDemo(opts);
    const accounts = accountsOfRecords(data.documents, data.payments, 'normal', () => plainContext(TODAY, 'company'));
    for (const a of accounts.values()) {
      expect(a.paidCents + a.creditedCents).toBeLessThanOrEqual(a.ttcCents);
      expect(a.remainingCents).toBeGreaterThanOrEqual(0);
    }
    // Every allocation counted: payments never lost to an over-allocated invoice.
    const allocated = data.payments.reduce((n, p) => n + p.allocations.reduce((m, x) => m + x.amountCents, 0), 0);
    expect([...accounts.values()].reduce((n, a) => n + a.paidCents, 0)).toBe(allocated);
    for (const p of data.payments) {
      expect(p.amountCents).toBeGreaterThanOrEqual(p.allocations.reduce((n, a) => n + a.amountCents, 0));
      expect(p.date <= TODAY).toBe(true);
    }
    expect(data.payments.some((p) => p.allocations.length > 1)).toBe(true);
    expect(data.stats.partiallyPaidInvoices).toBeGreaterThan(0);
  });
});
