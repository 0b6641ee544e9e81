// Builds dist/: the playground bundle (playground.js, playground.css), the
// three Monaco workers, and LICENSES.txt for every package in them. Run by
// build.sh after `npm ci`.

import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
const modules = join(here, 'node_modules');
if (!existsSync(modules)) throw new Error('node_modules is missing: run npm ci first');

const common = {
  absWorkingDir: here,
  bundle: true,
  minify: true,
  target: 'es2020',
  platform: 'browser',
  format: 'iife',
  define: { 'process.env.NODE_ENV': '"production"' },
  // The licences are gathered in LICENSES.txt; each file says so.
  legalComments: 'none',
  banner: {
    js: '/*! frontoffice playground. Licences of the bundled packages: LICENSES.txt */',
    css: '/*! frontoffice playground. Licences of the bundled packages: LICENSES.txt */',
  },
  metafile: true,
  logLevel: 'warning',
};

// graphiql/style.css already holds Monaco's whole stylesheet (with its
// icon font inlined), so the CSS files Monaco's modules import are left
// out rather than bundled twice.
const monacoCssFromGraphiql = {
  name: 'monaco-css-from-graphiql',
  setup(build) {
    build.onResolve({ filter: /\.css$/ }, (args) => {
      const importer = args.importer.split(sep).join('/');
      if (importer.includes('/node_modules/monaco-editor/')) {
        return { path: args.path, namespace: 'monaco-css' };
      }
      return undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'monaco-css' }, () => ({ contents: '', loader: 'css' }));
  },
};

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const page = await esbuild.build({
  ...common,
  entryPoints: { playground: 'src/playground.jsx' },
  outdir: 'dist',
  jsx: 'automatic',
  // Fonts and images the stylesheets name are inlined (data: URLs, which
  // the page's CSP allows), so no URL needs rewriting.
  loader: {
    '.ttf': 'dataurl',
    '.woff': 'dataurl',
    '.woff2': 'dataurl',
    '.png': 'dataurl',
    '.svg': 'dataurl',
    '.gif': 'dataurl',
  },
  alias: {
    // One copy of prettier's GraphQL plugin, not two (the legacy name
    // points at its UMD build, the new one at its ES module).
    'prettier/parser-graphql': 'prettier/plugins/graphql',
    // JSON prettifying without prettier's babel parser: see the shim.
    'prettier/parser-babel': './src/shims/prettier-jsonc.js',
    'prettier/plugins/estree': './src/shims/prettier-jsonc.js',
  },
  plugins: [monacoCssFromGraphiql],
});

const workers = await esbuild.build({
  ...common,
  entryPoints: {
    'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
    'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
    'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
  },
  outdir: 'dist',
});

const expected = [
  'playground.js',
  'playground.css',
  'editor.worker.js',
  'json.worker.js',
  'graphql.worker.js',
];
const produced = readdirSync(dist).sort();
const unexpected = produced.filter((name) => !expected.includes(name));
const missing = expected.filter((name) => !produced.includes(name));
if (unexpected.length || missing.length) {
  throw new Error(`dist/ holds ${produced.join(', ')}; expected ${expected.join(', ')}`);
}

