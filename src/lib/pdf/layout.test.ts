import { describe, expect, it } from 'vitest';
import { planTable, type TableGeometry } from './layout';

// A 1-line row is 4 + 2 × 1 = 6 mm; the header 8 mm.
const g: TableGeometry = { top: 100, pageTop: 30, bottom: 280, headerHeight: 8, lineHeight: 4, padding: 1 };
const ones = (n: number) => Array.from({ length: n }, () => ({ lines: 1 }));

describe('planTable', () => {
  it('fills the first page, then continues under a repeated header', () => {
    // Page 0: rows from 108, (280 − 108) / 6 = 28,67 → 28 rows. Page 1: from 38, the other 32.
    const plan = planTable(ones(60), g);
    const perPage = [0, 1].map((p) => plan.slices.filter((s) => s.page === p).length);
    expect(perPage).toEqual([28, 32]);
    expect(plan.lastPage).toBe(1);
    expect(plan.slices[0]).toMatchObject({ row: 0, page: 0, y: 108, afterHeader: true });
    expect(plan.slices[28]).toMatchObject({ row: 28, page: 1, y: 38, afterHeader: true });
    expect(plan.slices.filter((s) => s.afterHeader)).toHaveLength(2);
    expect(plan.endY).toBe(38 + 32 * 6);
  });

  it('moves a row whole to the next page when it fits there', () => {
    // 27 rows end at 270; a 5-line row (22 mm) does not fit in the 10 mm left.
    const plan = planTable([...ones(27), { lines: 5 }], g);
    const last = plan.slices[plan.slices.length - 1];
    expect(last).toMatchObject({ row: 27, page: 1, y: 38, height: 22, firstLine: 0, lineCount: 5 });
  });

  it('splits a row taller than a page line by line', () => {
    // 100 lines = 402 mm. Page 0 has 280 − 108 = 172 mm: (172 − 2) / 4 = 42 lines.
    const plan = planTable([{ lines: 100 }], g);
    expect(plan.slices.map((s) => [s.page, s.firstLine, s.lineCount, s.y])).toEqual([
      [0, 0, 42, 108],
      [1, 42, 58, 38]
    ]);
    expect(plan.endY).toBe(38 + 58 * 4 + 2);
  });

  it('never leaves the header alone at the bottom of a page', () => {
    const plan = planTable(ones(2), { ...g, top: 270 });
    expect(plan.slices[0]).toMatchObject({ page: 1, y: 38, afterHeader: true });
  });

  it('takes an empty description as one line', () => {
    const plan = planTable([{ lines: 0 }], g);
    expect(plan.slices[0].lineCount).toBe(1);
    expect(plan.endY).toBe(114);
  });

  it('handles no rows', () => {
    expect(planTable([], g)).toEqual({ slices: [], lastPage: 0, endY: 100 });
  });
});
