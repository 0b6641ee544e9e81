// The public page "Volunteers in numbers" in Chromium: the time from the
// start of navigation to the first render of the figures (the page's own
// `figures-rendered` performance mark), and the bytes it transferred
// (compressed, every file included), over several cold loads (a new
// browser context each: no cache).
//
//   node benches/public_page.mjs BASE_URL [RUNS] [LANG]
//
// Uses puppeteer-core from tests/js (`npm ci --prefix tests/js`) and
// Chromium at /usr/bin/chromium (or CHROMIUM). See BENCHMARKS.md.
import { createRequire } from 'node:module';

const require = createRequire(new URL('../tests/js/package.json', import.meta.url));
const puppeteer = require('puppeteer-core');

const [base, runsArg = '10', lang = 'en'] = process.argv.slice(2);
if (!base) {
  console.error('usage: node benches/public_page.mjs BASE_URL [RUNS] [LANG]');
  process.exit(2);
}
const runs = Number(runsArg);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
});

const renders = [];
let bytes = 0;
for (let i = 0; i < runs; i += 1) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(`${base}/?lang=${lang}`, { waitUntil: 'load' });
  const mark = await page.waitForFunction(
    () => performance.getEntriesByName('figures-rendered')[0]?.startTime,
    { timeout: 120000 },
  );
  renders.push(await mark.jsonValue());
  // Compressed bytes of the page and every file it loaded (the GraphQL
  // answers included), as the network carried them.
  bytes = await page.evaluate(() => {
    const entries = [
      ...performance.getEntriesByType('navigation'),
      ...performance.getEntriesByType('resource'),
    ];
    return entries.reduce((sum, e) => sum + (e.transferSize || e.encodedBodySize || 0), 0);
  });
  await context.close();
}
await browser.close();

renders.sort((a, b) => a - b);
const at = (q) => renders[Math.min(renders.length - 1, Math.floor(q * renders.length))];
console.log(JSON.stringify({
  runs,
  lang,
  firstRenderMs: { min: renders[0], p50: at(0.5), max: renders[renders.length - 1] },
  transferredKB: Math.round(bytes / 102.4) / 10,
}));
