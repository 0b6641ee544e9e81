//! The hours ledger: every change of a participation's minutes is an
//! entry, and the participations' minutes are always their ledger's.

use crate::support::write::{LOG_HOURS, VERIFY};
use crate::support::{Demo, TestApp, fixtures, ws};
use async_graphql::ID;
use chrono::{DateTime, Duration, Utc};
use entity::{HoursSource, ParticipationStatus, participation};
use frontoffice::domain::auto_close;
use frontoffice::domain::changes::ChangeBus;
use frontoffice::domain::clock::Clock;
use frontoffice::domain::time::kz_date;
use frontoffice::domain::write::{Rules, Writer};
use frontoffice::graphql::ids::{NodeType, decode_any, encode};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
};
use serde_json::{Value, json};

#[tokio::test]
async fn the_migration_turns_every_recorded_minute_into_one_entry() {
    let app = TestApp::spawn(Demo::No).await;
    fixtures::load(&app.db).await;
    use migration::MigrationTrait;
    // One connection of its own: schema changes made through a pool can
    // meet a pooled SQLite connection still reading the old schema.
    let mut options = sea_orm::ConnectOptions::new(app.database_url.clone());
    options.max_connections(1).sqlx_logging(false);
    let single = sea_orm::Database::connect(options)
        .await
        .expect("connected");
    let manager = migration::SchemaManager::new(&single);
    let ledger = migration::m20261204_000010_hours_ledger::Migration;
    // Back to the register before the ledger, minutes in the rows only...
    ledger.down(&manager).await.expect("the migration reverts");
    let with_minutes = app
        .db
        .query_one_raw(sea_orm::Statement::from_string(
            app.db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM participation WHERE minutes IS NOT NULL",
        ))
        .await
        .expect("counted")
        .and_then(|row| row.try_get::<i64>("", "n").ok())
        .expect("a count");
    assert!(with_minutes > 0, "the fixtures record hours");
    // ...and forward: one entry per participation with minutes, agreeing.
    ledger.up(&manager).await.expect("the migration runs");
    let entries = entity::hours_entry::Entity::find()
        .count(&app.db)
        .await
        .expect("counted");
    assert_eq!(entries, with_minutes as u64);
    let off = frontoffice::domain::ledger::disagreements(&app.db)
        .await
        .expect("checked");
    assert!(off.is_empty(), "{off:?}");
    let unsourced = app
        .db
        .query_one_raw(sea_orm::Statement::from_string(
            app.db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM participation WHERE minutes IS NOT NULL AND minutes_source IS NULL",
        ))
        .await
        .expect("counted")
        .and_then(|row| row.try_get::<i64>("", "n").ok());
    assert_eq!(unsourced, Some(0));
}

/// An event of Astana that ended `ended_ago` ago after three hours, and a
/// volunteer checked in half an hour after its start who never checked
/// out (written straight into the table: the API would not check in at a
/// past event). Returns the participation's id.
async fn forgotten_check_out(app: &TestApp, name: &str, ended_ago: Duration) -> i64 {
    let volunteer = app.volunteer(name, "1995-03-01", json!({})).await;
    let ends = Utc::now() - ended_ago;
    let starts = ends - Duration::hours(3);
    let event = app
        .event(
            &format!("Сенбілік: {name}"),
            json!({ "startsAt": starts.to_rfc3339(), "endsAt": ends.to_rfc3339() }),
        )
        .await;
    let key = |id: &str| {
        decode_any(&ID(id.to_owned()))
            .expect("an id")
            .1
            .parse::<i64>()
            .expect("a key")
    };
    let checked_in = starts + Duration::minutes(30);
    participation::ActiveModel {
        volunteer_id: Set(key(&volunteer)),
        event_id: Set(key(&event)),
        status: Set(ParticipationStatus::Registered),
        registered_at: Set(starts - Duration::days(1)),
        checked_in_at: Set(Some(checked_in)),
        on_date: Set(kz_date(checked_in)),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .expect("the check-in is written")
    .id
}

const PARTICIPATION: &str = "query($id: ID!) { participation(id: $id) {
    status minutes minutesSource estimated verified checkedInAt checkedOutAt
    hoursHistory { minutes source estimated actor reason } } }";

const LIVE: &str =
    "subscription($from: Date!, $to: Date!) { statisticsUpdated(from: $from, to: $to) {
    minutes measuredMinutes estimatedMinutes verifiedMinutes openEstimates } }";

fn these_days() -> Value {
    let today = kz_date(Utc::now());
    json!({ "from": (today - Duration::days(2)).to_string(), "to": today.to_string() })
}

