import { describe, expect, it } from 'vitest';
import { slicer } from './afterPaint';

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
