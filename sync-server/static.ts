// Serves the built PWA (adapter-static output): files with their content type, a long cache for
// hashed assets, no cache for the service worker and index, the SPA fallback for client routes,
// and nothing outside the build folder whatever the path says.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm'
};

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/** The file a URL path names inside `root`, or null when the path tries to leave it. */
export function resolveInside(root: string, urlPath: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return null; // malformed escape such as %E0%A4%A
  }
  if (path.includes('\0')) return null;
  const file = resolve(root, '.' + (path.startsWith('/') ? path : '/' + path));
  return file === root || file.startsWith(root + sep) ? file : null;
}

function cacheControl(root: string, file: string): string {
  return file.startsWith(join(root, '_app', 'immutable') + sep) ? IMMUTABLE : REVALIDATE;
}

async function fileInfo(file: string) {
  const info = await stat(file).catch(() => null);
  return info?.isFile() ? info : null;
}

export interface StaticHandler {
  (req: IncomingMessage, res: ServerResponse): Promise<void>;
}

/**
 * A request handler for the app in `root`. Paths without a file extension that match no file
 * get index.html (the client router takes over); a missing asset is a real 404.
 */
export function serveStatic(rootDir: string): StaticHandler {
  const root = resolve(rootDir);
  const fallback = join(root, 'index.html');
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      res.end('Method not allowed\n');
      return;
    }
    const pathname = new URL(req.url ?? '/', 'http://relay.invalid').pathname;
    const requested = resolveInside(root, pathname);
    if (!requested) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Bad path\n');
      return;
    }
    let file = requested;
    let info = await fileInfo(file);
    if (!info && !extname(pathname)) {
      file = fallback;
      info = await fileInfo(file);
    }
    if (!info) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': REVALIDATE });
      res.end(extname(pathname) ? 'Not found\n' : 'The app is not built: run `npm run build`.\n');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': info.size,
      'cache-control': cacheControl(root, file),
      'x-content-type-options': 'nosniff'
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  };
}
