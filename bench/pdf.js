// PDF benchmark: in a page of the built app with a workspace, the time to generate an invoice
// PDF of 1, 20 and 60 lines once everything is loaded (median of BENCH_PDF_RUNS runs after a
// warm-up), the first (cold) generation, and the size of what a PDF loads lazily: the JS
// chunks and the font files. Also checks that no chunk of the first page holds jsPDF.
// Budget: a 60-line invoice in ≤ 100 ms warm.
//
//   export async function benchPdf(browser, baseUrl) → JSON-able object (wired into run.js)
//   node bench/pdf.js   (after `npm run build`) → prints that object alone
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const buildDir = resolve(here, '..', 'build');
const BUDGET_MS = 100;
const LINES = [1, 20, 60];
const RUNS = Math.max(10, Number(process.env.BENCH_PDF_RUNS ?? 15));
const WARMUP = 3;
const JSPDF_MARKER = /addFileToVFS|jsPDF/;

const log = (...args) => console.error('[bench pdf]', ...args);
const r1 = (x) => Math.round(x * 10) / 10;
function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return { median: r1(s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2), min: r1(s[0]), max: r1(s[s.length - 1]), runs: s.length };
}

/** Size on disk and gzipped of a file of the build, by its URL. */
function fileSize(url) {
  const path = join(buildDir, decodeURIComponent(new URL(url).pathname));
  if (!existsSync(path)) return { file: new URL(url).pathname, bytes: null, gzip: null };
  const data = readFileSync(path);
  return { file: new URL(url).pathname, bytes: data.length, gzip: gzipSync(data).length };
}

const isJs = (url) => new URL(url).pathname.endsWith('.js');
const isFont = (url) => new URL(url).pathname.startsWith('/fonts/');

async function passSetup(page) {
  await page.getByTestId('company-name').fill('Atelier Dupont');
  await page.getByTestId('company-siret').fill('73282932000074');
  await page.getByTestId('company-vat').fill('FR44732829320');
  await page.getByTestId('company-address-line1').fill('12 rue des Lilas');
  await page.getByTestId('company-address-postalCode').fill('69003');
  await page.getByTestId('company-address-city').fill('Lyon');
  await page.getByTestId('company-iban').fill('FR76 3000 6000 0112 3456 7890 189');
  await page.getByTestId('device-name').fill('Banc d’essai PDF');
  await page.getByTestId('setup-submit').click();
  await page.locator('nav.nav').waitFor({ timeout: 30_000 });
}

export async function benchPdf(browser, baseUrl) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  try {
    // A workspace, then a fresh load of the first page: what it loads must not include jsPDF.
    await page.goto(`${baseUrl}/`);
    const first = await page.waitForSelector('[data-testid="company-name"], nav.nav', { timeout: 60_000 });
    if ((await first.getAttribute('data-testid')) === 'company-name') await passSetup(page);
    requests.length = 0;
    await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
    const initialJs = [...new Set(requests.filter(isJs))];
    const initialWithJspdf = initialJs.filter((url) => {
      const { file } = fileSize(url);
      const path = join(buildDir, file);
      return existsSync(path) && JSPDF_MARKER.test(readFileSync(path, 'utf8'));
    });

    await page.goto(`${baseUrl}/bench-pdf`, { waitUntil: 'networkidle' });
    await page.getByTestId('bench-pdf').filter({ hasText: 'ready' }).waitFor({ timeout: 30_000 });
    requests.length = 0;
    log('first (cold) PDF: loads the module and the fonts');
    const cold = await page.evaluate(() => window.__relanceBenchPdf([60], 1, 0));
    const lazy = [...new Set(requests)];
    const lazyJs = lazy.filter(isJs).map(fileSize);
    const fonts = lazy.filter(isFont).map(fileSize);

    log(`warm: ${LINES.join(', ')} lines × ${RUNS} runs after ${WARMUP} warm-up runs`);
    const warm = await page.evaluate(([lines, runs, warmup]) => window.__relanceBenchPdf(lines, runs, warmup), [LINES, RUNS, WARMUP]);
    const byLines = Object.fromEntries(warm.map((w) => [w.lines, { ...stats(w.runs), pdfBytes: w.bytes }]));
    const sum = (xs, key) => xs.reduce((s, x) => s + (x[key] ?? 0), 0);
    const result = {
      budgetMs: BUDGET_MS,
      warmMs: byLines,
      withinBudget: byLines[60].median <= BUDGET_MS,
      coldFirstPdfMs: r1(cold[0].runs[0]),
      lazyChunks: lazyJs,
      lazyJsBytes: sum(lazyJs, 'bytes'),
      lazyJsGzip: sum(lazyJs, 'gzip'),
      fonts,
      fontBytes: sum(fonts, 'bytes'),
      fontGzip: sum(fonts, 'gzip'),
      firstPageJsFiles: initialJs.length,
      firstPageHasJspdf: initialWithJspdf.length > 0,
      errors
    };
    log(`60 lines: median ${byLines[60].median} ms (budget ${BUDGET_MS} ms) — lazy JS ${result.lazyJsGzip} B gzip, fonts ${result.fontGzip} B gzip`);
    return result;
  } finally {
    await context.close();
  }
}

// Standalone: serve build/, launch Chromium, print the result.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { chromium } = await import('playwright-core');
  const { serveBuild } = await import('./server.js');
  const executablePath = process.env.CHROMIUM_PATH || process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const server = await serveBuild(buildDir);
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    console.log(JSON.stringify({ pdf: await benchPdf(browser, server.url) }, null, 2));
  } catch (e) {
    console.error(e);
    process.exitCode = 1;
  } finally {
    await browser.close();
    await server.close();
  }
}
