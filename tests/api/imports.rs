//! Imports of the regions' spreadsheets through `POST /import/…`: files
//! built here as the regions write them (mixed headings, both encodings,
//! dd.mm.yyyy and serial dates, Latin and Cyrillic spellings of people
//! already registered), dry-run, imported, and imported again as a no-op;
//! and every kind of bad file refused with nothing written.

use crate::support::write::{REGISTER_VOLUNTEER, id_of};
use crate::support::{Demo, TestApp, token};
use entity::Role;
use frontoffice::domain::iin::with_check_digit;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use sea_orm::EntityTrait;
use serde_json::{Value, json};

/// A valid IIN of someone born on `yymmdd` in the 1900s (`3`) or 2000s (`5`).
fn iin(yymmdd: &str, century: char) -> String {
    (0..10_000)
        .find_map(|serial| with_check_digit(&format!("{yymmdd}{century}{serial:04}")))
        .expect("some serial has a check digit")
}

/// Upload `bytes` to `/import/{what}?{query}` with `token`; the status and
/// the JSON answer.
async fn upload(
    app: &TestApp,
    token: Option<&str>,
    what: &str,
    query: &str,
    bytes: Vec<u8>,
) -> (u16, Value) {
    let mut request = app
        .client
        .post(app.url(&format!("/import/{what}?{query}")))
        .header("content-type", "application/octet-stream")
        .body(bytes);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("the server answers");
    let status = response.status().as_u16();
    let body = response.json().await.expect("the answer is JSON");
    (status, body)
}

/// An import that must answer a report.
async fn report(app: &TestApp, what: &str, query: &str, bytes: Vec<u8>) -> Value {
    let (status, body) = upload(app, Some(&app.admin_token), what, query, bytes).await;
    assert_eq!(status, 200, "{body}");
    body
}

