/** Runs `fn` after the next paint, so that what was just rendered shows first (in Node: soon). */
export function afterPaint(fn: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(fn, 0));
  else setTimeout(fn, 0);
}

/** Lets the page handle input and paint before the next slice of work. */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  // A message, not setTimeout: nested timeouts are held back 4 ms each.
  if (typeof MessageChannel === 'function')
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * What a loop over thousands of records awaits after each one: it pauses once about `sliceMs`
 * of work has run since the last pause, so that no task of the loop runs much longer than that.
 */
export function slicer(pause: () => Promise<void>, sliceMs: number): () => Promise<void> {
  let started = performance.now();
  return async () => {
    if (performance.now() - started <= sliceMs) return;
    await pause();
    started = performance.now();
  };
}
