import { describe, expect, it } from 'vitest';
import { slices } from './persistence';

const bytes = (n: number) => new Uint8Array(n);

describe('slices', () => {
  it('groups the log in its order into slices of at most the given bytes', () => {
    // 40 + 50 = 90 ≤ 100; + 30 would be 120: a new slice; 30 + 70 = 100 ≤ 100; 10 alone after.
    const log = [bytes(40), bytes(50), bytes(30), bytes(70), bytes(10)];
    expect(slices(log, 100).map((s) => s.map((u) => u.byteLength))).toEqual([[40, 50], [30, 70], [10]]);
  });

  it('keeps an update larger than a slice alone, and the order of the log', () => {
    const log = [bytes(10), bytes(250), bytes(20)];
    expect(slices(log, 100).map((s) => s.map((u) => u.byteLength))).toEqual([[10], [250], [20]]);
    expect(slices([], 100)).toEqual([]);
  });
});
