// `npm run bench` (after the build): generates realistic workspaces through the real store code
// in headless Chromium (the /demo page) and measures the cold open of the documents list; then
// PDF generation (bench/pdf.js), precache and first-load JS (bench/pwa.js), the « À relancer »
// list (bench/chase.js) and the relay (bench/relay.js). Prints ONE JSON object on stdout, with
// `budgets` summing up every budget against what was measured; progress goes to stderr. Exit 0
// even when a budget is missed (a report, not a gate); exit 1 on a real failure.
//
// Environment: CHROMIUM_PATH / PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH (browser), BENCH_RUNS (cold
// opens per size, default 5), BENCH_SIZES (invoice counts, default "1000,10000,50000": a year of a small
// business, five years of a plumber, an agency's decade),
// BENCH_PROFILE=0 to skip the CPU profile of the largest size, BENCH_THROTTLE_RUNS (cold opens
// with the CPU throttled 4×, default 3; 0 skips them), BENCH_SEED (default 1),
// BENCH_CPUPROFILE=<file> to save that profile (opens in Chrome DevTools → Performance),
// BENCH_ONLY=coldopen,pdf,pwa,chase,dashboard,recurring,relay,firstsync to run some parts only (default: all of them).
// The profile is mapped to source functions when build/ has source maps:
//   npx vite build --sourcemap && node bench/run.js
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveBuild } from './server.js';
import { probe } from './probe.js';
import { makeMapper, summarise } from './profile.js';
import { benchPdf } from './pdf.js';
import { benchPwa } from './pwa.js';
import { benchChase } from './chase.js';
import { benchRecurring } from './recurring.js';
import { benchDashboard } from './dashboard.js';
import { benchRelay } from './relay.js';
import { benchFirstSync } from './firstsync.js';

const here = dirname(fileURLToPath(import.meta.url));
const buildDir = resolve(process.env.BENCH_BUILD_DIR ?? resolve(here, '..', 'build'));
/** Issue 12's budgets for the cold open, by workspace size (invoices). */
const OPEN_BUDGETS = {
  10_000: { firstRowMs: 200, fullyLoadedMs: 600, heapMB: 60, throttledFirstRowMs: 800 },
  50_000: { firstRowMs: 250, fullyLoadedMs: 1000, heapMB: 150, throttledFirstRowMs: null }
};
/** No main-thread task longer than this during an open. */
const LONGEST_TASK_MS = 50;
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
const SEED = Number(process.env.BENCH_SEED ?? 1);
const ONLY = new Set((process.env.BENCH_ONLY ?? 'coldopen,pdf,pwa,chase,dashboard,recurring,relay,firstsync').split(',').map((s) => s.trim()));
const PROFILE = process.env.BENCH_PROFILE !== '0';
const THROTTLE_RUNS = Math.max(0, Number(process.env.BENCH_THROTTLE_RUNS ?? 3));
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,50000')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => n > 0)
  .map((invoices) => ({ invoices, clients: Math.max(1, Math.round(invoices / 10)), payments: Math.round(invoices * 1.2), events: invoices * 2 }));

