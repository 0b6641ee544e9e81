//! The Open Badges 3.0 document of a certificate: an `OpenBadgeCredential`
//! (W3C Verifiable Credentials data model 2.0) whose achievement is
//! "verified volunteer hours" of a period, an event or a milestone, whose
//! result is the hours, whose issuer profile is the issuing front office
//! and whose evidence summarises the participations counted. Its words are
//! in the volunteer's language (the catalogues' `credential-…` messages).
//!
//! The subject is named by an `IdentityObject`: an adult by the full name;
//! someone under 18 by a salted SHA-256 hash of the full name (the holder
//! proves it by telling the name; the salt is in the credential, as Open
//! Badges provides) and, for people to read, the given name and the
//! initial of the family name only.

use crate::credentials::Issuer;
use crate::domain::hours::hours;
use crate::i18n::{Lang, Message};
use crate::msg;
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// What a certificate is of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The verified hours of the days `from`–`to`.
    Period { from: NaiveDate, to: NaiveDate },
    /// The verified hours at one event.
    Event { title: String },
    /// A milestone of verified hours reached.
    Milestone { hours: i32 },
}

impl Scope {
    /// `PERIOD`, `EVENT` or `MILESTONE`.
    pub fn kind(&self) -> &'static str {
        match self {
            Scope::Period { .. } => "PERIOD",
            Scope::Event { .. } => "EVENT",
            Scope::Milestone { .. } => "MILESTONE",
        }
    }
}

/// How the subject is named.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    /// An adult: the full name.
    Adult { full_name: String },
    /// Someone under 18: the short name shown, the full name hashed.
    Minor { full_name: String, salt: String },
}

/// Everything a certificate says.
pub struct Facts<'a> {
    pub uid: &'a str,
    pub issuer: &'a Issuer,
    pub issuer_name: &'a str,
    pub lang: Lang,
    pub scope: &'a Scope,
    pub subject: &'a Subject,
    pub minutes: i64,
    pub participations: usize,
    pub events: usize,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub issued_at: DateTime<Utc>,
    pub valid_until: Option<DateTime<Utc>>,
    pub status: (i32, i32),
}

/// The official JSON Schema of the document (`credentialSchema`).
pub const SCHEMA: &str =
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";

/// The given name and the initial of the family name: "Алия С." for
/// "Алия Серікова" (the register writes the given name first).
pub fn short_name(full_name: &str) -> String {
    let mut words = full_name.split_whitespace();
    let given = words.next().unwrap_or_default();
    match words.next().and_then(|family| family.chars().next()) {
        Some(initial) => format!("{given} {initial}."),
        None => given.to_owned(),
    }
}

/// `sha256$…` of `name` salted with `salt`, as Open Badges writes an
/// `IdentityHash`.
pub fn identity_hash(name: &str, salt: &str) -> String {
    format!(
        "sha256${}",
        hex::encode(Sha256::digest(format!("{name}{salt}").as_bytes()))
    )
}

/// The name people read on the certificate.
pub fn display_name(subject: &Subject) -> String {
    match subject {
        Subject::Adult { full_name } => full_name.clone(),
        Subject::Minor { full_name, .. } => short_name(full_name),
    }
}

fn identifiers(subject: &Subject) -> Value {
    match subject {
        Subject::Adult { full_name } => json!([{
            "type": "IdentityObject",
            "identityType": "name",
            "hashed": false,
            "identityHash": full_name,
        }]),
        Subject::Minor { full_name, salt } => json!([
            {
                "type": "IdentityObject",
                "identityType": "name",
                "hashed": true,
                "identityHash": identity_hash(full_name, salt),
                "salt": salt,
            },
            {
                "type": "IdentityObject",
                "identityType": "ext:displayName",
                "hashed": false,
                "identityHash": short_name(full_name),
            }
        ]),
    }
}

fn instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A Kazakhstan day's start or end as an instant (UTC+5).
fn kz_day(day: NaiveDate, end: bool) -> String {
    let time = if end { "23:59:59" } else { "00:00:00" };
    format!("{day}T{time}+05:00")
}

