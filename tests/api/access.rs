//! Who may see and change what: each role against each kind of access,
//! over HTTP and over the WebSocket, every denial asserted by its code.

use crate::support::write::*;
use crate::support::{Demo, TestApp, token, ws};
use entity::Role;
use serde_json::{Value, json};

/// A small register: two adults in two regions, and a family in Astana
/// with a parent and a child.
struct World {
    alia: String,
    bota: String,
    parent: String,
    child: String,
    event: String,
}

async fn world(app: &TestApp) -> World {
    let alia = app
        .volunteer(
            "Әлия Серікқызы",
            "2001-03-04",
            json!({ "phone": "+77011112233" }),
        )
        .await;
    let bota = app
        .volunteer(
            "Бота Қасымова",
            "1995-01-01",
            json!({ "regionCode": "KZ-75" }),
        )
        .await;
    let family = app.family("Нұрлановтар").await;
    let parent = app
        .volunteer("Нұрлан Ахметов", "1980-02-02", json!({}))
        .await;
    app.add_member(&family, &parent, "GUARDIAN").await;
    let child = app
        .volunteer(
            "Қайрат Нұрланұлы",
            "2016-07-08",
            json!({ "familyId": family }),
        )
        .await;
    let event = app.event("Сенбілік", json!({})).await;
    World {
        alia,
        bota,
        parent,
        child,
        event,
    }
}

const PERSON: &str = "query($id: ID!) { volunteer(id: $id) { fullName phone birthDate age personalDataVisible region { code } } }";

/// `fullName` of a volunteer as the token sees it: Some(name), None (null),
/// or Err(code).
async fn name_as(app: &TestApp, who: Option<&str>, id: &str) -> Result<Option<String>, String> {
    let (_, body) = app.post_as(who, PERSON, json!({ "id": id })).await;
    match body["errors"][0]["extensions"]["code"].as_str() {
        Some(code) => Err(code.to_owned()),
        None => {
            let v = &body["data"]["volunteer"];
            // Personal fields are shown or hidden together.
            let visible = v["personalDataVisible"].as_bool().unwrap();
            assert_eq!(!v["fullName"].is_null(), visible, "{body}");
            assert_eq!(!v["birthDate"].is_null(), visible, "{body}");
            assert_eq!(!v["age"].is_null(), visible, "{body}");
            if !visible {
                assert!(v["phone"].is_null(), "{body}");
            }
            Ok(v["fullName"].as_str().map(str::to_owned))
        }
    }
}

#[tokio::test]
async fn personal_fields_are_shown_only_to_those_entitled() {
    let app = TestApp::spawn(Demo::No).await;
    let w = world(&app).await;
    let coord71 = token(Role::Coordinator, &["KZ-71"], None);
    let coord75 = token(Role::Coordinator, &["KZ-75"], None);
    let analyst = token(Role::Analyst, &[], None);
    let alia = token(Role::Volunteer, &[], Some(&w.alia));
    let parent = token(Role::Volunteer, &[], Some(&w.parent));
    let name = Some("Әлия Серікқызы".to_owned());
    assert_eq!(
        name_as(&app, Some(&app.admin_token), &w.alia).await,
        Ok(name.clone())
    );
    assert_eq!(
        name_as(&app, Some(&coord71), &w.alia).await,
        Ok(name.clone())
    );
    assert_eq!(name_as(&app, Some(&coord75), &w.alia).await, Ok(None));
    assert_eq!(name_as(&app, Some(&analyst), &w.alia).await, Ok(None));
    assert_eq!(name_as(&app, Some(&alia), &w.alia).await, Ok(name.clone()));
    assert_eq!(name_as(&app, Some(&parent), &w.alia).await, Ok(None));
    assert_eq!(name_as(&app, None, &w.alia).await, Err("FORBIDDEN".into()));
    // A guardian sees the family's child; nobody else's child.
    let child = Some("Қайрат Нұрланұлы".to_owned());
    assert_eq!(name_as(&app, Some(&parent), &w.child).await, Ok(child));
    assert_eq!(name_as(&app, Some(&alia), &w.child).await, Ok(None));
    assert_eq!(
        name_as(&app, Some(&coord75), &w.bota).await,
        Ok(Some("Бота Қасымова".into()))
    );
    // A family's name and members follow the same rule.
    let family = "query($id: ID!) { volunteer(id: $id) { family { name } } }";
    let (_, seen) = app
        .post_as(Some(&parent), family, json!({ "id": w.child }))
        .await;
    assert_eq!(seen["data"]["volunteer"]["family"]["name"], "Нұрлановтар");
    let families = "{ families { nodes { name members { totalCount } } } }";
    let (_, hidden) = app.post_as(Some(&analyst), families, json!({})).await;
    assert_eq!(
        hidden["data"]["families"]["nodes"][0],
        json!({ "name": null, "members": null })
    );
    // Analysts list and count; they do not search by name.
    let (_, listed) = app
        .post_as(
            Some(&analyst),
            "{ volunteers { totalCount nodes { fullName } } }",
            json!({}),
        )
        .await;
    assert_eq!(listed["data"]["volunteers"]["totalCount"], 4);
    assert!(
        listed["data"]["volunteers"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|n| n["fullName"].is_null())
    );
    let search = "{ volunteers(filter: { or: [{ name: \"әлия\" }] }) { totalCount } }";
    let (_, refused) = app.post_as(Some(&analyst), search, json!({})).await;
    assert_eq!(refused["errors"][0]["extensions"]["code"], "FORBIDDEN");
    let (_, found) = app.post_as(Some(&coord75), search, json!({})).await;
    assert_eq!(found["data"]["volunteers"]["totalCount"], 1);
}

