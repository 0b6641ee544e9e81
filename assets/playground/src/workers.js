// Monaco's web workers, built as separate files (dist/editor.worker.js,
// dist/json.worker.js, dist/graphql.worker.js) and started from this
// origin's URLs. Must run before the editor is created: imported first by
// the entry.

import { assetUrl } from './assets.js';

const WORKERS = {
  json: 'json.worker.js',
  graphql: 'graphql.worker.js',
};

globalThis.MonacoEnvironment = {
  getWorker(_workerId, label) {
    const file = WORKERS[label] || 'editor.worker.js';
    // Classic workers: the files are self-contained scripts (IIFE).
    return new Worker(assetUrl(file), { name: `${label} worker` });
  },
};
