// PDF benchmark: the time to generate an invoice PDF of 1, 20 and 60 lines once everything is
// loaded (median of BENCH_PDF_RUNS runs after a warm-up), the first (cold) generation, and the
// size of what a PDF loads lazily: the JS chunks and the font files. Also checks that no chunk of
// the first page holds jsPDF. Budget: a 60-line invoice in ≤ 100 ms warm. Invoices are Factur-X
// since issue 10 (the PDF/A-3 with its CII XML inside, all made by `documentPdf`): the same warm
// runs are the Factur-X time, budget ≤ 200 ms; each run's file must hold factur-x.xml.
//
// What runs is the app's own build (build/), with nothing added to it for the benchmark: in a
// page of the app (its first page, with a workspace) the PDF chunk that the app itself imports
// lazily is imported by its URL, found in vite's manifest of that build
// (.svelte-kit/output/client/.vite/manifest.json: the dynamic entry of src/lib/pdf/index.ts, a
// dynamic entry keeps its export names, so `documentPdf` is called as the app calls it). So the
// chunks, fonts and code timed are byte for byte the ones a user downloads, and the chunks
// fetched are those missing from the first page, which is where a user comes from. Driving the
// « Télécharger » button instead would time the UI too and need invoices of 1, 20 and 60 lines
// typed in; a page built apart from bench/ would time and weigh other chunks than the app's.
// The invoices rendered are src/lib/pdf/sample.ts (as the renderer tests), bundled for Node by
// bench/pdf-entry.ts and handed to the page as plain data.
//
//   export async function benchPdf(browser, baseUrl) → JSON-able object (wired into run.js)
//   node bench/pdf.js   (after `npm run build`) → prints that object alone
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { importBundled } from './bundle.js';

const here = dirname(fileURLToPath(import.meta.url));
const buildDir = resolve(here, '..', 'build');
const manifestFile = resolve(here, '..', '.svelte-kit', 'output', 'client', '.vite', 'manifest.json');
const PDF_MODULE = 'src/lib/pdf/index.ts';
const BUDGET_MS = 100;
const FACTURX_BUDGET_MS = 200;
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

/**
 * The app's lazily loaded PDF chunk in build/: its URL path and the chunks it imports (the
 * ones the app's import() preloads). Refuses when the manifest is not that of build/ or when
 * the app no longer loads the module lazily.
 */
function pdfChunk() {
  if (!existsSync(manifestFile)) throw new Error(`${manifestFile} is missing: run \`npm run build\` first`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const entry = manifest[PDF_MODULE];
  if (!entry?.isDynamicEntry) throw new Error(`${PDF_MODULE} is not a lazily loaded chunk of the build`);
  if (!Object.values(manifest).some((c) => c.dynamicImports?.includes(PDF_MODULE))) throw new Error(`no chunk of the app imports ${PDF_MODULE}`);
  // File names carry a hash of their content: present in build/ means the same file.
  if (!existsSync(join(buildDir, entry.file))) throw new Error(`${entry.file} is not in build/: the manifest is from another build, run \`npm run build\``);
  const imports = new Set();
  const visit = (key) => {
    for (const dep of manifest[key].imports ?? []) if (!imports.has(dep)) imports.add(dep) && visit(dep);
  };
  visit(PDF_MODULE);
  return { file: `/${entry.file}`, imports: [...imports].map((key) => `/${manifest[key].file}`) };
}

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
  const chunk = pdfChunk();
  // The sample invoices, made before any timing (bundling them takes a vite build).
  const { module, dispose } = await importBundled('bench/pdf-entry.ts');
  let samples;
  try {
    samples = module.sampleRequests(LINES);
  } finally {
    dispose();
  }
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

    log('first (cold) PDF: imports the module, loads the fonts');
    requests.length = 0;
    const cold = await page.evaluate(async ({ chunk, sample }) => {
      // As the app's import() does (vite's preload helper): the chunk's imports are preloaded.
      for (const href of [chunk.file, ...chunk.imports]) {
        if (document.querySelector(`link[href="${href}"]`)) continue;
        const link = document.createElement('link');
        link.rel = 'modulepreload';
        link.href = href;
        document.head.append(link);
      }
      const t0 = performance.now();
      const pdf = await import(chunk.file);
      const t1 = performance.now();
      if (typeof pdf.documentPdf !== 'function') throw new Error(`${chunk.file} exports no documentPdf`);
      await pdf.documentPdf(sample.req);
      return { importMs: t1 - t0, firstPdfMs: performance.now() - t1 };
    }, { chunk, sample: samples.find((s) => s.lines === 60) });
    const lazy = [...new Set(requests)];
    const lazyJs = lazy.filter(isJs).map(fileSize);
    const fonts = lazy.filter(isFont).map(fileSize);

    log(`warm: ${LINES.join(', ')} lines × ${RUNS} runs after ${WARMUP} warm-up runs`);
    const warm = await page.evaluate(
      async ({ file, samples, runs, warmup }) => {
        const pdf = await import(file); // the module already loaded: its fonts stay loaded
        const out = [];
        for (const { lines, req } of samples) {
          let bytes = 0;
          let facturx = false;
          const times = [];
          for (let i = 0; i < warmup + runs; i++) {
            const t0 = performance.now();
            const made = await pdf.documentPdf(req);
            const ms = performance.now() - t0;
            bytes = made.blob.size;
            if (i >= warmup) times.push(ms);
          }
          // The attachment's name is written in clear in the file (the catalog's /Names).
          const made = await pdf.documentPdf(req);
          facturx = new TextDecoder('latin1').decode(await made.blob.arrayBuffer()).includes('(factur-x.xml)');
          out.push({ lines, runs: times, bytes, facturx });
        }
        return out;
      },
      { file: chunk.file, samples, runs: RUNS, warmup: WARMUP }
    );
    const byLines = Object.fromEntries(warm.map((w) => [w.lines, { ...stats(w.runs), pdfBytes: w.bytes, facturx: w.facturx }]));
    const sum = (xs, key) => xs.reduce((s, x) => s + (x[key] ?? 0), 0);
    const result = {
      budgetMs: BUDGET_MS,
      warmMs: byLines,
      withinBudget: byLines[60].median <= BUDGET_MS,
      facturxBudgetMs: FACTURX_BUDGET_MS,
      facturxWithinBudget: byLines[60].facturx && byLines[60].median <= FACTURX_BUDGET_MS,
      coldImportMs: r1(cold.importMs),
      coldFirstPdfMs: r1(cold.firstPdfMs),
      pdfChunk: chunk.file,
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
