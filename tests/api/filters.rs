//! Every filter and its composition, on the known data set; name and title
//! search fold Kazakh and Russian Cyrillic on both databases.

use crate::support::write::UPDATE_EVENT;
use crate::support::{Demo, TestApp, fixtures};
use frontoffice::graphql::ids::{NodeType, encode};
use serde_json::{Value, json};

async fn volunteer_names(app: &TestApp, filter: Value) -> Vec<String> {
    let data = app
        .query(
            "query($f: VolunteerFilter) { volunteers(filter: $f, orderBy: { field: NAME }) { totalCount nodes { fullName } } }",
            json!({ "f": filter }),
        )
        .await;
    let nodes = data["volunteers"]["nodes"]
        .as_array()
        .expect("nodes")
        .clone();
    assert_eq!(data["volunteers"]["totalCount"], nodes.len());
    let mut names: Vec<String> = nodes
        .iter()
        .map(|n| n["fullName"].as_str().unwrap().to_owned())
        .collect();
    names.sort();
    names
}

fn sorted(names: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

#[tokio::test]
async fn name_search_ignores_case_in_kazakh_russian_and_latin() {
    let app = TestApp::spawn(Demo::No).await;
    fixtures::load(&app.db).await;
    for (needle, expected) in [
        ("ӘЛИЯ", vec!["Әлия Серікқызы"]),
        ("серікқызы", vec!["Әлия Серікқызы"]),
        ("ALIYA", vec!["Әлия Серікқызы"]),
        ("ғалым өмір", vec!["ҒАЛЫМ ӨМІРЗАҚОВ"]),
        ("ҚАЙРАТ", vec!["Қайрат Нұрланов"]),
        ("ұлан", vec!["Үміт Ұланқызы"]),
        ("ҮМІТ", vec!["Үміт Ұланқызы"]),
        ("ПЕТРОВ", vec!["Иван Петров"]),
        ("елкин", vec!["Семён Ёлкин"]),
        ("Семен", vec!["Семён Ёлкин"]),
        ("нұрлан", vec!["Қайрат Нұрланов"]),
        ("%", vec![]),
        ("_", vec![]),
    ] {
        assert_eq!(
            volunteer_names(&app, json!({ "name": needle })).await,
            sorted(&expected),
            "search {needle:?} on {}",
            app.backend()
        );
    }
}

#[tokio::test]
async fn volunteer_filters_each_narrow_the_list() {
    let app = TestApp::spawn(Demo::No).await;
    let k = fixtures::load(&app.db).await;
    let family = encode(NodeType::Family, k.family);
    let cases = [
        (
            json!({ "regionCode": "KZ-71" }),
            vec!["Әлия Серікқызы", "Иван Петров"],
        ),
        (
            json!({ "familyId": family }),
            vec!["Қайрат Нұрланов", "ҒАЛЫМ ӨМІРЗАҚОВ", "Үміт Ұланқызы"],
        ),
        (
            json!({ "hasFamily": false }),
            vec!["Әлия Серікқызы", "Иван Петров", "Семён Ёлкин"],
        ),
        // Ages on 2024-07-08: Қайрат turns 12 that day, Үміт is 8.
        (
            json!({ "ageMin": 12, "ageMax": 17, "ageOn": "2024-07-08" }),
            vec!["Қайрат Нұрланов"],
        ),
        (
            json!({ "ageMax": 11, "ageOn": "2024-07-08" }),
            vec!["Үміт Ұланқызы"],
        ),
        (
            json!({ "ageMin": 12, "ageMax": 12, "ageOn": "2024-07-07" }),
            vec![],
        ),
        (
            json!({ "ageMin": 73, "ageOn": "2024-12-31" }),
            vec!["Семён Ёлкин"],
        ),
        (
            json!({ "registeredFrom": "2023-01-01", "registeredTo": "2023-12-31" }),
            vec!["Семён Ёлкин", "Үміт Ұланқызы"],
        ),
        (
            json!({ "skills": ["first_aid"] }),
            vec!["Әлия Серікқызы", "ҒАЛЫМ ӨМІРЗАҚОВ"],
        ),
        (
            json!({ "skills": ["first_aid", "driving"] }),
            vec!["ҒАЛЫМ ӨМІРЗАҚОВ"],
        ),
        (
            json!({ "languages": ["RU"] }),
            vec!["Әлия Серікқызы", "Иван Петров", "Семён Ёлкин"],
        ),
        (
            json!({ "or": [{ "regionCode": "KZ-79" }, { "languages": ["en"] }] }),
            vec!["Әлия Серікқызы", "Семён Ёлкин"],
        ),
        (
            json!({ "hasFamily": true, "and": [{ "ageMin": 18, "ageOn": "2025-01-01" }] }),
            vec!["ҒАЛЫМ ӨМІРЗАҚОВ"],
        ),
    ];
    for (filter, expected) in cases {
        assert_eq!(
            volunteer_names(&app, filter.clone()).await,
            sorted(&expected),
            "filter {filter}"
        );
    }
    let (code, _) = app
        .error(
            "{ volunteers(filter: { ageMin: 30, ageMax: 20 }) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(code, "VALIDATION");
    let (code, _) = app
        .error(
            r#"{ volunteers(filter: { registeredFrom: "2024-01-02", registeredTo: "2024-01-01" }) { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(code, "VALIDATION");
    let (code, message) = app
        .error(
            r#"{ volunteers(filter: { ageOn: "2024-13-01" }) { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(code, "BAD_USER_INPUT");
    assert!(message.contains("YYYY-MM-DD"), "{message}");
    let (code, _) = app
        .error(
            "query($f: VolunteerFilter) { volunteers(filter: $f) { totalCount } }",
            json!({ "f": { "ageOn": "yesterday" } }),
        )
        .await;
    assert_eq!(code, "BAD_USER_INPUT");
}

async fn titles(app: &TestApp, filter: Value) -> Vec<String> {
    let data = app
        .query(
            "query($f: EventFilter) { events(filter: $f, orderBy: { field: STARTS_AT }) { nodes { title } } }",
            json!({ "f": filter }),
        )
        .await;
    data["events"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["title"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn event_filters_each_narrow_the_list() {
    let app = TestApp::spawn(Demo::No).await;
    let k = fixtures::load(&app.db).await;
    let zhenis = encode(NodeType::Project, k.projects[0]);
    let astana = "Рейд «Жеңіс» в Астане";
    let almaty_raid = "Рейд «Жеңіс» в Алматы";
    let taza = "Таза Алматы";
    let forum = "International Youth Forum";
    assert_eq!(
        titles(&app, json!({ "kinds": ["RAID"] })).await,
        [astana, almaty_raid]
    );
    assert_eq!(
        titles(&app, json!({ "levels": ["REPUBLICAN", "INTERNATIONAL"] })).await,
        [taza, forum]
    );
    assert_eq!(
        titles(&app, json!({ "statuses": ["CANCELLED"] })).await,
        [forum]
    );
    assert_eq!(
        titles(&app, json!({ "projectId": zhenis })).await,
        [astana, almaty_raid]
    );
    assert_eq!(
        titles(&app, json!({ "regionCode": "KZ-75" })).await,
        [taza, almaty_raid]
    );
    // Days are Kazakhstan's: the raid starts at 09:00 UTC+5 on 9 May.
    assert_eq!(
        titles(
            &app,
            json!({ "startsFrom": "2024-05-09", "startsTo": "2024-05-09" })
        )
        .await,
        [astana]
    );
    assert_eq!(
        titles(
            &app,
            json!({ "startsFrom": "2024-05-10", "startsTo": "2024-12-31" })
        )
        .await,
        [taza]
    );
    assert_eq!(
        titles(&app, json!({ "kinds": ["RAID"], "or": [{ "regionCode": "KZ-71" }, { "statuses": ["CANCELLED"] }] })).await,
        [astana]
    );
}

#[tokio::test]
async fn title_search_ignores_case_in_kazakh_russian_and_latin() {
    let app = TestApp::spawn(Demo::No).await;
    fixtures::load(&app.db).await;
    let astana = "Рейд «Жеңіс» в Астане";
    let almaty_raid = "Рейд «Жеңіс» в Алматы";
    let taza = "Таза Алматы";
    let forum = "International Youth Forum";
    for (needle, expected) in [
        ("ЖЕҢІС", vec![astana, almaty_raid]),
        ("алматы", vec![taza, almaty_raid]),
        ("рейд  «жеңіс» В АСТАНЕ", vec![astana]),
        ("youth FORUM", vec![forum]),
        ("%", vec![]),
        ("_", vec![]),
        (" ", vec![astana, taza, forum, almaty_raid]),
    ] {
        assert_eq!(
            titles(&app, json!({ "title": needle })).await,
            expected,
            "search {needle:?} on {}",
            app.backend()
        );
    }
    assert_eq!(
        titles(&app, json!({ "title": "жеңіс", "regionCode": "KZ-75" })).await,
        [almaty_raid]
    );

    // Titles written through the API are folded when created and changed.
    let created = app.event("Новогодняя Ёлка в Өскемене", json!({})).await;
    assert_eq!(
        titles(&app, json!({ "title": "ЕЛКА в өскемене" })).await,
        ["Новогодняя Ёлка в Өскемене"]
    );
    app.mutate(
        UPDATE_EVENT,
        json!({ "eventId": created, "title": "Тазалық КҮНІ" }),
    )
    .await;
    assert_eq!(
        titles(&app, json!({ "title": "ёлка" })).await,
        Vec::<String>::new()
    );
    assert_eq!(
        titles(&app, json!({ "title": "тазалық күні" })).await,
        ["Тазалық КҮНІ"]
    );
}

#[tokio::test]
async fn titles_stored_before_title_search_are_folded_by_the_migration() {
    use sea_orm::ConnectionTrait;
    let app = TestApp::spawn(Demo::No).await;
    fixtures::load(&app.db).await;
    app.db
        .execute_unprepared("UPDATE event SET search_title = NULL")
        .await
        .expect("titles unfolded");
    assert_eq!(
        titles(&app, json!({ "title": "Таза" })).await,
        Vec::<String>::new()
    );
    migration::m20261202_000008_event_search_title::fold_titles(&app.db)
        .await
        .expect("the migration folds the titles");
    assert_eq!(
        titles(&app, json!({ "title": "ТАЗА алматы" })).await,
        ["Таза Алматы"]
    );
}

#[tokio::test]
async fn participation_and_exchange_filters_each_narrow_the_list() {
    let app = TestApp::spawn(Demo::No).await;
    let k = fixtures::load(&app.db).await;
    let count = |filter: Value| {
        let app = &app;
        async move {
            let data = app
                .query(
                    "query($f: ParticipationFilter) { participations(filter: $f) { totalCount } }",
                    json!({ "f": filter }),
                )
                .await;
            data["participations"]["totalCount"].as_i64().unwrap()
        }
    };
    assert_eq!(count(json!({ "statuses": ["ATTENDED"] })).await, 6);
    assert_eq!(
        count(json!({ "statuses": ["NO_SHOW", "CANCELLED"] })).await,
        2
    );
    assert_eq!(count(json!({ "verified": true })).await, 3);
    assert_eq!(
        count(json!({ "verified": false, "statuses": ["ATTENDED"] })).await,
        3
    );
    assert_eq!(
        count(json!({ "dateFrom": "2024-06-01", "dateTo": "2025-01-15" })).await,
        4
    );
    assert_eq!(
        count(json!({ "eventId": encode(NodeType::Event, k.events[3]) })).await,
        3
    );
    assert_eq!(
        count(json!({ "volunteerId": encode(NodeType::Volunteer, k.volunteers[0]) })).await,
        2
    );
    let (code, _) = app
        .error(
            "query($f: ParticipationFilter) { participations(filter: $f) { totalCount } }",
            json!({ "f": { "eventId": encode(NodeType::Volunteer, 1) } }),
        )
        .await;
    assert_eq!(code, "VALIDATION");

    let exchanges = |filter: Value| {
        let app = &app;
        async move {
            let data = app
                .query(
                    "query($f: ExchangeFilter) { internationalExchanges(filter: $f) { nodes { countryCode } } }",
                    json!({ "f": filter }),
                )
                .await;
            data["internationalExchanges"]["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n["countryCode"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(exchanges(json!({ "direction": "OUTBOUND" })).await, ["DE"]);
    assert_eq!(exchanges(json!({ "countryCode": "tr" })).await, ["TR"]);
    // The Berlin exchange spans the new year: it overlaps 2025.
    assert_eq!(
        exchanges(json!({ "from": "2025-01-01", "to": "2025-12-31" })).await,
        ["DE"]
    );
    assert_eq!(
        exchanges(json!({ "from": "2024-01-01", "to": "2024-12-31" })).await,
        ["TR", "DE"]
    );
}

#[tokio::test]
async fn computed_figures_follow_the_definition_of_hours() {
    let app = TestApp::spawn(Demo::No).await;
    let k = fixtures::load(&app.db).await;
    let data = app
        .query(
            r#"query($v: ID!, $f: ID!) {
                 volunteer(id: $v) { age(on: "2024-03-04") all: totalHours y2024: totalHours(from: "2024-01-01", to: "2024-12-31") }
                 family(id: $f) { totalHours y2025: totalHours(from: "2025-01-01", to: "2025-12-31") }
               }"#,
            json!({ "v": encode(NodeType::Volunteer, k.volunteers[0]), "f": encode(NodeType::Family, k.family) }),
        )
        .await;
    assert_eq!(data["volunteer"]["age"], 23);
    // 120 minutes attended; the cancelled event's record does not count.
    assert_eq!(data["volunteer"]["all"], 2.0);
    assert_eq!(data["volunteer"]["y2024"], 2.0);
    // Family: Ғалым 240 + 90, Қайрат 60 + 90 = 480 minutes; 180 in 2025.
    assert_eq!(data["family"]["totalHours"], 8.0);
    assert_eq!(data["family"]["y2025"], 3.0);
}