/// The certificate's title.
pub fn title(scope: &Scope) -> Message {
    match scope {
        Scope::Period { from, to } => msg!(
            "credential-title-period",
            from = from.to_string(),
            to = to.to_string()
        ),
        Scope::Event { title } => msg!("credential-title-event", event = title.as_str()),
        Scope::Milestone { hours } => msg!("credential-title-milestone", hours = *hours),
    }
}

/// The hours of `minutes` as the certificate writes them ("52.25").
pub fn hours_text(minutes: i64) -> String {
    format!("{:.2}", hours(minutes))
}

/// The credential, unsigned.
pub fn credential(f: &Facts) -> Value {
    let lang = f.lang;
    let kind = f.scope.kind().to_ascii_lowercase();
    let achievement_id = f.issuer.achievement_id(&kind);
    let hours = hours_text(f.minutes);
    let name = title(f.scope).render(lang);
    let achievement_name = match f.scope {
        Scope::Milestone { hours } => msg!("credential-achievement-milestone", hours = *hours),
        Scope::Period { .. } => msg!("credential-achievement-period"),
        Scope::Event { .. } => msg!("credential-achievement-event"),
    }
    .render(lang);
    let status_url = f.issuer.status_list_url(f.status.0);
    let mut document = json!({
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
        ],
        "id": format!("urn:uuid:{}", f.uid),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": name,
        "description": msg!(
            "credential-description",
            name = display_name(f.subject),
            hours = hours.as_str()
        ).render(lang),
        "issuer": {
            "id": f.issuer.did,
            "type": ["Profile"],
            "name": f.issuer_name,
            "url": f.issuer.base,
        },
        "validFrom": instant(f.issued_at),
        // The official JSON Schema of Open Badges 3.0 still requires the
        // data model 1.1 name of the same instant.
        "issuanceDate": instant(f.issued_at),
        "awardedDate": instant(f.issued_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": identifiers(f.subject),
            "activityStartDate": kz_day(f.first_day, false),
            "activityEndDate": kz_day(f.last_day, true),
            "achievement": {
                "id": achievement_id,
                "type": ["Achievement"],
                "achievementType": "CommunityService",
                "name": achievement_name,
                "description": msg!("credential-achievement-description").render(lang),
                "criteria": { "narrative": msg!("credential-criteria").render(lang) },
                "inLanguage": lang.tag(),
                "resultDescription": [{
                    "id": format!("{achievement_id}#hours"),
                    "type": ["ResultDescription"],
                    "name": msg!("credential-result").render(lang),
                    "resultType": "ext:Hours",
                }],
            },
            "result": [{
                "type": ["Result"],
                "resultDescription": format!("{achievement_id}#hours"),
                "value": hours,
            }],
        },
        "evidence": [{
            "type": ["Evidence"],
            "name": msg!("credential-evidence-name").render(lang),
            "narrative": msg!(
                "credential-evidence",
                participations = f.participations,
                events = f.events,
                from = f.first_day.to_string(),
                to = f.last_day.to_string(),
                minutes = f.minutes
            ).render(lang),
        }],
        "credentialStatus": {
            "id": format!("{status_url}#{}", f.status.1),
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": f.status.1.to_string(),
            "statusListCredential": status_url,
        },
        "credentialSchema": [{
            "id": SCHEMA,
            "type": "1EdTechJsonSchemaValidator2019",
        }],
    });
    if let (Some(until), Some(map)) = (f.valid_until, document.as_object_mut()) {
        map.insert("validUntil".into(), instant(until).into());
    }
    document
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minors_are_shown_by_given_name_and_initial_and_hashed() {
        assert_eq!(short_name("Алия Серікова"), "Алия С.");
        assert_eq!(short_name("  Ұлан  "), "Ұлан");
        assert_eq!(short_name("Әлихан Өмірзақов Серікұлы"), "Әлихан Ө.");
        // The example of the Open Badges specification.
        assert_eq!(
            identity_hash("a@example.com", "Kosher"),
            "sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399"
        );
    }
}
