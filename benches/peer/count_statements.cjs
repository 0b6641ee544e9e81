// Counts the statements PostGraphile sends to PostgreSQL, for the
// benchmark's "statements per request": loaded with `node --require`, it
// wraps pg's `Client.prototype.query` and answers the running total at
// GET http://127.0.0.1:PEER_COUNTER_PORT/ (plain text).
const http = require("node:http");
const pg = require("pg");

let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (...args) {
  statements += 1;
  return query.apply(this, args);
};

const port = Number(process.env.PEER_COUNTER_PORT);
if (port) {
  http
    .createServer((_, res) => res.end(String(statements)))
    .listen(port, "127.0.0.1")
    .unref();
}
