//! Helpers for tests of the write API: the mutations a front office sends,
//! and a full dump of the database to show a refused write changed nothing.

use super::TestApp;
use chrono::{Duration, Utc};
use sea_orm::{EntityTrait, QueryOrder};
use serde_json::{Value, json};

impl TestApp {
    /// Run a mutation that must succeed; returns its payload (the value of
    /// the single root field).
    pub async fn mutate(&self, mutation: &str, input: Value) -> Value {
        let data = self.query(mutation, json!({ "input": input })).await;
        data.as_object()
            .and_then(|m| m.values().next().cloned())
            .unwrap_or(Value::Null)
    }

    /// Run a mutation that must be refused with `code`, and show that the
    /// database is exactly as it was. Returns the error.
    pub async fn refused(&self, mutation: &str, input: Value, code: &str) -> Value {
        let token = self.admin_token.clone();
        self.refused_as(Some(&token), mutation, input, code).await
    }

    /// `refused`, sent with `token` (none: anonymous).
    pub async fn refused_as(
        &self,
        token: Option<&str>,
        mutation: &str,
        input: Value,
        code: &str,
    ) -> Value {
        let before = self.dump().await;
        let (status, body) = self
            .post_as(token, mutation, json!({ "input": input }))
            .await;
        assert_eq!(status, 200, "{body}");
        let error = body["errors"][0].clone();
        assert_eq!(
            error["extensions"]["code"], code,
            "expected {code}, got {body}"
        );
        assert!(
            !error["message"].as_str().unwrap_or_default().is_empty(),
            "a refusal says why: {body}"
        );
        assert!(body["data"].is_null(), "nothing returned: {body}");
        let after = self.dump().await;
        if before != after {
            for (table, rows) in before.as_object().into_iter().flatten() {
                assert_eq!(
                    rows, &after[table],
                    "table {table} changed although {code} was returned"
                );
            }
        }
        error
    }

    /// Every row of every table, in key order.
    pub async fn dump(&self) -> Value {
        macro_rules! tables {
            ($($t:ident),+) => {{
                let mut all = serde_json::Map::new();
                $(
                    let rows = entity::$t::Entity::find()
                        .order_by_asc(sea_orm::sea_query::Expr::cust("1"))
                        .into_json()
                        .all(&self.db)
                        .await
                        .expect("the table can be read");
                    all.insert(stringify!($t).to_owned(), Value::Array(rows));
                )+
                Value::Object(all)
            }};
        }
        tables!(
            organization,
            front_office,
            front_office_partner,
            volunteer,
            volunteer_tag,
            family,
            family_member,
            project,
            project_beneficiary_category,
            event,
            participation,
            beneficiaries_served,
            international_exchange,
            exchange_participant,
            audit_log,
            idempotency_key,
            hours_entry,
            import_batch,
            import_row,
            account,
            account_region,
            sign_up,
            password_reset,
            issuer_key,
            credential,
            credential_participation
        )
    }

    /// Register a volunteer; `extra` adds or overrides input fields.
    pub async fn volunteer(&self, name: &str, birth_date: &str, extra: Value) -> String {
        let mut input = json!({
            "fullName": name,
            "birthDate": birth_date,
            "regionCode": "KZ-71",
        });
        merge(&mut input, extra);
        let payload = self.mutate(REGISTER_VOLUNTEER, input).await;
        id_of(&payload["volunteer"])
    }

    /// Create a family in Astana.
    pub async fn family(&self, name: &str) -> String {
        let payload = self
            .mutate(
                "mutation($input: CreateFamilyInput!) { createFamily(input: $input) { family { id } } }",
                json!({ "name": name, "regionCode": "KZ-71" }),
            )
            .await;
        id_of(&payload["family"])
    }

    pub async fn add_member(&self, family: &str, volunteer: &str, role: &str) {
        self.mutate(
            ADD_MEMBER,
            json!({ "familyId": family, "volunteerId": volunteer, "role": role }),
        )
        .await;
    }

