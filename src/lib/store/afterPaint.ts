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

/**
 * Runs `steps` to the end, pausing once about `sliceMs` of them have run since the last pause;
 * gives up (null) when `stale()` says, after a pause, that the result is no longer wanted. Work
 * that fits in one slice ends without a pause and its result comes back at once, not as a
 * promise: a small list is shown in the same task as the change that made it.
 */
export function runSteps<T>(steps: Generator<void, T>, pause: () => Promise<void>, stale: () => boolean, sliceMs = 8): T | Promise<T | null> {
  const started = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - started > sliceMs) return finishSteps(steps, pause, stale, sliceMs);
  }
}

async function finishSteps<T>(steps: Generator<void, T>, pause: () => Promise<void>, stale: () => boolean, sliceMs: number): Promise<T | null> {
  await pause(); // the slice that called this has run over
  const step = slicer(pause, sliceMs);
  for (;;) {
    if (stale()) {
      steps.return(undefined as T);
      return null;
    }
    const next = steps.next();
    if (next.done) return next.value;
    await step();
  }
}
