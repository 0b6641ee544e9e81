// The pages in a real browser (Chromium through puppeteer-core): the
// playground renders, runs a query, signs in and runs a query of personal
// data; the public page shows the figures and, after a check-out made
// through the API, shows the new figures without a reload. Any request to
// another origin is refused and fails the run. Prints one JSON line per
// step; exits non-zero on the first failure.
//
//   node browser.mjs BASE_URL SCREENSHOT_DIR TOKEN PARTICIPATION_ID CREDENTIAL_ID HOURS
//
// TOKEN signs the check-out of PARTICIPATION_ID (a checked-in volunteer of
// an event going on now). CREDENTIAL_ID is a certificate's UUID whose
// verification page (`/verify?id=…`, the link of its QR code) must show it
// valid with HOURS; a copy of it with its hours changed must show forged. CHROMIUM names the browser (default
// /usr/bin/chromium).
import puppeteer from 'puppeteer-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [base, shots, token, participation, credential, hours] = process.argv.slice(2);
if (!base || !shots || !token || !participation || !credential || !hours) {
  console.error('usage: node browser.mjs BASE_URL SCREENSHOT_DIR TOKEN PARTICIPATION_ID CREDENTIAL_ID HOURS');
  process.exit(2);
}
mkdirSync(shots, { recursive: true });
const origin = new URL(base).origin;
const wsOrigin = origin.replace(/^http/, 'ws');
const foreign = [];
const problems = [];
const pages = [];

function report(step, details = {}) {
  console.log(JSON.stringify({ step, ...details }));
}

function fail(step, error) {
  console.log(JSON.stringify({ step, error: String(error && error.stack || error), foreign, problems }));
  process.exit(1);
}

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
});

