//! Downloads of lists and figure tables (`GET /export/…`): the same rows,
//! filters and rules as the GraphQL lists, for each role; CSV read back
//! with the csv crate and XLSX with calamine; personal exports audited;
//! text that a spreadsheet would run as a formula neutralised.

use crate::support::{Demo, TestApp, token};
use calamine::{Data, Reader, Xlsx};
use entity::Role;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use std::io::Cursor;

/// GET `path` with `token`: status, content type and body.
async fn download(app: &TestApp, token: Option<&str>, path: &str) -> (u16, String, Vec<u8>) {
    let mut request = app.client.get(app.url(path));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("the server answers");
    let status = response.status().as_u16();
    let media = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body = response.bytes().await.expect("a body").to_vec();
    (status, media, body)
}

/// A CSV export's rows (headings first), its byte-order mark checked.
fn csv_rows(body: &[u8]) -> Vec<Vec<String>> {
    let text = body
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("a CSV export starts with a byte-order mark");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text)
        .records()
        .map(|r| r.expect("a CSV record").iter().map(str::to_owned).collect())
        .collect()
}

/// An XLSX export's rows (headings first) as text, every sheet in turn.
fn xlsx_rows(body: Vec<u8>) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(body)).expect("an xlsx");
    let mut rows = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("a sheet");
        for row in range.rows() {
            rows.push(
                row.iter()
                    .map(|c| match c {
                        Data::Empty => String::new(),
                        Data::String(s) => s.clone(),
                        Data::Float(f) => f.to_string(),
                        Data::Int(i) => i.to_string(),
                        Data::Bool(b) => b.to_string(),
                        other => other.to_string(),
                    })
                    .collect(),
            );
        }
    }
    rows
}

const LIST: &str = "query($filter: VolunteerFilter, $after: String) { volunteers(filter: $filter, first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id fullName phone } } }";

