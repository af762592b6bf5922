// `npm run icons`: renders every PNG icon of the web app manifest from the one SVG source,
// static/icons/icon.svg, with headless Chromium at exact pixel sizes. The PNGs are committed, so
// a normal build never needs a browser; run this again after editing the SVG.
//
//   icon-192.png, icon-512.png   purpose "any": the icon as drawn, transparent corners
//   icon-maskable-512.png        purpose "maskable": full-bleed background, the mark shrunk into
//                                the safe zone (the circle of 40 % radius that every mask keeps)
//   apple-touch-icon.png         180 px for iOS, which fills transparency with black: full-bleed
//
// Browser: CHROMIUM_PATH, else /usr/bin/chromium, else Playwright's own Chromium.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const dir = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'static', 'icons');
const source = readFileSync(join(dir, 'icon.svg'), 'utf8');

/** The mark's scale inside a maskable icon: its farthest point stays inside the safe circle. */
const MASKABLE_SCALE = 0.8;

const outputs = [
  { file: 'icon-192.png', size: 192, variant: 'any' },
  { file: 'icon-512.png', size: 512, variant: 'any' },
  { file: 'icon-maskable-512.png', size: 512, variant: 'maskable' },
  { file: 'apple-touch-icon.png', size: 180, variant: 'maskable' }
];

function executablePath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

const browser = await chromium.launch({ executablePath: executablePath(), args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const { file, size, variant } of outputs) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${source}</body></html>`);
    await page.evaluate(
      ({ size, variant, scale }) => {
        const svg = document.querySelector('svg');
        if (!svg) throw new Error('icon.svg has no <svg> element');
        svg.setAttribute('width', String(size));
        svg.setAttribute('height', String(size));
        svg.style.display = 'block';
        if (variant !== 'maskable') return;
        const background = svg.querySelector('#background');
        const mark = svg.querySelector('#mark');
        if (!background || !mark) throw new Error('icon.svg needs #background and #mark for the maskable variant');
        background.removeAttribute('rx');
        const wrap = document.createElementNS('http://www.w3.org/2000/svg', 'g');
        wrap.setAttribute('transform', `translate(256 256) scale(${scale}) translate(-256 -256)`);
        mark.replaceWith(wrap);
        wrap.append(mark);
      },
      { size, variant, scale: MASKABLE_SCALE }
    );
    const png = await page.screenshot({ clip: { x: 0, y: 0, width: size, height: size }, omitBackground: variant === 'any' });
    writeFileSync(join(dir, file), png);
    console.log(`static/icons/${file} ${size}×${size} (${png.length} bytes)`);
  }
} finally {
  await browser.close();
}
