//! The digital volunteer passport in the schema: `issueCredential`
//! (a certificate of verified hours, signed), `myPassport` and
//! `volunteerPassport` (the credentials issued, and all of them bundled
//! into one signed presentation), and `verifyCredential` (anyone: what a
//! credential is). The rules are in `crate::credentials`.

use super::mutations::{key, optional_key, run};
use crate::credentials::issue::{self, Asked, Request};
use crate::credentials::verify::{self, Described, VerificationStatus};
use crate::credentials::{Issuer, jws, keys, status_list};
use crate::domain::error::DomainError;
use crate::domain::hours::hours;
use crate::graphql::access::may_see_person;
use crate::graphql::context::ContextExt;
use crate::graphql::ids::{self, NodeType};
use crate::graphql::labels::Language;
use crate::msg;
use async_graphql::{Context, Enum, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use entity::{credential, volunteer};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

/// Ask for a certificate of verified hours: give a period (`from` and
/// `to`), an event (`eventId`) or a milestone (`milestoneHours`).
#[derive(InputObject)]
pub struct IssueCredentialInput {
    /// Idempotency key, 1 to 255 characters: a retry with the same key and input replays the first result (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// The volunteer certified: the caller itself, a minor in its care, or
    /// one of a coordinator's region.
    pub volunteer_id: ID,
    /// First day of the period (with `to`).
    pub from: Option<NaiveDate>,
    /// Last day of the period, today at the latest (with `from`).
    pub to: Option<NaiveDate>,
    /// The event whose hours are certified.
    pub event_id: Option<ID>,
    /// A milestone of verified hours reached: 25, 50, 100, 250, 500, 1000
    /// or 2000.
    pub milestone_hours: Option<i32>,
    /// The certificate's language; the volunteer's first of Kazakh,
    /// Russian and English when not given (Kazakh when none). Personal (a
    /// volunteer's language): masked in the audit log.
    #[graphql(secret)]
    pub language: Option<Language>,
    /// The last day the certificate is valid (Kazakhstan's calendar);
    /// valid without end when not given.
    pub valid_until: Option<NaiveDate>,
}

/// What a certificate is of.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum CredentialKind {
    /// The verified hours of a period.
    Period,
    /// The verified hours at one event.
    Event,
    /// A milestone of verified hours reached.
    Milestone,
}

/// Why a credential was revoked.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum RevocationReason {
    /// A correction lowered the hours it certified.
    HoursCorrected,
    /// An event whose hours it certified was cancelled.
    EventCancelled,
    /// The volunteer's personal data was erased.
    VolunteerErased,
}

/// A certificate issued.
#[derive(SimpleObject)]
pub struct Credential {
    /// The credential's UUID (its document's id is `urn:uuid:` and this).
    pub id: String,
    /// What it is of: a period, an event or a milestone.
    pub kind: CredentialKind,
    /// The first day of the period certified (`PERIOD`).
    pub from: Option<NaiveDate>,
    /// The last day of the period certified (`PERIOD`).
    pub to: Option<NaiveDate>,
    /// The event certified (`EVENT`).
    pub event_id: Option<ID>,
    /// The milestone reached (`MILESTONE`).
    pub milestone_hours: Option<i32>,
    /// The verified minutes certified.
    pub minutes: i64,
    /// The same in hours, to two decimals.
    pub hours: f64,
    /// The front office named as issuer.
    pub issuer_name: String,
    /// The language it is written in: `kk`, `ru` or `en`.
    pub language: String,
    /// When it was issued (its `validFrom`).
    pub issued_at: DateTime<Utc>,
    /// When its validity ends; `null` when it does not expire.
    pub valid_until: Option<DateTime<Utc>>,
    /// When it was revoked; `null` while it stands.
    pub revoked_at: Option<DateTime<Utc>>,
    /// Why it was revoked; `null` while it stands.
    pub revocation_reason: Option<RevocationReason>,
    /// The signed credential (a JWT, Open Badges 3.0); `null` once the
    /// volunteer is erased.
    pub jwt: Option<String>,
    /// The page anyone may open to verify it (the certificate's QR code).
    pub verification_url: String,
    /// The certificate printed: an A4 PDF in its language with the QR code
    /// of `verificationUrl` (for whoever has the link, like the link).
    pub pdf_url: String,
}

impl Credential {
    fn of(row: credential::Model, issuer: &Issuer) -> Credential {
        Credential {
            verification_url: issuer.verify_url(&row.uid),
            pdf_url: format!("{}.pdf", issuer.credential_url(&row.uid)),
            id: row.uid,
            kind: match row.kind.as_str() {
                "EVENT" => CredentialKind::Event,
                "MILESTONE" => CredentialKind::Milestone,
                _ => CredentialKind::Period,
            },
            from: row.period_from,
            to: row.period_to,
            event_id: row.event_id.map(|id| ids::encode(NodeType::Event, id)),
            milestone_hours: row.milestone_hours,
            minutes: row.minutes,
            hours: hours(row.minutes),
            issuer_name: row.issuer_name,
            language: row.lang,
            issued_at: row.issued_at,
            valid_until: row.valid_until,
            revoked_at: row.revoked_at,
            revocation_reason: row.revocation_reason.as_deref().map(|r| match r {
                "VOLUNTEER_ERASED" => RevocationReason::VolunteerErased,
                "EVENT_CANCELLED" => RevocationReason::EventCancelled,
                _ => RevocationReason::HoursCorrected,
            }),
            jwt: row.jwt,
        }
    }
}

