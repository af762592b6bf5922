// Timing helpers shared by the benchmark bodies run in Node (chase-entry.ts, dashboard-entry.ts).

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export const r3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Runs `fn` `runs` times: median, fastest and slowest, in ms. */
export function time(runs: number, fn: () => void): { median: number; min: number; max: number } {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    xs.push(performance.now() - t0);
  }
  return { median: r3(median(xs)), min: r3(Math.min(...xs)), max: r3(Math.max(...xs)) };
}
