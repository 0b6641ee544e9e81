//! Writes on the network's structure: organizations, front offices,
//! projects, families, exchanges and beneficiaries served.

use crate::support::write::*;
use crate::support::{Demo, TestApp};
use serde_json::json;

const CREATE_ORG: &str = "mutation($input: CreateOrganizationInput!) {
  createOrganization(input: $input) { organization { id name countryCode } } }";
const CREATE_OFFICE: &str = "mutation($input: CreateFrontOfficeInput!) {
  createFrontOffice(input: $input) { frontOffice { id kind } } }";
const ADD_PARTNER: &str = "mutation($input: AddPartnerInput!) {
  addFrontOfficePartner(input: $input) { frontOffice { id partners { since organization { name } } } } }";
const CREATE_PROJECT: &str = "mutation($input: CreateProjectInput!) {
  createProject(input: $input) { project { id name beneficiaryCategories } } }";
const CREATE_EXCHANGE: &str = "mutation($input: CreateExchangeInput!) {
  createInternationalExchange(input: $input) { exchange { id countryCode foreignParticipants } } }";
const ADD_PARTICIPANT: &str = "mutation($input: ExchangeParticipantInput!) {
  addExchangeParticipant(input: $input) { exchange { id participants { totalCount } } } }";
const REMOVE_PARTICIPANT: &str = "mutation($input: ExchangeParticipantInput!) {
  removeExchangeParticipant(input: $input) { exchange { id participants { totalCount } } } }";
const SET_FOREIGN: &str = "mutation($input: SetForeignParticipantsInput!) {
  setForeignParticipants(input: $input) { exchange { foreignParticipants } } }";
const BENEFICIARIES: &str = "mutation($input: RecordBeneficiariesInput!) {
  recordBeneficiariesServed(input: $input) { event { beneficiariesServed { category count } } } }";

