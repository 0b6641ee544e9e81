//! The structure of the network: partner organizations (UNICEF Kazakhstan
//! first), the republican front office and one office per region, and the
//! projects events belong to.

use super::bulk::Bulk;
use super::calendar::date;
use super::regions::{REGIONS, formed_2022};
use chrono::NaiveDate;
use entity::{BeneficiaryCategory, FrontOfficeKind, OrganizationKind};
use sea_orm::DbErr;

/// Organizations: name, kind, country. Ids are their place here, from 1.
pub const ORGANIZATIONS: &[(&str, OrganizationKind, &str)] = &[
    ("UNICEF Kazakhstan", OrganizationKind::International, "KZ"),
    (
        "Министерство информации и общественного развития РК",
        OrganizationKind::StateBody,
        "KZ",
    ),
    (
        "Қазақстан Қызыл Жарты Ай қоғамы",
        OrganizationKind::Ngo,
        "KZ",
    ),
    ("«Шапағат» қоғамдық қоры", OrganizationKind::Ngo, "KZ"),
    (
        "Ассоциация волонтёров Казахстана",
        OrganizationKind::Ngo,
        "KZ",
    ),
    ("«Дала» корпоративтік қоры", OrganizationKind::Company, "KZ"),
    ("UN Volunteers", OrganizationKind::International, "DE"),
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
    (
        "Yoshlar volontyorlari",
        OrganizationKind::VolunteerOrganization,
        "UZ",
    ),
    (
        "Кыргыз волонтёрлор тармагы",
        OrganizationKind::VolunteerOrganization,
        "KG",
    ),
    (
        "China Youth Volunteers Association",
        OrganizationKind::VolunteerOrganization,
        "CN",
    ),
    (
        "Japan Volunteer Center",
        OrganizationKind::VolunteerOrganization,
        "JP",
    ),
    (
        "Azərbaycan Könüllüləri",
        OrganizationKind::VolunteerOrganization,
        "AZ",
    ),
    (
        "Georgian Volunteer Network",
        OrganizationKind::VolunteerOrganization,
        "GE",
    ),
    (
        "Fundacja Wolontariat",
        OrganizationKind::VolunteerOrganization,
        "PL",
    ),
    (
        "France Bénévolat",
        OrganizationKind::VolunteerOrganization,
        "FR",
    ),
    (
        "Volunteering Matters",
        OrganizationKind::VolunteerOrganization,
        "GB",
    ),
    (
        "Монголын залуучуудын холбоо",
        OrganizationKind::VolunteerOrganization,
        "MN",
    ),
    (
        "Ҷавонони ихтиёрӣ",
        OrganizationKind::VolunteerOrganization,
        "TJ",
    ),
    (
        "American Volunteer Corps",
        OrganizationKind::VolunteerOrganization,
        "US",
    ),
];

/// UNICEF Kazakhstan's id.
const UNICEF: i64 = 1;
const MINISTRY: i64 = 2;
const RED_CRESCENT: i64 = 3;

/// The id of an organization of `country` other than UNICEF, if any.
pub fn partner_in(country: &str) -> Option<i64> {
    (1..)
        .zip(ORGANIZATIONS)
        .find(|(id, (_, kind, c))| {
            *id != UNICEF && *c == country && *kind != OrganizationKind::StateBody
        })
        .map(|(id, _)| id)
}

/// The republican office's id; regional offices follow in region order.
pub const REPUBLICAN: i64 = 1;

/// When a region's office opened: with UNICEF from 2019, the regions
/// formed in 2022 after they were.
fn opened(r: usize) -> NaiveDate {
    if REGIONS[r].carved_from.is_some() {
        return formed_2022() + chrono::Duration::days(85);
    }
    date(2019 + (r % 3) as i32, [3, 6, 9, 11][r % 4], 1)
}

/// A program of the network.
pub struct Project {
    pub name: &'static str,
    pub started: (i32, u32, u32),
    pub description: &'static str,
    pub serves: &'static [BeneficiaryCategory],
}

