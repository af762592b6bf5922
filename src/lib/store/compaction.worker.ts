// The worker that compacts workspace logs (compaction.ts), off the page's main thread.
import { compactLog } from './compaction';

self.onmessage = async (e: MessageEvent<{ id: number; name: string }>) => {
  const { id, name } = e.data;
  try {
    self.postMessage({ id, result: await compactLog(name) });
  } catch (error) {
    self.postMessage({ id, error: String(error) });
  }
};
