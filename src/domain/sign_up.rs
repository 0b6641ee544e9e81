//! People signing themselves up from the mobile app, and the steps that
//! bring a sign-up into the register.
//!
//! - `sign_up`: anyone creates an account and a PENDING volunteer. A
//!   pending volunteer counts in no statistic and takes part in nothing; it
//!   can sign in and see its own record.
//! - A minor (under 18) signs up only together with a guardian: 14 to 17
//!   name either an adult volunteer's account, which then confirms the
//!   link (`confirm_guardianship`, the guardian and the minor become one
//!   family), or a legal representative, whom the coordinator records with
//!   the consent's date on confirming. Under 14, only the guardian creates
//!   the account (`sign_up_child`, signed in as that adult volunteer).
//! - `confirm`: a coordinator of the volunteer's region brings it into the
//!   register (ACTIVE, registered that day), once the guardian rule of the
//!   register holds, unchanged (`guardianship`).
//!
//! Nothing here tells whether an account exists: a minor naming an
//! account that is no adult volunteer's signs up all the same, and simply
//! waits for a coordinator.

use crate::auth::password_rules;
use crate::domain::access;
use crate::domain::accounts;
use crate::domain::changes::Subject;
use crate::domain::error::{DomainError, DomainResult};
use crate::domain::guardianship::{self, ADULT, UNACCOMPANIED};
use crate::domain::lookup;
use crate::domain::time::age_on;
use crate::domain::validate;
use crate::domain::volunteers::{self, LegalGuardian, NewVolunteer};
use crate::domain::write::{Write, ensure};
use crate::msg;
use chrono::NaiveDate;
use entity::{
    FamilyRole, Role, VolunteerStatus, account, family, family_member, sign_up, volunteer,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// What a person gives to sign up (or a guardian gives for a child).
#[derive(Clone, Debug, Default)]
pub struct NewSignUp {
    pub username: String,
    pub password: String,
    pub full_name: String,
    pub latin_name: Option<String>,
    pub birth_date: NaiveDate,
    /// The home region; a child's defaults to its guardian's.
    pub region_code: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub iin: Option<String>,
    pub skills: Vec<String>,
    pub languages: Vec<String>,
    /// A minor's guardian: the login name of an adult volunteer's account.
    pub guardian_username: Option<String>,
    /// A minor's legal representative, for the coordinator to record.
    pub representative_name: Option<String>,
}

/// The account and the volunteer a sign-up made.
#[derive(Clone, Copy, Debug, serde::Serialize, serde::Deserialize)]
pub struct SignedUp {
    pub account_id: i64,
    pub volunteer_id: i64,
}

/// A person signs up: an account of its own and a PENDING volunteer.
pub async fn sign_up(w: &mut Write, input: NewSignUp) -> DomainResult<SignedUp> {
    let username = accounts::valid_username(&input.username)?;
    password_rules::check(&input.password, &username, "input.password")?;
    ensure(input.phone.is_some() || input.email.is_some(), || {
        DomainError::validation("input.email", msg!("sign-up-needs-contact"))
    })?;
    let today = w.today();
    let birth_date = validate::birth_date("input.birthDate", input.birth_date, today)?;
    volunteers::check_min_age(birth_date, today, w.rules.min_age)?;
    let age = age_on(birth_date, today);
    if age < UNACCOMPANIED {
        return Err(DomainError::guardian_required(msg!(
            "sign-up-child-by-guardian",
            age = UNACCOMPANIED
        )));
    }
    let representative = validate::optional_text(
        "input.legalRepresentative",
        input.representative_name.as_deref(),
        200,
    )?;
    let guardian_username = input
        .guardian_username
        .as_deref()
        .map(|name| name.trim().to_lowercase())
        .filter(|name| !name.is_empty());
    if age < ADULT && guardian_username.is_none() && representative.is_none() {
        return Err(DomainError::guardian_required(msg!(
            "sign-up-minor-guardian"
        )));
    }
    let region_code = input
        .region_code
        .clone()
        .ok_or_else(|| DomainError::validation("input.regionCode", msg!("is-required")))?;
    accounts::ensure_username_free(&w.tx, &username).await?;
    let email = email_of(&input)?;
    let volunteer_id = volunteers::register(w, pending(&input, region_code, None)).await?;
    let guardian = match (&guardian_username, age < ADULT) {
        (Some(name), true) => adult_volunteer_account(&w.tx, name, today).await?,
        _ => None,
    };
    let request = sign_up::ActiveModel {
        guardian_account_id: Set(guardian.map(|(a, _)| a.id)),
        guardian_confirmed_at: Set(None),
        representative_name: Set(representative.filter(|_| age < ADULT)),
        ..Default::default()
    };
    open_account(w, &username, &input.password, email, volunteer_id, request).await
}

/// The account of a sign-up's volunteer, and the sign-up kept beside it.
async fn open_account(
    w: &mut Write,
    username: &str,
    password: &str,
    email: Option<String>,
    volunteer_id: i64,
    mut request: sign_up::ActiveModel,
) -> DomainResult<SignedUp> {
    let account = accounts::insert(
        w,
        username,
        password,
        Role::Volunteer,
        Some(volunteer_id),
        email,
    )
    .await?;
    request.volunteer_id = Set(volunteer_id);
    request.account_id = Set(account.id);
    request.signed_up_at = Set(w.now);
    request.insert(&w.tx).await?;
    w.audit("Account", account.id, None).await?;
    Ok(SignedUp {
        account_id: account.id,
        volunteer_id,
    })
}

/// A signed-in adult volunteer signs up a child (any minor) of its own:
/// the child's account and PENDING volunteer, in the guardian's family as
/// a CHILD, the guardian's link confirmed by the guardian's own act.
pub async fn sign_up_child(w: &mut Write, input: NewSignUp) -> DomainResult<SignedUp> {
    let (guardian_account, guardian) = guardian_of_caller(w).await?;
    let username = accounts::valid_username(&input.username)?;
    password_rules::check(&input.password, &username, "input.password")?;
    let today = w.today();
    let birth_date = validate::birth_date("input.birthDate", input.birth_date, today)?;
    volunteers::check_min_age(birth_date, today, w.rules.min_age)?;
    ensure(age_on(birth_date, today) < ADULT, || {
        DomainError::validation("input.birthDate", msg!("sign-up-child-adult"))
    })?;
    accounts::ensure_username_free(&w.tx, &username).await?;
    let email = email_of(&input)?;
    let region = input
        .region_code
        .clone()
        .unwrap_or_else(|| guardian.region_code.clone());
    let family_id = guardian_family(w, &guardian).await?;
    let new = pending(&input, region, Some((family_id, FamilyRole::Child)));
    let volunteer_id = volunteers::register(w, new).await?;
    let request = sign_up::ActiveModel {
        guardian_account_id: Set(Some(guardian_account)),
        guardian_confirmed_at: Set(Some(w.now)),
        representative_name: Set(None),
        ..Default::default()
    };
    open_account(w, &username, &input.password, email, volunteer_id, request).await
}

/// The guardian a minor named confirms the link: the minor joins the
/// guardian's family as a CHILD (a family is made for the guardian if it
/// has none). Only the account the minor named may confirm, while the
/// sign-up is pending.
pub async fn confirm_guardianship(w: &mut Write, volunteer_id: i64) -> DomainResult<i64> {
    let (guardian_account, guardian) = guardian_of_caller(w).await?;
    let minor = volunteers::active(&w.tx, volunteer_id).await?;
    let request = sign_up::Entity::find_by_id(volunteer_id).one(&w.tx).await?;
    let Some(request) = request.filter(|r| r.guardian_account_id == Some(guardian_account)) else {
        // The same answer whether the volunteer named someone else or
        // nobody: a guardian learns nothing of other people's sign-ups.
        return Err(DomainError::forbidden(msg!("not-the-named-guardian")));
    };
    ensure(minor.status == VolunteerStatus::Pending, || {
        DomainError::invalid_state(msg!("volunteer-already-confirmed"))
    })?;
    ensure(request.guardian_confirmed_at.is_none(), || {
        DomainError::conflict(msg!("guardianship-already-confirmed"))
    })?;
    if family_member::Entity::find_by_id(volunteer_id)
        .one(&w.tx)
        .await?
        .is_some()
    {
        return Err(DomainError::conflict(msg!("already-in-a-family")));
    }
    let family_id = guardian_family(w, &guardian).await?;
    family_member::ActiveModel {
        volunteer_id: Set(volunteer_id),
        family_id: Set(family_id),
        role: Set(FamilyRole::Child),
        joined_on: Set(w.today()),
    }
    .insert(&w.tx)
    .await?;
    let mut row: sign_up::ActiveModel = request.into();
    row.guardian_confirmed_at = Set(Some(w.now));
    row.update(&w.tx).await?;
    w.record(Subject::Family, "Family", family_id, None).await?;
    w.record(Subject::Volunteer, "Volunteer", volunteer_id, None)
        .await?;
    Ok(volunteer_id)
}

/// A coordinator of the volunteer's region (or an admin) confirms a
/// sign-up: the volunteer becomes ACTIVE, registered today. For a minor,
/// the coordinator may record the legal representative and the consent's
/// date (and written consent to attend unaccompanied); the guardian rule
/// must hold once confirmed.
pub async fn confirm(
    w: &mut Write,
    volunteer_id: i64,
    representative: Option<LegalGuardian>,
    unaccompanied_consent_on: Option<NaiveDate>,
) -> DomainResult<i64> {
    let v = volunteers::active(&w.tx, volunteer_id).await?;
    access::ensure_coordinates(w.caller(), &v.region_code, msg!("to-confirm-volunteers"))?;
    ensure(v.status == VolunteerStatus::Pending, || {
        DomainError::invalid_state(msg!("volunteer-already-confirmed"))
    })?;
    let today = w.today();
    let representative =
        volunteers::legal_guardian("input.guardian", representative, v.birth_date, today)?;
    if let Some(on) = unaccompanied_consent_on {
        validate::not_future("input.unaccompaniedConsentOn", on, today)?;
    }
    let mut row: volunteer::ActiveModel = v.clone().into();
    if let Some(g) = &representative {
        row.guardian_name = Set(Some(g.name.clone()));
        row.guardian_consent_on = Set(Some(g.consent_on));
    }
    if unaccompanied_consent_on.is_some() {
        row.unaccompanied_consent_on = Set(unaccompanied_consent_on);
    }
    row.status = Set(VolunteerStatus::Active);
    row.registered_on = Set(today);
    row.updated_at = Set(w.now);
    let updated = row.update(&w.tx).await?;
    guardianship::ensure_guardian(&w.tx, &updated, today).await?;
    let detail = serde_json::json!({ "guardianOnRecord": representative.is_some() });
    w.record(Subject::Volunteer, "Volunteer", volunteer_id, Some(detail))
        .await?;
    Ok(volunteer_id)
}

/// A coordinator of the volunteer's region (or an admin) declines a
/// sign-up that is no real person's, or a duplicate: its personal data is
/// erased and its account disabled, as `eraseVolunteer` does; it stays
/// PENDING, counted nowhere, and its IIN is free again.
pub async fn decline(w: &mut Write, volunteer_id: i64) -> DomainResult<i64> {
    let v = volunteers::active(&w.tx, volunteer_id).await?;
    access::ensure_coordinates(w.caller(), &v.region_code, msg!("to-confirm-volunteers"))?;
    ensure(v.status == VolunteerStatus::Pending, || {
        DomainError::invalid_state(msg!("volunteer-already-confirmed"))
    })?;
    volunteers::erase_record(w, v).await
}

/// The sign-up of a pending volunteer, for those who may see it.
pub async fn of_volunteer(
    db: &impl ConnectionTrait,
    volunteer_id: i64,
) -> DomainResult<Option<sign_up::Model>> {
    Ok(sign_up::Entity::find_by_id(volunteer_id).one(db).await?)
}

fn pending(
    input: &NewSignUp,
    region_code: String,
    family: Option<(i64, FamilyRole)>,
) -> NewVolunteer {
    NewVolunteer {
        full_name: input.full_name.clone(),
        latin_name: input.latin_name.clone(),
        birth_date: input.birth_date,
        region_code,
        registered_on: None,
        phone: input.phone.clone(),
        email: input.email.clone(),
        iin: input.iin.clone(),
        skills: input.skills.clone(),
        languages: input.languages.clone(),
        guardian: None,
        unaccompanied_consent_on: None,
        family,
        pending: true,
    }
}

/// The account's e-mail (for password resets): the contact given.
fn email_of(input: &NewSignUp) -> DomainResult<Option<String>> {
    input
        .email
        .as_deref()
        .map(|e| validate::email("input.email", e))
        .transpose()
}

/// The account named `username` if it is an enabled account of an active,
/// adult volunteer on `on`, with that volunteer.
async fn adult_volunteer_account(
    db: &impl ConnectionTrait,
    username: &str,
    on: NaiveDate,
) -> DomainResult<Option<(account::Model, volunteer::Model)>> {
    let Some(a) = account::Entity::find()
        .filter(account::Column::Username.eq(username))
        .filter(account::Column::DisabledAt.is_null())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Some(vid) = a.volunteer_id else {
        return Ok(None);
    };
    let v = volunteer::Entity::find_by_id(vid).one(db).await?;
    Ok(v.filter(|v| is_adult_member(v, on)).map(|v| (a, v)))
}

fn is_adult_member(v: &volunteer::Model, on: NaiveDate) -> bool {
    v.erased_at.is_none()
        && v.status == VolunteerStatus::Active
        && age_on(v.birth_date, on) >= ADULT
}

/// The caller as a guardian: its account and its volunteer, an active
/// adult of the register.
async fn guardian_of_caller(w: &Write) -> DomainResult<(i64, volunteer::Model)> {
    let refused = || DomainError::forbidden(msg!("guardian-must-be-adult-volunteer"));
    let principal = w.caller().principal().ok_or_else(refused)?;
    let vid = principal.volunteer_id.ok_or_else(refused)?;
    let v = lookup::locked::<volunteer::Entity>(&w.tx, vid, "volunteer").await?;
    ensure(is_adult_member(&v, w.today()), refused)?;
    Ok((principal.account_id, v))
}

/// The family `guardian` is a GUARDIAN of, made for it (named after it, in
/// its region) when it belongs to none.
async fn guardian_family(w: &mut Write, guardian: &volunteer::Model) -> DomainResult<i64> {
    if let Some(m) = family_member::Entity::find_by_id(guardian.id)
        .one(&w.tx)
        .await?
    {
        ensure(m.role == FamilyRole::Guardian, || {
            DomainError::invalid_state(msg!("guardian-not-family-guardian"))
        })?;
        return Ok(m.family_id);
    }
    let name = guardian.full_name.clone().unwrap_or_default();
    let f = family::ActiveModel {
        name: Set(name),
        region_code: Set(guardian.region_code.clone()),
        created_on: Set(w.today()),
        ..Default::default()
    }
    .insert(&w.tx)
    .await?;
    family_member::ActiveModel {
        volunteer_id: Set(guardian.id),
        family_id: Set(f.id),
        role: Set(FamilyRole::Guardian),
        joined_on: Set(w.today()),
    }
    .insert(&w.tx)
    .await?;
    w.record(Subject::Family, "Family", f.id, None).await?;
    Ok(f.id)
}
