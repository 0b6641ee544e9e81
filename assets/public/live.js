// A small client of the graphql-transport-ws protocol (the one of the
// `graphql-ws` library), for the page's live figures: one WebSocket to
// /graphql/ws carrying any number of subscriptions, reconnecting with
// exponential backoff (and jitter, so a restarted server is not met by
// every open page at the same instant) and subscribing again each time.
//
// The protocol: connection_init → connection_ack; subscribe {id, payload};
// the server sends next {id, payload} for each result, error {id, payload}
// or complete {id}; ping is answered with pong.

const BACKOFF_MS = [1000, 2000, 5000, 10000, 30000];
/** A subscription the server ended or refused is asked for again after this. */
const RESUBSCRIBE_MS = 30000;

/**
 * Opens the connection. `onStatus` is told 'connecting', 'live' or
 * 'offline'. Returns `subscribe(payload, sink)` (sink: `{ next, error }`)
 * that gives back a function ending the subscription, and `close()`.
 */
export function connectLive(url, onStatus = () => {}) {
  const subs = new Map(); // id → { payload, sink, running }
  let ws = null;
  let acked = false;
  let attempt = 0;
  let timer = 0;
  let closed = false;
  let nextId = 1;

  const send = (message) => {
    if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
  };
  const start = (id) => {
    const sub = subs.get(id);
    if (!acked || !sub || sub.running) return;
    sub.running = true;
    send({ id, type: 'subscribe', payload: sub.payload });
  };

  function open() {
    onStatus('connecting');
    ws = new WebSocket(url, 'graphql-transport-ws');
    ws.onopen = () => send({ type: 'connection_init', payload: {} });
    ws.onmessage = (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        ws.close(4400, 'Invalid message');
        return;
      }
      const sub = subs.get(message.id);
      switch (message.type) {
        case 'connection_ack':
          acked = true;
          attempt = 0;
          onStatus('live');
          for (const id of subs.keys()) start(id);
          break;
        case 'ping':
          send({ type: 'pong' });
          break;
        case 'next':
          if (sub) sub.sink.next(message.payload);
          break;
        case 'error':
        case 'complete':
          if (!sub) break;
          sub.running = false;
          if (message.type === 'error' && sub.sink.error) sub.sink.error(message.payload);
          // Ended by the server: ask again later, on this connection.
          setTimeout(() => start(message.id), RESUBSCRIBE_MS);
          break;
        default:
          break;
      }
    };
    ws.onclose = () => {
      acked = false;
      ws = null;
      for (const sub of subs.values()) sub.running = false;
      if (closed) return;
      onStatus('offline');
      const base = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)];
      attempt += 1;
      timer = setTimeout(open, base / 2 + Math.random() * base);
    };
  }

  open();
  return {
    subscribe(payload, sink) {
      const id = String(nextId++);
      subs.set(id, { payload, sink, running: false });
      start(id);
      return () => {
        if (subs.delete(id) && acked) send({ id, type: 'complete' });
      };
    },
    close() {
      closed = true;
      clearTimeout(timer);
      if (ws) ws.close(1000, 'Page closed');
    },
  };
}

/** The WebSocket URL of the API on the page's own origin. */
export function liveUrl(loc = window.location) {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/graphql/ws`;
}
