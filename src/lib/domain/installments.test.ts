import { describe, expect, it } from 'vitest';
import { installmentProblems, splitEvenly } from './installments';

const plan = [
  { id: 'a', dueDate: '2026-05-01', amountCents: 40_000 },
  { id: 'b', dueDate: '2026-06-01', amountCents: 30_000 },
  { id: 'c', dueDate: '2026-07-01', amountCents: 30_000 }
];

describe('installmentProblems', () => {
  it('accepts dated positive installments summing to the TTC', () => {
    expect(installmentProblems(plan, 100_000, '2026-04-01')).toEqual([]);
  });
  it('refuses a wrong sum, a non-positive amount, a bad or early date, dates out of order', () => {
    expect(installmentProblems(plan, 100_001, '2026-04-01')).toEqual(['sum_mismatch']);
    expect(installmentProblems([{ ...plan[0], amountCents: 0 }, plan[1]], 30_000, '2026-04-01')).toEqual(['amount:0']);
    expect(installmentProblems([{ ...plan[0], dueDate: '2026-02-30' }, plan[1], plan[2]], 100_000, '2026-04-01')).toEqual(['date:0']);
    expect(installmentProblems(plan, 100_000, '2026-05-15')).toEqual(['before_issue:0']);
    expect(installmentProblems([plan[1], plan[0], plan[2]], 100_000, '2026-04-01')).toEqual(['order:1']);
    expect(installmentProblems([], 100_000, '2026-04-01')).toEqual(['empty']);
  });
});

describe('splitEvenly', () => {
  it('monthly equal shares, the odd cents on the first, month ends clamped', () => {
    expect(splitEvenly(100_000, 3, '2026-01-31')).toEqual([
      { id: 'i1', dueDate: '2026-01-31', amountCents: 33_334 },
      { id: 'i2', dueDate: '2026-02-28', amountCents: 33_333 },
      { id: 'i3', dueDate: '2026-03-31', amountCents: 33_333 }
    ]);
  });
});
