// The page's charts: the monthly line chart (uPlot, vendored, loaded as a
// classic script that defines the global `uPlot`) and the horizontal bars
// per region (plain HTML, so long region names wrap and the values stay
// text a screen reader reads). Both take numbers and ready-made labels;
// the words come from the caller.

/** The colours of this year and last year (contrast ≥ 4.5:1 on white). */
export const COLORS = { this: '#0b6391', last: '#9a5b00' };

const AXIS = '#3b4650';
const GRID = '#e2e7eb';

/**
 * A line chart of one figure by month: x is the month (1–12), one line per
 * year. `spec`: { series: [{ label, values (12, null for a gap), color,
 * dash }], format (value → text), monthShort, monthLong, height }.
 * Returns { update(spec), destroy() }; the chart follows the width of `el`.
 */
export function lineChart(el, spec) {
  let plot = null;
  let current = spec;
  const uPlot = globalThis.uPlot;

  function options(s, width) {
    return {
      width,
      height: s.height || 280,
      scales: {
        x: { time: false, range: [0.6, 12.4] },
        y: { range: (u, min, max) => [0, max > 0 ? niceMax(max) : 1] },
      },
      axes: [
        {
          stroke: AXIS,
          grid: { show: false },
          ticks: { stroke: GRID },
          // Every month where there is room, else every second, third….
          incrs: [1, 2, 3, 4, 6],
          space: 36,
          values: (u, splits) => splits.map((v) => (Number.isInteger(v) && v >= 1 && v <= 12 ? s.monthShort(v) : '')),
        },
        {
          stroke: AXIS,
          grid: { stroke: GRID },
          ticks: { stroke: GRID },
          size: 64,
          values: (u, splits) => splits.map((v) => s.format(v)),
        },
      ],
      series: [
        { label: s.xLabel, value: (u, v) => (v == null ? '' : s.monthLong(v)) },
        ...s.series.map((line) => ({
          label: line.label,
          stroke: line.color,
          width: line.width || 2.5,
          dash: line.dash,
          points: { size: 7, stroke: line.color, fill: '#fff' },
          // Null under the cursor is a hidden figure; with no cursor, nothing.
          value: (u, v) => (v != null ? s.format(v) : u.cursor.idx == null ? '' : '—'),
        })),
      ],
      cursor: { drag: { x: false, y: false }, points: { size: 9 } },
      legend: { live: true },
    };
  }

  function data(s) {
    return [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], ...s.series.map((line) => line.values)];
  }

  function build() {
    if (plot) plot.destroy();
    el.textContent = '';
    if (!uPlot) return;
    plot = new uPlot(options(current, Math.max(240, el.clientWidth)), data(current), el);
  }

  const resize = new ResizeObserver(() => {
    if (plot && Math.abs(plot.width - el.clientWidth) > 2) plot.setSize({ width: Math.max(240, el.clientWidth), height: plot.height });
  });
  resize.observe(el);
  build();

  return {
    update(next) {
      const sameShape = next.series.length === current.series.length && next.format === current.format;
      const sameLabels = sameShape && next.series.every((line, i) => line.label === current.series[i].label);
      current = next;
      if (plot && sameLabels) plot.setData(data(current));
      else build();
    },
    destroy() {
      resize.disconnect();
      if (plot) plot.destroy();
      plot = null;
    },
  };
}

/** A round upper bound for an axis: 1, 2 or 5 times a power of ten. */
function niceMax(max) {
  const top = max * 1.08;
  const step = 10 ** Math.floor(Math.log10(top));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * step >= top) return m * step;
  return 10 * step;
}

/**
 * Horizontal bars, two per row (this year and last). `spec`: { rows: [{
 * label, sub (optional), values: [this, last] (null when hidden), texts:
 * [this, last] }], names: [this, last] }. The longest bar fills the track.
 */
export function barChart(el, spec) {
  const max = Math.max(0, ...spec.rows.flatMap((r) => r.values.filter((v) => v != null)));
  const list = document.createElement('ol');
  list.className = 'bars';
  for (const row of spec.rows) {
    const item = document.createElement('li');
    const name = document.createElement('span');
    name.className = 'bar-label';
    name.textContent = row.label;
    if (row.sub) name.title = row.sub;
    item.append(name);
    const pair = document.createElement('span');
    pair.className = 'bar-pair';
    row.values.forEach((value, i) => {
      const line = document.createElement('span');
      line.className = `bar-line bar-${i === 0 ? 'this' : 'last'}`;
      const bar = document.createElement('span');
      bar.className = 'bar';
      bar.setAttribute('aria-hidden', 'true');
      bar.style.width = value == null || max === 0 ? '0' : `${(100 * value) / max}%`;
      const text = document.createElement('span');
      text.className = 'bar-value';
      const who = document.createElement('span');
      who.className = 'sr';
      who.textContent = `${spec.names[i]}: `;
      text.append(who);
      if (row.texts[i] instanceof Node) text.append(row.texts[i]);
      else text.append(String(row.texts[i]));
      line.append(bar, text);
      pair.append(line);
    });
    item.append(pair);
    list.append(item);
  }
  el.replaceChildren(list);
}

/** The legend of the two years, as swatches. */
export function yearLegend(names) {
  const legend = document.createElement('p');
  legend.className = 'year-legend';
  names.forEach((name, i) => {
    const key = document.createElement('span');
    key.className = `swatch swatch-${i === 0 ? 'this' : 'last'}`;
    key.setAttribute('aria-hidden', 'true');
    legend.append(key, document.createTextNode(` ${name} `));
  });
  return legend;
}
