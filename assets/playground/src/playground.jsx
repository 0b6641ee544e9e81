// The GraphQL playground of frontoffice: GraphiQL with the explorer plugin,
// a sign-in box, and the README's examples as tabs. Everything it loads
// comes from this origin.

import './workers.js';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import './playground.css';

import { StrictMode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import { useGraphiQL } from '@graphiql/react';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { parse } from 'graphql';

import { EXAMPLE_TABS } from './examples.js';
import { createStorage } from './storage.js';
import {
  GRAPHQL_URL,
  adoptToken,
  bearer,
  checkSession,
  loadSession,
  saveSession,
  signIn,
  subscriptionUrl,
  syncAuthorization,
} from './session.js';

const PLUGINS = [HISTORY_PLUGIN, explorerPlugin()];
const STORAGE = createStorage();

/**
 * The operation name as the document has it. GraphiQL reads the name from
 * the editor a moment after a tab switch, so a run right after switching
 * would send the previous tab's name, which the server refuses: a name the
 * document does not have becomes its only operation's name, or none.
 */
function settledOperationName(params) {
  if (!params.operationName || typeof params.query !== 'string') return params;
  let names;
  try {
    names = parse(params.query).definitions
      .filter((d) => d.kind === 'OperationDefinition')
      .map((d) => d.name?.value);
  } catch {
    return params;
  }
  if (names.includes(params.operationName)) return params;
  return { ...params, operationName: names.length === 1 ? names[0] : undefined };
}

function makeFetcher(token) {
  const auth = token ? { Authorization: bearer(token) } : {};
  const fetcher = createGraphiQLFetcher({
    url: GRAPHQL_URL,
    subscriptionUrl: subscriptionUrl(),
    // Sent with every request; the Headers pane's own values win.
    headers: auth,
    // The server reads the token from the connection_init payload.
    wsConnectionParams: auth,
  });
  return (params, options) => fetcher(settledOperationName(params), options);
}

/** Keeps the active tab's Headers pane in line with the sign-in state. */
function HeaderSync({ token }) {
  const { headerEditor, activeTabIndex, tabCount } = useGraphiQL((state) => ({
    headerEditor: state.headerEditor,
    activeTabIndex: state.activeTabIndex,
    tabCount: state.tabs.length,
  }));
  useEffect(() => {
    if (!headerEditor) return;
    const next = syncAuthorization(headerEditor.getValue(), token);
    if (next !== null) headerEditor.setValue(next);
  }, [headerEditor, activeTabIndex, tabCount, token]);
  return null;
}

function formatUntil(expiresAt) {
  if (!expiresAt) return null;
  const at = new Date(expiresAt);
  if (Number.isNaN(at.getTime())) return null;
  return at.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });
}

function SignInBox({ session, onSession }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [pasted, setPasted] = useState('');
  const [pasting, setPasting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);

  const run = useCallback(
    async (attempt) => {
      setBusy(true);
      setError(null);
      try {
        onSession(await attempt());
        setPassword('');
        setPasted('');
        setPasting(false);
      } catch (failure) {
        setError(failure instanceof Error ? failure.message : String(failure));
      } finally {
        setBusy(false);
      }
    },
    [onSession],
  );

  if (session) {
    const until = formatUntil(session.expiresAt);
    return (
      <div className="fo-signin" aria-live="polite">
        <span className="fo-who">
          Signed in as <strong>{session.username}</strong>{' '}
          <span className="fo-role">{session.roleLabel || session.role}</span>
          {until && (
            <>
              {' '}
              <span className="fo-until">until {until}</span>
            </>
          )}
        </span>
        <button type="button" className="fo-button fo-secondary" onClick={() => onSession(null)}>
          Sign out
        </button>
      </div>
    );
  }

  return (
    <div className="fo-signin">
      {pasting ? (
        <form
          className="fo-form"
          onSubmit={(event) => {
            event.preventDefault();
            run(() => adoptToken(pasted));
          }}
        >
          <label className="fo-field fo-token">
            <span className="fo-label">Token</span>
            <input
              type="password"
              autoComplete="off"
              spellCheck="false"
              placeholder="paste a sign-in token"
              value={pasted}
              onChange={(event) => setPasted(event.target.value)}
              required
            />
          </label>
          <button type="submit" className="fo-button" disabled={busy}>
            Use token
          </button>
          <button type="button" className="fo-link" onClick={() => setPasting(false)}>
            sign in with a password
          </button>
        </form>
      ) : (
        <form
          className="fo-form"
          onSubmit={(event) => {
            event.preventDefault();
            run(() => signIn(username.trim(), password));
          }}
        >
          <label className="fo-field">
            <span className="fo-label">Username</span>
            <input
              type="text"
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck="false"
              value={username}
              onChange={(event) => setUsername(event.target.value)}
              required
            />
          </label>
          <label className="fo-field">
            <span className="fo-label">Password</span>
            <input
              type="password"
              name="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              required
            />
          </label>
          <button type="submit" className="fo-button" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
          <button type="button" className="fo-link" onClick={() => setPasting(true)}>
            paste a token
          </button>
        </form>
      )}
      {error && (
        <p className="fo-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function Playground() {
  const [session, setSession] = useState(loadSession);
  const token = session ? session.token : null;
  const checked = useRef(false);

  const changeSession = useCallback((next) => {
    saveSession(next);
    setSession(next);
  }, []);

  // A kept token may have stopped working (expired, account disabled,
  // server keys changed): find out once, on load.
  useEffect(() => {
    if (checked.current || !session) return;
    checked.current = true;
    checkSession(session).then((valid) => {
      if (!valid) changeSession(null);
    });
  }, [session, changeSession]);

  const fetcher = useMemo(() => makeFetcher(token), [token]);

  return (
    <div className="fo-app">
      <header className="fo-bar">
        <h1 className="fo-title">
          frontoffice <span className="fo-subtitle">GraphQL playground</span>
        </h1>
        <SignInBox session={session} onSession={changeSession} />
      </header>
      <main className="fo-editor">
        <GraphiQL
          fetcher={fetcher}
          plugins={PLUGINS}
          defaultTabs={EXAMPLE_TABS}
          storage={STORAGE}
          shouldPersistHeaders={false}
          showPersistHeadersSettings={false}
        >
          {/* The bar above already names the page. */}
          <GraphiQL.Logo>{null}</GraphiQL.Logo>
          <HeaderSync token={token} />
        </GraphiQL>
      </main>
    </div>
  );
}

createRoot(document.getElementById('playground')).render(
  <StrictMode>
    <Playground />
  </StrictMode>,
);
