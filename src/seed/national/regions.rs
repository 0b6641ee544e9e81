//! The 20 regions as the data set sees them: rough populations (thousands,
//! 2025), which share of people are Kazakh-speaking, the main town, and
//! which older region a region created in 2022 was part of.

use super::calendar::date;
use chrono::NaiveDate;

pub struct Region {
    pub code: &'static str,
    /// Population in thousands: volunteers are spread in proportion.
    pub people: u32,
    /// Share of volunteers with Kazakh names (the rest Russian).
    pub kazakh: f64,
    /// The main town, for titles.
    pub town: &'static str,
    /// Name in Russian, for front offices.
    pub name_ru: &'static str,
    /// For Abai, Zhetisu and Ulytau (formed 8 June 2022): the region their
    /// land belonged to before, where their events were held until then.
    pub carved_from: Option<&'static str>,
}

/// The day Abai, Zhetisu and Ulytau regions were formed.
pub fn formed_2022() -> NaiveDate {
    date(2022, 6, 8)
}

const fn region(
    code: &'static str,
    people: u32,
    kazakh: f64,
    town: &'static str,
    name_ru: &'static str,
) -> Region {
    Region {
        code,
        people,
        kazakh,
        town,
        name_ru,
        carved_from: None,
    }
}

const fn carved(
    code: &'static str,
    people: u32,
    kazakh: f64,
    town: &'static str,
    name_ru: &'static str,
    from: &'static str,
) -> Region {
    Region {
        code,
        people,
        kazakh,
        town,
        name_ru,
        carved_from: Some(from),
    }
}

/// In the order of `entity::region::CODES`.
pub const REGIONS: [Region; 20] = [
    carved("KZ-10", 600, 0.75, "Семей", "Абайская область", "KZ-63"),
    region("KZ-11", 780, 0.55, "Кокшетау", "Акмолинская область"),
    region("KZ-15", 930, 0.85, "Актобе", "Актюбинская область"),
    region("KZ-19", 1540, 0.75, "Конаев", "Алматинская область"),
    region("KZ-23", 700, 0.95, "Атырау", "Атырауская область"),
    region(
        "KZ-27",
        690,
        0.8,
        "Уральск",
        "Западно-Казахстанская область",
    ),
    region("KZ-31", 1140, 0.85, "Тараз", "Жамбылская область"),
    carved(
        "KZ-33",
        700,
        0.75,
        "Талдыкорган",
        "Жетысуская область",
        "KZ-19",
    ),
    region("KZ-35", 1130, 0.55, "Караганда", "Карагандинская область"),
    region("KZ-39", 830, 0.5, "Костанай", "Костанайская область"),
    region("KZ-43", 840, 0.95, "Кызылорда", "Кызылординская область"),
    region("KZ-47", 780, 0.9, "Актау", "Мангистауская область"),
    region("KZ-55", 750, 0.5, "Павлодар", "Павлодарская область"),
    region(
        "KZ-59",
        530,
        0.4,
        "Петропавловск",
        "Северо-Казахстанская область",
    ),
    region("KZ-61", 2110, 0.95, "Туркестан", "Туркестанская область"),
    carved(
        "KZ-62",
        220,
        0.8,
        "Жезказган",
        "Улытауская область",
        "KZ-35",
    ),
    region(
        "KZ-63",
        720,
        0.55,
        "Усть-Каменогорск",
        "Восточно-Казахстанская область",
    ),
    region("KZ-71", 1420, 0.8, "Астана", "Астана"),
    region("KZ-75", 2290, 0.65, "Алматы", "Алматы"),
    region("KZ-79", 1250, 0.9, "Шымкент", "Шымкент"),
];

/// The region code an event in region `r` on `day` was held under: the
/// older region before a 2022 region existed.
pub fn host_code(r: usize, day: NaiveDate) -> &'static str {
    match REGIONS[r].carved_from {
        Some(old) if day < formed_2022() => old,
        _ => REGIONS[r].code,
    }
}

/// Index of the region with this code.
pub fn index_of(code: &str) -> Option<usize> {
    REGIONS.iter().position(|r| r.code == code)
}

/// `total` people shared out in proportion to population (largest
/// remainders), each region getting at least one when there are enough.
pub fn quotas(total: usize) -> [usize; 20] {
    let sum: u64 = REGIONS.iter().map(|r| u64::from(r.people)).sum();
    let mut out = [0usize; 20];
    let mut remainders = Vec::with_capacity(20);
    for (i, r) in REGIONS.iter().enumerate() {
        let exact = total as u64 * u64::from(r.people);
        out[i] = (exact / sum) as usize;
        remainders.push((exact % sum, i));
    }
    remainders.sort_by(|a, b| b.cmp(a));
    let mut left = total - out.iter().sum::<usize>();
    for (_, i) in remainders {
        if left == 0 {
            break;
        }
        out[i] += 1;
        left -= 1;
    }
    if total >= REGIONS.len() {
        // Take from the largest for any region left empty.
        while let Some(empty) = out.iter().position(|n| *n == 0) {
            let largest = (0..out.len()).max_by_key(|&i| out[i]).unwrap_or(0);
            out[largest] -= 1;
            out[empty] += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_are_those_the_migrations_ship() {
        let codes: Vec<&str> = REGIONS.iter().map(|r| r.code).collect();
        assert_eq!(codes, entity::region::CODES);
    }

    #[test]
    fn quotas_add_up_and_leave_no_region_empty() {
        for total in [20, 160, 320, 16_000, 160_000] {
            let q = quotas(total);
            assert_eq!(q.iter().sum::<usize>(), total);
            assert!(q.iter().all(|n| *n > 0), "{total}: {q:?}");
        }
        let q = quotas(160_000);
        let ulytau = index_of("KZ-62").unwrap_or(0);
        let almaty = index_of("KZ-75").unwrap_or(0);
        assert!(q[almaty] > 10 * q[ulytau]);
    }
}
