// The GraphQL-over-HTTP conformance audit of graphql-http, against the
// server whose /graphql URL is the first argument. Prints every audit that
// is not "ok" (errors, warnings and notices alike) and exits non-zero if any.
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs http://HOST:PORT/graphql');
  process.exit(2);
}
const results = await auditServer({ url });
const failed = results.filter((r) => r.status !== 'ok');
for (const r of failed) {
  console.log(`${r.status} ${r.id} ${r.name}: ${r.reason}`);
}
console.log(`${results.length - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length === 0 ? 0 : 1);