#[tokio::test]
async fn a_forgotten_check_out_is_closed_with_an_estimate_kept_apart_until_confirmed() {
    let app = TestApp::spawn_with(Demo::No, &["--auto-close-interval-secs", "1"]).await;
    let mut socket = ws::connect(&app, Some(&app.admin_token))
        .await
        .expect("connected");
    let before = ws::run(&mut socket, "1", LIVE, these_days()).await;
    assert_eq!(
        before["data"]["statisticsUpdated"]["openEstimates"], 0,
        "{before}"
    );
    let id = forgotten_check_out(&app, "Айгүл Сейітова", Duration::hours(2)).await;
    // The sweep closes it and the live figures follow: 150 minutes, from
    // the check-in to the event's end, shown apart and not verified.
    // (Registering the volunteer and the event sent figures too.)
    let after = live_until(&mut socket, |f| f["openEstimates"] == 1).await;
    assert_eq!(
        after,
        json!({ "minutes": 150, "measuredMinutes": 0, "estimatedMinutes": 150, "verifiedMinutes": 0, "openEstimates": 1 })
    );
    let p = encode(NodeType::Participation, id).to_string();
    let read = app.query(PARTICIPATION, json!({ "id": p })).await["participation"].clone();
    assert_eq!(read["status"], "ATTENDED");
    assert_eq!(read["minutes"], 150);
    assert_eq!(read["minutesSource"], "AUTO_CLOSE");
    assert_eq!(read["estimated"], true);
    let checked_in = DateTime::parse_from_rfc3339(read["checkedInAt"].as_str().unwrap()).unwrap();
    let checked_out = DateTime::parse_from_rfc3339(read["checkedOutAt"].as_str().unwrap()).unwrap();
    assert_eq!(checked_out - checked_in, Duration::minutes(150));
    assert_eq!(
        read["hoursHistory"],
        json!([{ "minutes": 150, "source": "AUTO_CLOSE", "estimated": true, "actor": "system:auto-close", "reason": null }])
    );
    // An estimate is never verified...
    app.refused(VERIFY, json!({ "participationId": p }), "INVALID_STATE")
        .await;
    // ...until a coordinator confirms it (the same minutes need no reason).
    let confirmed = app
        .mutate(LOG_HOURS, json!({ "participationId": p, "minutes": 150 }))
        .await;
    assert_eq!(confirmed["participation"]["minutes"], 150);
    let read = app.query(PARTICIPATION, json!({ "id": p })).await["participation"].clone();
    assert_eq!(read["estimated"], false);
    assert_eq!(read["minutesSource"], "COORDINATOR");
    app.mutate(VERIFY, json!({ "participationId": p })).await;
    let now = live_until(&mut socket, |f| f["verifiedMinutes"] == 150).await;
    assert_eq!(
        now,
        json!({ "minutes": 150, "measuredMinutes": 150, "estimatedMinutes": 0, "verifiedMinutes": 150, "openEstimates": 0 })
    );
    let off = frontoffice::domain::ledger::disagreements(&app.db)
        .await
        .expect("checked");
    assert!(off.is_empty(), "{off:?}");
}

#[tokio::test]
async fn the_sweep_waits_for_the_grace_after_the_end_on_the_register_clock() {
    let app = TestApp::spawn(Demo::No).await;
    let id = forgotten_check_out(&app, "Бекзат Оразов", Duration::zero()).await;
    let ends = participation::Entity::find_by_id(id)
        .find_also_related(entity::event::Entity)
        .one(&app.db)
        .await
        .expect("read")
        .and_then(|(_, e)| e)
        .expect("its event")
        .ends_at;
    let grace = Duration::minutes(60);
    let writer_at = |now: DateTime<Utc>| {
        Writer::new(
            app.db.clone(),
            ChangeBus::default(),
            Rules {
                min_age: 7,
                secret: b"test-secret-0123456789".to_vec(),
                idempotency_ttl: Duration::hours(24),
                attendance_grace: grace,
                accounts: Default::default(),
            },
            Clock::Pinned(now),
        )
    };
    let closed = auto_close::sweep(&writer_at(ends + grace - Duration::minutes(1)))
        .await
        .expect("swept");
    assert_eq!(
        closed, 0,
        "a volunteer may still check out within the grace"
    );
    let closed = auto_close::sweep(&writer_at(ends + grace + Duration::minutes(1)))
        .await
        .expect("swept");
    assert_eq!(closed, 1);
    let again = auto_close::sweep(&writer_at(ends + Duration::days(3)))
        .await
        .expect("swept");
    assert_eq!(again, 0, "closed once");
}

#[tokio::test]
async fn with_two_server_processes_every_missed_check_out_is_closed_once() {
    let app = TestApp::spawn_with(Demo::No, &["--auto-close-interval-secs", "1"]).await;
    let other = app.sibling().await;
    // The figures as each process has them cached, before anything closes.
    let mut here = ws::connect(&app, Some(&app.admin_token))
        .await
        .expect("connected");
    let mut there = ws::connect(&other, Some(&app.admin_token))
        .await
        .expect("connected");
    ws::run(&mut here, "1", LIVE, these_days()).await;
    ws::run(&mut there, "1", LIVE, these_days()).await;
    let mut ids = Vec::new();
    for i in 0..12 {
        ids.push(forgotten_check_out(&app, &format!("Ерікті {i}"), Duration::hours(2)).await);
    }
    // Each process's live figures reach all twelve estimates (on
    // PostgreSQL through LISTEN/NOTIFY for the one that did not sweep; on
    // SQLite each process hears its own writes only, so only the sweeping
    // one is asked).
    let figures = all_twelve(&mut here).await;
    assert_eq!(figures["estimatedMinutes"], 12 * 150);
    if app.backend() == "postgres" {
        assert_eq!(all_twelve(&mut there).await, figures);
    }
    // One estimate each, whichever process closed it.
    for id in ids {
        let entries = entity::hours_entry::Entity::find()
            .filter(entity::hours_entry::Column::ParticipationId.eq(id))
            .all(&app.db)
            .await
            .expect("read");
        assert_eq!(entries.len(), 1, "participation {id}: {entries:?}");
        assert_eq!(entries[0].source, HoursSource::AutoClose);
    }
    let off = frontoffice::domain::ledger::disagreements(&app.db)
        .await
        .expect("checked");
    assert!(off.is_empty(), "{off:?}");
}

/// The next live figures of subscription "1" for which `wanted` holds
/// (each wait bounded by `ws::next`).
async fn live_until(socket: &mut ws::Socket, wanted: impl Fn(&Value) -> bool) -> Value {
    loop {
        let next = ws::next(socket, "1").await["data"]["statisticsUpdated"].clone();
        if wanted(&next) {
            return next;
        }
    }
}

async fn all_twelve(socket: &mut ws::Socket) -> Value {
    live_until(socket, |f| f["openEstimates"] == 12).await
}
