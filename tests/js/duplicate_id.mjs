// Two subscriptions under one operation id through the graphql-ws client
// (which a client with a faulty id generator would send): prints each
// result as one JSON line and, when the server closes the connection, its
// close code, then exits.
//
//   node duplicate_id.mjs ws://HOST:PORT/graphql/ws QUERY [VARIABLES]
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, query, variables] = process.argv.slice(2);
if (!url || !query) {
  console.error('usage: node duplicate_id.mjs WS_URL QUERY [VARIABLES_JSON]');
  process.exit(2);
}

const client = createClient({
  url,
  webSocketImpl: WebSocket,
  lazy: false,
  retryAttempts: 0,
  onNonLazyError: () => {},
  generateID: () => 'dashboard',
});

let closed = false;
const sink = {
  next: (result) => console.log(JSON.stringify(result)),
  error: (error) => {
    if (closed) return;
    closed = true;
    console.log(JSON.stringify({
      clientError: String(error?.reason || error?.message || error),
      closeCode: error?.code ?? null,
    }));
    client.dispose();
    process.exit(0);
  },
  complete: () => {},
};
const payload = { query, variables: variables ? JSON.parse(variables) : {} };
client.subscribe(payload, sink);
client.subscribe(payload, sink);
