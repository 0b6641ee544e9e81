#!/usr/bin/env bash
# Rebuilds assets/playground/dist/ from the pinned npm packages
# (package-lock.json): the GraphiQL playground the server embeds and serves
# at GET /graphql. Needs Node.js 20+ and the npm registry, once; the Rust
# build needs neither, as dist/ is committed.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
node build.mjs