#[tokio::test]
async fn anonymous_callers_see_public_figures_and_nothing_about_people() {
    let app = TestApp::spawn(Demo::No).await;
    let w = world(&app).await;
    app.sign_up(&w.alia, &w.event).await;
    let (status, body) = app
        .post_as(None, "{ events { totalCount nodes { title registeredCount hours } } regions { totalCount } projects { totalCount } }", json!({}))
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        body["data"]["events"]["nodes"][0]["registeredCount"], 1,
        "{body}"
    );
    for (query, variables) in [
        ("{ volunteers { totalCount } }", json!({})),
        ("{ families { totalCount } }", json!({})),
        ("{ participations { totalCount } }", json!({})),
        (
            "{ regions { nodes { volunteers { totalCount } } } }",
            json!({}),
        ),
        (
            "{ events { nodes { participations { totalCount } } } }",
            json!({}),
        ),
        (
            "query($id: ID!) { node(id: $id) { id } }",
            json!({ "id": w.alia }),
        ),
        ("{ auditLog { totalCount } }", json!({})),
        ("{ myData { account { username } } }", json!({})),
    ] {
        let (_, body) = app.post_as(None, query, variables).await;
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "FORBIDDEN",
            "{query}: {body}"
        );
        assert!(!body.to_string().contains("Әлия"), "{body}");
    }
    let (_, me) = app.post_as(None, "{ me { username } }", json!({})).await;
    assert_eq!(me["data"]["me"], Value::Null);
}

#[tokio::test]
async fn writes_follow_roles_and_regions() {
    let app = TestApp::spawn(Demo::No).await;
    let w = world(&app).await;
    let coord71 = token(Role::Coordinator, &["KZ-71"], None);
    let analyst = token(Role::Analyst, &[], None);
    let alia = token(Role::Volunteer, &[], Some(&w.alia));
    let parent = token(Role::Volunteer, &[], Some(&w.parent));
    let event_in = |region: &str| {
        json!({ "input": { "title": "Жиын", "kind": "EVENT", "level": "REGIONAL", "activityType": "CIVIC",
                "regionCode": region, "startsAt": at(chrono::Duration::hours(-1)), "endsAt": at(chrono::Duration::hours(2)) } })
    };
    let code = |body: &Value| {
        body["errors"][0]["extensions"]["code"]
            .as_str()
            .map(str::to_owned)
    };
    // Own region, another region.
    let (_, own) = app
        .post_as(Some(&coord71), CREATE_EVENT, event_in("KZ-71"))
        .await;
    assert_eq!(code(&own), None, "{own}");
    let (_, other) = app
        .post_as(Some(&coord71), CREATE_EVENT, event_in("KZ-75"))
        .await;
    assert_eq!(code(&other).as_deref(), Some("FORBIDDEN"));
    let update = "mutation($input: UpdateVolunteerInput!) { updateVolunteer(input: $input) { volunteer { id } } }";
    let (_, b) = app
        .post_as(
            Some(&coord71),
            update,
            json!({ "input": { "volunteerId": w.bota, "phone": "+77770000000" } }),
        )
        .await;
    assert_eq!(code(&b).as_deref(), Some("FORBIDDEN"));
    // A volunteer changes its own record, not another's.
    let (_, mine) = app
        .post_as(
            Some(&alia),
            update,
            json!({ "input": { "volunteerId": w.alia, "email": "alia@mail.kz" } }),
        )
        .await;
    assert_eq!(code(&mine), None, "{mine}");
    let (_, theirs) = app
        .post_as(
            Some(&alia),
            update,
            json!({ "input": { "volunteerId": w.bota, "email": "x@mail.kz" } }),
        )
        .await;
    assert_eq!(code(&theirs).as_deref(), Some("FORBIDDEN"));
    // A volunteer signs itself (not others) up and checks itself in; hours
    // and verification are the coordinator's.
    let (_, signed) = app
        .post_as(
            Some(&alia),
            REGISTER_FOR_EVENT,
            json!({ "input": { "volunteerId": w.alia, "eventId": w.event } }),
        )
        .await;
    assert_eq!(code(&signed), None, "{signed}");
    let p = id_of(&signed["data"]["registerForEvent"]["participation"]);
    let (_, other_signup) = app
        .post_as(
            Some(&alia),
            REGISTER_FOR_EVENT,
            json!({ "input": { "volunteerId": w.bota, "eventId": w.event } }),
        )
        .await;
    assert_eq!(code(&other_signup).as_deref(), Some("FORBIDDEN"));
    let (_, checked) = app
        .post_as(
            Some(&alia),
            CHECK_IN,
            json!({ "input": { "participationId": p } }),
        )
        .await;
    assert_eq!(code(&checked), None, "{checked}");
    let (_, hours) = app
        .post_as(
            Some(&alia),
            VERIFY,
            json!({ "input": { "participationId": p } }),
        )
        .await;
    assert_eq!(code(&hours).as_deref(), Some("FORBIDDEN"));
    // A guardian acts for the family's child.
    let (_, child) = app
        .post_as(
            Some(&parent),
            REGISTER_FOR_EVENT,
            json!({ "input": { "volunteerId": w.child, "eventId": w.event } }),
        )
        .await;
    assert_eq!(code(&child), None, "{child}");
    // Analysts and anonymous callers change nothing; admins see the log.
    let before = app.dump().await;
    for who in [Some(analyst.as_str()), None] {
        let (_, body) = app.post_as(who, CREATE_EVENT, event_in("KZ-71")).await;
        assert_eq!(code(&body).as_deref(), Some("FORBIDDEN"), "{body}");
    }
    assert_eq!(app.dump().await, before);
    let (_, log) = app
        .post_as(Some(&coord71), "{ auditLog { totalCount } }", json!({}))
        .await;
    assert_eq!(code(&log).as_deref(), Some("FORBIDDEN"));
    let log = app
        .query(
            "{ auditLog(filter: { action: \"checkIn\" }) { nodes { actor } } }",
            json!({}),
        )
        .await;
    assert_eq!(log["auditLog"]["nodes"][0]["actor"], "user:1002");
}