/// A file refused as a whole: its code, with nothing written.
async fn refused_file(
    app: &TestApp,
    token: Option<&str>,
    what: &str,
    query: &str,
    bytes: Vec<u8>,
    status: u16,
) -> String {
    let before = app.dump().await;
    let (got, body) = upload(app, token, what, query, bytes).await;
    assert_eq!(got, status, "{body}");
    assert_eq!(
        app.dump().await,
        before,
        "a refused file writes nothing: {body}"
    );
    assert!(
        !body["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .is_empty(),
        "{body}"
    );
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// A cell of a workbook being built.
enum C<'a> {
    T(&'a str),
    N(f64),
    D(u16, u8, u8),
    F(&'a str),
}

fn xlsx(rows: &[Vec<C<'_>>]) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("dd.mm.yyyy");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                C::T(t) => sheet.write_string(r, c, *t).map(|_| ()),
                C::N(n) => sheet.write_number(r, c, *n).map(|_| ()),
                C::D(y, m, d) => {
                    let when = ExcelDateTime::from_ymd(*y, *m, *d).expect("a date");
                    sheet
                        .write_datetime_with_format(r, c, &when, &date)
                        .map(|_| ())
                }
                C::F(f) => sheet.write_formula(r, c, *f).map(|_| ()),
            }
            .expect("the cell is written");
        }
    }
    book.save_to_buffer().expect("the workbook is written")
}

async fn register(app: &TestApp, input: Value) -> String {
    id_of(&app.mutate(REGISTER_VOLUNTEER, input).await["volunteer"])
}

const PEOPLE: &str = "query($q: String!) { volunteers(first: 10, filter: { name: $q }) { totalCount nodes { id fullName birthDate phone region { code } } } }";

#[tokio::test]
async fn a_messy_regional_register_dry_runs_imports_and_imports_again_as_a_no_op() {
    let app = TestApp::spawn(Demo::No).await;
    let alikhan = register(
        &app,
        json!({ "fullName": "Әлихан Сейітқали", "birthDate": "2001-05-12", "regionCode": "KZ-75" }),
    )
    .await;
    let zhanar_iin = iin("900203", '4');
    register(
        &app,
        json!({ "fullName": "Жанар Құрманова", "birthDate": "1990-02-03", "regionCode": "KZ-75", "iin": zhanar_iin }),
    )
    .await;
    let aigul = register(
        &app,
        json!({ "fullName": "Айгүл Серікова", "birthDate": "1995-01-07", "regionCode": "KZ-75" }),
    )
    .await;
    let dana_iin = iin("980314", '4');
    let sheet = xlsx(&[
        vec![C::T("Алматы қаласы: еріктілер тізімі")],
        vec![
            C::T("Аты-жөні"),
            C::T("Дата рождения"),
            C::T("Region"),
            C::T("Телефон"),
            C::T("ИИН"),
            C::T("Ескерту"),
        ],
        // Row 3: Әлихан in the Latin alphabet of 2021, a date cell.
        vec![
            C::T("Älihan Seiıtqali"),
            C::D(2001, 5, 12),
            C::T("г. Алматы"),
        ],
        // Row 4: Жанар with her IIN typed into a number cell: the same person.
        vec![
            C::T("Жанар Құрманова"),
            C::T("03.02.1990"),
            C::T("KZ-75"),
            C::T(""),
            C::N(zhanar_iin.parse().expect("digits")),
        ],
        // Row 5: someone new, a dialled phone number, an IIN.
        vec![
            C::T("Дана Әбішева"),
            C::T("14.03.1998"),
            C::T("Алматы"),
            C::T("8 (701) 123-45-67"),
            C::T(&dana_iin),
            C::T("студентка"),
        ],
        // Row 6: someone new, a serial date (7 January 1995 is 34706).
        vec![C::T("Ерлан Жұмабаев"), C::N(34706.0), C::T("KZ-75")],
        // Row 7: a child too young to register.
        vec![C::T("Айша Жұмабаева"), C::T("01.01.2022"), C::T("KZ-75")],
    ]);
    let before = app.dump().await;
    let dry = report(
        &app,
        "volunteers",
        "fileName=almaty.xlsx&dryRun=true",
        sheet.clone(),
    )
    .await;
    assert_eq!(app.dump().await, before, "a dry run writes nothing");
    assert_eq!(dry["written"], false);
    assert_eq!(dry["headingRow"], 2);
    assert_eq!(
        (
            &dry["rowsRead"],
            &dry["created"],
            &dry["unchanged"],
            &dry["refused"],
            &dry["probableDuplicates"]
        ),
        (&json!(5), &json!(2), &json!(1), &json!(1), &json!(1)),
        "{dry}"
    );
    assert_eq!(dry["ignoredColumns"], json!(["Ескерту"]));
    assert_eq!(dry["problems"][0]["row"], 7);
    assert_eq!(dry["problems"][0]["column"], "Дата рождения");
    assert_eq!(dry["problems"][0]["code"], "AGE_RESTRICTED");
    assert_eq!(dry["duplicates"][0]["row"], 3);
    assert_eq!(dry["duplicates"][0]["existingId"], alikhan.as_str());

    // All or nothing: one refused row, and nothing is written.
    let whole = report(&app, "volunteers", "fileName=almaty.xlsx", sheet.clone()).await;
    assert_eq!(whole["written"], false);
    assert_eq!(app.dump().await, before, "a refused file writes nothing");

    let done = report(
        &app,
        "volunteers",
        "fileName=almaty.xlsx&acceptValid=true",
        sheet.clone(),
    )
    .await;
    assert_eq!(done["written"], true, "{done}");
    assert_eq!(done["created"], 2);
    let dana = &app.query(PEOPLE, json!({ "q": "Дана Әбішева" })).await["volunteers"];
    assert_eq!(dana["totalCount"], 1);
    assert_eq!(dana["nodes"][0]["phone"], "+77011234567");
    assert_eq!(dana["nodes"][0]["region"]["code"], "KZ-75");
    let erlan = &app.query(PEOPLE, json!({ "q": "Ерлан" })).await["volunteers"];
    assert_eq!(erlan["nodes"][0]["birthDate"], "1995-01-07");

    // Provenance: the file, its digest, who, and each record's row.
    let batches = entity::import_batch::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(batches.len(), 1);
    assert_eq!(batches[0].file_name, "almaty.xlsx");
    assert!(
        batches[0].actor.starts_with("user:"),
        "{}",
        batches[0].actor
    );
    assert_eq!(batches[0].created, 2);
    let mut rows: Vec<i32> = entity::import_row::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .iter()
        .map(|r| r.row_number)
        .collect();
    rows.sort();
    assert_eq!(rows, vec![5, 6]);

    // Again: nothing changes.
    let after_first = app.dump().await;
    let again = report(
        &app,
        "volunteers",
        "fileName=almaty.xlsx&acceptValid=true",
        sheet,
    )
    .await;
    assert_eq!(again["created"], 0);
    assert_eq!(again["unchanged"], 3, "{again}");
    assert_eq!(again["written"], false);
    assert_eq!(app.dump().await, after_first, "importing again is a no-op");

    // Windows-1251, semicolons, the Russian spelling of a Kazakh name.
    let csv = "ФИО;Дата рождения;Область;Телефон\r\nАйгуль Серикова;07.01.1995;KZ-75;\r\nБекзат Оразов;1989-11-30;Алматы;+7 702 555 11 22\r\n";
    let cp1251 = encoding_rs::WINDOWS_1251.encode(csv).0.into_owned();
    let second = report(&app, "volunteers", "fileName=list.csv", cp1251).await;
    assert_eq!(second["written"], true, "{second}");
    assert_eq!(second["created"], 1);
    assert_eq!(second["duplicates"][0]["existingId"], aigul.as_str());
    let bekzat = &app.query(PEOPLE, json!({ "q": "Бекзат" })).await["volunteers"];
    assert_eq!(bekzat["nodes"][0]["fullName"], "Бекзат Оразов");
    assert_eq!(bekzat["nodes"][0]["phone"], "+77025551122");
}

#[tokio::test]
async fn reports_speak_the_callers_language_and_come_as_csv() {
    let app = TestApp::spawn(Demo::No).await;
    let csv = "Full name,Birth date,Region\nBad Date,31.02.2000,KZ-75\n"
        .as_bytes()
        .to_vec();
    let response = app
        .client
        .post(app.url("/import/volunteers?dryRun=true"))
        .bearer_auth(&app.admin_token)
        .header("accept", "text/csv")
        .header("accept-language", "ru")
        .body(csv)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let text = response.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap(),
        &csv::StringRecord::from(vec!["Строка", "Столбец", "Код", "Сообщение"])
    );
    let problems: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(problems.len(), 1, "{text}");
    assert_eq!(
        problems[0].iter().take(3).collect::<Vec<_>>(),
        ["2", "Birth date", "VALIDATION"]
    );
    assert!(problems[0][3].starts_with("это не дата"), "{text}");
}

