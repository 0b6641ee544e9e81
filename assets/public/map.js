// A tile map of Kazakhstan's 20 regions: one square per region, each
// placed roughly where the region lies (west to east, north to south) and
// coloured by a figure, drawn as inline SVG. A tile map gives every region
// the same room, so small cities read as well as the steppe regions; the
// table beside it carries the exact figures.

/** Column and row of each region's tile, by ISO 3166-2:KZ code. */
const TILES = {
  'KZ-27': [0, 0], // West Kazakhstan
  'KZ-15': [1, 0], // Aktobe
  'KZ-39': [2, 0], // Kostanay
  'KZ-59': [3, 0], // North Kazakhstan
  'KZ-11': [4, 0], // Akmola
  'KZ-55': [5, 0], // Pavlodar
  'KZ-23': [0, 1], // Atyrau
  'KZ-62': [2, 1], // Ulytau
  'KZ-71': [3, 1], // Astana
  'KZ-35': [4, 1], // Karaganda
  'KZ-10': [5, 1], // Abai
  'KZ-63': [6, 1], // East Kazakhstan
  'KZ-47': [0, 2], // Mangystau
  'KZ-43': [1, 2], // Kyzylorda
  'KZ-61': [2, 2], // Turkistan
  'KZ-31': [3, 2], // Zhambyl
  'KZ-19': [4, 2], // Almaty Region
  'KZ-33': [5, 2], // Zhetisu
  'KZ-79': [2, 3], // Shymkent
  'KZ-75': [4, 3], // Almaty
};

/** Light to dark: five classes of one hue; the text colour for each. */
const SHADES = ['#e3f1f7', '#b3dbeb', '#6fb9d8', '#2a89b8', '#0b5479'];
const INKS = ['#102a38', '#102a38', '#102a38', '#ffffff', '#ffffff'];

const W = 112;
const H = 86;
const GAP = 6;
const NS = 'http://www.w3.org/2000/svg';

function svg(name, attrs = {}, text) {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text != null) node.textContent = text;
  return node;
}

/** The class of a value among five equal steps up to `max`. */
function shade(value, max) {
  if (max <= 0) return 0;
  return Math.min(SHADES.length - 1, Math.floor((value / max) * SHADES.length));
}

/** A name split into lines of about `width` characters, at spaces and hyphens. */
function wrap(name, width) {
  const words = name.replace(/-/g, '-\u0000').split(/[ \u0000]/).filter(Boolean);
  const lines = [];
  for (const word of words) {
    const last = lines[lines.length - 1];
    const joiner = last && last.endsWith('-') ? '' : ' ';
    if (last && (last + joiner + word).length <= width) lines[lines.length - 1] = last + joiner + word;
    else lines.push(word);
  }
  return lines.slice(0, 3);
}

/**
 * Draws the map into `el`. `spec`: { tiles: [{ code, name, label (short
 * name), city (bool), value (number or null when hidden), text }], title,
 * description, legend: { hidden, city, scale } , format }.
 */
export function tileMap(el, spec) {
  const placed = spec.tiles.map((tile, i) => ({ ...tile, at: TILES[tile.code] || [i % 7, 4 + Math.floor(i / 7)] }));
  const cols = Math.max(...placed.map((p) => p.at[0])) + 1;
  const rows = Math.max(...placed.map((p) => p.at[1])) + 1;
  const max = Math.max(0, ...placed.map((p) => p.value ?? 0));
  const id = `map-${Math.random().toString(36).slice(2, 8)}`;

  const root = svg('svg', {
    viewBox: `0 0 ${cols * (W + GAP)} ${rows * (H + GAP)}`,
    role: 'img',
    'aria-labelledby': `${id}-t ${id}-d`,
    class: 'tile-map',
  });
  root.append(svg('title', { id: `${id}-t` }, spec.title), svg('desc', { id: `${id}-d` }, spec.description));
  const defs = svg('defs');
  const hatch = svg('pattern', { id: `${id}-h`, width: 8, height: 8, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
  hatch.append(svg('rect', { width: 8, height: 8, fill: '#f1f3f5' }), svg('line', { x1: 0, y1: 0, x2: 0, y2: 8, stroke: '#c3cad1', 'stroke-width': 3 }));
  defs.append(hatch);
  root.append(defs);

  for (const p of placed) {
    const [c, r] = p.at;
    const x = c * (W + GAP);
    const y = r * (H + GAP);
    const k = p.value == null ? -1 : shade(p.value, max);
    const g = svg('g', { class: p.city ? 'tile tile-city' : 'tile' });
    g.append(svg('title', {}, `${p.name}: ${p.text}`));
    g.append(
      svg('rect', {
        x: x + 1,
        y: y + 1,
        width: W - 2,
        height: H - 2,
        rx: p.city ? 26 : 5,
        fill: k < 0 ? `url(#${id}-h)` : SHADES[k],
        stroke: p.city ? '#0b3b55' : '#ffffff',
        'stroke-width': p.city ? 2 : 1,
      }),
    );
    const ink = k < 0 ? '#102a38' : INKS[k];
    const lines = wrap(p.label, 13);
    const size = Math.min(13, Math.floor((W - 12) / (0.58 * Math.max(...lines.map((l) => l.length)))));
    const top = y + H / 2 - (lines.length * (size + 1)) / 2 - 4;
    lines.forEach((line, i) => {
      g.append(svg('text', { x: x + W / 2, y: top + (i + 0.8) * (size + 1), 'font-size': size, fill: ink, 'text-anchor': 'middle' }, line));
    });
    g.append(svg('text', { x: x + W / 2, y: y + H - 11, 'font-size': 15, 'font-weight': 700, fill: ink, 'text-anchor': 'middle' }, p.text));
    root.append(g);
  }

  const legend = document.createElement('ul');
  legend.className = 'map-legend';
  const step = max / SHADES.length;
  SHADES.forEach((colour, i) => {
    const li = document.createElement('li');
    const key = document.createElement('span');
    key.className = 'key';
    key.style.background = colour;
    key.setAttribute('aria-hidden', 'true');
    li.append(key, document.createTextNode(max > 0 ? `${spec.format(i * step)}–${spec.format((i + 1) * step)}` : spec.format(0)));
    legend.append(li);
  });
  // All zero: one class says it.
  if (max <= 0) legend.replaceChildren(legend.firstChild);
  for (const [cls, text] of [['key key-hidden', spec.legend.hidden], ['key key-city', spec.legend.city]]) {
    const li = document.createElement('li');
    const key = document.createElement('span');
    key.className = cls;
    key.setAttribute('aria-hidden', 'true');
    li.append(key, document.createTextNode(text));
    legend.append(li);
  }
  el.replaceChildren(root, legend);
}
