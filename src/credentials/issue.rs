//! Issuing a certificate (`issueCredential`): who may ask, what it
//! certifies, and the record kept of it.
//!
//! - Who: the volunteer itself, the guardian of a minor in its family, a
//!   coordinator of the volunteer's home region, an admin (`FORBIDDEN`
//!   otherwise).
//! - What: verified hours only — attended participations a coordinator
//!   verified, at events not cancelled. Estimates (missed check-outs) are
//!   never verified until confirmed, so they are never certified. A period
//!   certifies its verified hours and says nothing of the rest; a period,
//!   event or milestone with no verified hours to certify is refused with
//!   `INVALID_STATE` saying how many hours wait for verification.
//! - Which front office issues: the host region's for an event, the home
//!   region's for a period or a milestone, the republican office where a
//!   region has none.
//! - The record: the credential with its status position and its signed
//!   text, and the participations it certifies with the minutes of each,
//!   which a later lowering correction is checked against
//!   (`revocation`). The volunteer row is locked first, as every write of
//!   hours does, so a correction and an issue never interleave.

use crate::credentials::Issuer;
use crate::credentials::document::{self, Facts, Scope, Subject};
use crate::credentials::jws;
use crate::credentials::keys;
use crate::credentials::status_list;
use crate::domain::access;
use crate::domain::error::{DomainError, DomainResult};
use crate::domain::guardianship::ADULT;
use crate::domain::time::age_on;
use crate::domain::volunteers;
use crate::domain::write::Write;
use crate::i18n::Lang;
use crate::msg;
use base64::Engine;
use chrono::{DateTime, NaiveDate, Utc};
use entity::{
    EventStatus, HoursSource, ParticipationStatus, TagKind, credential, credential_participation,
    event, front_office, participation, volunteer_tag,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, Set,
};
use std::collections::BTreeSet;

/// The milestones a certificate may mark, in hours.
pub const MILESTONES: [i32; 7] = [25, 50, 100, 250, 500, 1000, 2000];

/// What is asked for.
#[derive(Clone, Debug)]
pub enum Asked {
    Period { from: NaiveDate, to: NaiveDate },
    Event { event_id: i64 },
    Milestone { hours: i32 },
}

/// A request to issue, as `issueCredential` gives it.
#[derive(Clone, Debug)]
pub struct Request {
    pub volunteer_id: i64,
    pub asked: Asked,
    /// The certificate's language; the volunteer's own when not given.
    pub lang: Option<Lang>,
    /// The last day the certificate is valid, if it should expire.
    pub valid_until: Option<NaiveDate>,
}

/// A participation counted, with its event.
struct Counted {
    id: i64,
    minutes: i32,
    on: NaiveDate,
    event_id: i64,
    verified: bool,
}