#[tokio::test]
async fn bad_files_are_refused_with_a_code_and_nothing_written() {
    let app = TestApp::spawn(Demo::No).await;
    let admin = Some(app.admin_token.as_str());
    let ok = "ФИО;Дата рождения;Регион\nЕрлан Жұмабаев;07.01.1995;KZ-75\n";
    let code = |v: &str| v.to_owned();

    assert_eq!(
        refused_file(&app, admin, "volunteers", "", Vec::new(), 400).await,
        code("VALIDATION")
    );
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    assert_eq!(
        refused_file(&app, admin, "volunteers", "", png, 400).await,
        "VALIDATION"
    );
    let no_columns = "Фамилия;Имя\nЖұмабаев;Ерлан\n".as_bytes().to_vec();
    assert_eq!(
        refused_file(&app, admin, "volunteers", "", no_columns, 400).await,
        "VALIDATION"
    );
    let wide = format!("ФИО;Дата рождения\n{}\n", vec!["x"; 10_000].join(";"));
    assert_eq!(
        refused_file(&app, admin, "volunteers", "", wide.into_bytes(), 400).await,
        "VALIDATION"
    );
    let cp1251 = encoding_rs::WINDOWS_1251.encode(ok).0.into_owned();
    assert_eq!(
        refused_file(&app, admin, "volunteers", "encoding=utf-8", cp1251, 400).await,
        "VALIDATION"
    );
    let huge = vec![b'a'; 50 * 1024 * 1024];
    assert_eq!(
        refused_file(&app, admin, "volunteers", "", huge, 413).await,
        "PAYLOAD_TOO_LARGE"
    );
    assert_eq!(
        refused_file(
            &app,
            admin,
            "volunteers",
            "mapping=%7Bnot%20json",
            ok.as_bytes().to_vec(),
            400
        )
        .await,
        "VALIDATION"
    );
    assert_eq!(
        refused_file(&app, admin, "spaceships", "", ok.as_bytes().to_vec(), 404).await,
        "NOT_FOUND"
    );
    // Who may import: signed in, not an analyst, in its own regions.
    assert_eq!(
        refused_file(&app, None, "volunteers", "", ok.as_bytes().to_vec(), 401).await,
        "UNAUTHENTICATED"
    );
    let analyst = token(Role::Analyst, &[], None);
    assert_eq!(
        refused_file(
            &app,
            Some(&analyst),
            "volunteers",
            "",
            ok.as_bytes().to_vec(),
            403
        )
        .await,
        "FORBIDDEN"
    );
    let astana = token(Role::Coordinator, &["KZ-71"], None);
    assert_eq!(
        refused_file(
            &app,
            Some(&astana),
            "volunteers",
            "region=KZ-75",
            ok.as_bytes().to_vec(),
            403
        )
        .await,
        "FORBIDDEN"
    );

    // Row by row: a region not the coordinator's, formulas, repeated rows.
    let before = app.dump().await;
    let (status, other_region) = upload(
        &app,
        Some(&astana),
        "volunteers",
        "",
        ok.as_bytes().to_vec(),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        other_region["problems"][0]["code"], "FORBIDDEN",
        "{other_region}"
    );
    assert_eq!(other_region["written"], false);
    let formulas = xlsx(&[
        vec![C::T("Full name"), C::T("Birth date"), C::T("Region")],
        vec![
            C::T("Ерлан Жұмабаев"),
            C::F("=DATE(1995,1,7)"),
            C::T("KZ-75"),
        ],
    ]);
    let with_formula = report(&app, "volunteers", "", formulas).await;
    assert_eq!(with_formula["problems"][0]["code"], "VALIDATION");
    assert_eq!(with_formula["problems"][0]["column"], "Birth date");
    let twice = format!("{ok}Ерлан Жұмабаев;07.01.1995;KZ-75\n");
    let repeated = report(&app, "volunteers", "", twice.into_bytes()).await;
    assert_eq!(repeated["problems"][0]["row"], 3);
    assert_eq!(repeated["problems"][0]["code"], "CONFLICT");
    assert_eq!(repeated["written"], false);
    assert_eq!(app.dump().await, before, "refused rows write nothing");
}

