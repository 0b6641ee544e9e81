//! The reference tables every server process keeps in memory (regions,
//! front offices and their partners, organizations, projects) show a
//! write at the next request, on the process that wrote it and, on
//! PostgreSQL, on every other process of the same database.

use crate::support::{Demo, TestApp};
use serde_json::{Value, json};

const SEEN: &str = "query($p: ID!) { events(first: 1, filter: { projectId: $p }) { nodes {
  project { id name beneficiaryCategories owner { id name partners { organization { name } } } }
  region { code frontOffice { name } } } } }";

const RENAME: &str = "mutation($input: UpdateProjectInput!) {
  updateProject(input: $input) { project { id name } } }";
const CREATE_ORG: &str = "mutation($input: CreateOrganizationInput!) {
  createOrganization(input: $input) { organization { id name } } }";
const ADD_PARTNER: &str = "mutation($input: AddPartnerInput!) {
  addFrontOfficePartner(input: $input) { frontOffice { id } } }";

/// Project `id`, and its owner, as `server` shows them through an event of
/// the project (the relation kept in memory).
async fn project_seen(server: &TestApp, id: &Value) -> Value {
    let data = server.query(SEEN, json!({ "p": id })).await;
    data["events"]["nodes"][0]["project"].clone()
}

#[tokio::test]
async fn every_process_shows_a_reference_write_at_its_next_request() {
    let app = TestApp::spawn(Demo::Yes).await;
    let sibling = match app.backend() {
        "postgres" => Some(app.sibling().await),
        _ => None,
    };
    let servers: Vec<&TestApp> = std::iter::once(&app).chain(sibling.as_ref()).collect();
    let projects = app
        .query("{ projects(first: 1) { nodes { id } } }", json!({}))
        .await;
    let id = projects["projects"]["nodes"][0]["id"].clone();
    let before = project_seen(&app, &id).await;
    assert!(before["name"].is_string(), "{before}");
    for server in &servers {
        // Each process has now read the tables into memory.
        assert_eq!(project_seen(server, &id).await, before);
    }

    // A project renamed on one process (the last one: on PostgreSQL, the
    // sibling) is renamed on all of them at once.
    let writer = servers[servers.len() - 1];
    let renamed = format!("{} (renamed)", before["name"].as_str().unwrap_or_default());
    writer
        .mutate(
            RENAME,
            json!({ "projectId": before["id"], "name": renamed, "beneficiaryCategories": ["CHILD"] }),
        )
        .await;
    for server in &servers {
        let seen = project_seen(server, &id).await;
        assert_eq!(seen["name"], renamed.as_str());
        assert_eq!(seen["beneficiaryCategories"], json!(["CHILD"]));
    }

    // A new partner of the project's owner, added on the first process.
    let org = app
        .mutate(
            CREATE_ORG,
            json!({ "name": "Partner of the test", "kind": "NGO", "countryCode": "KZ" }),
        )
        .await;
    app.mutate(
        ADD_PARTNER,
        json!({ "frontOfficeId": before["owner"]["id"], "organizationId": org["organization"]["id"], "since": "2026-01-01" }),
    )
    .await;
    for server in &servers {
        let partners = project_seen(server, &id).await["owner"]["partners"].clone();
        assert!(
            partners.as_array().is_some_and(|p| p
                .iter()
                .any(|p| p["organization"]["name"] == "Partner of the test")),
            "{partners}"
        );
    }
}
