//! The network's bodies: partner organizations, the front offices and the
//! republican projects. Their history is fixed (the network's own), so it
//! does not move with the day the demo is loaded.

use super::calendar::Calendar;
use entity::*;
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, NotSet};

/// What the rest of the demo refers to.
pub struct Setting {
    /// UNICEF, then the exchange partners (TR, DE, KR, RU), then an NGO.
    pub organizations: Vec<i64>,
    /// «Жеңіс», «Жылы қыс», «Таза Қазақстан», «Білім көпірі».
    pub projects: Vec<i64>,
}

const ORGANIZATIONS: [(&str, OrganizationKind, &str); 6] = [
    ("UNICEF Kazakhstan", OrganizationKind::International, "KZ"),
    (
        "Gençlik Gönüllüleri Derneği",
        OrganizationKind::VolunteerOrganization,
        "TR",
    ),
    (
        "Deutscher Freiwilligendienst",
        OrganizationKind::VolunteerOrganization,
        "DE",
    ),
    (
        "Korea Volunteer Center",
        OrganizationKind::VolunteerOrganization,
        "KR",
    ),
    (
        "Российский союз добровольцев",
        OrganizationKind::VolunteerOrganization,
        "RU",
    ),
    ("«Шапағат» қоғамдық қоры", OrganizationKind::Ngo, "KZ"),
];

/// The regions with a regional front office, and their main towns.
pub const OFFICES: [(&str, &str); 5] = [
    ("KZ-71", "Астана"),
    ("KZ-75", "Алматы"),
    ("KZ-79", "Шымкент"),
    ("KZ-35", "Қарағанды"),
    ("KZ-61", "Түркістан"),
];

pub async fn seed(db: &impl ConnectionTrait) -> Result<Setting, DbErr> {
    let mut organizations = Vec::new();
    for (name, kind, country) in ORGANIZATIONS {
        let row = organization::ActiveModel {
            id: NotSet,
            name: Set(name.into()),
            kind: Set(kind),
            country_code: Set(country.into()),
        }
        .insert(db)
        .await?;
        organizations.push(row.id);
    }
    let republican = front_office::ActiveModel {
        id: NotSet,
        kind: Set(FrontOfficeKind::Republican),
        region_code: Set(None),
        name: Set("Республиканский фронт-офис Национальной волонтёрской сети".into()),
        opened_on: Set(Calendar::date(2015, 3, 1)),
    }
    .insert(db)
    .await?
    .id;
    let mut offices = vec![(republican, Calendar::date(2019, 6, 1))];
    for (i, (code, city)) in OFFICES.into_iter().enumerate() {
        let opened = Calendar::date(2019 + i as i32 / 2, 9, 1);
        let id = front_office::ActiveModel {
            id: NotSet,
            kind: Set(FrontOfficeKind::Regional),
            region_code: Set(Some(code.into())),
            name: Set(format!("Фронт-офис: {city}")),
            opened_on: Set(opened),
        }
        .insert(db)
        .await?
        .id;
        offices.push((id, opened));
    }
    for (office, since) in &offices {
        front_office_partner::ActiveModel {
            front_office_id: Set(*office),
            organization_id: Set(organizations[0]),
            since: Set(*since),
        }
        .insert(db)
        .await?;
    }
    let projects = seed_projects(db, republican).await?;
    Ok(Setting {
        organizations,
        projects,
    })
}

async fn seed_projects(db: &impl ConnectionTrait, owner: i64) -> Result<Vec<i64>, DbErr> {
    use BeneficiaryCategory::*;
    let mut projects = Vec::new();
    for (name, started, description, categories) in [
        (
            "Жеңіс",
            Calendar::date(2015, 5, 9),
            "Рейды к ветеранам, труженикам тыла и социально уязвимым людям",
            &[Veteran, HomeFrontWorker, SociallyVulnerable][..],
        ),
        (
            "Жылы қыс",
            Calendar::date(2019, 12, 1),
            "Зимняя помощь пожилым и людям с инвалидностью",
            &[Elderly, Disabled][..],
        ),
        (
            "Таза Қазақстан",
            Calendar::date(2021, 4, 22),
            "Экологические акции",
            &[Other][..],
        ),
        (
            "Білім көпірі",
            Calendar::date(2020, 9, 1),
            "Наставничество и обучение детей",
            &[Child][..],
        ),
    ] {
        let id = project::ActiveModel {
            id: NotSet,
            name: Set(name.into()),
            description: Set(Some(description.into())),
            started_on: Set(started),
            owner_front_office_id: Set(owner),
        }
        .insert(db)
        .await?
        .id;
        for category in categories {
            project_beneficiary_category::ActiveModel {
                project_id: Set(id),
                category: Set(*category),
            }
            .insert(db)
            .await?;
        }
        projects.push(id);
    }
    Ok(projects)
}
