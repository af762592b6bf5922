// Serves the built PWA (adapter-static output): files with their content type, a long cache for
// hashed assets, no cache for the service worker and index, the SPA fallback for client routes,
// and nothing outside the build folder whatever the path says.
//
// Security headers on every page: a strict Content-Security-Policy whose script-src lists the
// SHA-256 of each inline <script> of the HTML served (SvelteKit's bootstrap, app.html's first
// screen reader, scripts/preload-messages.mjs's preloads), no framing, no referrer. Text files go out precompressed (scripts/precompress.mjs
// writes .br and .gz beside them) and revalidated files carry an ETag (304 when unchanged).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
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

/** Files worth compressing (text and TrueType fonts); scripts/precompress.mjs writes `.br`/`.gz` beside those over 1 kB. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.svg', '.txt', '.map', '.ttf']);
/** Best first: brotli is ~15 % smaller than gzip on this app's JavaScript. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' }
] as const;

/** Headers on every response of the static server. */
const COMMON_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer'
};

/** Headers on every HTML page, beside its Content-Security-Policy. */
const PAGE_HEADERS = {
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'cross-origin-opener-policy': 'same-origin'
};

/** The SHA-256 source expression of every inline `<script>` of an HTML text. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\ssrc\s*=/i.test(match[1])) continue;
    hashes.add(`'sha256-${createHash('sha256').update(match[2], 'utf8').digest('base64')}'`);
  }
  return [...hashes];
}

/**
 * The Content-Security-Policy of a page: scripts only from this origin or inline scripts with
 * these hashes; images only from this origin, data: and blob: (so a synced logo URL can never
 * be fetched); connections to this origin plus `connectSrc` (a relay on another origin).
 */
export function contentSecurityPolicy(scriptHashes: string[], connectSrc: string[] = []): string {
  return [
    "default-src 'self'",
    ["script-src 'self'", ...scriptHashes].join(' '),
    // Svelte writes style attributes (transitions, widths): inline styles stay allowed.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    ["connect-src 'self'", ...connectSrc].join(' '),
    "worker-src 'self'",
    "manifest-src 'self'",
    // The PDF preview is a blob: document in an iframe.
    "frame-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'"
  ].join('; ');
}

/**
 * The encodings a request accepts, per RFC 9110: `br;q=0` refuses br, `*` accepts the rest.
 */
export function acceptedEncodings(header: string | string[] | undefined): Set<string> {
  const accepted = new Set<string>();
  const refused = new Set<string>();
  let star = false;
  for (const part of (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    const ok = Number.isFinite(weight) && weight > 0;
    if (name === '*') star = ok;
    else (ok ? accepted : refused).add(name);
  }
  if (star) for (const { name } of ENCODINGS) if (!refused.has(name)) accepted.add(name);
  return accepted;
}

/** Whether an If-None-Match header names `etag` (or is `*`). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

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

export interface StaticOptions {
  /** Extra `connect-src` sources (RELAY_CSP_CONNECT_SRC): a relay on another origin. */
  connectSrc?: string[];
}

/**
 * A request handler for the app in `root`. Paths without a file extension that match no file
 * get index.html (the client router takes over); a missing asset is a real 404.
 */
export function serveStatic(rootDir: string, options: StaticOptions = {}): StaticHandler {
  const root = resolve(rootDir);
  const fallback = join(root, 'index.html');
  // Each page's policy, computed once per version of the file (a rebuild changes its mtime).
  const policies = new Map<string, { version: string; policy: string }>();
  const policyOf = async (file: string, version: string): Promise<string> => {
    const known = policies.get(file);
    if (known?.version === version) return known.policy;
    const policy = contentSecurityPolicy(inlineScriptHashes(await readFile(file, 'utf8')), options.connectSrc);
    policies.set(file, { version, policy });
    return policy;
  };

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
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': REVALIDATE, ...COMMON_HEADERS });
      res.end(extname(pathname) ? 'Not found\n' : 'The app is not built: run `npm run build`.\n');
      return;
    }
    const ext = extname(file).toLowerCase();
    const version = `${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}`;
    const headers: Record<string, string | number> = {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'cache-control': cacheControl(root, file),
      'last-modified': info.mtime.toUTCString(),
      ...COMMON_HEADERS
    };
    if (ext === '.html') Object.assign(headers, PAGE_HEADERS, { 'content-security-policy': await policyOf(file, version) });
    // The best precompressed copy the client accepts, when the build wrote one.
    let body = file;
    let size = info.size;
    let etag = `"${version}"`;
    if (COMPRESSIBLE.has(ext)) {
      headers.vary = 'Accept-Encoding';
      const accepted = acceptedEncodings(req.headers['accept-encoding']);
      for (const { name, suffix } of ENCODINGS) {
        if (!accepted.has(name)) continue;
        const packed = await fileInfo(file + suffix);
        // A stale copy (older than its source) is never served.
        if (!packed || packed.mtimeMs < info.mtimeMs) continue;
        body = file + suffix;
        size = packed.size;
        etag = `"${version}-${name}"`;
        headers['content-encoding'] = name;
        break;
      }
    }
    headers.etag = etag;
    const since = req.headers['if-modified-since'];
    const notModified = req.headers['if-none-match'] !== undefined
      ? matchesEtag(req.headers['if-none-match'], etag)
      : since !== undefined && Date.parse(since) >= Math.floor(info.mtimeMs / 1000) * 1000;
    if (notModified) {
      delete headers['content-type'];
      delete headers['content-encoding'];
      res.writeHead(304, headers);
      res.end();
      return;
    }
    res.writeHead(200, { ...headers, 'content-length': size });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(body)
      .on('error', () => res.destroy())
      .pipe(res);
  };
}
