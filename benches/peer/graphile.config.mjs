// PostGraphile as the side-by-side benchmark runs it (`cargo bench --bench
// peer`, see BENCHMARKS.md): the Amber preset with the connection-filter
// plugin (relation filters on, for "at an event not cancelled") and the
// aggregates plugin, on the database in PEER_DATABASE_URL, at
// 127.0.0.1:PEER_PORT. Its pool keeps pg's default of 10 connections, the
// same as frontoffice's `--db-pool`.
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";
import { PostGraphileConnectionFilterPreset } from "postgraphile-plugin-connection-filter";
import { PgAggregatesPreset } from "@graphile/pg-aggregates";
import { makeJSONPgSmartTagsPlugin } from "postgraphile/utils";

// What the scenarios need beyond the database's own description:
// - a ledger entry may be reversed by one later entry (`hours_entry.reverses`,
//   unique): PostGraphile names both ends of that self-reference
//   `hoursEntryByReverses`, and the clash drops most of the schema, so the
//   reverse end gets a name of its own;
// - Amber filters and orders only by indexed columns: the statuses of
//   volunteers and events (no index of their own; always combined with an
//   indexed condition here) are made filterable, and the stored collation
//   key (binary, which PostGraphile does not order by) orderable.
const ScenarioTags = makeJSONPgSmartTagsPlugin({
  version: 1,
  config: {
    constraint: {
      "hours_entry.fk_hours_entry_reverses": { tags: { foreignFieldName: "reversedBy" } },
    },
    attribute: {
      "volunteer.status": { tags: { isIndexed: true } },
      "event.status": { tags: { isIndexed: true } },
      "volunteer.name_sort_key": { tags: { behavior: ["+orderBy"] } },
    },
  },
});

/** @type {GraphileConfig.Preset} */
export default {
  extends: [PostGraphileAmberPreset, PostGraphileConnectionFilterPreset, PgAggregatesPreset],
  plugins: [ScenarioTags],
  pgServices: [
    makePgService({
      connectionString: process.env.PEER_DATABASE_URL,
      schemas: ["public"],
    }),
  ],
  schema: {
    connectionFilterRelations: true,
  },
  grafserv: {
    host: "127.0.0.1",
    port: Number(process.env.PEER_PORT ?? 5678),
    graphiql: false,
  },
  grafast: {
    explain: false,
  },
};