/// Issue the certificate `request` asks for; its row id.
pub async fn issue(w: &mut Write, issuer: &Issuer, request: Request) -> DomainResult<i64> {
    let today = w.today();
    let valid_until = expiry(request.valid_until, today)?;
    if let Asked::Period { from, to } = request.asked {
        if to < from {
            return Err(DomainError::validation(
                "input.to",
                msg!("period-ends-before-start"),
            ));
        }
        if to > today {
            return Err(DomainError::validation(
                "input.to",
                msg!("credential-period-future"),
            ));
        }
    }
    if let Asked::Milestone { hours } = request.asked
        && !MILESTONES.contains(&hours)
    {
        return Err(DomainError::validation(
            "input.milestoneHours",
            msg!(
                "credential-milestone-unknown",
                milestones = milestone_list()
            ),
        ));
    }
    let v = volunteers::active(&w.tx, request.volunteer_id).await?;
    access::ensure_person(w, &v, msg!("to-issue-credentials")).await?;
    let (scope, counted, region) = match request.asked {
        Asked::Period { from, to } => {
            let all = attended(w, v.id, |q| {
                q.filter(participation::Column::OnDate.between(from, to))
            })
            .await?;
            let counted = verified_only(all)?;
            (Scope::Period { from, to }, counted, v.region_code.clone())
        }
        Asked::Event { event_id } => {
            let e = event::Entity::find_by_id(event_id)
                .one(&w.tx)
                .await?
                .ok_or_else(|| DomainError::not_found("event"))?;
            let all = attended(w, v.id, |q| {
                q.filter(participation::Column::EventId.eq(event_id))
            })
            .await?;
            if all.is_empty() {
                return Err(DomainError::invalid_state(msg!("credential-not-attended")));
            }
            let counted = verified_only(all)?;
            (Scope::Event { title: e.title }, counted, e.region_code)
        }
        Asked::Milestone { hours } => {
            let all = attended(w, v.id, |q| {
                q.filter(participation::Column::OnDate.lte(today))
            })
            .await?;
            let verified_total: i64 = all
                .iter()
                .filter(|c| c.verified)
                .map(|c| i64::from(c.minutes))
                .sum();
            let needed = i64::from(hours) * 60;
            if verified_total < needed {
                return Err(DomainError::invalid_state(msg!(
                    "credential-milestone-not-reached",
                    hours = document::hours_text(verified_total),
                    milestone = hours
                )));
            }
            // The participations that reached it, oldest first.
            let mut sum = 0i64;
            let counted = all
                .into_iter()
                .filter(|c| c.verified)
                .take_while(|c| {
                    let before = sum;
                    sum += i64::from(c.minutes);
                    before < needed
                })
                .collect();
            (Scope::Milestone { hours }, counted, v.region_code.clone())
        }
    };
    let minutes: i64 = counted.iter().map(|c| i64::from(c.minutes)).sum();
    let (first_day, last_day) = match (counted.first(), counted.last()) {
        (Some(first), Some(last)) => (first.on, last.on),
        _ => {
            return Err(DomainError::internal(
                "issuing a credential",
                "nothing counted",
            ));
        }
    };
    let Some(signer) = keys::signer(&w.tx, &w.rules.secret)
        .await
        .map_err(|e| DomainError::internal("reading the issuer key", e))?
    else {
        return Err(DomainError::invalid_state(msg!("credential-no-key")));
    };
    let lang = match request.lang {
        Some(lang) => lang,
        None => volunteer_lang(w, v.id).await?,
    };
    let full_name = v.full_name.clone().unwrap_or_default();
    let subject = if age_on(v.birth_date, today) < ADULT {
        Subject::Minor {
            full_name,
            salt: random_text(16)?,
        }
    } else {
        Subject::Adult { full_name }
    };
    let issuer_name = issuing_office(w, &region).await?;
    let uid = crate::credentials::new_uuid()?;
    let status = status_list::allocate(&w.tx).await?;
    let (milestone_hours, event_id, period) = match &request.asked {
        Asked::Milestone { hours } => (Some(*hours), None, (None, None)),
        Asked::Event { event_id } => (None, Some(*event_id), (None, None)),
        Asked::Period { from, to } => (None, None, (Some(*from), Some(*to))),
    };
    let events: BTreeSet<i64> = counted.iter().map(|c| c.event_id).collect();
    let facts = Facts {
        uid: &uid,
        issuer,
        issuer_name: &issuer_name,
        lang,
        scope: &scope,
        subject: &subject,
        minutes,
        participations: counted.len(),
        events: events.len(),
        first_day,
        last_day,
        issued_at: w.now,
        valid_until,
        status,
    };
    let document = document::credential(&facts);
    let claims = status_list::claims(
        document,
        issuer,
        &format!("urn:uuid:{uid}"),
        w.now,
        valid_until,
    );
    let jwt = jws::sign(&status_list::header(issuer, &signer), &claims, &signer.key);
    let row = credential::ActiveModel {
        uid: Set(uid),
        volunteer_id: Set(v.id),
        kind: Set(scope.kind().to_owned()),
        period_from: Set(period.0),
        period_to: Set(period.1),
        event_id: Set(event_id),
        milestone_hours: Set(milestone_hours),
        minutes: Set(minutes),
        issuer_name: Set(issuer_name),
        lang: Set(lang.tag().to_owned()),
        issued_at: Set(w.now),
        valid_until: Set(valid_until),
        issued_by: Set(w.caller().audit_name()),
        kid: Set(signer.thumbprint.clone()),
        status_list: Set(status.0),
        status_index: Set(status.1),
        revoked_at: Set(None),
        revocation_reason: Set(None),
        jwt: Set(Some(jwt)),
        ..Default::default()
    }
    .insert(&w.tx)
    .await?;
    // In chunks: a statement holds at most a few thousand values.
    for chunk in counted.chunks(1000) {
        credential_participation::Entity::insert_many(chunk.iter().map(|c| {
            credential_participation::ActiveModel {
                credential_id: Set(row.id),
                participation_id: Set(c.id),
                minutes: Set(c.minutes),
            }
        }))
        .exec(&w.tx)
        .await?;
    }
    let detail = serde_json::json!({
        "kind": row.kind, "minutes": minutes, "participations": counted.len(),
        "statusList": status.0, "statusIndex": status.1, "kid": signer.thumbprint,
    });
    w.audit("Credential", row.id, Some(detail)).await?;
    Ok(row.id)
}