const t0 = Date.now();
const log = (...args) => console.error(`[bench ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...args);
const MB = (bytes) => (bytes == null ? null : Math.round((bytes / 1048576) * 10) / 10);
const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const r1 = (x) => (x == null ? null : Math.round(x * 10) / 10);

function hasMaps(dir) {
  try {
    return readdirSync(join(dir, '_app', 'immutable', 'chunks')).some((f) => f.endsWith('.js.map'));
  } catch {
    return false;
  }
}

function executablePath() {
  const env = process.env.CHROMIUM_PATH || process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH;
  if (env) return env;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

/** The /demo page renders inside the app only once a workspace exists: create one if asked. */
async function passSetup(page) {
  await page.getByTestId('company-name').fill('Atelier Dupont');
  await page.getByTestId('company-siret').fill('73282932000074');
  await page.getByTestId('company-vat').fill('FR44732829320').catch(() => {});
  await page.getByTestId('company-address-line1').fill('12 rue des Lilas');
  await page.getByTestId('company-address-postalCode').fill('69003');
  await page.getByTestId('company-address-city').fill('Lyon');
  await page.getByTestId('company-iban').fill('FR76 3000 6000 0112 3456 7890 189').catch(() => {});
  await page.getByTestId('device-name').fill('Banc d’essai');
  await page.getByTestId('setup-submit').click();
  await page.locator('nav.nav').waitFor({ timeout: 30_000 });
}

async function generate(context, base, size) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // A plumber's 2 000 invoices a year: 10 000 are 5 years; 50 000, an agency's decade (issue 12).
  const years = Math.min(10, Math.max(2, Math.round(size.invoices / 2000)));
  const qs = new URLSearchParams({ invoices: size.invoices, clients: size.clients, payments: size.payments, events: size.events, seed: SEED, years });
  const url = `${base}/demo?${qs}`;
  const started = Date.now();
  const outcome = '[data-testid="demo-result"], [data-testid="demo-error"]';
  for (let attempt = 0; attempt < 2; attempt++) {
    await page.goto(url);
    const first = await page.waitForSelector(`${outcome}, [data-testid="demo-progress"], [data-testid="company-name"]`, { timeout: 60_000 });
    if ((await first.getAttribute('data-testid')) !== 'company-name') break;
    if (attempt) throw new Error('the first-run setup did not create a workspace');
    log('no workspace yet: going through the first-run setup so that /demo renders');
    await passSetup(page);
    log('  setup done');
  }
  log('  generating…');
  let last = '';
  const timer = setInterval(async () => {
    const text = await page.locator('[data-testid="demo-progress"]').textContent({ timeout: 500 }).catch(() => null);
    if (text && text !== last) log(`  ${size.invoices}: ${(last = text.trim())}`);
  }, 2000);
  try {
    // Writing 50 000 invoices to IndexedDB takes minutes on a small machine.
    await page.waitForSelector(outcome, { timeout: Math.max(280_000, size.invoices * 30) });
  } finally {
    clearInterval(timer);
  }
  const error = await page.evaluate(() => document.querySelector('[data-testid="demo-error"]')?.textContent ?? null);
  if (error) throw new Error(`demo generation failed: ${error} ${errors.join(' ')}`);
  const result = JSON.parse(await page.locator('[data-testid="demo-result"]').textContent());
  log(`  generated in ${((Date.now() - started) / 1000).toFixed(1)} s (page says ${result.totalMs} ms)`);
  await leave(page);
  return result;
}

/**
 * Closes a page and collects its garbage. Pages of one site share a renderer process and its JS
 * heap: the next cold open would otherwise start by collecting this page's hundreds of megabytes
 * (a 0.15-1 s pause in its first second that no real launch of the app has). The page first goes
 * to a plain text page of the same site — one the service worker leaves to the network (its
 * NETWORK_ONLY paths), so the app does not start again — to stay in the same process.
 */
async function leave(page) {
  const cdp = await page.context().newCDPSession(page);
  if (page.url().startsWith('http')) await page.goto(new URL('/healthz/bench-leave.txt', page.url()).href).catch(() => {});
  await cdp.send('HeapProfiler.collectGarbage').catch(() => {});
  await cdp.detach().catch(() => {});
  await page.close();
}

/**
 * One cold open: a new page (same context, IndexedDB kept) straight to `path` (/documents: its
 * first row; /: « Aujourd'hui », its first client to chase). `throttle`: Chromium's CPU slowed
 * that many times (CDP Emulation.setCPUThrottlingRate, as mobile audits do for mid-range phones).
 */
async function coldOpen(context, base, { profile = false, path = '/documents', throttle = 1 } = {}) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const cdp = await context.newCDPSession(page);
  if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  if (profile) {
    await page.addInitScript(() => (window.__benchMark = true));
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
    await cdp.send('Profiler.start');
  }
  // BENCH_TRACE=file.json: a Chromium trace of each cold open of Documents (the last one kept), to
  // see what the main thread and the garbage collector do until the workspace is editable.
  if (process.env.BENCH_TRACE && !profile && path === '/documents') await context.browser().startTracing(page, { path: process.env.BENCH_TRACE, categories: ['devtools.timeline', 'v8', 'disabled-by-default-v8.gc', 'blink.user_timing'] });
  await page.goto(`${base}${path}`, { waitUntil: 'commit' });
  const done = await Promise.race([
    page.evaluate(() => window.__benchDone),
    new Promise((resolve) => setTimeout(() => resolve(false), 120_000))
  ]);
  if (!done) throw new Error(`${path} never finished loading ${errors.join(' ')}`);
  if (process.env.BENCH_TRACE && !profile && path === '/documents') await context.browser().stopTracing();
  if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  // The heap of the editable workspace (its live document), after a GC.
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const heapAtReady = await cdp.send('Runtime.getHeapUsage');
  // Then the closed years' archives, loaded behind it (store/archives.ts): when the last one is in.
  const completeAt = await page
    .waitForFunction(() => performance.getEntriesByName('relance:complete')[0]?.startTime ?? null, null, { timeout: 120_000, polling: 20 })
    .then((h) => h.jsonValue(), () => null);
  // The profile runs through the archives' loading too: its long tasks count as the open's.
  let cpuProfile = null;
  if (profile) cpuProfile = (await cdp.send('Profiler.stop')).profile;
  // Let the page settle (pending IndexedDB writes, timers), then measure memory after a GC.
  // Four seconds, as a person stays on the page at least: what it saves a moment after a change
  // or a visit (the first screen and the page's first paint, 1.5 s later) is saved.
  await page.waitForTimeout(4000);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const data = await page.evaluate(async () => {
    const nav = /** @type {PerformanceNavigationTiming} */ (performance.getEntriesByType('navigation')[0]);
    const scripts = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.js'));
    const estimate = navigator.storage?.estimate ? await navigator.storage.estimate() : null;
    const fcp = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint');
    return {
      bench: window.__bench,
      responseEnd: nav ? nav.responseEnd : null,
      domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
      firstContentfulPaint: fcp ? fcp.startTime : null,
      scriptsLoadedAt: scripts.length ? Math.max(...scripts.map((e) => e.responseEnd)) : null,
      scriptBytes: scripts.reduce((n, e) => n + (e.encodedBodySize || 0), 0),
      storage: estimate ? { usage: estimate.usage, usageDetails: estimate.usageDetails ?? null } : null,
      rowsInDom: document.querySelectorAll('[data-testid="doc-row"]').length,
      countText: document.querySelector('[data-testid="doc-count"]')?.textContent ?? null,
      // The first paints saved when leaving (store/firstPaint.ts): what the next opening can show at once.
      savedPaints: Object.keys(localStorage).filter((k) => k.startsWith('relance.firstPaint:'))
    };
  });
  await cdp.detach().catch(() => {});
  await leave(page);
  const b = data.bench;
  // Phases of the open (see src/lib/store/workspace.svelte.ts, firstScreen.ts and persistence.ts).
  const screenRead = b.idb.find((x) => x.store === 'custom' && x.op === 'get');
  const updates = b.idb.find((x) => x.store === 'updates' && x.op === 'getAll');
  const phases = {
    htmlResponseEndAt: r1(data.responseEnd),
    scriptsLoadedAt: r1(data.scriptsLoadedAt),
    domContentLoadedAt: r1(data.domContentLoaded),
    firstContentfulPaintAt: r1(data.firstContentfulPaint),
    firstScreenReadStartAt: r1(screenRead?.t0),
    firstScreenReadMs: screenRead ? r1(screenRead.t1 - screenRead.t0) : null,
    firstScreenChars: screenRead?.bytes ?? null,
    firstScreenToFirstRowMs: screenRead ? r1(b.firstRowAt - screenRead.t1) : null,
    largeParses: b.parses.map((p) => ({ ms: r1(p.t1 - p.t0), chars: p.chars })),
    updatesReadStartAt: r1(updates?.t0),
    updatesReadMs: updates ? r1(updates.t1 - updates.t0) : null,
    updatesRows: updates?.rows ?? null,
    updatesBytes: updates?.bytes ?? null,
    // From the Yjs updates being in memory to the "loading" banner gone: every slice of the log
    // applied, the records decoded in slices, and Svelte's update.
    updatesToReadyMs: updates && b.fullyLoadedAt ? r1(b.fullyLoadedAt - updates.t1) : null,
    longTasks: b.longTasks
  };
  return {
    firstRowMs: r1(b.firstRowAt),
    // Whether that first row was the saved first paint's (src/app.html), and when the app's code showed its own.
    fromFirstPaint: b.fromFirstPaint,
    // The frame that drew it (the row is in the DOM at firstRowMs).
    firstRowFrameMs: r1(b.firstRowFrameAt),
    appFirstRowMs: r1(b.appRowAt),
    fullyLoadedMs: r1(b.fullyLoadedAt),
    beforeLoaded: b.bannerAtFirstRow,
    // Every archive loaded (null: never, within 2 min).
    completeMs: r1(completeAt),
    heapUsedBytes: heap.usedSize,
    heapAtReadyBytes: heapAtReady.usedSize,
    heapAtFirstRowBytes: b.heapAtFirstRow,
    // What the page's heap held before the app's code ran: about 2 MB when it starts clean.
    heapAtStartBytes: b.heapAtStart ?? null,
    idbBytes: data.storage?.usage ?? null,
    idbDetails: data.storage?.usageDetails ?? null,
    rowsInDom: data.rowsInDom,
    countText: data.countText,
    savedPaints: data.savedPaints,
    scriptBytes: data.scriptBytes,
    phases,
    errors,
    cpuProfile
  };
}

/** Every budget the issues name, with what was measured: one place to read them all. */
function budgetSummary(r) {
  const row = (budget, value, unit) => ({ budget, value, unit, met: value == null ? null : value <= budget });
  const open = {};
  for (const [invoices, b] of Object.entries(OPEN_BUDGETS)) {
    const size = r.sizes.find((x) => x.invoices === Number(invoices));
    if (!size) continue;
    const k = `${Number(invoices) / 1000}k`;
    open[`coldOpen${k}FirstRowMs`] = row(b.firstRowMs, size.coldOpenMs.median, 'ms');
    open[`coldOpen${k}TodayFirstRowMs`] = row(b.firstRowMs, size.todayFirstRowMs.median, 'ms');
    open[`coldOpen${k}FullyLoadedMs`] = row(b.fullyLoadedMs, size.fullyLoadedMs.median, 'ms');
    open[`coldOpen${k}LongestTaskMs`] = row(LONGEST_TASK_MS, size.longestTaskMs, 'ms');
    // Measured once every archive is loaded too (the heap of the editable live workspace alone: heapAtReadyMB).
    open[`coldOpen${k}HeapMB`] = row(b.heapMB, size.heapMB, 'MB');
    if (b.throttledFirstRowMs && size.throttled4x) open[`coldOpen${k}Throttled4xFirstRowMs`] = row(b.throttledFirstRowMs, size.throttled4x.firstRowMs.median, 'ms');
  }
  return {
    ...open,
    pdf60LinesWarmMs: r.pdf ? row(r.pdf.budgetMs, r.pdf.warmMs[60]?.median ?? null, 'ms') : undefined,
    facturx60LinesWarmMs: r.pdf ? row(r.pdf.facturxBudgetMs, r.pdf.warmMs[60]?.facturx ? r.pdf.warmMs[60].median : null, 'ms') : undefined,
    firstLoadJsGzipKB: r.pwa ? row(r.pwa.firstLoadJs.budgetKB, r.pwa.firstLoadJs.gzipKB, 'kB') : undefined,
    chaseFullRecomputeMs: r.chase ? row(r.chase.budgets.fullMs, r.chase.fullFromIndexedMs.median, 'ms') : undefined,
    chaseIncrementalMs: r.chase ? row(r.chase.budgets.incrementalMs, r.chase.incrementalRecomputeMs.median, 'ms') : undefined,
    dashboardMs: r.dashboard ? row(r.dashboard.budgets.dashboardMs, r.dashboard.dashboardMs.median, 'ms') : undefined,
    dashboardAfterOneChangeMs: r.dashboard ? row(r.dashboard.budgets.afterOneChangeMs, r.dashboard.afterOneChangeMs.median, 'ms') : undefined,
    relayFanoutP95Ms: r.relay ? row(r.relay.budgets.fanoutP95Ms.budget, r.relay.budgets.fanoutP95Ms.value, 'ms') : undefined,
    relayIdleWorkspaceMB: r.relay ? row(r.relay.budgets.idleWorkspaceMB.budget, r.relay.budgets.idleWorkspaceMB.value, 'MB') : undefined,
    relayCatchUpMs: r.relay ? row(r.relay.budgets.catchUpMs.budget, r.relay.budgets.catchUpMs.value, 'ms') : undefined
  };
}

async function main() {
  if (!existsSync(join(buildDir, 'index.html'))) throw new Error('build/index.html is missing: run `vite build` first');
  const server = await serveBuild(buildDir);
  log(`serving ${buildDir} at ${server.url}`);
  const browser = await chromium.launch({
    executablePath: executablePath(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--enable-precise-memory-info']
  });
  const report = {
    node: process.version,
    chromium: browser.version(),
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? null,
    memoryGB: Math.round((totalmem() / 1073741824) * 10) / 10,
    runsPerSize: RUNS,
    seed: SEED,
    sizes: []
  };
  try {
    for (const size of ONLY.has('coldopen') ? SIZES : []) {
      log(`— ${size.invoices} invoices, ${size.clients} clients, ${size.payments} payments, ${size.events} events`);
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
      try {
        await context.addInitScript(probe);
        const demo = await generate(context, server.url, size);
        const runs = [];
        for (let i = 0; i < RUNS; i++) {
          const run = await coldOpen(context, server.url);
          log(`  cold open ${i + 1}/${RUNS}: first row ${run.firstRowMs} ms (drawn ${run.firstRowFrameMs})${run.fromFirstPaint ? ` (first paint; the app's ${run.appFirstRowMs} ms)` : ''}, editable ${run.fullyLoadedMs} ms (heap ${MB(run.heapAtReadyBytes)} MB), archives loaded ${run.completeMs} ms, heap ${MB(run.heapUsedBytes)} MB, first paints saved: ${run.savedPaints}`);
          if (run.errors.length) log(`  page errors: ${run.errors.join(' | ')}`);
          runs.push(run);
        }
        const today = [];
        for (let i = 0; i < RUNS; i++) {
          const run = await coldOpen(context, server.url, { path: '/' });
          log(`  cold open of « Aujourd'hui » ${i + 1}/${RUNS}: first client to chase ${run.firstRowMs} ms (drawn ${run.firstRowFrameMs})${run.fromFirstPaint ? ` (first paint; the app's ${run.appFirstRowMs} ms)` : ''}, heap ${MB(run.heapUsedBytes)} MB, first paints saved: ${run.savedPaints}`);
          today.push(run);
        }
        const throttled = [];
        for (let i = 0; i < THROTTLE_RUNS; i++) {
          const run = await coldOpen(context, server.url, { throttle: 4 });
          log(`  cold open, CPU throttled 4× ${i + 1}/${THROTTLE_RUNS}: first row ${run.firstRowMs} ms${run.fromFirstPaint ? ` (first paint; the app's ${run.appFirstRowMs} ms)` : ''}, fully loaded ${run.fullyLoadedMs} ms`);
          throttled.push(run);
        }
        let profile = null;
        if (PROFILE && size === SIZES[SIZES.length - 1]) {
          const run = await coldOpen(context, server.url, { profile: true });
          profile = {
            note: 'one extra cold open under the CPU profiler (slower than the runs above); self time in ms' +
              (hasMaps(buildDir) ? '' : '; build without source maps: run `npx vite build --sourcemap && node bench/run.js` to see source functions'),
            firstRowMs: run.firstRowMs,
            fullyLoadedMs: run.fullyLoadedMs,
            longTasks: run.phases.longTasks,
            ...summarise(run.cpuProfile, makeMapper(buildDir, server.url))
          };
          if (process.env.BENCH_CPUPROFILE) writeFileSync(process.env.BENCH_CPUPROFILE, JSON.stringify(run.cpuProfile));
        }
        const last = runs[runs.length - 1];
        const medianPhases = {};
        for (const key of Object.keys(last.phases)) {
          if (key === 'longTasks') continue;
          medianPhases[key] = median(runs.map((r) => r.phases[key]));
        }
        report.sizes.push({
          invoices: demo.counts.invoices,
          clients: demo.counts.clients,
          payments: demo.counts.payments,
          events: demo.counts.events,
          documents: demo.counts.documents,
          quotes: demo.counts.quotes,
          creditNotes: demo.counts.creditNotes,
          drafts: demo.counts.drafts,
          lines: demo.counts.lines,
          encodedBytes: demo.encodedBytes,
          idbUpdates: demo.idbUpdates,
          idbUpdateBytes: demo.idbUpdateBytes,
          // Once the closed years are archived: the live document and each year's archive.
          liveEncodedBytes: demo.liveEncodedBytes,
          archives: demo.archives,
          generateMs: demo.totalMs,
          generateBreakdownMs: { generate: demo.generateMs, writeThroughStore: demo.writeMs, archive: demo.archiveMs, persist: demo.persistMs },
          coldOpenMs: { median: median(runs.map((r) => r.firstRowMs)), runs: runs.map((r) => r.firstRowMs) },
          // How many of the runs showed the first paint, and the app's own first row.
          firstPaintRuns: runs.filter((r) => r.fromFirstPaint).length,
          firstRowFrameMs: { median: median(runs.map((r) => r.firstRowFrameMs)), runs: runs.map((r) => r.firstRowFrameMs) },
          appFirstRowMs: { median: median(runs.map((r) => r.appFirstRowMs)), runs: runs.map((r) => r.appFirstRowMs) },
          fullyLoadedMs: { median: median(runs.map((r) => r.fullyLoadedMs)), runs: runs.map((r) => r.fullyLoadedMs) },
          openedBeforeLoaded: runs.every((r) => r.beforeLoaded),
          heapMB: median(runs.map((r) => MB(r.heapUsedBytes))),
          heapAtReadyMB: median(runs.map((r) => MB(r.heapAtReadyBytes))),
          completeMs: { median: median(runs.map((r) => r.completeMs)), runs: runs.map((r) => r.completeMs) },
          heapAtFirstRowMB: median(runs.map((r) => MB(r.heapAtFirstRowBytes))),
          heapAtStartMB: median(runs.map((r) => MB(r.heapAtStartBytes))),
          idbBytes: last.idbBytes,
          idbUsageDetails: last.idbDetails,
          rowsInDom: last.rowsInDom,
          savedPaints: last.savedPaints,
          countText: last.countText,
          scriptBytes: last.scriptBytes,
          phasesMedianMs: medianPhases,
          longTasksLastRun: last.phases.longTasks,
          // The longest main-thread task of any cold open (budget: none over 50 ms).
          longestTaskMs: Math.max(0, ...runs.flatMap((r) => r.phases.longTasks.map((t) => t.duration))),
          todayFirstRowMs: { median: median(today.map((r) => r.firstRowMs)), runs: today.map((r) => r.firstRowMs) },
          todayFirstPaintRuns: today.filter((r) => r.fromFirstPaint).length,
          todayFirstRowFrameMs: { median: median(today.map((r) => r.firstRowFrameMs)), runs: today.map((r) => r.firstRowFrameMs) },
          todayAppFirstRowMs: { median: median(today.map((r) => r.appFirstRowMs)), runs: today.map((r) => r.appFirstRowMs) },
          throttled4x: THROTTLE_RUNS
            ? {
                firstRowMs: { median: median(throttled.map((r) => r.firstRowMs)), runs: throttled.map((r) => r.firstRowMs) },
                appFirstRowMs: { median: median(throttled.map((r) => r.appFirstRowMs)), runs: throttled.map((r) => r.appFirstRowMs) },
                fullyLoadedMs: { median: median(throttled.map((r) => r.fullyLoadedMs)), runs: throttled.map((r) => r.fullyLoadedMs) }
              }
            : null,
          profile
        });
      } finally {
        await context.close();
      }
    }
    if (ONLY.has('pdf')) {
      log('— PDF generation');
      report.pdf = await benchPdf(browser, server.url);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  if (ONLY.has('pwa')) {
    log('— precache and first-load JS');
    report.pwa = await benchPwa(buildDir);
  }
  if (ONLY.has('chase')) {
    log('— « À relancer » list');
    report.chase = await benchChase();
  }
  if (ONLY.has('recurring')) {
    log('— recurring drafts prepared at open (after the first screen)');
    report.recurring = await benchRecurring();
  }
  if (ONLY.has('dashboard')) {
    log('— « Tableau de bord »');
    report.dashboard = await benchDashboard();
  }
  if (ONLY.has('relay')) {
    log('— relay fan-out, memory, catch-up (about a minute)');
    report.relay = await benchRelay();
  }
  if (ONLY.has('firstsync')) {
    log('— first sync of a large workspace through the relay and a plain y-websocket server (several minutes)');
    report.firstSync = await benchFirstSync();
  }
  report.budgets = budgetSummary(report);
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error('[bench] failed:', e?.stack ?? e);
    process.exit(1);
  }
);
