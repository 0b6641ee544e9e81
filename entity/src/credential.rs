//! `credential`: a certificate of a volunteer's verified hours as issued
//! (an Open Badges 3.0 credential signed as a JWT), with its place in a
//! Bitstring Status List and, once revoked, when and why. `jwt` is cleared
//! when the volunteer is erased: the signed text names the person.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "credential")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The credential's UUID (`urn:uuid:…` in the document).
    pub uid: String,
    pub volunteer_id: i64,
    /// `PERIOD`, `EVENT` or `MILESTONE`.
    pub kind: String,
    pub period_from: Option<Date>,
    pub period_to: Option<Date>,
    pub event_id: Option<i64>,
    pub milestone_hours: Option<i32>,
    /// The verified minutes certified.
    pub minutes: i64,
    /// The issuing front office's name, as signed.
    pub issuer_name: String,
    /// The language the credential is written in: `kk`, `ru` or `en`.
    pub lang: String,
    pub issued_at: DateTimeUtc,
    pub valid_until: Option<DateTimeUtc>,
    /// Who asked for it (caller identity, as in the audit log).
    pub issued_by: String,
    /// The key that signed it.
    pub kid: String,
    pub status_list: i32,
    pub status_index: i32,
    pub revoked_at: Option<DateTimeUtc>,
    /// `HOURS_CORRECTED`, `EVENT_CANCELLED` or `VOLUNTEER_ERASED`.
    pub revocation_reason: Option<String>,
    pub jwt: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
