// Signing in: the login mutation, the token kept for this tab only
// (sessionStorage), and the Authorization header it becomes.

const SESSION_KEY = 'frontoffice.playground.session';

export const GRAPHQL_URL = '/graphql';

export function subscriptionUrl() {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}/graphql/ws`;
}

export function bearer(token) {
  return `Bearer ${token}`;
}

/** Every token this page has used, so stale ones can be told from a user's own. */
const ownTokens = new Set();

export function isOwnToken(token) {
  return ownTokens.has(token);
}

/** The session kept for this browser tab, if any and not expired. */
export function loadSession() {
  try {
    const raw = window.sessionStorage.getItem(SESSION_KEY);
    if (!raw) return null;
    const session = JSON.parse(raw);
    if (!session || typeof session.token !== 'string' || !session.token) return null;
    if (session.expiresAt && Date.parse(session.expiresAt) <= Date.now()) {
      window.sessionStorage.removeItem(SESSION_KEY);
      return null;
    }
    ownTokens.add(session.token);
    return session;
  } catch {
    return null;
  }
}

export function saveSession(session) {
  try {
    if (session) {
      ownTokens.add(session.token);
      window.sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
    } else {
      window.sessionStorage.removeItem(SESSION_KEY);
    }
  } catch {
    // Storage refused (private mode): the session lasts as long as the page.
  }
}

/** POST a GraphQL request; the data, or an Error with errors[0].message. */
async function request(query, variables, token) {
  const headers = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json;q=0.9',
  };
  if (token) headers.Authorization = bearer(token);
  let response;
  try {
    response = await fetch(GRAPHQL_URL, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new Error('The server cannot be reached.');
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: reported below.
  }
  if (body && Array.isArray(body.errors) && body.errors.length > 0) {
    const first = body.errors[0] || {};
    const error = new Error(first.message || 'The request was refused.');
    error.code = first.extensions && first.extensions.code;
    throw error;
  }
  if (!response.ok || !body || !body.data) {
    throw new Error(`The server answered ${response.status} ${response.statusText}`.trim());
  }
  return body.data;
}

const LOGIN = `mutation($u: String!, $p: String!) {
  login(input: { username: $u, password: $p }) { token expiresAt account { username role } }
}`;

const ME = '{ me { username role } }';

// The role as people read it, from the API's labels (the browser's
// language, the same table the public page and every client use).
const ROLE_LABELS = '{ labels(enums: ["Role"]) { value label } }';

async function withRoleLabel(session) {
  try {
    const data = await request(ROLE_LABELS);
    const found = data.labels.find((l) => l.value === session.role);
    return { ...session, roleLabel: found ? found.label : session.role };
  } catch {
    return { ...session, roleLabel: session.role };
  }
}

/** Sign in with a username and password. */
export async function signIn(username, password) {
  const data = await request(LOGIN, { u: username, p: password });
  const { token, expiresAt, account } = data.login;
  return withRoleLabel({ token, expiresAt, username: account.username, role: account.role });
}

/** Adopt a token obtained elsewhere (`frontoffice token`, another client). */
export async function adoptToken(token) {
  const trimmed = token.trim().replace(/^bearer\s+/i, '');
  if (!trimmed) throw new Error('Paste a token first.');
  const data = await request(ME, undefined, trimmed);
  if (!data.me) throw new Error('That token does not sign anyone in.');
  return withRoleLabel({ token: trimmed, expiresAt: null, username: data.me.username, role: data.me.role });
}

/** Whether a kept session still signs in (a restart may have changed the keys). */
export async function checkSession(session) {
  try {
    const data = await request(ME, undefined, session.token);
    return Boolean(data.me);
  } catch (error) {
    // Only a refused token ends the session, not a server that is down.
    return !(error && error.code === 'UNAUTHENTICATED');
  }
}

function findKey(object, name) {
  return Object.keys(object).find((key) => key.toLowerCase() === name);
}

function parseHeaders(text) {
  if (!text || !text.trim()) return {};
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

function printHeaders(object) {
  return Object.keys(object).length ? JSON.stringify(object, null, 2) : '';
}

/**
 * The Headers pane's text brought in line with the sign-in state: our
 * Authorization added when signed in, a stale one of ours replaced or
 * removed. A header the user wrote with another token is left alone, and
 * so is text that is not a JSON object. Returns the text to set, or null
 * when nothing is to change.
 */
export function syncAuthorization(text, token) {
  const headers = parseHeaders(text);
  if (!headers) return null;
  const key = findKey(headers, 'authorization');
  const current = key ? String(headers[key]) : null;
  const match = current && /^bearer\s+(.+)$/i.exec(current.trim());
  const currentToken = match ? match[1].trim() : null;
  if (token) {
    if (currentToken === token) return null;
    if (key && !(currentToken && isOwnToken(currentToken))) return null;
    if (key) delete headers[key];
    return printHeaders({ ...headers, Authorization: bearer(token) });
  }
  if (!key || !(currentToken && isOwnToken(currentToken))) return null;
  delete headers[key];
  return printHeaders(headers);
}

/** Headers text without any Authorization: what may be kept in localStorage. */
export function withoutAuthorization(text) {
  if (typeof text !== 'string' || !/authorization/i.test(text)) return text;
  const headers = parseHeaders(text);
  if (!headers) return null;
  const key = findKey(headers, 'authorization');
  if (key) delete headers[key];
  return printHeaders(headers);
}