#[tokio::test]
async fn the_same_rules_hold_over_the_websocket() {
    let app = TestApp::spawn(Demo::No).await;
    let w = world(&app).await;
    let coord75 = token(Role::Coordinator, &["KZ-75"], None);
    let coord71 = token(Role::Coordinator, &["KZ-71"], None);
    let mut as75 = ws::connect(&app, Some(&coord75)).await.unwrap();
    let seen = ws::run(&mut as75, "1", PERSON, json!({ "id": w.alia })).await;
    assert_eq!(seen["data"]["volunteer"]["fullName"], Value::Null, "{seen}");
    let mut as71 = ws::connect(&app, Some(&coord71)).await.unwrap();
    let seen = ws::run(&mut as71, "1", PERSON, json!({ "id": w.alia })).await;
    assert_eq!(
        seen["data"]["volunteer"]["fullName"], "Әлия Серікқызы",
        "{seen}"
    );
    let mut anonymous = ws::connect(&app, None).await.unwrap();
    let refused = ws::run(&mut anonymous, "1", PERSON, json!({ "id": w.alia })).await;
    assert_eq!(
        refused["errors"][0]["extensions"]["code"], "FORBIDDEN",
        "{refused}"
    );
    // A bad token does not get a connection.
    let (code, _) = ws::connect(&app, Some("not-a-token"))
        .await
        .expect_err("refused");
    assert_eq!(code, 4403);
}

