//! A file of volunteers: one person per row, registered as
//! `registerVolunteer` would. The same IIN as someone registered is that
//! person (nothing to do); without an IIN, the same birth date and a name
//! the same or close across scripts in the same region is a probable
//! duplicate, reported with the existing volunteer and not imported.

use crate::domain::error::{DomainError, DomainResult};
use crate::domain::iin::Iin;
use crate::domain::volunteers::{self, LegalGuardian, NewVolunteer};
use crate::domain::write::Write;
use crate::import::headings::Field;
use crate::import::source::Row;
use crate::import::{Context, Outcome, people, values};
use crate::msg;

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

pub async fn row(w: &mut Write, cx: &Context, row: &Row) -> DomainResult<Outcome> {
    let full_name = values::required(cx, row, "fullName")?;
    let latin_name = values::optional(cx, row, "latinName");
    let birth_date = values::required_date(cx, row, "birthDate")?;
    let region_code = values::region(cx, row, "regionCode")?;
    let iin = people::iin_text(cx, row, "iin");
    if let Some(text) = &iin {
        let hash = Iin::parse(text, birth_date, "input.iin")?.keyed_hash(&w.rules.secret);
        if let Some(id) = people::by_iin_hash(w, &hash).await? {
            return match cx.created_by("volunteer", id) {
                Some(first) => Err(DomainError::conflict_on(
                    "input.iin",
                    msg!("import-same-iin", row = first),
                )),
                None => Ok(Outcome::Existing),
            };
        }
    }
    let names: Vec<&str> = std::iter::once(full_name.as_str())
        .chain(latin_name.as_deref())
        .collect();
    if let Some(id) = people::probable_duplicate(w, &names, birth_date, &region_code).await? {
        return Ok(Outcome::ProbableDuplicate { id });
    }
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
    let input = NewVolunteer {
        full_name,
        latin_name,
        birth_date,
        region_code,
        registered_on: values::date(cx, row, "registeredOn")?,
        phone: values::phone(cx, row, "phone")?,
        email: values::optional(cx, row, "email"),
        iin,
        skills: values::list(cx, row, "skills"),
        languages: values::list(cx, row, "languages"),
        guardian,
        unaccompanied_consent_on: None,
        family: None,
    };
    let id = volunteers::register(w, input).await?;
    Ok(Outcome::Created {
        entity: "volunteer",
        id,
    })
}
