//! A file of volunteers: one person per row, registered as
//! `registerVolunteer` would. The same IIN as someone registered is that
//! person (nothing to do); without an IIN, the same birth date and a name
//! the same or close across scripts in the same region is a probable
//! duplicate, reported with the existing volunteer and not imported.

use crate::domain::error::{DomainError, DomainResult};
use crate::domain::iin::Iin;
use crate::domain::volunteers::{self, Checked, LegalGuardian, NewVolunteer};
use crate::domain::write::Write;
use crate::import::headings::Field;
use crate::import::source::Row;
use crate::import::{Context, Outcome, people, values};
use crate::msg;
use chrono::NaiveDate;
use std::collections::HashMap;

pub const FIELDS: &[Field] = &[
    Field {
        name: "fullName",
        required: true,
        headings: &[
            "Аты-жөні",
            "Толық аты-жөні",
            "Тегі, аты, әкесінің аты",
            "ФИО",
            "Ф.И.О.",
            "Фамилия, имя, отчество",
            "Full name",
            "Name",
        ],
    },
    Field {
        name: "latinName",
        required: false,
        headings: &[
            "Латын әрпімен",
            "Аты-жөні латынша",
            "ФИО латиницей",
            "Латиницей",
            "Latin name",
            "Name in Latin",
        ],
    },
    Field {
        name: "birthDate",
        required: true,
        headings: &[
            "Туған күні",
            "Туған күні мен жылы",
            "Дата рождения",
            "Birth date",
            "Date of birth",
        ],
    },
    Field {
        name: "regionCode",
        required: false,
        headings: &["Өңір", "Аймақ", "Облыс", "Регион", "Область", "Region"],
    },
    Field {
        name: "registeredOn",
        required: false,
        headings: &[
            "Тіркелген күні",
            "Дата регистрации",
            "Registered on",
            "Registration date",
        ],
    },
    Field {
        name: "phone",
        required: false,
        headings: &[
            "Телефон",
            "Телефон нөмірі",
            "Ұялы телефон",
            "Номер телефона",
            "Phone",
            "Mobile",
        ],
    },
    Field {
        name: "email",
        required: false,
        headings: &["Электрондық пошта", "Эл. почта", "E-mail", "Email"],
    },
    Field {
        name: "iin",
        required: false,
        headings: &["ЖСН", "ИИН", "IIN"],
    },
    Field {
        name: "skills",
        required: false,
        headings: &["Дағдылар", "Навыки", "Skills"],
    },
    Field {
        name: "languages",
        required: false,
        headings: &["Тілдер", "Языки", "Languages"],
    },
    Field {
        name: "guardianName",
        required: false,
        headings: &[
            "Заңды өкілі",
            "Законный представитель",
            "Legal guardian",
            "Guardian",
        ],
    },
    Field {
        name: "guardianConsentOn",
        required: false,
        headings: &[
            "Заңды өкілінің келісімі",
            "Дата согласия законного представителя",
            "Дата согласия",
            "Guardian consent on",
            "Consent date",
        ],
    },
];

/// One row of volunteers, as `rows` decides it.
pub async fn row(w: &mut Write, cx: &Context, row: &Row) -> DomainResult<Outcome> {
    rows(w, cx, &[row]).await?.pop().unwrap_or_else(|| {
        Err(DomainError::internal(
            "importing a volunteer",
            "a row without an outcome",
        ))
    })
}

