//! What the network's events are about: raids of «Жеңіс», actions and
//! regional events, each with its activity, project, season, how many
//! families come to it, and whom it serves (beneficiaries per attending
//! volunteer); and the republican and international events of ten years.

use super::calendar::{date, day_between};
use super::regions::index_of;
use crate::seed::rng::Rng;
use chrono::NaiveDate;
use entity::{ActivityType as A, BeneficiaryCategory as B, EventKind, EventLevel};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Season {
    Any,
    /// Late April to 9 May, around Victory Day.
    VictoryDay,
    /// Spring or autumn.
    Outdoors,
    Winter,
    /// Before the school year.
    August,
    /// Spring floods.
    Floods,
}

impl Season {
    pub fn day(self, rng: &mut Rng, year: i32) -> NaiveDate {
        match self {
            Season::Any => day_between(rng, year, (1, 10), (12, 25)),
            Season::VictoryDay => day_between(rng, year, (4, 25), (5, 9)),
            Season::Outdoors if rng.chance(0.6) => day_between(rng, year, (4, 1), (5, 31)),
            Season::Outdoors => day_between(rng, year, (9, 1), (10, 31)),
            Season::Winter if rng.chance(0.6) => day_between(rng, year, (1, 10), (2, 28)),
            Season::Winter => day_between(rng, year, (11, 20), (12, 25)),
            Season::August => day_between(rng, year, (8, 1), (8, 31)),
            Season::Floods => day_between(rng, year, (3, 25), (4, 30)),
        }
    }
}

pub struct Theme {
    pub title: &'static str,
    pub kind: EventKind,
    pub activity: A,
    pub hazardous: bool,
    /// The project, for events from the day it started.
    pub project: Option<&'static str>,
    pub season: Season,
    pub weight: u64,
    /// Share of participants who come as a family.
    pub families: f32,
    /// Beneficiaries per attending volunteer, by category.
    pub serves: &'static [(B, f64)],
}