const EVENTS: &str =
    "query { events(first: 10) { nodes { id title kind level startsAt capacity } } }";
const HISTORY: &str = "query($id: ID!) { volunteer(id: $id) { participations(first: 10) { nodes { minutes minutesSource status event { title } hoursHistory { source minutes } } } } }";

#[tokio::test]
async fn events_and_their_hours_come_in_from_files_and_enter_the_ledger_as_imported() {
    let app = TestApp::spawn(Demo::No).await;
    let dana_iin = iin("980314", '4');
    let dana = register(
        &app,
        json!({ "fullName": "Дана Әбішева", "birthDate": "1998-03-14", "regionCode": "KZ-75", "iin": dana_iin }),
    )
    .await;
    let erlan = register(
        &app,
        json!({ "fullName": "Ерлан Жұмабаев", "birthDate": "1995-01-07", "regionCode": "KZ-75" }),
    )
    .await;
    let events = xlsx(&[
        vec![
            C::T("Название"),
            C::T("Вид"),
            C::T("Уровень"),
            C::T("Направление"),
            C::T("Регион"),
            C::T("Начало"),
            C::T("Окончание"),
            C::T("Количество мест"),
        ],
        vec![
            C::T("Субботник в парке"),
            C::T("Акция"),
            C::T("REGIONAL"),
            C::T("ENVIRONMENT"),
            C::T("KZ-75"),
            C::T("14.03.2026 09:00"),
            C::T("14.03.2026 13:00"),
            C::N(40.0),
        ],
    ]);
    let made = report(&app, "events", "fileName=events.xlsx", events.clone()).await;
    assert_eq!(made["created"], 1, "{made}");
    let listed = &app.query(EVENTS, json!({})).await["events"]["nodes"][0];
    assert_eq!(listed["kind"], "ACTION");
    assert_eq!(listed["capacity"], 40);
    // 09:00 in Almaty is 04:00 UTC.
    assert!(
        listed["startsAt"]
            .as_str()
            .unwrap_or_default()
            .starts_with("2026-03-14T04:00:00"),
        "{listed}"
    );
    assert_eq!(report(&app, "events", "", events).await["unchanged"], 1);

    let hours = "ИИН,ФИО,Дата рождения,Мероприятие,Дата мероприятия,Часы\n\
        {iin},,,Субботник в парке,14.03.2026,\"2,5\"\n\
        ,Erlan Zhumabaev,07.01.1995,Субботник в парке,14.03.2026,5\n"
        .replace("{iin}", &dana_iin);
    let first = report(
        &app,
        "participations",
        "fileName=hours.csv&acceptValid=true",
        hours.clone().into_bytes(),
    )
    .await;
    assert_eq!(first["created"], 1, "{first}");
    // Five hours of a four-hour event are more than it lasted.
    assert_eq!(first["problems"][0]["row"], 3);
    assert_eq!(first["problems"][0]["column"], "Часы");
    let attended =
        &app.query(HISTORY, json!({ "id": dana })).await["volunteer"]["participations"]["nodes"][0];
    assert_eq!(attended["minutes"], 150);
    assert_eq!(attended["minutesSource"], "IMPORT");
    assert_eq!(attended["status"], "ATTENDED");
    assert_eq!(
        attended["hoursHistory"],
        json!([{ "source": "IMPORT", "minutes": 150 }])
    );
    let none =
        &app.query(HISTORY, json!({ "id": erlan })).await["volunteer"]["participations"]["nodes"];
    assert_eq!(none, &json!([]));
    let before = app.dump().await;
    let again = report(
        &app,
        "participations",
        "acceptValid=true",
        hours.into_bytes(),
    )
    .await;
    assert_eq!(again["unchanged"], 1);
    assert_eq!(app.dump().await, before);
}

