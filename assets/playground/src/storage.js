// GraphiQL's storage: localStorage (tabs, history, favourites, theme), but
// never a token. Headers are not persisted (shouldPersistHeaders is off),
// yet the history and the favourites keep each operation's headers: the
// Authorization header is taken out of them before they are written.

import { withoutAuthorization } from './session.js';

const NAMESPACE = 'graphiql:';

function scrubHeaders(value) {
  let data;
  try {
    data = JSON.parse(value);
  } catch {
    return value;
  }
  let changed = false;
  const walk = (node) => {
    if (Array.isArray(node)) {
      node.forEach(walk);
    } else if (node && typeof node === 'object') {
      for (const key of Object.keys(node)) {
        const item = node[key];
        if (key === 'headers' && typeof item === 'string') {
          const clean = withoutAuthorization(item);
          if (clean !== item) {
            node[key] = clean;
            changed = true;
          }
        } else {
          walk(item);
        }
      }
    }
  };
  walk(data);
  return changed ? JSON.stringify(data) : value;
}

function memoryStorage() {
  const items = new Map();
  return {
    getItem: (key) => (items.has(key) ? items.get(key) : null),
    setItem: (key, value) => items.set(key, String(value)),
    removeItem: (key) => items.delete(key),
    clear: () => items.clear(),
    get length() {
      return items.size;
    },
  };
}

function backing() {
  try {
    const storage = window.localStorage;
    const probe = `${NAMESPACE}probe`;
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}

export function createStorage() {
  const local = backing();
  if (!local) return memoryStorage();
  const ours = () => {
    const keys = [];
    for (let i = 0; i < local.length; i += 1) {
      const key = local.key(i);
      if (key && key.startsWith(NAMESPACE)) keys.push(key);
    }
    return keys;
  };
  return {
    getItem: (key) => local.getItem(key),
    setItem(key, value) {
      const clean = key === `${NAMESPACE}headers` ? withoutAuthorization(value) || '' : scrubHeaders(value);
      local.setItem(key, clean);
    },
    removeItem: (key) => local.removeItem(key),
    clear() {
      for (const key of ours()) local.removeItem(key);
    },
    get length() {
      return ours().length;
    },
  };
}
