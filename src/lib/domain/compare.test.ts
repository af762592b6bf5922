import { describe, expect, it } from 'vitest';
import { compareCodes } from './compare';

describe('compareCodes', () => {
  it('orders ISO dates, instants and numbers by code unit, missing values first', () => {
    const dates = ['2026-10-01', '2025-12-31', null, '2026-01-10', '2026-01-02'];
    expect([...dates].sort(compareCodes)).toEqual([null, '2025-12-31', '2026-01-02', '2026-01-10', '2026-10-01']);
    expect(compareCodes('F-2026-A-0009', 'F-2026-A-0010')).toBe(-1);
    expect(compareCodes('2026-03-01T10:00:00.000Z', '2026-03-01T09:00:00.000Z')).toBe(1);
    expect(compareCodes('A', 'A')).toBe(0);
    expect(compareCodes(undefined, '')).toBe(0);
  });
});