/// The projects; ids are their place here, from 1.
pub const PROJECTS: &[Project] = &[
    Project {
        name: "Жеңіс",
        started: (2015, 5, 9),
        description: "Рейды к ветеранам, труженикам тыла и социально уязвимым людям",
        serves: &[
            BeneficiaryCategory::Veteran,
            BeneficiaryCategory::HomeFrontWorker,
            BeneficiaryCategory::SociallyVulnerable,
        ],
    },
    Project {
        name: "Мектепке жол",
        started: (2017, 8, 1),
        description: "Школьные принадлежности детям из малообеспеченных семей",
        serves: &[BeneficiaryCategory::Child],
    },
    Project {
        name: "Жылы қыс",
        started: (2019, 12, 1),
        description: "Зимняя помощь пожилым и людям с инвалидностью",
        serves: &[BeneficiaryCategory::Elderly, BeneficiaryCategory::Disabled],
    },
    Project {
        name: "Біргеміз",
        started: (2020, 3, 20),
        description: "Помощь пожилым и уязвимым людям в пандемию и после неё",
        serves: &[
            BeneficiaryCategory::SociallyVulnerable,
            BeneficiaryCategory::Elderly,
        ],
    },
    Project {
        name: "Білім көпірі",
        started: (2020, 9, 1),
        description: "Наставничество и обучение детей",
        serves: &[BeneficiaryCategory::Child],
    },
    Project {
        name: "Таза Қазақстан",
        started: (2021, 4, 22),
        description: "Экологические акции",
        serves: &[BeneficiaryCategory::Other],
    },
];

/// A project by name: its id and the day it started.
pub fn project(name: &str) -> Option<(i64, NaiveDate)> {
    PROJECTS
        .iter()
        .position(|p| p.name == name)
        .map(|i| (i as i64 + 1, started(i)))
}

fn started(i: usize) -> NaiveDate {
    let (y, m, d) = PROJECTS[i].started;
    date(y, m, d)
}

pub async fn write(bulk: &mut Bulk) -> Result<(), DbErr> {
    let mut t = bulk
        .table("organization", &["id", "name", "kind", "country_code"])
        .await?;
    for (i, (name, kind, country)) in ORGANIZATIONS.iter().enumerate() {
        t.int(i as i64 + 1)
            .text(name)
            .text(kind.as_str())
            .text(country);
        t.end_row().await?;
    }
    t.finish().await?;

    let mut t = bulk
        .table(
            "front_office",
            &["id", "kind", "region_code", "name", "opened_on"],
        )
        .await?;
    t.int(REPUBLICAN)
        .text(FrontOfficeKind::Republican.as_str())
        .null()
        .text("Республиканский фронт-офис Национальной волонтёрской сети")
        .date(date(2015, 3, 1));
    t.end_row().await?;
    for (r, region) in REGIONS.iter().enumerate() {
        t.int(REPUBLICAN + 1 + r as i64)
            .text(FrontOfficeKind::Regional.as_str())
            .text(region.code)
            .text(&format!("Фронт-офис: {}", region.name_ru))
            .date(opened(r));
        t.end_row().await?;
    }
    t.finish().await?;

    let mut t = bulk
        .table(
            "front_office_partner",
            &["front_office_id", "organization_id", "since"],
        )
        .await?;
    for (office, org, since) in [
        (REPUBLICAN, UNICEF, date(2019, 2, 1)),
        (REPUBLICAN, MINISTRY, date(2016, 1, 15)),
        (REPUBLICAN, RED_CRESCENT, date(2020, 3, 20)),
    ] {
        t.int(office).int(org).date(since);
        t.end_row().await?;
    }
    for r in 0..REGIONS.len() {
        t.int(REPUBLICAN + 1 + r as i64).int(UNICEF).date(opened(r));
        t.end_row().await?;
    }
    t.finish().await?;

    let mut t = bulk
        .table(
            "project",
            &[
                "id",
                "name",
                "description",
                "started_on",
                "owner_front_office_id",
            ],
        )
        .await?;
    for (i, p) in PROJECTS.iter().enumerate() {
        t.int(i as i64 + 1)
            .text(p.name)
            .text(p.description)
            .date(started(i))
            .int(REPUBLICAN);
        t.end_row().await?;
    }
    t.finish().await?;

    let mut t = bulk
        .table("project_beneficiary_category", &["project_id", "category"])
        .await?;
    for (i, p) in PROJECTS.iter().enumerate() {
        for category in p.serves {
            t.int(i as i64 + 1).text(category.as_str());
            t.end_row().await?;
        }
    }
    t.finish().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partners_are_found_by_country() {
        assert_eq!(partner_in("TR"), Some(8));
        assert_eq!(partner_in("KZ"), Some(3));
        assert_eq!(partner_in("ES"), None);
        assert_eq!(project("Жеңіс").map(|p| p.0), Some(1));
    }
}
