// Serves the built app for the benchmarks with the relay's own static handler (built by
// `npm run build` into sync-server/dist), on 127.0.0.1 and a free port.
import { createServer } from 'node:http';
import { serveStatic } from '../sync-server/dist/static.js';

/** Resolves to { url, close }. */
export async function serveBuild(root) {
  const handle = serveStatic(root);
  const server = createServer((req, res) => void handle(req, res));
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve(undefined));
      })
  };
}
