// The tabs a first visit opens with: the examples of the project's README,
// each named so that its tab has a title. Later visits get back the tabs
// as they were left (kept in this browser's storage, without headers).

const OVERVIEW = `# Anyone may ask this: the server, the regions with their front offices,
# the latest completed raids and the international exchanges.
query Overview {
  serverInfo { version database today }
  regions { nodes { code nameKk nameRu nameEn frontOffice { name openedOn } } }
  events(first: 5, filter: { kinds: [RAID], statuses: [COMPLETED] }, orderBy: { field: STARTS_AT, direction: DESC }) {
    nodes {
      title kind level status startsAt participantCount hours
      project { name }
      region { code }
      beneficiariesServed { category count }
    }
  }
  internationalExchanges { nodes { title direction countryCode startsOn endsOn foreignParticipants } }
}
`;

const SIGN_IN = `# Sign in as the demo admin. The sign-in box above does this for you and
# puts the token in the Headers pane; run this to see the token itself.
mutation SignIn {
  login(input: { username: "admin", password: "frontoffice-demo" }) { token }
}
`;

const VOLUNTEERS = `# People are for signed-in users: sign in first (the box above).
query Volunteers {
  volunteers(first: 5, filter: { name: "әли", ageMin: 18 }, orderBy: { field: NAME }) {
    totalCount
    nodes { fullName birthDate age region { nameEn } family { name } skills languages totalHours }
    pageInfo { hasNextPage endCursor }
  }
  events(first: 3) { nodes { title participations(first: 3) { nodes { minutes volunteer { fullName } } } } }
}
`;

const STATISTICS = `# A year's figures for one region, by region, and year by year.
query Statistics {
  statistics(from: "2024-01-01", to: "2024-12-31", regionCode: "KZ-75") {
    activeVolunteers hours hoursGrowth
    eventsByLevel { level count }
    ageGroups { minAge maxAge volunteers }
  }
  statisticsByRegion(from: "2024-01-01", to: "2024-12-31") {
    region { code nameKk } statistics { activeVolunteers hours }
  }
  statisticsSeries(from: "2022-01-01", to: "2024-12-31", interval: YEAR) {
    from to hours activeVolunteers events
  }
}
`;

const YEAR = new Date().getFullYear();

const LIVE_STATISTICS = `# Live figures over the WebSocket (/graphql/ws): the current figures at
# once, then again after every change that alters them.
subscription LiveStatistics {
  statisticsUpdated(from: "${YEAR}-01-01", to: "${YEAR}-12-31", regionCode: "KZ-71") {
    activeVolunteers hours
  }
}
`;

const ONGOING_EVENTS = `# The events going on right now in the demo data.
query OngoingEvents {
  events(filter: { statuses: [ONGOING] }) { nodes { title region { code } participantCount } }
}
`;

export const EXAMPLE_TABS = [
  { query: OVERVIEW },
  { query: SIGN_IN },
  { query: VOLUNTEERS },
  { query: STATISTICS },
  { query: LIVE_STATISTICS },
  { query: ONGOING_EVENTS },
];
