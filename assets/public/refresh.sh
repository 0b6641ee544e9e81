#!/usr/bin/env bash
# Refreshes vendor/ from the pinned npm package (package-lock.json): the
# chart library of the public page "Volunteers in numbers". Needs Node.js 20+
# and the npm registry, once; the Rust build needs neither, as vendor/ is
# committed. To upgrade: change the version in package.json, run
# `npm install --save-exact` here, then this script, and commit
# package.json, package-lock.json and vendor/.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
src=node_modules/uplot
version=$(node -p "require('./$src/package.json').version")
mkdir -p vendor
cp "$src/dist/uPlot.iife.min.js" vendor/uPlot.iife.min.js
cp "$src/dist/uPlot.min.css" vendor/uPlot.min.css
{
  echo "uPlot $version, https://github.com/leeoniya/uPlot (npm: uplot)"
  echo "Files: vendor/uPlot.iife.min.js, vendor/uPlot.min.css"
  echo
  cat "$src/LICENSE"
} > vendor/LICENSE.uplot.txt
# The page may load nothing from another origin: no absolute URL in a CSS
# url() or @import, nor in an import(), fetch() or WebSocket in the script
# (the licence banner's link to the project is only a comment).
if grep -EnoI "(url\(|@import|import\(|fetch\(|WebSocket\()[[:space:]]*['\"\`]?(https?:|wss?:)?//" \
  vendor/uPlot.iife.min.js vendor/uPlot.min.css; then
  echo "refresh.sh: a vendored file would load from another origin" >&2
  exit 1
fi
# The server embeds this directory by glob (`public/*.js` matches files in
# subdirectories too), so nothing of node_modules/ may stay behind.
rm -rf node_modules
echo "vendor/: uPlot $version"