#[tokio::test]
async fn families_come_in_member_by_member() {
    let app = TestApp::spawn(Demo::No).await;
    let mother = register(
        &app,
        json!({ "fullName": "Сәуле Қасымова", "birthDate": "1985-06-01", "regionCode": "KZ-75" }),
    )
    .await;
    let son = register(
        &app,
        json!({ "fullName": "Арман Қасымов", "birthDate": "2015-09-01", "regionCode": "KZ-75",
                "guardian": { "name": "Сәуле Қасымова", "consentOn": "2025-09-01" } }),
    )
    .await;
    let file = "Отбасы;Өңір;Рөлі;Аты-жөні;Туған күні\n\
        Қасымовтар;KZ-75;Қамқоршы;Saule Kasymova;01.06.1985\n\
        Қасымовтар;KZ-75;Бала;Арман Қасымов;01.09.2015\n";
    let done = report(&app, "families", "", file.as_bytes().to_vec()).await;
    assert_eq!(done["created"], 2, "{done}");
    let family = app
        .query(
            "query($id: ID!) { volunteer(id: $id) { family { name members(first: 10) { nodes { role volunteer { id } } } } } }",
            json!({ "id": son }),
        )
        .await;
    let members = &family["volunteer"]["family"]["members"]["nodes"];
    assert_eq!(family["volunteer"]["family"]["name"], "Қасымовтар");
    assert_eq!(members.as_array().map(Vec::len), Some(2));
    assert!(
        members
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["volunteer"]["id"] == mother.as_str() && m["role"] == "GUARDIAN")
    );
    let before = app.dump().await;
    assert_eq!(
        report(&app, "families", "", file.as_bytes().to_vec()).await["unchanged"],
        2
    );
    assert_eq!(app.dump().await, before);
}