#[tokio::test]
async fn the_network_structure_is_built_through_the_api() {
    let app = TestApp::spawn(Demo::No).await;
    let unicef = app
        .mutate(
            CREATE_ORG,
            json!({ "name": "UNICEF Kazakhstan", "kind": "INTERNATIONAL", "countryCode": "kz" }),
        )
        .await;
    assert_eq!(unicef["organization"]["countryCode"], "KZ");
    let org = id_of(&unicef["organization"]);
    app.refused(
        CREATE_ORG,
        json!({ "name": "UNICEF Kazakhstan", "kind": "NGO", "countryCode": "KZ" }),
        "CONFLICT",
    )
    .await;
    app.refused(
        CREATE_ORG,
        json!({ "name": "X", "kind": "NGO", "countryCode": "KAZ" }),
        "VALIDATION",
    )
    .await;

    let republican = app
        .mutate(
            CREATE_OFFICE,
            json!({ "kind": "REPUBLICAN", "name": "Республикалық", "openedOn": "2019-01-01" }),
        )
        .await;
    let office = id_of(&republican["frontOffice"]);
    app.refused(
        CREATE_OFFICE,
        json!({ "kind": "REPUBLICAN", "name": "Екінші", "openedOn": "2019-01-01" }),
        "CONFLICT",
    )
    .await;
    app.refused(
        CREATE_OFFICE,
        json!({ "kind": "REGIONAL", "name": "Аймақ", "openedOn": "2019-01-01" }),
        "VALIDATION",
    )
    .await;
    app.mutate(CREATE_OFFICE, json!({ "kind": "REGIONAL", "regionCode": "KZ-75", "name": "Алматы", "openedOn": "2019-06-01" }))
        .await;
    app.refused(CREATE_OFFICE, json!({ "kind": "REGIONAL", "regionCode": "KZ-75", "name": "Алматы 2", "openedOn": "2020-01-01" }), "CONFLICT").await;
    let partnered = app
        .mutate(
            ADD_PARTNER,
            json!({ "frontOfficeId": office, "organizationId": org, "since": "2019-01-01" }),
        )
        .await;
    assert_eq!(
        partnered["frontOffice"]["partners"][0]["organization"]["name"],
        "UNICEF Kazakhstan"
    );
    app.refused(
        ADD_PARTNER,
        json!({ "frontOfficeId": office, "organizationId": org, "since": "2019-01-01" }),
        "CONFLICT",
    )
    .await;

    let project = app
        .mutate(
            CREATE_PROJECT,
            json!({ "name": "Жеңіс", "startedOn": "2015-05-09", "ownerFrontOfficeId": office,
                    "beneficiaryCategories": ["VETERAN", "HOME_FRONT_WORKER", "VETERAN"] }),
        )
        .await;
    assert_eq!(
        project["project"]["beneficiaryCategories"],
        json!(["HOME_FRONT_WORKER", "VETERAN"])
    );
    app.refused(
        CREATE_PROJECT,
        json!({ "name": "Жеңіс", "startedOn": "2016-01-01", "ownerFrontOfficeId": office }),
        "CONFLICT",
    )
    .await;
    app.refused(
        CREATE_PROJECT,
        json!({ "name": "Болашақ", "startedOn": "2016-01-01", "ownerFrontOfficeId": org }),
        "VALIDATION",
    )
    .await;
    let event = app
        .event(
            "Жеңіс рейді",
            json!({ "projectId": id_of(&project["project"]) }),
        )
        .await;
    let served = app
        .mutate(BENEFICIARIES, json!({ "eventId": event, "counts": [{ "category": "VETERAN", "count": 3 }, { "category": "ELDERLY", "count": 5 }] }))
        .await;
    assert_eq!(
        served["event"]["beneficiariesServed"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    app.refused(
        BENEFICIARIES,
        json!({ "eventId": event, "counts": [{ "category": "VETERAN", "count": -1 }] }),
        "VALIDATION",
    )
    .await;
    app.refused(
        BENEFICIARIES,
        json!({ "eventId": event, "counts": [{ "category": "VETERAN", "count": 1 }, { "category": "VETERAN", "count": 2 }] }),
        "VALIDATION",
    )
    .await;
}

#[tokio::test]
async fn exchanges_and_their_participants() {
    let app = TestApp::spawn(Demo::No).await;
    let base = json!({ "title": "Берлин алмасуы", "direction": "OUTBOUND", "countryCode": "de",
                       "startsOn": "2024-12-28", "endsOn": "2025-01-05" });
    let created = app.mutate(CREATE_EXCHANGE, base.clone()).await;
    assert_eq!(created["exchange"]["countryCode"], "DE");
    let exchange = id_of(&created["exchange"]);
    for (extra, field) in [
        (json!({ "countryCode": "KZ" }), "input.countryCode"),
        (json!({ "endsOn": "2024-12-01" }), "input.endsOn"),
        (
            json!({ "foreignParticipants": -1 }),
            "input.foreignParticipants",
        ),
    ] {
        let mut input = base.clone();
        input
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        let error = app.refused(CREATE_EXCHANGE, input, "VALIDATION").await;
        assert_eq!(error["extensions"]["field"], field);
    }
    let v = app.volunteer("Әлия", "2001-03-04", json!({})).await;
    let added = app
        .mutate(
            ADD_PARTICIPANT,
            json!({ "exchangeId": exchange, "volunteerId": v }),
        )
        .await;
    assert_eq!(added["exchange"]["participants"]["totalCount"], 1);
    app.refused(
        ADD_PARTICIPANT,
        json!({ "exchangeId": exchange, "volunteerId": v }),
        "CONFLICT",
    )
    .await;
    let set = app
        .mutate(SET_FOREIGN, json!({ "exchangeId": exchange, "count": 12 }))
        .await;
    assert_eq!(set["exchange"]["foreignParticipants"], 12);
    app.refused(
        SET_FOREIGN,
        json!({ "exchangeId": exchange, "count": -3 }),
        "VALIDATION",
    )
    .await;
    let removed = app
        .mutate(
            REMOVE_PARTICIPANT,
            json!({ "exchangeId": exchange, "volunteerId": v }),
        )
        .await;
    assert_eq!(removed["exchange"]["participants"]["totalCount"], 0);
    app.refused(
        REMOVE_PARTICIPANT,
        json!({ "exchangeId": exchange, "volunteerId": v }),
        "NOT_FOUND",
    )
    .await;
}

#[tokio::test]
async fn mutations_are_refused_over_get_and_the_audit_log_filters() {
    let app = TestApp::spawn(Demo::No).await;
    let response = app
        .client
        .get(app.url("/graphql"))
        .query(&[("query", "mutation { createFamily(input: { name: \"A\", regionCode: \"KZ-71\" }) { family { id } } }")])
        .header("accept", "application/graphql-response+json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 405);
    assert_eq!(app.dump().await["family"], json!([]));
    let family = app.family("Отбасы").await;
    app.volunteer("Бір", "1990-01-01", json!({})).await;
    let data = app
        .query(
            "query($id: ID!) { byEntity: auditLog(filter: { entityId: $id }) { totalCount nodes { action } }
               byAction: auditLog(filter: { action: \"registerVolunteer\" }) { totalCount }
               oldestFirst: auditLog(direction: ASC, first: 1) { nodes { action requestId } } }",
            json!({ "id": family }),
        )
        .await;
    assert_eq!(data["byEntity"]["totalCount"], 1);
    assert_eq!(data["byEntity"]["nodes"][0]["action"], "createFamily");
    assert_eq!(data["byAction"]["totalCount"], 1);
    assert_eq!(data["oldestFirst"]["nodes"][0]["action"], "createFamily");
    assert!(
        data["oldestFirst"]["nodes"][0]["requestId"]
            .as_str()
            .is_some_and(|id| !id.is_empty())
    );
}
