// Injected into every page before the app's own scripts (context.addInitScript). Times are
// performance.now(), i.e. milliseconds since this document's navigation started.
// Records: when the first real row is in the DOM (a documents-list row, or a client to chase on
// « Aujourd'hui »), when the "still loading" banner
// (the Y.Doc being loaded behind the first screen) goes away, each IndexedDB read, each large
// JSON.parse, and the long tasks of the main thread.
export function probe() {
  if (window.__bench) return;
  /** @type {any} */
  const b = {
    firstRowAt: null,
    /** Whether the first row was the first paint's (src/app.html), and when the app showed its own. */
    fromFirstPaint: false,
    firstRowFrameAt: null,
    appRowAt: null,
    bannerAtFirstRow: null,
    loadingSeenAt: null,
    fullyLoadedAt: null,
    heapAtFirstRow: null,
    heapAtStart: performance.memory ? performance.memory.usedJSHeapSize : null,
    idb: [],
    parses: [],
    longTasks: []
  };
  window.__bench = b;
  let resolveDone;
  window.__benchDone = new Promise((resolve) => (resolveDone = resolve));

  const wrap = (name) => {
    const original = IDBObjectStore.prototype[name];
    IDBObjectStore.prototype[name] = function (...args) {
      const t0 = performance.now();
      const request = original.apply(this, args);
      const store = this.name;
      request.addEventListener('success', () => {
        const r = request.result;
        let bytes = 0;
        const size = (x) => (typeof x === 'string' ? x.length : x && typeof x.byteLength === 'number' ? x.byteLength : 0);
        if (Array.isArray(r)) for (const x of r) bytes += size(x);
        else bytes = size(r);
        b.idb.push({ op: name, store, t0, t1: performance.now(), bytes, rows: Array.isArray(r) ? r.length : r === undefined ? 0 : 1 });
      });
      return request;
    };
  };
  wrap('get');
  wrap('getAll');

  const parse = JSON.parse;
  JSON.parse = function (text, reviver) {
    if (typeof text !== 'string' || text.length < 100_000) return parse(text, reviver);
    const t0 = performance.now();
    const out = parse(text, reviver);
    b.parses.push({ t0, t1: performance.now(), chars: text.length });
    return out;
  };

  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longTasks.push({ start: Math.round(e.startTime), duration: Math.round(e.duration) });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    /* no long task API */
  }

  // Under the CPU profiler: a recognisable 3 ms of work when the first row shows, to split the
  // profile into "before the first row" and "after".
  function __benchFirstRowMarker() {
    const until = performance.now() + 3;
    while (performance.now() < until);
  }

  const ROW = '[data-testid="doc-row"], [data-testid="chase-item"]';
  const check = () => {
    // The first paint (src/app.html) shows rows before the app runs (never its loading banner); the app's own come after.
    const loading = document.querySelector('main p.loading');
    const t = performance.now();
    if (loading && b.loadingSeenAt === null) b.loadingSeenAt = t;
    if (b.firstRowAt === null && document.querySelector(ROW)) {
      b.firstRowAt = t;
      b.fromFirstPaint = Boolean(document.querySelector('#relance-first-paint'));
      // In the DOM is not on screen: the frame that draws it starts with this callback (later when a task holds the thread).
      requestAnimationFrame(() => (b.firstRowFrameAt = performance.now()));
      if (window.__benchMark) __benchFirstRowMarker();
    }
    if (b.appRowAt === null && [...document.querySelectorAll(ROW)].some((row) => !row.closest('#relance-first-paint'))) {
      b.appRowAt = t;
      b.bannerAtFirstRow = Boolean(loading);
      b.heapAtFirstRow = performance.memory ? performance.memory.usedJSHeapSize : null;
      // No banner with the first rows: the Y.Doc was already loaded (no first screen was used).
      if (!loading) b.fullyLoadedAt = t;
    }
    if (b.fullyLoadedAt === null && b.appRowAt !== null && b.loadingSeenAt !== null && !loading) b.fullyLoadedAt = t;
    if (b.fullyLoadedAt !== null) {
      observer.disconnect();
      resolveDone(true);
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
}