// Nothing may be loaded from another origin: no absolute URL in a CSS
// url() or @import, no script, worker or module from one, and no CDN host
// at all. (Links in documentation strings are harmless and allowed.)
const forbidden = [
  /url\(\s*['"]?(?:https?:)?\/\//i,
  /@import\s+(?:url\()?\s*['"]?(?:https?:)?\/\//i,
  /import\(\s*['"`](?:https?:)?\/\//i,
  /importScripts\(\s*['"`](?:https?:)?\/\//i,
  /new\s+(?:Shared)?Worker\(\s*['"`](?:https?:)?\/\//i,
  /\bfrom\s*['"`]https?:\/\//i,
  /(?:fonts\.googleapis\.com|fonts\.gstatic\.com|unpkg\.com|cdn\.jsdelivr\.net|esm\.sh|cdnjs\.cloudflare\.com|cdn\.skypack\.dev)/i,
];
for (const name of expected) {
  const text = readFileSync(join(dist, name), 'utf8');
  for (const pattern of forbidden) {
    const found = pattern.exec(text);
    if (found) {
      const at = Math.max(0, found.index - 80);
      throw new Error(`dist/${name} would load from another origin: …${text.slice(at, found.index + 120)}…`);
    }
  }
}

// LICENSES.txt: every package with code in the bundle, from the metafiles.
function packageRoot(input) {
  const path = input.split(sep).join('/');
  const at = path.lastIndexOf('node_modules/');
  if (at < 0) return null;
  const rest = path.slice(at + 'node_modules/'.length).split('/');
  const name = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  return join(here, path.slice(0, at), 'node_modules', name);
}

// Only files that put bytes into an output count (tree-shaken ones do not).
const roots = new Set();
for (const result of [page, workers]) {
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, info] of Object.entries(output.inputs)) {
      if (info.bytesInOutput === 0) continue;
      const root = packageRoot(input.replace(/^[a-z-]+:/, ''));
      if (root) roots.add(root);
    }
  }
}

const noticeFile = /^(licen[cs]e|copying|notice|thirdpartynotices)(\.[a-z]+)?$/i;
const readPackage = (root) => JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const repositoryOf = (pkg) => {
  const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository && pkg.repository.url;
  return repo ? repo.replace(/^git\+/, '').replace(/\.git$/, '').replace(/^git:/, 'https:').replace(/^github:/, 'https://github.com/') : null;
};
const noticesOf = (root) =>
  readdirSync(root)
    .filter((name) => noticeFile.test(name) && statSync(join(root, name)).isFile())
    .sort()
    .map((name) => `--- ${name} ---\n${readFileSync(join(root, name), 'utf8').trim()}`)
    .join('\n\n');

// One entry per name and version, however often it is installed.
const packages = new Map();
for (const root of roots) {
  const pkg = readPackage(root);
  const id = `${pkg.name}@${pkg.version}`;
  if (!packages.has(id)) packages.set(id, { root, pkg, notices: noticesOf(root) });
}
// A package without a licence file of its own: the file of another package
// from the same repository (a monorepo's packages share one licence).
const byRepository = new Map();
for (const id of [...packages.keys()].sort()) {
  const { pkg, notices } = packages.get(id);
  const repo = repositoryOf(pkg);
  if (repo && notices && !byRepository.has(repo)) byRepository.set(repo, { from: `${pkg.name} ${pkg.version}`, notices });
}

const MIT = `Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.`;

const sections = [];
for (const id of [...packages.keys()].sort()) {
  const { pkg, notices } = packages.get(id);
  const declared = typeof pkg.license === 'string' ? pkg.license : JSON.stringify(pkg.license || pkg.licenses || 'none stated');
  const repo = repositoryOf(pkg);
  let body = notices;
  if (!body && repo && byRepository.has(repo)) {
    const shared = byRepository.get(repo);
    body = `(The package ships no licence file; this is the one of ${shared.from}, from the same repository, ${repo}.)\n\n${shared.notices}`;
  } else if (!body) {
    const author = typeof pkg.author === 'string' ? pkg.author : pkg.author && pkg.author.name;
    body =
      `(The package ships no licence file. Its package.json declares the licence ${declared}` +
      `${author ? `, author ${author}` : ''}${repo ? `, repository ${repo}` : ''}.)` +
      (declared === 'MIT' ? `\n\nThe MIT licence:\n\n${MIT}` : '');
  }
  sections.push(`${'='.repeat(78)}\n${pkg.name} ${pkg.version} (licence: ${declared})\n${'='.repeat(78)}\n\n${body}\n`);
}
writeFileSync(
  join(dist, 'LICENSES.txt'),
  `The frontoffice playground (playground.js, playground.css and the three\n` +
    `*.worker.js files beside this one) bundles the following ${sections.length} npm\n` +
    `packages. Their licences follow, each with its name and version.\n\n` +
    sections.join('\n'),
);

// Sizes, raw and gzipped.
const rows = [...expected, 'LICENSES.txt'].map((name) => {
  const data = readFileSync(join(dist, name));
  return [name, data.length, gzipSync(data, { level: 9 }).length];
});
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log('dist/ (raw, gzip):');
for (const [name, raw, gz] of rows) {
  console.log(`  ${name.padEnd(18)} ${kib(raw).padStart(12)} ${kib(gz).padStart(12)}`);
}
const total = rows.reduce((sum, [, raw, gz]) => [sum[0] + raw, sum[1] + gz], [0, 0]);
console.log(`  ${'total'.padEnd(18)} ${kib(total[0]).padStart(12)} ${kib(total[1]).padStart(12)}`);
console.log(`LICENSES.txt: ${sections.length} packages`);