/// The certificate issued.
#[derive(SimpleObject)]
pub struct IssueCredentialPayload {
    /// The `clientMutationId` of the input, as sent.
    pub client_mutation_id: Option<String>,
    /// The credential, with its signed text in `jwt`.
    pub credential: Credential,
}

/// A volunteer's passport: its credentials, and those that stand bundled
/// into one signed document.
#[derive(SimpleObject)]
pub struct Passport {
    /// The volunteer's name as its certificates show it: the full name, or
    /// for a minor the given name and the initial of the family name.
    pub holder: String,
    /// Every credential issued to the volunteer, newest first (revoked
    /// ones included, with the reason).
    pub credentials: Vec<Credential>,
    /// The credentials that stand (not revoked, not expired) as one W3C
    /// Verifiable Presentation signed by the register (a JWT whose
    /// `verifiableCredential` lists them as `EnvelopedVerifiableCredential`
    /// entries); `null` when none stands.
    pub presentation: Option<String>,
}

/// What a credential said, when its signature holds.
#[derive(SimpleObject)]
pub struct VerifiedCredential {
    /// Its id (`urn:uuid:…`).
    pub id: Option<String>,
    /// Its title.
    pub title: Option<String>,
    /// Whom it names: the full name, or for a minor the given name and
    /// the initial of the family name.
    pub subject: Option<String>,
    /// The verified hours it certifies, as written in it.
    pub hours: Option<String>,
    /// The front office that issued it.
    pub issuer_name: Option<String>,
    /// When it was issued, as written in it.
    pub valid_from: Option<String>,
    /// When its validity ends, as written in it; `null` when it does not.
    pub valid_until: Option<String>,
    /// The first day of the hours certified.
    pub activity_from: Option<String>,
    /// The last day of the hours certified.
    pub activity_to: Option<String>,
}

/// The verdict on a credential.
#[derive(SimpleObject)]
pub struct CredentialVerification {
    /// The verdict.
    pub status: VerificationStatus,
    /// Why, for people, in the request's language.
    pub reason: String,
    /// What it says, when the register signed it (`VALID`, `REVOKED`,
    /// `EXPIRED`); `null` otherwise, so a forgery's words are never shown
    /// as the register's.
    pub credential: Option<VerifiedCredential>,
}

fn described(d: Described) -> VerifiedCredential {
    VerifiedCredential {
        id: d.id,
        title: d.title,
        subject: d.subject,
        hours: d.hours,
        issuer_name: d.issuer_name,
        valid_from: d.valid_from,
        valid_until: d.valid_until,
        activity_from: d.activity_from,
        activity_to: d.activity_to,
    }
}

#[derive(Default)]
pub struct CredentialMutation;

#[Object]
impl CredentialMutation {
    /// Issue a certificate of a volunteer's verified hours: an Open Badges
    /// 3.0 credential signed with the register's key, with a Bitstring
    /// Status List entry. Only verified hours are certified
    /// (`INVALID_STATE` when there are none to certify).
    async fn issue_credential(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to certify.")] input: IssueCredentialInput,
    ) -> Result<IssueCredentialPayload> {
        let volunteer_id = key(
            &input.volunteer_id,
            NodeType::Volunteer,
            "input.volunteerId",
        )?;
        let event_id = optional_key(input.event_id.as_ref(), NodeType::Event, "input.eventId")?;
        let asked = match (input.from, input.to, event_id, input.milestone_hours) {
            (Some(from), Some(to), None, None) => Asked::Period { from, to },
            (None, None, Some(event_id), None) => Asked::Event { event_id },
            (None, None, None, Some(hours)) => Asked::Milestone { hours },
            _ => {
                return Err(DomainError::validation("input", msg!("credential-scope")).into());
            }
        };
        let request = Request {
            volunteer_id,
            asked,
            lang: input.language.map(Into::into),
            valid_until: input.valid_until,
        };
        let issuer = ctx.data_unchecked::<Issuer>().clone();
        let cmid = input.client_mutation_id.clone();
        let id = run(ctx, "issueCredential", &input, cmid.as_deref(), move |w| {
            Box::pin(async move { issue::issue(w, &issuer, request).await })
        })
        .await?;
        let row = credential::Entity::find_by_id(id)
            .one(ctx.db())
            .await
            .map_err(DomainError::from)?;
        let row = super::mutations::written(row, "credential")?;
        Ok(IssueCredentialPayload {
            client_mutation_id: cmid,
            credential: Credential::of(row, ctx.data_unchecked::<Issuer>()),
        })
    }
}

