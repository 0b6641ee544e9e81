// Where the page's own files are. The server fills the page's
// `<script id="asset-urls" type="application/json">` block with a map from
// each file name under dist/ to its hashed URL; a file it does not name is
// looked for next to playground.js.

const script = document.currentScript;
const base = (script && script.src) || document.baseURI;

function readAssetUrls() {
  const block = document.getElementById('asset-urls');
  if (!block) return {};
  try {
    const urls = JSON.parse(block.textContent || '{}');
    return urls && typeof urls === 'object' ? urls : {};
  } catch {
    // Not filled in (the template opened as it is): fall back below.
    return {};
  }
}

const urls = readAssetUrls();

/** The URL of `name` (a file in dist/), always on this origin. */
export function assetUrl(name) {
  return new URL(urls[name] || `./${name}`, base).href;
}