/// The last instant of `day` in Kazakhstan, checked to be after today.
fn expiry(day: Option<NaiveDate>, today: NaiveDate) -> DomainResult<Option<DateTime<Utc>>> {
    let Some(day) = day else { return Ok(None) };
    if day <= today {
        return Err(DomainError::validation(
            "input.validUntil",
            msg!("credential-valid-until-past"),
        ));
    }
    let end = day
        .and_hms_opt(23, 59, 59)
        .map(|t| t.and_utc() - chrono::Duration::hours(5));
    Ok(end)
}

fn milestone_list() -> String {
    MILESTONES
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The volunteer's attended participations at events not cancelled that
/// `narrow` keeps, by date.
async fn attended(
    w: &Write,
    volunteer_id: i64,
    narrow: impl FnOnce(
        sea_orm::Select<participation::Entity>,
    ) -> sea_orm::Select<participation::Entity>,
) -> DomainResult<Vec<Counted>> {
    let query = participation::Entity::find()
        .filter(participation::Column::VolunteerId.eq(volunteer_id))
        .filter(participation::Column::Status.eq(ParticipationStatus::Attended))
        .filter(
            participation::Column::EventId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(event::Column::Id)
                    .from(event::Entity)
                    .and_where(event::Column::Status.ne(EventStatus::Cancelled))
                    .to_owned(),
            ),
        )
        .order_by_asc(participation::Column::OnDate)
        .order_by_asc(participation::Column::Id);
    let rows = narrow(query).all(&w.tx).await?;
    Ok(rows
        .into_iter()
        .filter_map(|p| {
            Some(Counted {
                id: p.id,
                minutes: p.minutes?,
                on: p.on_date,
                event_id: p.event_id,
                verified: p.verified_at.is_some()
                    && p.minutes_source != Some(HoursSource::AutoClose),
            })
        })
        .collect())
}

/// The verified ones of `all`; refused when there are none.
fn verified_only(all: Vec<Counted>) -> DomainResult<Vec<Counted>> {
    let waiting: i64 = all
        .iter()
        .filter(|c| !c.verified)
        .map(|c| i64::from(c.minutes))
        .sum();
    let verified: Vec<Counted> = all.into_iter().filter(|c| c.verified).collect();
    if verified.is_empty() {
        return Err(DomainError::invalid_state(if waiting > 0 {
            msg!(
                "credential-hours-unverified",
                hours = document::hours_text(waiting)
            )
        } else {
            msg!("credential-no-hours")
        }));
    }
    Ok(verified)
}

/// The language the volunteer gave first among Kazakh, Russian and
/// English; Kazakh otherwise.
async fn volunteer_lang(w: &Write, volunteer_id: i64) -> DomainResult<Lang> {
    let tags = volunteer_tag::Entity::find()
        .filter(volunteer_tag::Column::VolunteerId.eq(volunteer_id))
        .filter(volunteer_tag::Column::Kind.eq(TagKind::Language))
        .all(&w.tx)
        .await?;
    Ok(Lang::ALL
        .into_iter()
        .find(|l| tags.iter().any(|t| t.tag == l.tag()))
        .unwrap_or(Lang::Kk))
}

/// The name of the front office of `region`, or the republican one.
async fn issuing_office(w: &Write, region: &str) -> DomainResult<String> {
    let offices = front_office::Entity::find()
        .filter(
            Condition::any()
                .add(front_office::Column::RegionCode.eq(region))
                .add(front_office::Column::RegionCode.is_null()),
        )
        .all(&w.tx)
        .await?;
    let own = offices
        .iter()
        .find(|o| o.region_code.as_deref() == Some(region));
    Ok(own
        .or_else(|| offices.first())
        .map(|o| o.name.clone())
        .unwrap_or_else(|| msg!("credential-network").render(Lang::Kk)))
}

/// `n` random bytes as base64url text (a salt).
fn random_text(n: usize) -> DomainResult<String> {
    let mut bytes = vec![0u8; n];
    getrandom::fill(&mut bytes).map_err(|e| DomainError::internal("drawing random bytes", e))?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}
