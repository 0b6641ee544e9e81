// A dashboard's live statistics through the graphql-ws client (the library
// dashboards use): subscribes at the server's /graphql/ws URL and prints
// each result as one JSON line, exiting after the given number of results.
//
//   node live.mjs ws://HOST:PORT/graphql/ws TOKEN COUNT QUERY [VARIABLES]
//
// TOKEN may be "-" for an anonymous connection.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, token, count, query, variables] = process.argv.slice(2);
if (!url || !token || !count || !query) {
  console.error('usage: node live.mjs WS_URL TOKEN|- COUNT QUERY [VARIABLES_JSON]');
  process.exit(2);
}

const client = createClient({
  url,
  webSocketImpl: WebSocket,
  lazy: false,
  retryAttempts: 0,
  // Reported below, as a line, rather than logged.
  onNonLazyError: () => {},
  connectionParams: token === '-' ? {} : { Authorization: `Bearer ${token}` },
});

let received = 0;
const subscription = client.iterate({
  query,
  variables: variables ? JSON.parse(variables) : {},
});
try {
  for await (const result of subscription) {
    console.log(JSON.stringify(result));
    received += 1;
    if (received >= Number(count)) break;
  }
} catch (error) {
  // A refused connection rejects with the close event.
  console.log(JSON.stringify({
    clientError: String(error?.reason || error?.message || error),
    closeCode: error?.code ?? null,
  }));
  await client.dispose();
  process.exit(1);
}
await client.dispose();
process.exit(0);
