// The app's pages as the relay serves them: a Content-Security-Policy that lists exactly the
// inline scripts of the page, no framing, no referrer; precompressed copies chosen by
// Accept-Encoding; ETag / Last-Modified revalidation; immutable hashed assets.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { buildServiceWorker } from '../../scripts/build-sw.mjs';
import { precompress } from '../../scripts/precompress.mjs';
import { acceptedEncodings, contentSecurityPolicy, inlineScriptHashes } from '../../sync-server/static.js';
import { appFixture, http, removeDir, startTestRelay, type TestRelay } from './helpers';

const BOOT = 'window.__boot = 1;';
const SNAPSHOT = '\n      (function () { window.__snapshot = 2; })();\n    ';
const sha = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** A built app with two inline scripts, an external one, and a compressible 20 kB script. */
function fixture(): { root: string; bigJs: string } {
  const root = appFixture();
  writeFileSync(
    join(root, 'index.html'),
    `<!doctype html><html><head><script>${SNAPSHOT}</script><script type="module" src="/_app/immutable/entry.abc123.js"></script></head>` +
      `<body><div>${'Relance '.repeat(200)}</div><script>${BOOT}</script></body></html>`
  );
  const bigJs = Array.from({ length: 800 }, (_, i) => `export const value${i} = ${i} * 2;`).join('\n');
  writeFileSync(join(root, '_app', 'immutable', 'app.def456.js'), bigJs);
  mkdirSync(join(root, 'icons'), { recursive: true });
  writeFileSync(join(root, 'icons', 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return { root, bigJs };
}

let relays: TestRelay[] = [];
afterEach(async () => {
  for (const r of relays.splice(0)) {
    await r.stop();
    removeDir(r.dataDir);
    removeDir(join(r.appDir, '..'));
  }
});

async function serve(root: string, connectSrc?: string[]): Promise<TestRelay> {
  const r = await startTestRelay({ appDir: root, cspConnectSrc: connectSrc });
  relays.push(r);
  return r;
}

describe('security headers', () => {
  it('hashes exactly the inline scripts of a page', () => {
    const html = `<script>${SNAPSHOT}</script><script src="/a.js"></script><SCRIPT type="module">${BOOT}</SCRIPT><script>${BOOT}</script>`;
    expect(inlineScriptHashes(html)).toEqual([sha(SNAPSHOT), sha(BOOT)]);
    expect(inlineScriptHashes('<p>no script</p>')).toEqual([]);
  });

  it('every page carries a strict CSP with its inline script hashes, no framing and no referrer', async () => {
    const { root } = fixture();
    const r = await serve(root, ['wss://relais.example.fr', 'https://relais.example.fr']);
    for (const path of ['/', '/index.html', '/clients/abc']) {
      const res = await http(r.relay.url, path);
      expect(res.status).toBe(200);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toBe(
        `default-src 'self'; script-src 'self' ${sha(SNAPSHOT)} ${sha(BOOT)}; style-src 'self' 'unsafe-inline'; ` +
          "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' wss://relais.example.fr https://relais.example.fr; " +
          "worker-src 'self'; manifest-src 'self'; frame-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
      );
      expect(csp).not.toContain('unsafe-eval');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['permissions-policy']).toContain('camera=()');
    }
    // Not a page: no CSP needed, but never sniffed nor a referrer.
    const js = await http(r.relay.url, '/_app/immutable/entry.abc123.js');
    expect(js.headers['content-security-policy']).toBeUndefined();
    expect(js.headers['referrer-policy']).toBe('no-referrer');
  });

  it('follows a rebuild: a changed page gets the hashes of its new scripts', async () => {
    const { root } = fixture();
    const r = await serve(root);
    const before = String((await http(r.relay.url, '/')).headers['content-security-policy']);
    writeFileSync(join(root, 'index.html'), '<!doctype html><script>window.__other = 3;</script><p>longer page than before</p>');
    const after = String((await http(r.relay.url, '/')).headers['content-security-policy']);
    expect(before).toContain(sha(BOOT));
    expect(after).not.toContain(sha(BOOT));
    expect(after).toContain(sha('window.__other = 3;'));
    expect(contentSecurityPolicy([])).toContain("script-src 'self'; ");
  });
});

describe('compression and caching', () => {
  it('reads Accept-Encoding with q-values and *', () => {
    expect([...acceptedEncodings('gzip, deflate, br, zstd')].sort()).toEqual(['br', 'deflate', 'gzip', 'zstd']);
    expect([...acceptedEncodings('br;q=0, gzip;q=0.5')]).toEqual(['gzip']);
    expect([...acceptedEncodings('*')].sort()).toEqual(['br', 'gzip']);
    expect([...acceptedEncodings('*, gzip;q=0')]).toEqual(['br']);
    expect([...acceptedEncodings(undefined)]).toEqual([]);
  });

  it('serves the precompressed copy the client accepts, identical once decoded, with Vary', async () => {
    const { root, bigJs } = fixture();
    const totals = await precompress(root);
    expect(totals.files).toBe(2); // the 20 kB script and the page; small files are left alone
    expect(totals.br).toBeLessThan(totals.raw / 4);
    const r = await serve(root);
    const path = '/_app/immutable/app.def456.js';
    const get = (encoding?: string) =>
      new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((done, fail) => {
        void import('node:http').then(({ get: httpGet }) =>
          httpGet(`${r.relay.url}${path}`, { headers: encoding ? { 'accept-encoding': encoding } : {} }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
          }).on('error', fail)
        );
      });
    const brotli = await get('gzip, deflate, br');
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers.vary).toBe('Accept-Encoding');
    expect(Number(brotli.headers['content-length'])).toBe(brotli.body.length);
    expect(brotliDecompressSync(brotli.body).toString()).toBe(bigJs);
    const gzip = await get('gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(bigJs);
    const plain = await get();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(bigJs);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // Each representation has its own strong ETag.
    expect(new Set([brotli.headers.etag, gzip.headers.etag, plain.headers.etag]).size).toBe(3);
    // The page is compressed too, and keeps its CSP.
    const page = await http(r.relay.url, '/', { headers: { 'accept-encoding': 'br' } });
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['content-security-policy']).toContain(sha(BOOT));
  });

  it('a stale precompressed copy (older than its source) is never served', async () => {
    const { root } = fixture();
    await precompress(root);
    await new Promise((r) => setTimeout(r, 20));
    writeFileSync(join(root, 'index.html'), '<!doctype html><p>rebuilt without precompression</p>');
    const r = await serve(root);
    const res = await http(r.relay.url, '/', { headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toContain('rebuilt without precompression');
  });

  it('revalidated files carry ETag and Last-Modified and answer 304 when unchanged', async () => {
    const { root } = fixture();
    const r = await serve(root);
    for (const path of ['/', '/icons/icon.svg']) {
      const first = await http(r.relay.url, path);
      expect(first.headers['cache-control']).toBe('no-cache');
      const etag = String(first.headers.etag);
      expect(etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
      expect(first.headers['last-modified']).toBeTruthy();
      const again = await http(r.relay.url, path, { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers.etag).toBe(etag);
      const since = await http(r.relay.url, path, { headers: { 'if-modified-since': String(first.headers['last-modified']) } });
      expect(since.status).toBe(304);
      const other = await http(r.relay.url, path, { headers: { 'if-none-match': '"0-0"' } });
      expect(other.status).toBe(200);
    }
  });

  it('the service worker never precaches the .br/.gz copies', async () => {
    const { root } = fixture();
    await precompress(root);
    await buildServiceWorker(root);
    const sw = readFileSync(join(root, 'sw.js'), 'utf8');
    expect(sw).toContain('app.def456.js');
    expect(sw).not.toMatch(/\.(br|gz)["']/);
    removeDir(join(root, '..'));
  }, 60_000);
});
