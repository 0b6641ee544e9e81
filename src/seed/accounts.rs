//! The demo's accounts, one per role, all with the password `DEMO_PASSWORD`,
//! so the playground can be tried as each kind of user. They exist only in
//! a database loaded with the demo set.

use crate::auth::password;
use entity::{Role, account, account_region, volunteer};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, QueryOrder, Set};

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "frontoffice-demo";

/// Usernames of the demo accounts, with their roles.
pub const DEMO_ACCOUNTS: [(&str, Role); 4] = [
    ("admin", Role::Admin),
    ("analyst", Role::Analyst),
    ("coordinator.almaty", Role::Coordinator),
    ("volunteer", Role::Volunteer),
];

/// Whether a volunteer can be the demo's volunteer account on `on`: an
/// adult of Almaty. The first such volunteer by id is the account.
pub fn may_be_volunteer_account(
    region: &str,
    birth: chrono::NaiveDate,
    on: chrono::NaiveDate,
) -> bool {
    region == "KZ-75" && crate::domain::time::age_on(birth, on) >= 18
}

pub async fn seed(
    db: &impl ConnectionTrait,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(), DbErr> {
    let hash = password::hash(DEMO_PASSWORD).await.map_err(DbErr::Custom)?;
    // The volunteer account is the first adult volunteer of Almaty.
    let first = volunteer::Entity::find()
        .order_by_asc(volunteer::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .find(|v| {
            may_be_volunteer_account(
                &v.region_code,
                v.birth_date,
                crate::domain::time::kz_date(at),
            )
        })
        .map(|v| v.id);
    for (username, role) in DEMO_ACCOUNTS {
        let row = account::ActiveModel {
            username: Set(username.to_owned()),
            password_hash: Set(hash.clone()),
            role: Set(role),
            volunteer_id: Set(if role == Role::Volunteer { first } else { None }),
            created_at: Set(at),
            disabled_at: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await?;
        if role == Role::Coordinator {
            account_region::ActiveModel {
                account_id: Set(row.id),
                region_code: Set("KZ-75".into()),
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}