#[tokio::test]
async fn signing_in_gives_a_token_and_bad_credentials_are_refused() {
    let app = TestApp::spawn(Demo::No).await;
    let created = app
        .mutate(
            "mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { username role regionCodes } } }",
            json!({ "username": "Aigul", "password": "long enough pass", "role": "COORDINATOR", "regionCodes": ["kz-71"] }),
        )
        .await;
    assert_eq!(
        created["account"],
        json!({ "username": "aigul", "role": "COORDINATOR", "regionCodes": ["KZ-71"] })
    );
    let login = "mutation($input: LoginInput!) { login(input: $input) { token expiresAt account { username role } } }";
    let (_, ok) = app
        .post_as(
            None,
            login,
            json!({ "input": { "username": "AIGUL", "password": "long enough pass" } }),
        )
        .await;
    let token = ok["data"]["login"]["token"]
        .as_str()
        .expect("a token")
        .to_owned();
    let (_, me) = app
        .post_as(
            Some(&token),
            "{ me { username role regionCodes } }",
            json!({}),
        )
        .await;
    assert_eq!(me["data"]["me"]["regionCodes"], json!(["KZ-71"]));
    for (user, pass) in [("aigul", "wrong password"), ("nobody", "long enough pass")] {
        let (_, body) = app
            .post_as(
                None,
                login,
                json!({ "input": { "username": user, "password": pass } }),
            )
            .await;
        assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
        assert_eq!(body["errors"][0]["message"], "wrong username or password");
    }
    // A header that is not a valid token is refused, not taken as anonymous.
    for header in ["Bearer nonsense", "Basic YWRtaW46YWRtaW4="] {
        let response = app
            .client
            .post(app.url("/graphql"))
            .header("authorization", header)
            .json(&json!({ "query": "{ me { username } }" }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 401);
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
    }
    // Account rules, and no password ever in the audit log.
    let create = "mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { username } } }";
    app.refused(
        create,
        json!({ "username": "aigul", "password": "long enough pass", "role": "ANALYST" }),
        "CONFLICT",
    )
    .await;
    app.refused(
        create,
        json!({ "username": "x1", "password": "short", "role": "ANALYST" }),
        "VALIDATION",
    )
    .await;
    app.refused(
        create,
        json!({ "username": "c2", "password": "long enough pass", "role": "COORDINATOR" }),
        "VALIDATION",
    )
    .await;
    app.refused(
        create,
        json!({ "username": "v2", "password": "long enough pass", "role": "VOLUNTEER" }),
        "VALIDATION",
    )
    .await;
    let log = app
        .query("{ auditLog { nodes { summary } } }", json!({}))
        .await;
    assert!(!log.to_string().contains("long enough pass"), "{log}");
}

#[tokio::test]
async fn erasure_removes_personal_data_and_keeps_the_statistics() {
    let app = TestApp::spawn(Demo::No).await;
    let w = world(&app).await;
    let p = app.sign_up(&w.alia, &w.event).await;
    app.check_in(&p, 30).await;
    app.mutate(CHECK_OUT, json!({ "participationId": p })).await;
    let hours = "query($id: ID!) { event(id: $id) { participantCount hours } }";
    let before = app.query(hours, json!({ "id": w.event })).await;
    let erase = "mutation($input: EraseVolunteerInput!) { eraseVolunteer(input: $input) { volunteer { fullName phone birthDate erased totalHours } } }";
    // Not by another volunteer; by the volunteer itself.
    let bota = token(Role::Volunteer, &[], Some(&w.bota));
    let (_, refused) = app
        .post_as(
            Some(&bota),
            erase,
            json!({ "input": { "volunteerId": w.alia } }),
        )
        .await;
    assert_eq!(refused["errors"][0]["extensions"]["code"], "FORBIDDEN");
    let alia = token(Role::Volunteer, &[], Some(&w.alia));
    let (_, erased) = app
        .post_as(
            Some(&alia),
            erase,
            json!({ "input": { "volunteerId": w.alia } }),
        )
        .await;
    let v = &erased["data"]["eraseVolunteer"]["volunteer"];
    assert_eq!(v["fullName"], Value::Null, "{erased}");
    assert_eq!(v["phone"], Value::Null);
    assert_eq!(v["birthDate"], Value::Null, "not even to the admin");
    assert_eq!(v["erased"], true);
    assert!(v["totalHours"].as_f64().unwrap() > 0.0);
    assert_eq!(app.query(hours, json!({ "id": w.event })).await, before);
    let found = app
        .query(
            "{ volunteers(filter: { name: \"әлия\" }) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(found["volunteers"]["totalCount"], 0);
    let row = app.dump().await["volunteer"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["full_name"].is_null())
        .cloned()
        .unwrap();
    assert!(row.to_string().contains("null"));
    assert!(!row.to_string().contains("77011112233"), "{row}");
}

#[tokio::test]
async fn a_volunteer_exports_its_own_data() {
    let app = TestApp::spawn(Demo::No).await;
    let w = world(&app).await;
    app.sign_up(&w.alia, &w.event).await;
    let alia = token(Role::Volunteer, &[], Some(&w.alia));
    let (_, body) = app
        .post_as(Some(&alia), "{ myData { account { role } volunteer { fullName phone participations { totalCount } } exchanges { title } } }", json!({}))
        .await;
    let data = &body["data"]["myData"];
    assert_eq!(data["volunteer"]["fullName"], "Әлия Серікқызы", "{body}");
    assert_eq!(data["volunteer"]["phone"], "+77011112233");
    assert_eq!(data["volunteer"]["participations"]["totalCount"], 1);
    let analyst = token(Role::Analyst, &[], None);
    let (_, refused) = app
        .post_as(Some(&analyst), "{ myData { account { role } } }", json!({}))
        .await;
    assert_eq!(refused["errors"][0]["extensions"]["code"], "FORBIDDEN");
}