#[derive(Default)]
pub struct CredentialQuery;

#[Object]
impl CredentialQuery {
    /// Verify a credential as anyone can: valid, revoked, expired, or why
    /// the register cannot vouch for it. Public.
    async fn verify_credential(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The credential as issued: its JWT.")] credential: String,
    ) -> Result<CredentialVerification> {
        let issuer = ctx.data_unchecked::<Issuer>();
        let verdict = verify::verify(ctx.db(), issuer, &credential, ctx.clock().now())
            .await
            .map_err(DomainError::from)?;
        let lang = ctx
            .data_opt::<crate::i18n::Lang>()
            .copied()
            .unwrap_or(crate::i18n::Lang::En);
        let reason = match verdict.status {
            VerificationStatus::Valid => msg!("verify-valid"),
            VerificationStatus::Revoked => msg!("verify-revoked"),
            VerificationStatus::Expired => msg!("verify-expired"),
            VerificationStatus::Forged => msg!("verify-forged"),
            VerificationStatus::OtherIssuer => msg!("verify-other-issuer"),
            VerificationStatus::UnknownKey => msg!("verify-unknown-key"),
            VerificationStatus::Malformed => msg!("verify-malformed"),
            VerificationStatus::TooLarge => msg!("verify-too-large", bytes = jws::MAX_BYTES),
        }
        .render(lang);
        Ok(CredentialVerification {
            status: verdict.status,
            reason,
            credential: verdict.credential.map(described),
        })
    }

    /// The signed-in volunteer's passport (`FORBIDDEN` for accounts that
    /// are not a volunteer).
    async fn my_passport(&self, ctx: &Context<'_>) -> Result<Passport> {
        let Some(own) = ctx.caller().volunteer_id() else {
            return Err(DomainError::forbidden(msg!("passport-volunteers-only")).into());
        };
        passport(ctx, own).await
    }

    /// A volunteer's passport, for those who may see its personal data
    /// (admins, its coordinators, the guardian of a minor).
    async fn volunteer_passport(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The volunteer.")] volunteer_id: ID,
    ) -> Result<Passport> {
        let id = key(&volunteer_id, NodeType::Volunteer, "volunteerId")?;
        passport(ctx, id).await
    }
}

async fn passport(ctx: &Context<'_>, volunteer_id: i64) -> Result<Passport> {
    let v = volunteer::Entity::find_by_id(volunteer_id)
        .one(ctx.db())
        .await
        .map_err(DomainError::from)?
        .ok_or_else(|| DomainError::not_found("volunteer"))?;
    if !may_see_person(ctx, &v).await? {
        return Err(DomainError::forbidden(msg!("passport-not-yours")).into());
    }
    let issuer = ctx.data_unchecked::<Issuer>();
    let rows = credential::Entity::find()
        .filter(credential::Column::VolunteerId.eq(volunteer_id))
        .order_by_desc(credential::Column::Id)
        .all(ctx.db())
        .await
        .map_err(DomainError::from)?;
    let now = ctx.clock().now();
    let standing: Vec<&String> = rows
        .iter()
        .filter(|r| r.revoked_at.is_none() && r.valid_until.is_none_or(|u| u > now))
        .filter_map(|r| r.jwt.as_ref())
        .collect();
    let presentation = if standing.is_empty() {
        None
    } else {
        let signer = keys::signer(ctx.db(), &ctx.writer().rules().secret)
            .await
            .map_err(|e| DomainError::internal("reading the issuer key", e))?
            .ok_or_else(|| DomainError::invalid_state(msg!("credential-no-key")))?;
        let id = format!("urn:uuid:{}", crate::credentials::new_uuid()?);
        let document = json!({
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "id": id,
            "type": ["VerifiablePresentation"],
            "verifiableCredential": standing.iter().map(|jwt| json!({
                "@context": ["https://www.w3.org/ns/credentials/v2"],
                "id": format!("data:application/vc+jwt,{jwt}"),
                "type": "EnvelopedVerifiableCredential",
            })).collect::<Vec<_>>(),
        });
        let claims = status_list::claims(document, issuer, &id, now, None);
        Some(jws::sign(
            &status_list::header(issuer, &signer),
            &claims,
            &signer.key,
        ))
    };
    let full_name = v.full_name.clone().unwrap_or_default();
    let holder = if crate::domain::time::age_on(v.birth_date, ctx.clock().today())
        < crate::domain::guardianship::ADULT
    {
        crate::credentials::document::short_name(&full_name)
    } else {
        full_name
    };
    Ok(Passport {
        holder,
        credentials: rows
            .into_iter()
            .map(|r| Credential::of(r, issuer))
            .collect(),
        presentation,
    })
}