/// Every volunteer the GraphQL list gives `token` for `filter`: id, name, phone.
async fn listed(app: &TestApp, token: &str, filter: Value) -> Vec<(String, String, String)> {
    let mut all = Vec::new();
    let mut after = Value::Null;
    loop {
        let (_, body) = app
            .post_as(
                Some(token),
                LIST,
                json!({ "filter": filter, "after": after }),
            )
            .await;
        let page = &body["data"]["volunteers"];
        for n in page["nodes"].as_array().expect("nodes") {
            let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
            all.push((text(&n["id"]), text(&n["fullName"]), text(&n["phone"])));
        }
        if page["pageInfo"]["hasNextPage"] != true {
            return all;
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
}

#[tokio::test]
async fn lists_download_with_the_graphql_filters_and_each_roles_view() {
    let app = TestApp::spawn(Demo::Yes).await;
    let coordinator = token(Role::Coordinator, &["KZ-75"], None);
    let analyst = token(Role::Analyst, &[], None);
    for (who, token) in [
        ("admin", app.admin_token.clone()),
        ("coordinator", coordinator),
        ("analyst", analyst),
    ] {
        let expected = listed(&app, &token, json!({ "ageMin": 18, "regionCode": "KZ-75" })).await;
        assert!(!expected.is_empty());
        let (status, media, body) = download(
            &app,
            Some(&token),
            "/export/volunteers.csv?region=KZ-75&ageMin=18",
        )
        .await;
        assert_eq!(status, 200, "{who}: {}", String::from_utf8_lossy(&body));
        assert!(media.starts_with("text/csv"));
        let rows = csv_rows(&body);
        assert_eq!(rows[0][0..3], ["Id", "Full name", "Latin name"]);
        let got: Vec<(String, String, String)> = rows[1..]
            .iter()
            .map(|r| (r[0].clone(), r[1].clone(), r[7].clone()))
            .collect();
        assert_eq!(got, expected, "{who}: the file holds what the list shows");
        if who == "analyst" {
            assert!(
                got.iter().all(|(_, name, _)| name.is_empty()),
                "analysts see no names"
            );
        } else {
            assert!(got.iter().all(|(_, name, _)| !name.is_empty()));
        }
        // The same rows as a workbook.
        let (status, media, body) = download(
            &app,
            Some(&token),
            "/export/volunteers.xlsx?region=KZ-75&ageMin=18",
        )
        .await;
        assert_eq!(status, 200);
        assert!(media.contains("spreadsheetml"));
        let sheet = xlsx_rows(body);
        assert_eq!(sheet.len(), rows.len());
        assert_eq!(
            sheet.iter().map(|r| r[0].clone()).collect::<Vec<_>>(),
            rows.iter().map(|r| r[0].clone()).collect::<Vec<_>>()
        );
        assert_eq!(sheet[1][1], rows[1][1]);
    }
    // Anonymous callers may not list volunteers; bad filters are refused.
    let (status, _, _) = download(&app, None, "/export/volunteers.csv").await;
    assert_eq!(status, 401);
    let (status, _, body) = download(
        &app,
        Some(&app.admin_token),
        "/export/volunteers.csv?ageMin=many",
    )
    .await;
    assert_eq!(status, 400, "{}", String::from_utf8_lossy(&body));
    // Sign-ups waiting for confirmation are listed for admins and
    // coordinators only, as in GraphQL.
    let (status, _, body) = download(
        &app,
        Some(&token(Role::Analyst, &[], None)),
        "/export/volunteers.csv?statuses=PENDING",
    )
    .await;
    assert_eq!(status, 403, "{}", String::from_utf8_lossy(&body));
    assert!(String::from_utf8_lossy(&body).contains("FORBIDDEN"));
    let (status, _, _) = download(
        &app,
        Some(&app.admin_token),
        "/export/volunteers.csv?statuses=PENDING",
    )
    .await;
    assert_eq!(status, 200);
    let (status, _, _) = download(&app, Some(&app.admin_token), "/export/spaceships.csv").await;
    assert_eq!(status, 404);
    let (status, _, _) = download(&app, Some(&app.admin_token), "/export/volunteers.pdf").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_long_list_streams_every_row_and_personal_exports_are_audited() {
    let app = TestApp::spawn(Demo::Yes).await;
    let total = app
        .query("{ participations(first: 0) { totalCount } }", json!({}))
        .await["participations"]["totalCount"]
        .as_u64()
        .expect("a count");
    assert!(total > 2_000, "more than one export page: {total}");
    let (status, _, body) =
        download(&app, Some(&app.admin_token), "/export/participations.csv").await;
    assert_eq!(status, 200);
    let rows = csv_rows(&body);
    assert_eq!(rows.len() as u64, total + 1);
    let ids: std::collections::HashSet<&String> = rows[1..].iter().map(|r| &r[0]).collect();
    assert_eq!(ids.len() as u64, total, "no row twice");
    let entries = entity::audit_log::Entity::find()
        .filter(entity::audit_log::Column::Action.eq("exportParticipations"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(entries.len(), 1);
    let summary: Value = serde_json::from_str(&entries[0].summary).unwrap();
    assert_eq!(summary["rows"], total);
    assert_eq!(summary["format"], "csv");
    assert_eq!(summary["complete"], true);
    // Figures are not personal: no entry.
    download(
        &app,
        None,
        "/export/statistics.csv?from=2026-01-01&to=2026-12-31",
    )
    .await;
    let figures = entity::audit_log::Entity::find()
        .filter(entity::audit_log::Column::Action.eq("exportStatistics"))
        .all(&app.db)
        .await
        .unwrap();
    assert!(figures.is_empty());
}

#[tokio::test]
async fn figure_tables_hide_small_groups_from_anonymous_callers_as_graphql_does() {
    let app = TestApp::spawn(Demo::Yes).await;
    let query = "{ statisticsByRegion(from: \"2026-01-01\", to: \"2026-12-31\") { statistics { regionCode activeVolunteers minutes } } }";
    let (_, answer) = app.post_as(None, query, json!({})).await;
    let expected: Vec<Vec<String>> = answer["data"]["statisticsByRegion"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let s = &r["statistics"];
            let text = |v: &Value| match v {
                Value::Null => String::new(),
                other => other.to_string().trim_matches('"').to_owned(),
            };
            vec![
                text(&s["regionCode"]),
                text(&s["activeVolunteers"]),
                text(&s["minutes"]),
            ]
        })
        .collect();
    let (status, _, body) = download(
        &app,
        None,
        "/export/statistics-by-region.csv?from=2026-01-01&to=2026-12-31&lang=kk",
    )
    .await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let rows = csv_rows(&body);
    assert_eq!(rows[0][2], "Өңір");
    assert_eq!(rows[0][5], "Белсенді еріктілер");
    let got: Vec<Vec<String>> = rows[1..]
        .iter()
        .map(|r| vec![r[2].clone(), r[5].clone(), r[7].clone()])
        .collect();
    assert_eq!(got, expected);
    let (status, _, body) = download(&app, None, "/export/statistics.csv?from=2026-01-01").await;
    assert_eq!(
        status,
        400,
        "a missing argument: {}",
        String::from_utf8_lossy(&body)
    );
    let (status, _, _) = download(
        &app,
        None,
        "/export/statistics.csv?from=2026-01-01&to=2026-12-31&colour=red",
    )
    .await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn text_a_spreadsheet_would_run_is_written_as_text() {
    let app = TestApp::spawn(Demo::No).await;
    let title = "=HYPERLINK(\"http://example.com\",\"x\")";
    let event = app.event(title, json!({})).await;
    let (_, _, body) = download(&app, Some(&app.admin_token), "/export/events.csv").await;
    let rows = csv_rows(&body);
    let row = rows
        .iter()
        .find(|r| r[0] == event)
        .expect("the event's row");
    assert_eq!(row[1], format!("'{title}"));
    let (_, _, body) = download(&app, Some(&app.admin_token), "/export/events.xlsx").await;
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(body)).unwrap();
    let name = book.sheet_names()[0].clone();
    let formulas = book.worksheet_formula(&name).unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no formulas in an export"
    );
    let values = book.worksheet_range(&name).unwrap();
    assert_eq!(values.get((1, 1)), Some(&Data::String(title.to_owned())));
}

#[tokio::test]
async fn every_export_listed_downloads_as_csv_and_as_xlsx() {
    let app = TestApp::spawn(Demo::Yes).await;
    let (_, _, index) = download(&app, None, "/export").await;
    let index: Value = serde_json::from_slice(&index).unwrap();
    let exports = index["exports"].as_array().unwrap();
    assert_eq!(exports.len(), 11);
    for export in exports {
        let arguments = match export["name"].as_str().unwrap() {
            "statistics" | "statistics-by-region" => "?from=2025-01-01&to=2025-12-31",
            "statistics-series" => "?from=2025-01-01&to=2025-12-31&interval=MONTH",
            "annual-report" | "annual-report-corrections" => "?year=2025",
            _ => "",
        };
        let csv_url = format!("{}{arguments}", export["csv"].as_str().unwrap());
        let (status, _, body) = download(&app, Some(&app.admin_token), &csv_url).await;
        assert_eq!(status, 200, "{csv_url}: {}", String::from_utf8_lossy(&body));
        let rows = csv_rows(&body);
        let xlsx_url = format!("{}{arguments}", export["xlsx"].as_str().unwrap());
        let (status, _, body) = download(&app, Some(&app.admin_token), &xlsx_url).await;
        assert_eq!(status, 200, "{xlsx_url}");
        let sheet = xlsx_rows(body);
        assert_eq!(
            sheet.len(),
            rows.len(),
            "{xlsx_url}: as many rows as the CSV"
        );
        assert_eq!(sheet[0], rows[0], "{xlsx_url}: the same headings");
        if export["name"] != "annual-report-corrections" {
            assert!(rows.len() > 1, "{csv_url} has rows");
        }
    }
}

/// The CSV the export's GraphQL query gives `token`, page by page as a
/// client reads it: what the direct reading of the long lists must equal.
async fn through_graphql(app: &TestApp, token: &str, name: &str, filter: Value) -> Vec<u8> {
    use frontoffice::export::catalogue::{Shape, named, value_at};
    use frontoffice::export::cell::Cell;
    use frontoffice::export::files::CsvFile;
    use frontoffice::export::headings::heading;
    let export = named(name).unwrap();
    let Shape::List { root } = export.shape else {
        panic!("a list")
    };
    let headings: Vec<&str> = export
        .columns
        .iter()
        .map(|(k, _)| heading(k, frontoffice::i18n::Lang::En))
        .collect();
    let mut file = CsvFile::new(&headings, true);
    let mut after = Value::Null;
    loop {
        let (_, body) = app
            .post_as(
                Some(token),
                export.document,
                json!({ "filter": filter, "after": after, "first": 100 }),
            )
            .await;
        assert!(body.get("errors").is_none(), "{body}");
        let page = &body["data"][root];
        for node in page["nodes"].as_array().unwrap() {
            let cells: Vec<Cell> = export
                .columns
                .iter()
                .map(|(_, p)| Cell::Json(Box::new(value_at(node, p).clone())))
                .collect();
            file.row(&cells);
        }
        if page["pageInfo"]["hasNextPage"] != true {
            return file.take();
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
}

#[tokio::test]
async fn the_long_lists_read_directly_give_what_graphql_gives_every_role() {
    let app = TestApp::spawn(Demo::Yes).await;
    // A guardian of a family with a minor: sees its own and the minor's data.
    let families = app
        .query(
            "{ families(first: 100) { nodes { members(first: 20) { nodes { role volunteer { id age } } } } } }",
            json!({}),
        )
        .await;
    let guardian = families["families"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|f| {
            let members = f["members"]["nodes"].as_array()?;
            let minor = members
                .iter()
                .any(|m| m["volunteer"]["age"].as_i64().is_some_and(|a| a < 18));
            let guardian = members.iter().find(|m| m["role"] == "GUARDIAN")?;
            minor.then(|| guardian["volunteer"]["id"].as_str().unwrap().to_owned())
        })
        .expect("the demo has a family with a minor");
    let roles = [
        ("admin", app.admin_token.clone()),
        ("coordinator", token(Role::Coordinator, &["KZ-75"], None)),
        ("volunteer", token(Role::Volunteer, &[], Some(&guardian))),
        ("analyst", token(Role::Analyst, &[], None)),
    ];
    for (who, token) in &roles {
        for (name, query, filter) in [
            ("volunteers", "", Value::Null),
            (
                "volunteers",
                "?ageMax=17&hasFamily=true",
                json!({ "ageMax": 17, "hasFamily": true }),
            ),
            ("participations", "", Value::Null),
            (
                "participations",
                "?statuses=ATTENDED&dateFrom=2026-01-01",
                json!({ "statuses": ["ATTENDED"], "dateFrom": "2026-01-01" }),
            ),
        ] {
            let expected = through_graphql(&app, token, name, filter).await;
            let (status, _, got) =
                download(&app, Some(token), &format!("/export/{name}.csv{query}")).await;
            assert_eq!(status, 200, "{who} {name}{query}");
            if got != expected {
                let (got, expected) = (csv_rows(&got), csv_rows(&expected));
                assert_eq!(got.len(), expected.len(), "{who} {name}{query}: rows");
                for (g, e) in got.iter().zip(&expected) {
                    assert_eq!(g, e, "{who} {name}{query}");
                }
            }
        }
    }
}
