import { describe, expect, it } from 'vitest';
import { clientRisk } from './risk';

describe('clientRisk', () => {
  it('no history: unknown, factor 1', () => {
    expect(clientRisk([])).toEqual({ settledCount: 0, averageDaysLate: 0, lateShare: 0, factor: 1, level: 'unknown' });
  });
  it('always on time (or early): good, factor 1', () => {
    const r = clientRisk([
      { dueDate: '2026-03-01', settledOn: '2026-02-25' },
      { dueDate: '2026-04-01', settledOn: '2026-04-01' }
    ]);
    expect([r.averageDaysLate, r.lateShare, r.factor, r.level]).toEqual([0, 0, 1, 'good']);
  });
  it('one of two paid 30 days late: average 15, half late → 1 + 15/60 + 0,5 = 1,75, often late', () => {
    const r = clientRisk([
      { dueDate: '2026-03-01', settledOn: '2026-03-31' },
      { dueDate: '2026-04-01', settledOn: '2026-04-01' }
    ]);
    expect([r.averageDaysLate, r.lateShare, r.factor, r.level]).toEqual([15, 0.5, 1.75, 'often_late']);
  });
  it('one of five paid 20 days late: average 4, 20 % late → 1,267, still good', () => {
    const onTime = { dueDate: '2026-01-10', settledOn: '2026-01-09' };
    const r = clientRisk([onTime, onTime, onTime, onTime, { dueDate: '2026-01-10', settledOn: '2026-01-30' }]);
    expect([r.averageDaysLate, r.lateShare, r.factor, r.level]).toEqual([4, 0.2, 1.267, 'good']);
  });
  it('the lateness part stops at 60 days: factor at most 3', () => {
    expect(clientRisk([{ dueDate: '2025-01-01', settledOn: '2026-01-01' }]).factor).toBe(3);
  });
});