const fn theme(
    kind: EventKind,
    (title, activity): (&'static str, A),
    project: Option<&'static str>,
    season: Season,
    weight: u64,
    families: f32,
    serves: &'static [(B, f64)],
) -> Theme {
    Theme {
        title,
        kind,
        activity,
        hazardous: false,
        project,
        season,
        weight,
        families,
        serves,
    }
}

const fn hazardous(mut t: Theme) -> Theme {
    t.hazardous = true;
    t.families = 0.0;
    t
}

const VETERANS: &[(B, f64)] = &[
    (B::Veteran, 0.25),
    (B::HomeFrontWorker, 0.2),
    (B::SociallyVulnerable, 0.3),
    (B::Elderly, 0.2),
];
const AT_HOME: &[(B, f64)] = &[
    (B::SociallyVulnerable, 0.4),
    (B::Elderly, 0.3),
    (B::Disabled, 0.15),
];
const WINTER: &[(B, f64)] = &[(B::Elderly, 0.35), (B::Disabled, 0.2)];
const SCHOOL: &[(B, f64)] = &[(B::Child, 1.2)];
const COMMUNITY: &[(B, f64)] = &[(B::Other, 0.6)];
const FLOODS: &[(B, f64)] = &[
    (B::SociallyVulnerable, 1.5),
    (B::Child, 0.5),
    (B::Elderly, 0.5),
];
const INCLUSIVE: &[(B, f64)] = &[(B::Disabled, 0.6), (B::Child, 0.4)];
const NONE: &[(B, f64)] = &[];

pub const RAIDS: &[Theme] = &[
    theme(
        EventKind::Raid,
        ("Рейд «Жеңіс»: ветераны и труженики тыла", A::VeteranCare),
        Some("Жеңіс"),
        Season::VictoryDay,
        4,
        0.45,
        VETERANS,
    ),
    theme(
        EventKind::Raid,
        ("Рейд «Жеңіс»: помощь на дому", A::SocialSupport),
        Some("Жеңіс"),
        Season::Any,
        4,
        0.45,
        AT_HOME,
    ),
    theme(
        EventKind::Raid,
        ("Рейд «Жеңіс»: зимняя помощь", A::SocialSupport),
        Some("Жеңіс"),
        Season::Winter,
        3,
        0.4,
        WINTER,
    ),
    hazardous(theme(
        EventKind::Raid,
        ("Рейд «Жеңіс»: уборка снега с крыш", A::SocialSupport),
        Some("Жеңіс"),
        Season::Winter,
        1,
        0.0,
        WINTER,
    )),
];

pub const ACTIONS: &[Theme] = &[
    theme(
        EventKind::Action,
        ("Акция «Таза Қазақстан»", A::Environment),
        Some("Таза Қазақстан"),
        Season::Outdoors,
        4,
        0.25,
        COMMUNITY,
    ),
    theme(
        EventKind::Action,
        ("Акция «Жылы қыс»", A::SocialSupport),
        Some("Жылы қыс"),
        Season::Winter,
        3,
        0.2,
        WINTER,
    ),
    theme(
        EventKind::Action,
        ("Акция «Мектепке жол»", A::SocialSupport),
        Some("Мектепке жол"),
        Season::August,
        3,
        0.3,
        SCHOOL,
    ),
    theme(
        EventKind::Action,
        ("Акция «Біргеміз»", A::SocialSupport),
        Some("Біргеміз"),
        Season::Any,
        2,
        0.15,
        AT_HOME,
    ),
    theme(
        EventKind::Action,
        ("Акция «Ұлы Жеңіс»", A::VeteranCare),
        Some("Жеңіс"),
        Season::VictoryDay,
        3,
        0.35,
        VETERANS,
    ),
    theme(
        EventKind::Action,
        ("Донорская акция «Қан тапсыр — өмір сыйла»", A::Health),
        None,
        Season::Any,
        2,
        0.0,
        NONE,
    ),
    theme(
        EventKind::Action,
        ("Акция «Жасыл ел»: посадка деревьев", A::Environment),
        None,
        Season::Outdoors,
        2,
        0.3,
        COMMUNITY,
    ),
    theme(
        EventKind::Action,
        ("Помощь пострадавшим от паводка", A::DisasterRelief),
        None,
        Season::Floods,
        1,
        0.0,
        FLOODS,
    ),
];

pub const REGIONAL_EVENTS: &[Theme] = &[
    theme(
        EventKind::Event,
        ("Школа волонтёра", A::Education),
        Some("Білім көпірі"),
        Season::Any,
        4,
        0.1,
        NONE,
    ),
    theme(
        EventKind::Event,
        ("Волонтёрский фестиваль", A::Culture),
        None,
        Season::Any,
        3,
        0.2,
        NONE,
    ),
    theme(
        EventKind::Event,
        ("Марафон добрых дел", A::Civic),
        None,
        Season::Any,
        3,
        0.2,
        COMMUNITY,
    ),
    theme(
        EventKind::Event,
        ("Спортивный праздник", A::Sports),
        None,
        Season::Any,
        3,
        0.25,
        NONE,
    ),
    theme(
        EventKind::Event,
        ("Концерт для пожилых людей", A::Culture),
        None,
        Season::Any,
        2,
        0.2,
        &[(B::Elderly, 1.5)],
    ),
    theme(
        EventKind::Event,
        ("День открытых дверей приюта для животных", A::AnimalWelfare),
        None,
        Season::Any,
        2,
        0.2,
        NONE,
    ),
    theme(
        EventKind::Event,
        ("Мастер-класс по первой помощи", A::Health),
        None,
        Season::Any,
        2,
        0.1,
        NONE,
    ),
    theme(
        EventKind::Event,
        ("Субботник в парке", A::Environment),
        Some("Таза Қазақстан"),
        Season::Outdoors,
        2,
        0.25,
        COMMUNITY,
    ),
    theme(
        EventKind::Event,
        ("Инклюзивный праздник", A::SocialSupport),
        None,
        Season::Any,
        2,
        0.2,
        INCLUSIVE,
    ),
    theme(
        EventKind::Event,
        ("Наставничество «Білім көпірі»", A::Education),
        Some("Білім көпірі"),
        Season::Any,
        2,
        0.05,
        SCHOOL,
    ),
    theme(
        EventKind::Event,
        (
            "Учения по действиям в чрезвычайных ситуациях",
            A::EmergencyResponse,
        ),
        None,
        Season::Any,
        1,
        0.0,
        NONE,
    ),
    hazardous(theme(
        EventKind::Event,
        ("Поисково-спасательные сборы", A::Civic),
        None,
        Season::Outdoors,
        1,
        0.0,
        NONE,
    )),
    theme(
        EventKind::Event,
        ("Форум некоммерческих организаций", A::Civic),
        None,
        Season::Any,
        1,
        0.0,
        NONE,
    ),
];

pub fn pick(rng: &mut Rng, themes: &'static [Theme]) -> &'static Theme {
    let total: u64 = themes.iter().map(|t| t.weight).sum();
    let mut at = rng.below(total);
    for t in themes {
        if at < t.weight {
            return t;
        }
        at -= t.weight;
    }
    &themes[0]
}

/// A republican or international event of the plan.
pub struct Landmark {
    pub title: String,
    pub level: EventLevel,
    pub activity: A,
    pub project: Option<&'static str>,
    /// Region index of the host.
    pub host: usize,
    pub day: NaiveDate,
    pub days: u32,
}

/// A one-off event: year, title, level, activity, host, (month, day), days.
type Special = (i32, &'static str, EventLevel, A, usize, (u32, u32), u32);

/// The network's 40-odd republican and international events, 2016–2026.
pub fn landmarks(rng: &mut Rng) -> Vec<Landmark> {
    let astana = index_of("KZ-71").unwrap_or(0);
    let almaty = index_of("KZ-75").unwrap_or(0);
    let uralsk = index_of("KZ-27").unwrap_or(0);
    let mut out = Vec::new();
    let mut add = |title: String,
                   level: EventLevel,
                   activity: A,
                   project: Option<&'static str>,
                   host: usize,
                   day: NaiveDate,
                   days: u32| {
        out.push(Landmark {
            title,
            level,
            activity,
            project,
            host,
            day,
            days,
        })
    };
    use EventLevel::{International as Int, Republican as Rep};
    for year in 2016..=2026 {
        if year != 2017 {
            let day = day_between(rng, year, (4, 10), (6, 20));
            add(
                format!("Республиканский форум волонтёров {year}"),
                Rep,
                A::Civic,
                None,
                astana,
                day,
                2,
            );
        }
        if year >= 2018 && year != 2020 {
            add(
                format!("Республиканский слёт «Жеңіс» {year}"),
                Rep,
                A::VeteranCare,
                Some("Жеңіс"),
                if year % 2 == 0 { astana } else { almaty },
                date(year, 5, 7),
                1,
            );
        }
        add(
            format!("Международный день волонтёра {year}"),
            Rep,
            A::Culture,
            None,
            if year % 2 == 0 { astana } else { almaty },
            date(year, 12, 5),
            1,
        );
    }
    let specials: [Special; 11] = [
        (
            2017,
            "Зимняя Универсиада-2017: волонтёрская программа",
            Int,
            A::Sports,
            almaty,
            (1, 29),
            11,
        ),
        (
            2017,
            "EXPO-2017: волонтёры открытия выставки",
            Int,
            A::Culture,
            astana,
            (6, 9),
            3,
        ),
        (
            2019,
            "Форум волонтёров Центральной Азии",
            Int,
            A::Civic,
            almaty,
            (9, 20),
            2,
        ),
        (
            2020,
            "Открытие Года волонтёра",
            Rep,
            A::Civic,
            astana,
            (1, 21),
            1,
        ),
        (
            2020,
            "Республиканский марафон «Біргеміз»",
            Rep,
            A::SocialSupport,
            astana,
            (4, 15),
            1,
        ),
        (
            2021,
            "Международный форум «Волонтёры Евразии»",
            Int,
            A::Civic,
            almaty,
            (10, 14),
            2,
        ),
        (
            2022,
            "Съезд лидеров мировых и традиционных религий: волонтёры",
            Int,
            A::Civic,
            astana,
            (9, 13),
            3,
        ),
        (
            2023,
            "Международная волонтёрская школа",
            Int,
            A::Education,
            almaty,
            (7, 10),
            3,
        ),
        (
            2024,
            "V Всемирные игры кочевников: волонтёры",
            Int,
            A::Sports,
            astana,
            (9, 8),
            6,
        ),
        (
            2024,
            "Республиканский штаб помощи при паводках",
            Rep,
            A::DisasterRelief,
            uralsk,
            (4, 8),
            2,
        ),
        (
            2025,
            "Форум волонтёров СНГ",
            Int,
            A::Civic,
            astana,
            (10, 2),
            2,
        ),
    ];
    for (year, title, level, activity, host, (m, d), days) in specials {
        add(
            title.to_owned(),
            level,
            activity,
            None,
            host,
            date(year, m, d),
            days,
        );
    }
    add(
        "Международный форум волонтёров 2026".to_owned(),
        Int,
        A::Civic,
        None,
        almaty,
        date(2026, 9, 24),
        2,
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn about_forty_landmarks_over_ten_years() {
        let all = landmarks(&mut Rng::new(1));
        assert!((40..=45).contains(&all.len()), "{}", all.len());
        let international = all
            .iter()
            .filter(|l| l.level == EventLevel::International)
            .count();
        assert!((8..=14).contains(&international), "{international}");
    }
}
