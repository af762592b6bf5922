// Summarises a Chromium CPU profile (CDP Profiler.stop) into where the main thread's time went:
// by area (Yjs, lib0, Svelte, store, domain, UI, JSON, GC…) and the top functions by self time.
// Positions in the built chunks are mapped back to sources when build/ holds source maps.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SourceMap } from 'node:module';

const AREAS = [
  ['node_modules/yjs/', 'yjs'],
  ['node_modules/lib0/', 'lib0'],
  ['node_modules/y-indexeddb/', 'y-indexeddb'],
  ['node_modules/svelte/', 'svelte runtime'],
  ['node_modules/@sveltejs/kit/', 'sveltekit'],
  ['node_modules/', 'other packages'],
  ['src/lib/store/', 'store'],
  ['src/lib/domain/', 'domain'],
  ['src/lib/i18n/', 'i18n'],
  ['src/lib/ui/', 'ui components'],
  ['src/routes/', 'routes']
];

function area(source) {
  for (const [prefix, name] of AREAS) if (source.includes(prefix)) return name;
  return 'app (unmapped)';
}

export function makeMapper(buildDir, baseUrl) {
  const maps = new Map();
  const mapOf = (url) => {
    if (maps.has(url)) return maps.get(url);
    let map = null;
    if (url.startsWith(baseUrl)) {
      const file = join(buildDir, new URL(url).pathname);
      if (existsSync(file + '.map')) {
        try {
          map = new SourceMap(JSON.parse(readFileSync(file + '.map', 'utf8')));
        } catch {
          map = null;
        }
      }
    }
    maps.set(url, map);
    return map;
  };
  return (frame) => {
    const { functionName, url, lineNumber, columnNumber } = frame;
    if (!url) {
      const name = functionName || '(anonymous native)';
      const native =
        name === '(garbage collector)' ? 'gc' : name === '(idle)' ? 'idle' : name === '(program)' ? 'program (browser work: parse, style, layout…)' : /^(parse|stringify)$/.test(name) ? 'JSON' : 'native';
      return { key: name, area: native, where: '' };
    }
    const map = mapOf(url);
    const chunk = url.replace(baseUrl, '');
    if (map) {
      const entry = map.findEntry(lineNumber, columnNumber);
      if (entry && entry.originalSource) {
        const source = entry.originalSource.replace(/^.*?(node_modules\/|src\/)/, '$1');
        const name = entry.name || functionName || '(anonymous)';
        return { key: `${name} ${source}:${entry.originalLine + 1}`, area: area(entry.originalSource), where: source };
      }
    }
    return { key: `${functionName || '(anonymous)'} ${chunk}:${lineNumber + 1}:${columnNumber + 1}`, area: `chunk ${chunk.split('/').pop()}`, where: chunk };
  };
}

const MARKER = '__benchFirstRowMarker';

/**
 * Self time per area and per function, in ms. When the profile holds the probe's first-row
 * marker, the summary is split into the part before the first row and the part after it.
 */
export function summarise(profile, mapFrame, { top = 15 } = {}) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const samples = [];
  let markerAt = null;
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    const node = byId.get(profile.samples[i]);
    if (!node) continue;
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (node.callFrame.functionName === MARKER) {
      markerAt ??= t;
      continue;
    }
    samples.push({ t, id: node.id, ms });
  }
  const round = (x) => Math.round(x * 10) / 10;
  const summary = (list) => {
    const areas = new Map();
    const functions = new Map();
    let total = 0;
    for (const { id, ms } of list) {
      const m = mapFrame(byId.get(id).callFrame);
      total += ms;
      areas.set(m.area, (areas.get(m.area) ?? 0) + ms);
      const f = functions.get(m.key) ?? { ms: 0, area: m.area };
      f.ms += ms;
      functions.set(m.key, f);
    }
    return {
      sampledMs: round(total),
      byArea: Object.fromEntries([...areas].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, round(v)])),
      topSelf: [...functions]
        .filter(([k]) => k !== '(idle)')
        .sort((a, b) => b[1].ms - a[1].ms)
        .slice(0, top)
        .map(([fn, v]) => ({ fn, area: v.area, ms: round(v.ms) }))
    };
  };
  if (markerAt === null) return { whole: summary(samples) };
  return {
    beforeFirstRow: summary(samples.filter((s) => s.t < markerAt)),
    afterFirstRow: summary(samples.filter((s) => s.t >= markerAt))
  };
}
