import { describe, expect, it } from 'vitest';
import { runSteps, slicer } from './afterPaint';

describe('slicer', () => {
  it('pauses only once the slice has run longer than asked', async () => {
    let pauses = 0;
    const pause = async () => void pauses++;
    // An hour per slice: three quick steps never pause.
    const long = slicer(pause, 3_600_000);
    for (let i = 0; i < 3; i++) await long();
    expect(pauses).toBe(0);
    // A slice shorter than any step: a pause after each.
    const short = slicer(pause, -1);
    for (let i = 0; i < 3; i++) await short();
    expect(pauses).toBe(3);
  });

  it('starts a new slice after each pause', async () => {
    let now = 0;
    const real = performance.now;
    performance.now = () => now;
    try {
      let pauses = 0;
      const step = slicer(async () => void pauses++, 10);
      now = 8; // 8 ms of work: within the slice
      await step();
      now = 12; // 12 ms: over, pause
      await step();
      now = 20; // 8 ms since the pause: within the new slice
      await step();
      expect(pauses).toBe(1);
    } finally {
      performance.now = real;
    }
  });
});

describe('runSteps', () => {
  function* count(n: number, log: number[]): Generator<void, string> {
    for (let i = 0; i < n; i++) {
      log.push(i);
      yield;
    }
    return `done after ${n}`;
  }

  it('gives the result at once when the work fits in one slice', () => {
    const log: number[] = [];
    expect(runSteps(count(3, log), async () => {}, () => false, 3_600_000)).toBe('done after 3');
    expect(log).toEqual([0, 1, 2]);
  });

  it('pauses between steps once a slice has run over, and still ends', async () => {
    let pauses = 0;
    const result = runSteps(count(3, []), async () => void pauses++, () => false, -1);
    expect(result).toBeInstanceOf(Promise);
    expect(await result).toBe('done after 3');
    expect(pauses).toBe(3); // after each of the three steps
  });

  it('gives up when the result is no longer wanted, without running the rest', async () => {
    const log: number[] = [];
    let wanted = true;
    const result = runSteps(count(5, log), async () => void (wanted = log.length < 2), () => !wanted, -1);
    expect(await result).toBeNull();
    expect(log).toEqual([0, 1]);
  });
});