/// Rows of volunteers at a time, decided in order as one at a time would
/// be, in a few statements for all of them: the IINs and the people born on
/// the rows' dates read once, the new volunteers inserted at once. A row
/// that repeats the IIN or the person of an earlier row of the file is
/// decided against it. Outcomes are in the order of `rows`.
pub async fn rows(
    w: &mut Write,
    cx: &Context,
    rows: &[&Row],
) -> DomainResult<Vec<DomainResult<Outcome>>> {
    let read: Vec<DomainResult<Read>> = rows.iter().map(|row| read(w, cx, row)).collect();
    let valid = || read.iter().filter_map(|r| r.as_ref().ok());
    let hashes: Vec<String> = valid().filter_map(|r| r.iin_hash.clone()).collect();
    let holders: HashMap<String, i64> = volunteers::iin_holders(&w.tx, &hashes)
        .await?
        .into_iter()
        .map(|(id, hash)| (hash, id))
        .collect();
    let mut dates: Vec<NaiveDate> = valid().map(|r| r.birth_date).collect();
    dates.sort_unstable();
    dates.dedup();
    let mut regions: Vec<String> = valid().map(|r| r.region_code.clone()).collect();
    regions.sort_unstable();
    regions.dedup();
    let registered = people::born_on_any(w, &dates, &regions).await?;

    // Each row decided: an outcome, or the new volunteer it is (or
    // probably is) by its place among those to insert.
    enum Decided {
        Done(DomainResult<Outcome>),
        New(usize),
        SameAsNew(usize),
    }
    let mut checked: Vec<Checked> = Vec::new();
    let mut new_iins: HashMap<String, u32> = HashMap::new();
    // The rows to insert by birth date and region: their place and names.
    let mut newcomers: HashMap<(NaiveDate, String), Vec<Newcomer>> = HashMap::new();
    let mut decided = Vec::with_capacity(rows.len());
    for (row, read) in rows.iter().zip(read) {
        let read = match read {
            Ok(read) => read,
            Err(err) => {
                decided.push(Decided::Done(Err(err)));
                continue;
            }
        };
        if let Some(hash) = &read.iin_hash {
            let earlier = match holders.get(hash) {
                Some(&id) => match cx.created_by("volunteer", id) {
                    Some(first) => Some(first),
                    None => {
                        decided.push(Decided::Done(Ok(Outcome::Existing)));
                        continue;
                    }
                },
                None => new_iins.get(hash).copied(),
            };
            if let Some(first) = earlier {
                decided.push(Decided::Done(Err(DomainError::conflict_on(
                    "input.iin",
                    msg!("import-same-iin", row = first),
                ))));
                continue;
            }
        }
        let key = (read.birth_date, read.region_code.clone());
        let names: Vec<&str> = std::iter::once(read.full_name.as_str())
            .chain(read.latin_name.as_deref())
            .collect();
        let known = registered.get(&key).into_iter().flatten();
        if let Some((id, _)) = known
            .into_iter()
            .find(|(_, k)| people::resembles(k, &names))
        {
            decided.push(Decided::Done(Ok(Outcome::ProbableDuplicate { id: *id })));
            continue;
        }
        let new = newcomers.get(&key).into_iter().flatten();
        if let Some((place, _)) = new.into_iter().find(|(_, k)| people::resembles(k, &names)) {
            decided.push(Decided::SameAsNew(*place));
            continue;
        }
        let own_names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
        let region = read.region_code.clone();
        let new =
            new_volunteer(cx, row, read).and_then(|input| volunteers::check(w, input, region));
        match new {
            Ok(new) => {
                if let Some(hash) = new.iin_hash() {
                    new_iins.insert(hash.to_owned(), row.number);
                }
                newcomers
                    .entry(key)
                    .or_default()
                    .push((checked.len(), own_names));
                decided.push(Decided::New(checked.len()));
                checked.push(new);
            }
            Err(err) => decided.push(Decided::Done(Err(err))),
        }
    }
    let ids: Vec<i64> = volunteers::insert(w, checked)
        .await?
        .into_iter()
        .map(|v| v.id)
        .collect();
    Ok(decided
        .into_iter()
        .map(|d| match d {
            Decided::Done(outcome) => outcome,
            Decided::New(place) => Ok(Outcome::Created {
                entity: "volunteer",
                id: ids[place],
            }),
            Decided::SameAsNew(place) => Ok(Outcome::ProbableDuplicate { id: ids[place] }),
        })
        .collect())
}

/// A row to insert: its place among them, and its names.
type Newcomer = (usize, Vec<String>);

/// What a row is compared with the register by: who it names.
struct Read {
    full_name: String,
    latin_name: Option<String>,
    birth_date: NaiveDate,
    region_code: String,
    iin: Option<String>,
    iin_hash: Option<String>,
}

fn read(w: &Write, cx: &Context, row: &Row) -> DomainResult<Read> {
    let full_name = values::required(cx, row, "fullName")?;
    let latin_name = values::optional(cx, row, "latinName");
    let birth_date = values::required_date(cx, row, "birthDate")?;
    let region_code = values::region(cx, row, "regionCode")?;
    let iin = people::iin_text(cx, row, "iin");
    let iin_hash = iin
        .as_deref()
        .map(|text| {
            Iin::parse(text, birth_date, "input.iin").map(|iin| iin.keyed_hash(&w.rules.secret))
        })
        .transpose()?;
    Ok(Read {
        full_name,
        latin_name,
        birth_date,
        region_code,
        iin,
        iin_hash,
    })
}

/// The rest of a row of someone new, as `registerVolunteer` takes it.
fn new_volunteer(cx: &Context, row: &Row, read: Read) -> DomainResult<NewVolunteer> {
    let guardian = match (
        values::optional(cx, row, "guardianName"),
        values::date(cx, row, "guardianConsentOn")?,
    ) {
        (Some(name), Some(consent_on)) => Some(LegalGuardian { name, consent_on }),
        (None, None) => None,
        (Some(_), None) => {
            return Err(DomainError::validation(
                "input.guardianConsentOn",
                msg!("is-required"),
            ));
        }
        (None, Some(_)) => {
            return Err(DomainError::validation(
                "input.guardianName",
                msg!("is-required"),
            ));
        }
    };
    Ok(NewVolunteer {
        full_name: read.full_name,
        latin_name: read.latin_name,
        birth_date: read.birth_date,
        region_code: read.region_code,
        registered_on: values::date(cx, row, "registeredOn")?,
        phone: values::phone(cx, row, "phone")?,
        email: values::optional(cx, row, "email"),
        iin: read.iin,
        skills: values::list(cx, row, "skills"),
        languages: values::list(cx, row, "languages"),
        guardian,
        unaccompanied_consent_on: None,
        family: None,
        pending: false,
    })
}