/** A page that refuses and records every request leaving the origin. */
async function open(path) {
  const page = await browser.newPage();
  pages.push(page);
  await page.setViewport({ width: 1280, height: 900 });
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || url.origin === origin) {
      request.continue();
    } else {
      foreign.push(request.url());
      request.abort();
    }
  });
  // WebSockets are not intercepted: watched through the protocol instead.
  const cdp = await page.createCDPSession();
  await cdp.send('Network.enable');
  cdp.on('Network.webSocketCreated', ({ url }) => {
    if (new URL(url).origin !== wsOrigin) foreign.push(url);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  await page.goto(`${base}${path}`, { waitUntil: 'load' });
  return page;
}

async function graphql(query, variables) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

/** The text of the playground's response pane, once it holds `wanted`. */
async function responseWith(page, wanted) {
  await page.waitForFunction(
    (wanted) => [...document.querySelectorAll('.result-window, .graphiql-response')]
      .some((pane) => pane.innerText.replace(/\s+/g, ' ').includes(wanted)),
    { timeout: 20000 },
    wanted,
  );
}

/** Run the saved example `title` of the playground, as a user would. */
async function run(page, title) {
  const [tab] = await page.$$(`xpath/.//*[contains(@class, "graphiql-tab")][normalize-space(.)="${title}"]`);
  if (!tab) throw new Error(`no example tab named ${title}`);
  await tab.click();
  await page.waitForFunction(
    // The editor renders spaces as no-break spaces.
    (title) => document.querySelector('.graphiql-query-editor')?.innerText
      .replace(/\s+/g, ' ').includes(`query ${title}`),
    { timeout: 5000 },
    title,
  );
  await page.click('.graphiql-execute-button');
}

let step = 'playground';
try {
  const page = await open('/graphql');
  await page.waitForSelector('.graphiql-container .monaco-editor', { timeout: 30000 });
  await run(page, 'Overview');
  // The pane shows the lines in view only: the answer's first field,
  // which comes first as in the query.
  await responseWith(page, '"database": "');
  report('playground runs a query');

  step = 'playground sign-in';
  await page.type('.fo-signin input[autocomplete="username"], .fo-signin input[name="username"]', 'admin');
  await page.type('.fo-signin input[type="password"]', 'frontoffice-demo');
  await page.click('.fo-signin button[type="submit"]');
  await page.waitForSelector('.fo-who', { timeout: 10000 });
  // The role reads as the API labels it, in the browser's language.
  const role = await page.$eval('.fo-role', (e) => e.textContent.trim());
  if (!['Administrator', 'Әкімші', 'Администратор'].includes(role)) {
    throw new Error(`the signed-in role reads ${JSON.stringify(role)}, not the API's label of ADMIN`);
  }
  await run(page, 'Volunteers');
  // Names are personal data: shown to the signed-in admin.
  await responseWith(page, '"fullName": "');
  await page.screenshot({ path: join(shots, 'playground.png') });
  report('playground signs in and reads personal data');

  step = 'public page';
  const numbers = await open('/?lang=en');
  const figure = '[data-figure="hours"]';
  await numbers.waitForFunction(
    (selector) => /\d/.test(document.querySelector(selector)?.textContent ?? ''),
    { timeout: 20000 },
    figure,
  );
  const before = await numbers.$eval(figure, (e) => e.textContent.trim());
  await numbers.screenshot({ path: join(shots, 'numbers-en.png'), fullPage: true });
  report('public page shows the figures', { hours: before });

  step = 'public page, live';
  const out = await graphql(
    'mutation($id: ID!) { checkOut(input: { participationId: $id }) { participation { status minutes } } }',
    { id: participation },
  );
  if (out.errors) throw new Error(`check-out refused: ${JSON.stringify(out.errors)}`);
  await numbers.waitForFunction(
    (selector, before) => document.querySelector(selector)?.textContent.trim() !== before,
    { timeout: 20000 },
    figure,
    before,
  );
  const after = await numbers.$eval(figure, (e) => e.textContent.trim());
  await numbers.screenshot({ path: join(shots, 'numbers-en-after-check-out.png'), fullPage: true });
  report('public page follows a check-out', { before, after });

  step = 'public page in Kazakh and Russian';
  for (const lang of ['kk', 'ru']) {
    const page = await open(`/?lang=${lang}`);
    await page.waitForFunction(
      (selector) => /\d/.test(document.querySelector(selector)?.textContent ?? ''),
      { timeout: 20000 },
      figure,
    );
    const htmlLang = await page.evaluate(() => document.documentElement.lang);
    if (htmlLang !== lang) throw new Error(`the page is in ${htmlLang}, not ${lang}`);
    // The words of enum values are the API's labels, the same the API gives
    // any client in this language.
    const { data } = await graphql(
      'query($lang: Language!) { labels(lang: $lang, enums: ["EventKind", "EventLevel", "BeneficiaryCategory", "ExchangeDirection"]) { value label } }',
      { lang: lang.toUpperCase() },
    );
    const text = await page.evaluate(() => document.body.textContent);
    const missing = data.labels.filter((l) => !text.includes(l.label)).map((l) => `${l.value}: ${l.label}`);
    if (missing.length) throw new Error(`the ${lang} page does not show the API's labels ${missing.join(', ')}`);
    await page.screenshot({ path: join(shots, `numbers-${lang}.png`), fullPage: true });
  }
  report('public page in every language');

  step = 'verification page';
  const shown = {};
  for (const lang of ['kk', 'ru', 'en']) {
    const page = await open(`/verify?id=${credential}&lang=${lang}`);
    await page.waitForSelector('#result[data-status="VALID"]', { timeout: 20000 });
    shown[lang] = await page.$eval('#verdict', (e) => e.textContent.trim());
    const hoursShown = await page.$eval('[data-field="hours"]', (e) => e.textContent.trim());
    if (hoursShown !== hours) throw new Error(`the page shows ${hoursShown} hours, not ${hours}`);
    await page.screenshot({ path: join(shots, `verify-${lang}.png`), fullPage: true });
  }
  if (new Set(Object.values(shown)).size !== 3) throw new Error(`one verdict in every language: ${JSON.stringify(shown)}`);
  report('verification page shows a certificate valid', { shown });

  step = 'verification page, forged';
  const jwt = await (await fetch(`${base}/credentials/${credential}`)).text();
  const [head, body, signature] = jwt.split('.');
  const document = JSON.parse(Buffer.from(body, 'base64url').toString());
  document.credentialSubject.result[0].value = '999.00';
  const forged = [head, Buffer.from(JSON.stringify(document)).toString('base64url'), signature].join('.');
  const paste = await open('/verify?lang=en');
  await paste.$eval('#credential', (e, value) => { e.value = value; }, forged);
  await paste.click('button[type="submit"]');
  await paste.waitForSelector('#result[data-status="FORGED"]', { timeout: 20000 });
  const details = await paste.$$('#details dd');
  if (details.length) throw new Error('a forged certificate\'s words are shown');
  await paste.screenshot({ path: join(shots, 'verify-forged.png'), fullPage: true });
  report('verification page tells a forgery');

  step = 'origin';
  if (foreign.length) throw new Error(`requests left the origin: ${foreign.join(', ')}`);
  if (problems.length) throw new Error(`the pages reported errors: ${problems.join('; ')}`);
  report('done', { foreign: 0 });
} catch (error) {
  // What the browser showed when it failed, for whoever reads the run.
  for (const [i, page] of pages.entries()) {
    await page.screenshot({ path: join(shots, `failed-${i}.png`), fullPage: true }).catch(() => {});
  }
  await browser.close().catch(() => {});
  fail(step, error);
}
await browser.close();
