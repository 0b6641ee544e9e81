//! The hours ledger: every change of a participation's minutes is an
//! entry, and the participations' minutes are always their ledger's.

use crate::support::{Demo, TestApp, fixtures};
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait};

#[tokio::test]
async fn the_migration_turns_every_recorded_minute_into_one_entry() {
    let app = TestApp::spawn(Demo::No).await;
    fixtures::load(&app.db).await;
    use migration::MigrationTrait;
    let manager = migration::SchemaManager::new(&app.db);
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
