// Asks for a workspace log's compaction (compaction.ts): in a worker in the browser, so that
// decoding the whole workspace never holds the page; in place where there are no workers (Node).
import type { CompactionResult } from './compaction';

let worker: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, { resolve: (r: CompactionResult) => void; reject: (e: Error) => void }>();
/** One compaction per database at a time; a request made meanwhile runs once after it. */
const running = new Map<string, Promise<CompactionResult>>();

function compactInWorker(name: string): Promise<CompactionResult> {
  if (!worker) {
    worker = new Worker(new URL('./compaction.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<{ id: number; result?: CompactionResult; error?: string }>) => {
      const w = waiting.get(e.data.id);
      waiting.delete(e.data.id);
      if (e.data.error !== undefined) w?.reject(new Error(e.data.error));
      else w?.resolve(e.data.result!);
    };
  }
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    worker!.postMessage({ id, name });
  });
}

async function compact(name: string): Promise<CompactionResult> {
  if (typeof Worker === 'function') return compactInWorker(name);
  const { compactLog } = await import('./compaction');
  return compactLog(name);
}

export function requestCompaction(name: string): Promise<CompactionResult> {
  const before = running.get(name);
  const next = (before ? before.catch(() => null) : Promise.resolve(null)).then(() => compact(name));
  running.set(name, next);
  void next.finally(() => running.get(name) === next && running.delete(name)).catch(() => {});
  return next;
}