    /// Create an event under way now (started an hour ago, ending in three
    /// hours); `extra` adds or overrides input fields.
    pub async fn event(&self, title: &str, extra: Value) -> String {
        let mut input = json!({
            "title": title,
            "kind": "RAID",
            "level": "REGIONAL",
            "activityType": "SOCIAL_SUPPORT",
            "regionCode": "KZ-71",
            "startsAt": at(Duration::hours(-1)),
            "endsAt": at(Duration::hours(3)),
        });
        merge(&mut input, extra);
        let payload = self.mutate(CREATE_EVENT, input).await;
        id_of(&payload["event"])
    }

    /// Register a volunteer for an event; returns the participation id.
    pub async fn sign_up(&self, volunteer: &str, event: &str) -> String {
        let payload = self
            .mutate(
                REGISTER_FOR_EVENT,
                json!({ "volunteerId": volunteer, "eventId": event }),
            )
            .await;
        id_of(&payload["participation"])
    }

    /// Check a participation in `minutes_ago` minutes ago.
    pub async fn check_in(&self, participation: &str, minutes_ago: i64) -> Value {
        self.mutate(
            CHECK_IN,
            json!({ "participationId": participation, "at": at(Duration::minutes(-minutes_ago)) }),
        )
        .await
    }
}

/// An instant relative to now, as the API writes it.
pub fn at(offset: Duration) -> String {
    (Utc::now() + offset).to_rfc3339()
}

pub fn id_of(object: &Value) -> String {
    object["id"]
        .as_str()
        .unwrap_or_else(|| panic!("an id in {object}"))
        .to_owned()
}

fn merge(base: &mut Value, extra: Value) {
    if let (Some(base), Value::Object(extra)) = (base.as_object_mut(), extra) {
        base.extend(extra);
    }
}

pub const REGISTER_VOLUNTEER: &str = "mutation($input: RegisterVolunteerInput!) {
  registerVolunteer(input: $input) { clientMutationId volunteer { id fullName birthDate } } }";
pub const SET_GUARDIAN: &str = "mutation($input: SetGuardianInput!) {
  setGuardian(input: $input) { volunteer { id } } }";
pub const ADD_MEMBER: &str = "mutation($input: AddFamilyMemberInput!) {
  addFamilyMember(input: $input) { family { id } } }";
pub const REMOVE_MEMBER: &str = "mutation($input: RemoveFamilyMemberInput!) {
  removeFamilyMember(input: $input) { family { id } } }";
pub const CREATE_EVENT: &str = "mutation($input: CreateEventInput!) {
  createEvent(input: $input) { event { id status } } }";
pub const UPDATE_EVENT: &str = "mutation($input: UpdateEventInput!) {
  updateEvent(input: $input) { event { id status capacity } } }";
pub const CANCEL_EVENT: &str = "mutation($input: EventStatusInput!) {
  cancelEvent(input: $input) { event { id status } } }";
pub const COMPLETE_EVENT: &str = "mutation($input: EventStatusInput!) {
  completeEvent(input: $input) { event { id status } } }";
pub const REGISTER_FOR_EVENT: &str = "mutation($input: RegisterForEventInput!) {
  registerForEvent(input: $input) { clientMutationId participation { id status } } }";
pub const CANCEL_REGISTRATION: &str = "mutation($input: ParticipationInput!) {
  cancelRegistration(input: $input) { participation { id status } } }";
pub const CHECK_IN: &str = "mutation($input: AttendanceInput!) {
  checkIn(input: $input) { participation { id status checkedInAt } } }";
pub const CHECK_OUT: &str = "mutation($input: AttendanceInput!) {
  checkOut(input: $input) { participation { id status minutes checkedOutAt } } }";
pub const LOG_HOURS: &str = "mutation($input: LogHoursInput!) {
  logHours(input: $input) { clientMutationId participation { id status minutes verified } } }";
pub const MARK_NO_SHOW: &str = "mutation($input: ParticipationInput!) {
  markNoShow(input: $input) { participation { id status } } }";
pub const VERIFY: &str = "mutation($input: ParticipationInput!) {
  verifyParticipation(input: $input) { participation { id verified } } }";
pub const VERIFY_EVENT: &str = "mutation($input: VerifyEventParticipationsInput!) {
  verifyEventParticipations(input: $input) { verifiedCount participations { id verified } } }";
