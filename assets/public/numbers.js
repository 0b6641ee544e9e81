// "Volunteers in numbers": the public page at `/`. It asks the GraphQL API
// (POST /graphql, anonymously) for this year's and last year's figures,
// nationally, by month and by region, and for the published annual
// reports; renders each part as soon as its answer is in; and follows the
// figures live over /graphql/ws, refetching the rest when they change.
//
// The page's other modules (i18n.js, charts.js, map.js, live.js) are served
// at content-hashed URLs, which relative imports cannot know: their URLs
// come from the JSON block `asset-urls` the server writes into the page,
// and they are preloaded by <link rel="modulepreload">, so importing them
// costs no extra round trip. The queries start before they are imported.

// ---------------------------------------------------------------------------
// Dates: Kazakhstan's calendar (UTC+5 all year)
// ---------------------------------------------------------------------------

const KZ_OFFSET_MS = 5 * 3600 * 1000;

/** Today in Kazakhstan, `YYYY-MM-DD`. */
const kzToday = () => new Date(Date.now() + KZ_OFFSET_MS).toISOString().slice(0, 10);

/** The periods the page shows, from today. */
function periods(today) {
  const year = Number(today.slice(0, 4));
  return {
    today,
    year,
    thisYear: { from: `${year}-01-01`, to: today },
    lastYear: { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` },
    // The annual reports of the last three years.
    reportYears: [year - 1, year - 2, year - 3],
  };
}

// ---------------------------------------------------------------------------
// The GraphQL documents (every field is in schema.graphql)
// ---------------------------------------------------------------------------

const FIGURES = `fragment Figures on Statistics {
  from to registeredVolunteers newVolunteers activeVolunteers
  hours verifiedHours hoursYearEarlier hoursGrowth
  events eventsByKind { kind count } eventsByLevel { level count }
  youngestActiveAge oldestActiveAge ageGroups { minAge maxAge volunteers }
  familyParticipations activeFamilies beneficiariesServed { category count }
  international { exchanges byDirection { key count } byCountry { key count } volunteers foreignParticipants }
}`;

const OVERVIEW = `query Overview($from: Date!, $to: Date!, $lastFrom: Date!, $lastTo: Date!, $lang: Language!) {
  regions { nodes { code kind nameKk nameRu nameEn } }
  labels(lang: $lang, enums: ["EventKind", "EventLevel", "BeneficiaryCategory", "ExchangeDirection"]) { enumName value label }
  thisYear: statistics(from: $from, to: $to) { ...Figures }
  lastYear: statistics(from: $lastFrom, to: $lastTo) { ...Figures }
}
${FIGURES}`;

const REGIONS = `query Regions($from: Date!, $to: Date!, $lastFrom: Date!, $lastTo: Date!) {
  thisYear: statisticsByRegion(from: $from, to: $to) { region { code } statistics { ...RegionFigures } }
  lastYear: statisticsByRegion(from: $lastFrom, to: $lastTo) { region { code } statistics { ...RegionFigures } }
}
fragment RegionFigures on Statistics {
  registeredVolunteers newVolunteers activeVolunteers hours events activeFamilies
  beneficiariesServed { count } international { exchanges }
}`;

const SERIES = `query Series($lastFrom: Date!, $to: Date!) {
  series: statisticsSeries(from: $lastFrom, to: $to, interval: MONTH) {
    from hours activeVolunteers events newVolunteers
  }
}`;

const REPORTS = `query Reports($y1: Int!, $y2: Int!, $y3: Int!) {
  r1: annualReport(year: $y1) { ...Report }
  r2: annualReport(year: $y2) { ...Report }
  r3: annualReport(year: $y3) { ...Report }
}
fragment Report on AnnualReport {
  year published publishedAt
  statistics {
    registeredVolunteers newVolunteers activeVolunteers hours verifiedHours events
    familyParticipations activeFamilies beneficiariesServed { count }
    international { exchanges volunteers foreignParticipants }
  }
  corrections { regionCode figure published current difference }
}`;

const LIVE = `subscription Live($from: Date!, $to: Date!) {
  statisticsUpdated(from: $from, to: $to) { ...Figures }
}
${FIGURES}`;

/** The page's language as the API's `Language` (the server set `lang`). */
const PAGE_LANGUAGE = (['kk', 'ru', 'en'].includes(document.documentElement.lang) ? document.documentElement.lang : 'kk').toUpperCase();

/** The variables of each part, for the periods `p`. */
const variables = {
  overview: (p) => ({ from: p.thisYear.from, to: p.today, lastFrom: p.lastYear.from, lastTo: p.lastYear.to, lang: PAGE_LANGUAGE }),
  regions: (p) => ({ from: p.thisYear.from, to: p.today, lastFrom: p.lastYear.from, lastTo: p.lastYear.to }),
  series: (p) => ({ lastFrom: p.lastYear.from, to: p.today }),
  reports: (p) => ({ y1: p.reportYears[0], y2: p.reportYears[1], y3: p.reportYears[2] }),
};
const documents = { overview: OVERVIEW, regions: REGIONS, series: SERIES, reports: REPORTS };

class GraphQLFailure extends Error {
  constructor(message, retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }
}

/** One anonymous POST /graphql; the data, or a GraphQLFailure. */
async function graphql(query, vars) {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    credentials: 'omit',
    body: JSON.stringify({ query, variables: vars }),
  });
  let body = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: a proxy's error page, say.
  }
  const error = body && body.errors && body.errors[0];
  if (!response.ok || !body || !body.data || error) {
    const retry = (error && error.extensions && error.extensions.retryAfter) || Number(response.headers.get('retry-after')) || 0;
    throw new GraphQLFailure((error && error.message) || `HTTP ${response.status}`, retry);
  }
  return body.data;
}

// ---------------------------------------------------------------------------
// Start: queries first, then the modules (already preloaded)
// ---------------------------------------------------------------------------

// The national figures, the regions and the months are asked for at once.
// The reports, at the foot of the page and the costliest to compute on a
// server that has just started (five years of figures), are asked for as
// soon as the national figures are in, so they never slow the first render.
let period = periods(kzToday());
const inFlight = {};
for (const part of ['overview', 'regions', 'series']) inFlight[part] = graphql(documents[part], variables[part](period));
inFlight.reports = inFlight.overview.catch(() => null).then(() => graphql(documents.reports, variables.reports(period)));
// Failures are handled once the modules are in (fetchPart); until then they
// are not "unhandled".
for (const request of Object.values(inFlight)) request.catch(() => {});

function assetUrls() {
  try {
    return JSON.parse(document.getElementById('asset-urls').textContent);
  } catch {
    return {};
  }
}
const urls = assetUrls();
const load = (name) => import(urls[name] || new URL(`./${name}`, import.meta.url).href);
const [{ makeI18n, pageLang, LANGS, LANG_NAMES }, charts, { tileMap }, { connectLive, liveUrl }] = await Promise.all([
  load('i18n.js'),
  load('charts.js'),
  load('map.js'),
  load('live.js'),
]);

const i = makeI18n(pageLang());
const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------------------
// DOM helpers
// ---------------------------------------------------------------------------

/** An element with attributes and children (strings become text). */
function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const child of children.flat()) if (child != null) node.append(child);
  return node;
}

/** "—" for a figure hidden as a small group, read out as "hidden". */
const hidden = () => h('span', { class: 'na' }, h('span', { 'aria-hidden': 'true' }, '—'), h('span', { class: 'sr' }, i.t('na')));

/** A figure as text, or the hidden mark for null. */
const show = (value, format = i.int) => (value == null ? hidden() : format(value));

/** The note explaining "—", when `container` shows one. */
function noteIfHidden(container) {
  const old = container.querySelector(':scope > .na-note');
  if (old) old.remove();
  if (container.querySelector('.na')) container.append(h('p', { class: 'note na-note' }, i.t('naNote')));
}

/**
 * A table of rows × columns. `rows`: [{ label, values, format (or formats,
 * one a column), sub }] or [{ group }] for a heading row. A value that is a
 * node or a string is shown as it is; a number is formatted; null is hidden.
 */
function table(caption, columns, rows, className = 'figures') {
  const head = h('thead', {}, h('tr', {}, columns.map((c, n) => h('th', { scope: 'col', class: n ? 'num' : null }, c))));
  const body = h('tbody');
  for (const row of rows) {
    if ('group' in row) {
      body.append(h('tr', { class: 'group' }, h('th', { scope: 'colgroup', colspan: columns.length }, row.group)));
      continue;
    }
    body.append(
      h(
        'tr',
        { class: row.sub ? 'sub' : null },
        h('th', { scope: 'row' }, row.label),
        row.values.map((v, n) =>
          h('td', { class: 'num' }, v instanceof Node || typeof v === 'string' ? v : show(v, (row.formats && row.formats[n]) || row.format)),
        ),
      ),
    );
  }
  return h('div', { class: 'table-wrap', role: 'region', 'aria-label': caption, tabindex: '0' }, h('table', { class: className }, h('caption', {}, caption), head, body));
}

// ---------------------------------------------------------------------------
// The page's fixed text
// ---------------------------------------------------------------------------

function renderChrome() {
  document.title = `${i.t('pageTitle')} · ${i.t('network')}`;
  for (const node of document.querySelectorAll('[data-t]')) node.textContent = i.t(node.dataset.t);
  for (const node of document.querySelectorAll('[data-t-label]')) node.setAttribute('aria-label', i.t(node.dataset.tLabel));
  const langs = $('langs');
  langs.replaceChildren(
    ...LANGS.map((lang) =>
      h('li', {}, h('a', { href: `?lang=${lang}`, hreflang: lang, lang, 'aria-current': lang === i.lang ? 'true' : null }, LANG_NAMES[lang])),
    ),
  );
}

// ---------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------

const state = {
  regions: [], // [{ code, kind, nameKk, nameRu, nameEn }]
  overview: null, // { thisYear, lastYear }
  byRegion: null, // { thisYear: Map(code → figures), lastYear: … }
  series: null,
  reports: null,
  seriesFigure: 'hours',
  regionFigure: 'activeVolunteers',
  regionYear: 'thisYear',
};

const yearName = (which) => String(which === 'thisYear' ? period.year : period.year - 1);
const sum = (list) => list.reduce((total, item) => total + item.count, 0);
const countOf = (list, key, field) => {
  const found = list.find((item) => item[field] === key);
  return found ? found.count : 0;
};

// ---------------------------------------------------------------------------
// Section 1: this year and last year
// ---------------------------------------------------------------------------

const KINDS = ['EVENT', 'ACTION', 'RAID'];
const LEVELS = ['REGIONAL', 'REPUBLICAN', 'INTERNATIONAL'];
const CATEGORIES = ['VETERAN', 'HOME_FRONT_WORKER', 'SOCIALLY_VULNERABLE', 'CHILD', 'ELDERLY', 'DISABLED', 'OTHER'];
const DIRECTIONS = ['INBOUND', 'OUTBOUND'];

const CARDS = [
  ['registeredVolunteers', (s) => s.registeredVolunteers],
  ['activeVolunteers', (s) => s.activeVolunteers],
  ['hours', (s) => s.hours, i.hours],
  ['events', (s) => s.events],
  ['newVolunteers', (s) => s.newVolunteers],
  ['activeFamilies', (s) => s.activeFamilies],
  ['beneficiaries', (s) => sum(s.beneficiariesServed)],
  ['exchanges', (s) => s.international.exchanges],
];

let firstRender = true;

function renderOverview() {
  const { thisYear: now, lastYear: then } = state.overview;
  $('period').textContent = i.t('periodLine', { this: yearName('thisYear'), range: i.dayRange(now.from, now.to), last: yearName('lastYear') });

  const cards = $('cards');
  cards.replaceChildren(
    ...CARDS.map(([key, get, format = i.int]) => {
      const extra = key === 'hours' && now.hoursGrowth != null ? h('dd', { class: 'growth' }, i.t('growth', { pct: i.pct(now.hoursGrowth) })) : null;
      return h(
        'div',
        { class: 'card' },
        h('dt', {}, i.t(key)),
        // `data-figure` names the figure for scripts reading the page.
        h('dd', { class: 'value', 'data-figure': key }, show(get(now), format)),
        extra,
        h('dd', { class: 'then' }, yearName('lastYear'), ': ', show(get(then), format)),
      );
    }),
  );
  noteIfHidden($('cards-box'));

  const both = (get, format) => ({ values: [get(now), get(then)], format });
  const cols = [i.t('figure'), yearName('thisYear'), yearName('lastYear')];
  const countries = [...new Set([...now.international.byCountry, ...then.international.byCountry].map((c) => c.key))].sort(
    (a, b) => countOf(now.international.byCountry, b, 'key') - countOf(now.international.byCountry, a, 'key') || a.localeCompare(b),
  );
  const tables = [
    table(i.t('tVolunteers'), cols, [
      { label: i.t('registeredVolunteers'), ...both((s) => s.registeredVolunteers) },
      { label: i.t('newVolunteers'), ...both((s) => s.newVolunteers) },
      { label: i.t('activeVolunteers'), ...both((s) => s.activeVolunteers) },
      { label: i.t('youngestActiveAge'), ...both((s) => s.youngestActiveAge) },
      { label: i.t('oldestActiveAge'), ...both((s) => s.oldestActiveAge) },
    ]),
    table(i.t('tHours'), cols, [
      { label: i.t('hours'), ...both((s) => s.hours, i.hours) },
      { label: i.t('verifiedHours'), ...both((s) => s.verifiedHours, i.hours) },
      { label: i.t('hoursYearEarlier'), ...both((s) => s.hoursYearEarlier, i.hours) },
      { label: i.t('hoursGrowth'), ...both((s) => s.hoursGrowth, i.pct) },
    ]),
    table(i.t('tEvents'), cols, [
      { label: i.t('total'), ...both((s) => s.events) },
      { group: i.t('byKind') },
      ...KINDS.map((k) => ({ label: i.t(`kind_${k}`), sub: true, ...both((s) => countOf(s.eventsByKind, k, 'kind')) })),
      { group: i.t('byLevel') },
      ...LEVELS.map((l) => ({ label: i.t(`level_${l}`), sub: true, ...both((s) => countOf(s.eventsByLevel, l, 'level')) })),
    ]),
    table(
      i.t('tAges'),
      [i.t('age'), yearName('thisYear'), yearName('lastYear')],
      now.ageGroups.map((g, n) => ({ label: i.ageGroup(g), values: [g.volunteers, then.ageGroups[n] ? then.ageGroups[n].volunteers : null] })),
    ),
    table(i.t('tFamilies'), cols, [
      { label: i.t('familyParticipations'), ...both((s) => s.familyParticipations) },
      { label: i.t('activeFamilies'), ...both((s) => s.activeFamilies) },
    ]),
    table(i.t('tBeneficiaries'), cols, [
      { label: i.t('total'), ...both((s) => sum(s.beneficiariesServed)) },
      ...CATEGORIES.map((c) => ({ label: i.t(`cat_${c}`), sub: true, ...both((s) => countOf(s.beneficiariesServed, c, 'category')) })),
    ]),
    table(i.t('tExchanges'), cols, [
      { label: i.t('exchanges'), ...both((s) => s.international.exchanges) },
      { group: i.t('byDirection') },
      ...DIRECTIONS.map((d) => ({ label: i.t(`dir_${d}`), sub: true, ...both((s) => countOf(s.international.byDirection, d, 'key')) })),
      ...(countries.length ? [{ group: i.t('byCountry') }] : []),
      ...countries.map((c) => ({ label: i.country(c), sub: true, ...both((s) => countOf(s.international.byCountry, c, 'key')) })),
      { group: i.t('participants') },
      { label: i.t('intlVolunteers'), ...both((s) => s.international.volunteers) },
      { label: i.t('foreignParticipants'), ...both((s) => s.international.foreignParticipants) },
    ]),
  ];
  for (const wrap of tables) noteIfHidden(wrap);
  $('figure-tables').replaceChildren(...tables);

  if (firstRender) {
    firstRender = false;
    performance.mark('figures-rendered');
  }
}

// ---------------------------------------------------------------------------
// Section 2: by month
// ---------------------------------------------------------------------------

const SERIES_FIGURES = ['hours', 'activeVolunteers', 'events', 'newVolunteers'];
let lineChart = null;

function renderSeriesControls() {
  const box = $('series-controls');
  const name = 'series-figure';
  box.replaceChildren(
    h(
      'fieldset',
      { class: 'choice' },
      h('legend', {}, i.t('seriesFigure')),
      SERIES_FIGURES.map((key) => {
        const input = h('input', { type: 'radio', name, value: key, id: `${name}-${key}`, checked: key === state.seriesFigure });
        input.addEventListener('change', () => {
          state.seriesFigure = key;
          if (state.series) renderSeries();
        });
        return h('label', { for: `${name}-${key}` }, input, ' ', i.t(key));
      }),
    ),
  );
}

/** The 12 months of a year of the series, null where there is none yet. */
function months(year, key) {
  const out = new Array(12).fill(null);
  const present = new Array(12).fill(false);
  for (const step of state.series) {
    if (Number(step.from.slice(0, 4)) !== year) continue;
    const m = Number(step.from.slice(5, 7)) - 1;
    out[m] = step[key];
    present[m] = true;
  }
  return { values: out, present };
}

function renderSeries() {
  const key = state.seriesFigure;
  const format = key === 'hours' ? i.hours : i.int;
  const now = months(period.year, key);
  const then = months(period.year - 1, key);
  const label = i.t('chartLabel', { figure: i.t(key), this: yearName('thisYear'), last: yearName('lastYear') });
  const spec = {
    xLabel: i.t('month'),
    format,
    monthShort: i.monthShort,
    monthLong: i.month,
    series: [
      { label: yearName('thisYear'), values: now.values, color: charts.COLORS.this, width: 3 },
      { label: yearName('lastYear'), values: then.values, color: charts.COLORS.last, dash: [7, 5], width: 2 },
    ],
  };
  const chart = $('line-chart');
  chart.setAttribute('aria-label', label);
  $('line-caption').textContent = label;
  if (lineChart) lineChart.update(spec);
  else lineChart = charts.lineChart(chart, spec);

  const rows = Array.from({ length: 12 }, (_, m) => ({
    label: i.month(m + 1),
    values: [
      now.present[m] ? now.values[m] : h('span', { class: 'muted' }, i.t('monthNotYet')),
      then.present[m] ? then.values[m] : hidden(),
    ],
    format,
  }));
  const wrap = table(i.t('seriesCaption', { figure: i.t(key) }), [i.t('month'), yearName('thisYear'), yearName('lastYear')], rows);
  noteIfHidden(wrap);
  $('series-table').replaceChildren(wrap);
}

// ---------------------------------------------------------------------------
// Section 3: by region (map, bars, table)
// ---------------------------------------------------------------------------

const REGION_FIGURES = {
  activeVolunteers: (s) => s.activeVolunteers,
  hours: (s) => s.hours,
  events: (s) => s.events,
  registeredVolunteers: (s) => s.registeredVolunteers,
  newVolunteers: (s) => s.newVolunteers,
  activeFamilies: (s) => s.activeFamilies,
  beneficiaries: (s) => sum(s.beneficiariesServed),
  exchanges: (s) => s.international.exchanges,
};

/** A region's name without "region" (for tiles), unless a city has that name. */
function shortName(region) {
  const full = i.regionName(region);
  const short = full.replace(/ (облысы|область|Region)$/u, '');
  const clash = state.regions.some((r) => r !== region && i.regionName(r) === short);
  return clash ? full : short;
}

/** The regions in the alphabetical order of the page language. */
const byName = () => [...state.regions].sort((a, b) => i.regionName(a).localeCompare(i.regionName(b), i.lang));

function renderRegionControls() {
  const select = h(
    'select',
    { id: 'region-figure' },
    Object.keys(REGION_FIGURES).map((key) => h('option', { value: key, selected: key === state.regionFigure }, i.t(key))),
  );
  select.addEventListener('change', () => {
    state.regionFigure = select.value;
    if (state.byRegion) renderRegions();
  });
  const years = h(
    'fieldset',
    { class: 'choice' },
    h('legend', {}, i.t('regionYear')),
    ['thisYear', 'lastYear'].map((which) => {
      const input = h('input', { type: 'radio', name: 'region-year', value: which, id: `region-year-${which}`, checked: which === state.regionYear });
      input.addEventListener('change', () => {
        state.regionYear = which;
        if (state.byRegion) renderRegions();
      });
      return h('label', { for: `region-year-${which}` }, input, ' ', yearName(which));
    }),
  );
  $('region-controls').replaceChildren(h('div', { class: 'field' }, h('label', { for: 'region-figure' }, i.t('regionFigure')), select), years);
}

function renderRegions() {
  const key = state.regionFigure;
  const get = REGION_FIGURES[key];
  const format = key === 'hours' ? i.hours : i.int;
  const which = state.regionYear;
  const figures = state.byRegion[which];
  const figure = i.t(key);

  tileMap($('region-map'), {
    title: i.t('mapTitle', { figure, year: yearName(which) }),
    description: i.t('regionTable', { year: yearName(which) }),
    format,
    legend: { hidden: i.t('na'), city: i.t('city') },
    tiles: state.regions.map((r) => {
      const s = figures.get(r.code);
      const value = s ? get(s) : null;
      return { code: r.code, name: i.regionName(r), label: shortName(r), city: r.kind === 'CITY', value, text: value == null ? '—' : format(value) };
    }),
  });
  $('map-caption').textContent = i.t('mapTitle', { figure, year: yearName(which) });

  const order = [...state.regions].sort((a, b) => {
    const va = figures.get(a.code) ? get(figures.get(a.code)) : null;
    const vb = figures.get(b.code) ? get(figures.get(b.code)) : null;
    return (vb ?? -1) - (va ?? -1) || i.regionName(a).localeCompare(i.regionName(b), i.lang);
  });
  const bars = $('region-bars');
  charts.barChart(bars, {
    names: [yearName('thisYear'), yearName('lastYear')],
    rows: order.map((r) => {
      const values = ['thisYear', 'lastYear'].map((y) => {
        const s = state.byRegion[y].get(r.code);
        return s ? get(s) : null;
      });
      return { label: i.regionName(r), values, texts: values.map((v) => show(v, format)) };
    }),
  });
  bars.prepend(charts.yearLegend([yearName('thisYear'), yearName('lastYear')]));
  $('bars-caption').textContent = i.t('barsTitle', { figure, this: yearName('thisYear'), last: yearName('lastYear') });
  noteIfHidden($('bars-box'));

  const keys = Object.keys(REGION_FIGURES);
  const wrap = table(
    i.t('regionTable', { year: yearName(which) }),
    [i.t('region'), ...keys.map((k) => (k === 'exchanges' ? i.t('colExchanges') : i.t(k)))],
    byName().map((r) => {
      const s = figures.get(r.code);
      return {
        label: i.regionName(r),
        values: keys.map((k) => (s ? REGION_FIGURES[k](s) : null)),
        formats: keys.map((k) => (k === 'hours' ? i.hours : i.int)),
      };
    }),
    'figures regions',
  );
  noteIfHidden(wrap);
  $('region-table').replaceChildren(wrap);
}

// ---------------------------------------------------------------------------
// Section 4: annual reports
// ---------------------------------------------------------------------------

const REPORT_ROWS = [
  ['registeredVolunteers', (s) => s.registeredVolunteers],
  ['newVolunteers', (s) => s.newVolunteers],
  ['activeVolunteers', (s) => s.activeVolunteers],
  ['hours', (s) => s.hours, 'hours'],
  ['verifiedHours', (s) => s.verifiedHours, 'hours'],
  ['events', (s) => s.events],
  ['familyParticipations', (s) => s.familyParticipations],
  ['activeFamilies', (s) => s.activeFamilies],
  ['beneficiaries', (s) => sum(s.beneficiariesServed)],
  ['exchanges', (s) => s.international.exchanges],
  ['intlVolunteers', (s) => s.international.volunteers],
  ['foreignParticipants', (s) => s.international.foreignParticipants],
];

/** The name of a correction's figure, e.g. `eventsByKind.RAID`. */
function figureName(figure) {
  const [head, key] = figure.split('.');
  const groups = {
    eventsByKind: [i.t('events'), `kind_${key}`],
    eventsByLevel: [i.t('events'), `level_${key}`],
    beneficiariesServed: [i.t('beneficiaries'), `cat_${key}`],
  };
  if (groups[head]) return `${groups[head][0]} — ${i.t(groups[head][1])}`;
  if (head === 'ageGroups') {
    const g = state.overview && state.overview.thisYear.ageGroups[Number(key)];
    return g ? i.t('agedGroup', { group: i.ageGroup(g) }) : figure;
  }
  if (head === 'international') {
    const name = { exchanges: 'exchanges', volunteers: 'intlVolunteers', foreignParticipants: 'foreignParticipants' }[key];
    return name === 'exchanges' ? i.t('exchanges') : `${i.t('exchanges')} — ${i.t(name || key)}`;
  }
  return i.t(head);
}

function renderReports() {
  const box = $('report-list');
  const published = state.reports.filter((r) => r.published);
  const waiting = state.reports.filter((r) => !r.published).map((r) => String(r.year));
  const regionByCode = new Map(state.regions.map((r) => [r.code, r]));
  const articles = published.map((report) => {
    const heading = i.t('reportTitle', { year: report.year });
    const figures = table(
      i.t('reportFigures', { year: report.year }),
      [i.t('figure'), i.t('asPublished')],
      REPORT_ROWS.map(([key, get, kind]) => ({ label: i.t(key), values: [get(report.statistics)], format: kind === 'hours' ? i.hours : i.int })),
    );
    noteIfHidden(figures);
    const format = (c, v) => (/hours/i.test(c.figure) ? i.hours(v) : i.int(v));
    const corrections = [...report.corrections].sort(
      (a, b) => (a.regionCode ? 1 : 0) - (b.regionCode ? 1 : 0) || (a.regionCode || '').localeCompare(b.regionCode || ''),
    );
    const fixes = corrections.length
      ? table(
          i.t('corrections'),
          [i.t('figure'), i.t('region'), i.t('asPublished'), i.t('now'), i.t('difference')],
          corrections.map((c) => ({
            label: figureName(c.figure),
            values: [
              c.regionCode ? i.regionName(regionByCode.get(c.regionCode)) || c.regionCode : i.t('national'),
              format(c, c.published),
              format(c, c.current),
              h('span', { class: c.difference < 0 ? 'down' : 'up' }, /hours/i.test(c.figure) ? i.signed(c.difference) : i.signed(Math.round(c.difference))),
            ],
          })),
          'figures corrections',
        )
      : h('p', { class: 'note' }, i.t('noCorrections'));
    return h(
      'article',
      { class: 'report', 'aria-labelledby': `report-${report.year}` },
      h('h3', { id: `report-${report.year}` }, heading),
      h('p', { class: 'published' }, i.t('publishedOn', { date: i.instantDate(report.publishedAt) })),
      h('div', { class: 'report-body' }, figures, fixes),
    );
  });
  const notes = [];
  if (!published.length) notes.push(h('p', {}, i.t('noReports')));
  else notes.push(h('p', { class: 'note' }, i.t('reportsNote')));
  if (waiting.length && published.length) notes.push(h('p', { class: 'note' }, i.t('notPublished', { years: i.list(waiting) })));
  box.replaceChildren(...notes, ...articles);
}

// ---------------------------------------------------------------------------
// Loading each part, with retries
// ---------------------------------------------------------------------------

const parts = {
  overview: {
    box: 'overview',
    take(data) {
      i.useLabels(data.labels);
      state.regions = data.regions.nodes;
      state.overview = { thisYear: data.thisYear, lastYear: data.lastYear };
    },
    render: renderOverview,
  },
  regions: {
    box: 'regions',
    needs: 'overview',
    take(data) {
      const byCode = (list) => new Map(list.filter((r) => r.region).map((r) => [r.region.code, r.statistics]));
      state.byRegion = { thisYear: byCode(data.thisYear), lastYear: byCode(data.lastYear) };
    },
    render: renderRegions,
  },
  series: {
    box: 'months',
    take(data) {
      state.series = data.series;
    },
    render: renderSeries,
  },
  reports: {
    box: 'reports',
    needs: 'overview',
    take(data) {
      state.reports = [data.r1, data.r2, data.r3];
    },
    render: renderReports,
  },
};
/** Resolved once a part has been shown, for the parts that need it. */
const ready = {};
const shown = {};
for (const part of Object.keys(parts)) ready[part] = new Promise((resolve) => (shown[part] = resolve));

function setBusy(part, message) {
  const status = document.querySelector(`#${parts[part].box} .status`);
  if (!status) return;
  status.textContent = message || '';
  status.hidden = !message;
}

/** The latest request of each part: an older answer arriving late is dropped. */
const latest = {};

/** Fetches a part (or takes the request already in flight), then renders it. */
function fetchPart(part, attempt = 0) {
  const request = inFlight[part] || graphql(documents[part], variables[part](period));
  delete inFlight[part];
  const mine = (latest[part] = (latest[part] || 0) + 1);
  const done = request.then(async (data) => {
    if (parts[part].needs) await ready[parts[part].needs];
    if (mine !== latest[part]) return;
    parts[part].take(data);
    parts[part].render();
    setBusy(part, '');
    shown[part]();
  });
  return done.catch((error) => {
    if (mine !== latest[part]) return undefined; // a newer request is on its way
    // A failed request is retried quietly; anything else is a fault to see.
    const network = error instanceof GraphQLFailure || (error instanceof TypeError && /fetch/i.test(error.message));
    if (!network) console.error(error);
    setBusy(part, i.t('loadError'));
    const wait = Math.max(1000 * (error.retryAfter || 0), Math.min(30000, 2000 * 2 ** attempt));
    return new Promise((resolve) => setTimeout(resolve, wait)).then(() => fetchPart(part, attempt + 1));
  });
}

// ---------------------------------------------------------------------------
// Live updates: the national figures of both years come by subscription;
// on a change the other parts are fetched again, debounced
// ---------------------------------------------------------------------------

const DEBOUNCE_MS = 1500;
const MAX_WAIT_MS = 6000;
const pending = new Set();
let debounce = 0;
let firstPending = 0;

function schedule(...names) {
  for (const name of names) pending.add(name);
  const now = Date.now();
  if (!firstPending) firstPending = now;
  clearTimeout(debounce);
  debounce = setTimeout(flush, Math.max(0, Math.min(DEBOUNCE_MS, firstPending + MAX_WAIT_MS - now)));
}

function flush() {
  if (document.hidden) return; // done when the page is seen again
  firstPending = 0;
  const names = [...pending];
  pending.clear();
  for (const name of names) fetchPart(name);
}
document.addEventListener('visibilitychange', () => {
  if (!document.hidden && pending.size) flush();
});

let live = null;
let stops = [];

function showStatus(kind) {
  const status = $('live-status');
  status.dataset.state = kind;
  status.querySelector('.text').textContent = i.t(kind);
}

function showUpdated() {
  $('live-updated').textContent = i.t('updatedAt', { time: i.clock(new Date()) });
}

/** JSON with the keys of objects sorted: HTTP and WebSocket answers may order them differently. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Follows the figures of `range`; `onChange` gets each new state. */
function follow(range, initial, onChange) {
  let last = initial;
  return live.subscribe(
    { query: LIVE, variables: { from: range.from, to: range.to } },
    {
      next(payload) {
        const figures = payload && payload.data && payload.data.statisticsUpdated;
        if (!figures) return;
        const text = canonical(figures);
        if (text === last) return; // the current state, as already shown
        const first = last == null;
        last = text;
        if (!first) onChange(figures);
      },
    },
  );
}

function subscribeAll() {
  for (const stop of stops) stop();
  const o = state.overview;
  stops = [
    follow(period.thisYear, o ? canonical(o.thisYear) : null, (figures) => {
      state.overview.thisYear = figures;
      renderOverview();
      showUpdated();
      schedule('regions', 'series');
    }),
    follow(period.lastYear, o ? canonical(o.lastYear) : null, (figures) => {
      state.overview.lastYear = figures;
      renderOverview();
      showUpdated();
      schedule('regions', 'series', 'reports');
    }),
    // The years of the reports shown: a change there alters a report's corrections.
    follow({ from: `${period.reportYears[2]}-01-01`, to: `${period.reportYears[0]}-12-31` }, null, () => schedule('reports')),
  ];
}

/** At midnight in Kazakhstan the year so far gains a day, and may be a new year. */
function watchTheDate() {
  setInterval(() => {
    const today = kzToday();
    if (today === period.today) return;
    const newYear = today.slice(0, 4) !== period.today.slice(0, 4);
    period = periods(today);
    if (newYear) {
      renderSeriesControls();
      renderRegionControls();
    }
    Promise.all(Object.keys(parts).map((p) => fetchPart(p))).then(subscribeAll);
  }, 60000);
}

// ---------------------------------------------------------------------------
// Go
// ---------------------------------------------------------------------------

renderChrome();
renderSeriesControls();
renderRegionControls();
for (const part of Object.keys(parts)) setBusy(part, i.t('loading'));
const first = Object.keys(parts).map((part) => fetchPart(part));
live = connectLive(liveUrl(), showStatus);
// Subscribe once the national figures are shown, so their first live
// message is recognised as what the page already has.
first[0].then(subscribeAll);
watchTheDate();
// An open WebSocket keeps a page out of the back-forward cache: close it
// on leaving, and start afresh if the page is shown from that cache.
window.addEventListener('pagehide', () => live.close());
window.addEventListener('pageshow', (event) => {
  if (event.persisted) window.location.reload();
});