const IMPORT_FILE: &str = "mutation($input: ImportFileInput!) { importFile(input: $input) { report { fileName written dryRun rowsRead created refused problems { row column code message } duplicates { row existingId } } } }";

/// A GraphQL multipart request (the specification's `operations`, `map`
/// and one file part), with `token` if any.
async fn multipart(
    app: &TestApp,
    token: Option<&str>,
    input: Value,
    name: &str,
    bytes: Vec<u8>,
) -> (u16, Value) {
    let operations = json!({ "query": IMPORT_FILE, "variables": { "input": input } });
    let form = reqwest::multipart::Form::new()
        .text("operations", operations.to_string())
        .text("map", json!({ "0": ["variables.input.file"] }).to_string())
        .part(
            "0",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
        );
    let mut request = app
        .client
        .post(app.url("/graphql"))
        .header("accept-language", "kk")
        .multipart(form);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("the server answers");
    let status = response.status().as_u16();
    (status, response.json().await.expect("JSON"))
}

#[tokio::test]
async fn a_file_uploads_through_graphql_with_the_multipart_request_specification() {
    let app = TestApp::spawn(Demo::No).await;
    let file = "ФИО;Дата рождения;Регион\nЕрлан Жұмабаев;07.01.1995;KZ-75\nАйша Жұмабаева;01.01.2022;KZ-75\n";
    let input = json!({ "kind": "VOLUNTEERS", "file": null, "dryRun": true });
    let before = app.dump().await;
    let (status, body) = multipart(
        &app,
        Some(&app.admin_token),
        input,
        "almaty.csv",
        file.as_bytes().to_vec(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let report = &body["data"]["importFile"]["report"];
    assert_eq!(report["fileName"], "almaty.csv");
    assert_eq!(
        (&report["dryRun"], &report["written"]),
        (&json!(true), &json!(false))
    );
    assert_eq!(
        (&report["rowsRead"], &report["created"], &report["refused"]),
        (&json!(2), &json!(1), &json!(1))
    );
    assert_eq!(report["problems"][0]["code"], "AGE_RESTRICTED");
    assert_eq!(report["problems"][0]["column"], "Дата рождения");
    assert!(
        report["problems"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("7"),
        "{report}"
    );
    assert_eq!(app.dump().await, before);

    let input = json!({ "kind": "VOLUNTEERS", "file": null, "acceptValid": true });
    let (_, body) = multipart(
        &app,
        Some(&app.admin_token),
        input.clone(),
        "almaty.csv",
        file.as_bytes().to_vec(),
    )
    .await;
    assert_eq!(
        body["data"]["importFile"]["report"]["written"], true,
        "{body}"
    );
    assert_eq!(body["data"]["importFile"]["report"]["created"], 1);

    // Without a token, a multipart body is not a request here at all.
    let (status, _) = multipart(
        &app,
        None,
        input.clone(),
        "almaty.csv",
        file.as_bytes().to_vec(),
    )
    .await;
    assert_eq!(status, 415);
    // A file refused as a whole is an error with its code.
    let (status, body) = multipart(
        &app,
        Some(&app.admin_token),
        input,
        "photo.png",
        b"\x89PNG\r\n\x1a\n\0\0".to_vec(),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "VALIDATION",
        "{body}"
    );
    assert!(body["data"].is_null());
}

#[tokio::test]
async fn the_command_line_imports_with_a_dry_run_a_report_and_a_csv_of_problems() {
    let app = TestApp::spawn(Demo::No).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kostanay.csv");
    let problems = dir.path().join("problems.csv");
    std::fs::write(
        &file,
        "Аты-жөні,Туған күні\nСерік Әбенов,12.06.1988\nАйша Әбенова,01.01.2022\n",
    )
    .unwrap();
    let cli = |extra: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_frontoffice"))
            .args([
                "--database-url",
                &app.database_url,
                "--log",
                "warn",
                "import",
                "volunteers",
            ])
            .arg(&file)
            .args(["--region", "Қостанай облысы", "--problems"])
            .arg(&problems)
            .args(extra)
            .env("FRONTOFFICE_IIN_SECRET", "test-secret-0123456789")
            .output()
            .expect("the command runs")
    };
    let before = app.dump().await;
    let dry = cli(&["--dry-run", "--lang", "ru"]);
    let report = String::from_utf8_lossy(&dry.stdout);
    assert!(
        dry.status.success(),
        "{report}{}",
        String::from_utf8_lossy(&dry.stderr)
    );
    assert!(report.contains("dry run, nothing written"), "{report}");
    assert!(report.contains("would be created            1"), "{report}");
    assert!(
        report.contains("AGE_RESTRICTED") && report.contains("при регистрации"),
        "{report}"
    );
    assert_eq!(app.dump().await, before, "a dry run writes nothing");
    let written = std::fs::read_to_string(&problems).unwrap();
    assert!(
        written.starts_with("Строка,Столбец,Код,Сообщение\n3,Туған күні,AGE_RESTRICTED,"),
        "{written}"
    );

    // One refused row: the whole file is refused, exit status 2.
    let whole = cli(&[]);
    assert_eq!(whole.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&whole.stderr).contains("--accept-valid"));
    assert_eq!(app.dump().await, before);

    let valid = cli(&["--accept-valid"]);
    assert!(valid.status.success());
    let found = app.query(PEOPLE, json!({ "q": "Серік Әбенов" })).await;
    assert_eq!(found["volunteers"]["nodes"][0]["region"]["code"], "KZ-39");
    let batch = entity::import_batch::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(batch.actor, "system:cli");
    assert_eq!(batch.file_name, "kostanay.csv");
}

const LIVE_YEAR: &str = "subscription { statisticsUpdated(from: \"2024-01-01\", to: \"2024-12-31\", regionCode: \"KZ-71\") { minutes } }";

#[tokio::test]
async fn a_large_import_reaches_the_figures_of_every_server_process() {
    let app = TestApp::spawn(Demo::No).await;
    let events = "Title,Kind,Level,Activity type,Region,Starts at,Ends at\n\
        Сенбілік,ACTION,REGIONAL,ENVIRONMENT,KZ-71,2024-06-01 09:00,2024-06-01 13:00\n";
    assert_eq!(
        report(&app, "events", "", events.as_bytes().to_vec()).await["created"],
        1
    );
    let born = chrono::NaiveDate::from_ymd_opt(1980, 1, 1).unwrap();
    let people: Vec<String> = (0..120)
        .map(|i| {
            (born + chrono::Duration::days(i * 31))
                .format("%d.%m.%Y")
                .to_string()
        })
        .collect();
    let volunteers = std::iter::once("ФИО,Дата рождения,Регион".to_owned())
        .chain(people.iter().map(|d| format!("Айдана Әбенова,{d},KZ-71")))
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(
        report(&app, "volunteers", "", volunteers.into_bytes()).await["created"],
        120
    );
    // On PostgreSQL a second process serves the dashboard; its figures
    // must take in every participation of one import, whose notice is too
    // large to name them all.
    let other = app.sibling_on_postgres().await;
    let dashboard = other.as_ref().unwrap_or(&app);
    let mut socket = crate::support::ws::connect(dashboard, Some(&app.admin_token))
        .await
        .unwrap();
    let first = crate::support::ws::run(&mut socket, "1", LIVE_YEAR, json!({})).await;
    let before = first["data"]["statisticsUpdated"]["minutes"]
        .as_i64()
        .unwrap_or(0);
    let hours = std::iter::once("ФИО,Дата рождения,Мероприятие,Дата мероприятия,Часы".to_owned())
        .chain(
            people
                .iter()
                .map(|d| format!("Айдана Әбенова,{d},Сенбілік,01.06.2024,2")),
        )
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(
        report(&app, "participations", "", hours.into_bytes()).await["created"],
        120
    );
    let expected = before + 120 * 120;
    loop {
        let next = crate::support::ws::next(&mut socket, "1").await;
        let minutes = next["data"]["statisticsUpdated"]["minutes"]
            .as_i64()
            .unwrap_or(0);
        if minutes == expected {
            break;
        }
        assert!(minutes < expected, "{minutes} > {expected}");
    }
}

#[tokio::test]
async fn rows_of_one_file_naming_the_same_person_are_decided_against_the_earlier_row() {
    let app = TestApp::spawn(Demo::No).await;
    let born = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
    // 700 different people (one a day), so that volunteers, read 500 rows
    // at a time, meet their repetitions both within a chunk and across.
    let mut rows: Vec<String> = (0..700)
        .map(|i| {
            let day = (born + chrono::Duration::days(i)).format("%d.%m.%Y");
            format!("Ерікті {i},{day},KZ-71,")
        })
        .collect();
    let asel_iin = iin("850412", '4');
    // Line 3 (after the heading): Асель with her IIN; line 11, the same
    // IIN with a different phone (the same chunk); line 601, again (the
    // next chunk).
    rows[1] = format!("Асель Нұрланова,12.04.1985,KZ-71,{asel_iin},+77010000001");
    rows[9] = format!("Асель Нұрланова,12.04.1985,KZ-71,{asel_iin},+77010000002");
    rows[599] = format!("Асель Нұрланова,12.04.1985,KZ-71,{asel_iin},+77010000003");
    // Line 21: Әлихан; line 31 (the same chunk) and line 651 (the next),
    // the same person in the Latin alphabets.
    rows[19] = "Әлихан Сейітқали,12.05.2001,KZ-71,,".to_owned();
    rows[29] = "Alikhan Seitkali,12.05.2001,KZ-71,,".to_owned();
    rows[649] = "Älihan Seiıtqali,12.05.2001,KZ-71,,".to_owned();
    let file = std::iter::once("ФИО,Дата рождения,Регион,ИИН,Телефон".to_owned())
        .chain(rows)
        .collect::<Vec<_>>()
        .join("\n")
        .into_bytes();
    let done = report(&app, "volunteers", "acceptValid=true", file).await;
    assert_eq!(done["written"], true, "{done}");
    assert_eq!(done["rowsRead"], 700);
    assert_eq!(done["created"], 696, "{done}");
    let problems: Vec<(i64, &str, &str)> = done["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["row"].as_i64().unwrap(),
                p["code"].as_str().unwrap(),
                p["message"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        problems,
        vec![
            (11, "CONFLICT", "the same IIN as row 3"),
            (601, "CONFLICT", "the same IIN as row 3"),
        ]
    );
    let alikhan = &app.query(PEOPLE, json!({ "q": "Әлихан" })).await["volunteers"];
    assert_eq!(alikhan["totalCount"], 1, "{alikhan}");
    let duplicates: Vec<(i64, &str, i64)> = done["duplicates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["row"].as_i64().unwrap(),
                d["existingId"].as_str().unwrap(),
                d["sameAsRow"].as_i64().unwrap(),
            )
        })
        .collect();
    let id = alikhan["nodes"][0]["id"].as_str().unwrap();
    assert_eq!(duplicates, vec![(31, id, 21), (651, id, 21)]);
}
