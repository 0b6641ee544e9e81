//! The 20 first-level units of Kazakhstan (ISO 3166-2:KZ): 17 regions and 3
//! cities of republican significance, with their Kazakh, Russian and English
//! names. Shipped as data so every database has the same reference list.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000002_regions"
    }
}

/// (code, kind, Kazakh, Russian, English)
const REGIONS: [(&str, &str, &str, &str, &str); 20] = [
    (
        "KZ-10",
        "REGION",
        "Абай облысы",
        "Абайская область",
        "Abai Region",
    ),
    (
        "KZ-11",
        "REGION",
        "Ақмола облысы",
        "Акмолинская область",
        "Akmola Region",
    ),
    (
        "KZ-15",
        "REGION",
        "Ақтөбе облысы",
        "Актюбинская область",
        "Aktobe Region",
    ),
    (
        "KZ-19",
        "REGION",
        "Алматы облысы",
        "Алматинская область",
        "Almaty Region",
    ),
    (
        "KZ-23",
        "REGION",
        "Атырау облысы",
        "Атырауская область",
        "Atyrau Region",
    ),
    (
        "KZ-27",
        "REGION",
        "Батыс Қазақстан облысы",
        "Западно-Казахстанская область",
        "West Kazakhstan Region",
    ),
    (
        "KZ-31",
        "REGION",
        "Жамбыл облысы",
        "Жамбылская область",
        "Zhambyl Region",
    ),
    (
        "KZ-33",
        "REGION",
        "Жетісу облысы",
        "Жетысуская область",
        "Zhetisu Region",
    ),
    (
        "KZ-35",
        "REGION",
        "Қарағанды облысы",
        "Карагандинская область",
        "Karaganda Region",
    ),
    (
        "KZ-39",
        "REGION",
        "Қостанай облысы",
        "Костанайская область",
        "Kostanay Region",
    ),
    (
        "KZ-43",
        "REGION",
        "Қызылорда облысы",
        "Кызылординская область",
        "Kyzylorda Region",
    ),
    (
        "KZ-47",
        "REGION",
        "Маңғыстау облысы",
        "Мангистауская область",
        "Mangystau Region",
    ),
    (
        "KZ-55",
        "REGION",
        "Павлодар облысы",
        "Павлодарская область",
        "Pavlodar Region",
    ),
    (
        "KZ-59",
        "REGION",
        "Солтүстік Қазақстан облысы",
        "Северо-Казахстанская область",
        "North Kazakhstan Region",
    ),
    (
        "KZ-61",
        "REGION",
        "Түркістан облысы",
        "Туркестанская область",
        "Turkistan Region",
    ),
    (
        "KZ-62",
        "REGION",
        "Ұлытау облысы",
        "Улытауская область",
        "Ulytau Region",
    ),
    (
        "KZ-63",
        "REGION",
        "Шығыс Қазақстан облысы",
        "Восточно-Казахстанская область",
        "East Kazakhstan Region",
    ),
    ("KZ-71", "CITY", "Астана", "Астана", "Astana"),
    ("KZ-75", "CITY", "Алматы", "Алматы", "Almaty"),
    ("KZ-79", "CITY", "Шымкент", "Шымкент", "Shymkent"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut insert = Query::insert()
            .into_table("region")
            .columns(["code", "kind", "name_kk", "name_ru", "name_en"])
            .to_owned();
        for (code, kind, kk, ru, en) in REGIONS {
            insert.values_panic([code.into(), kind.into(), kk.into(), ru.into(), en.into()]);
        }
        manager.exec_stmt(insert).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let codes = REGIONS.iter().map(|r| r.0);
        manager
            .exec_stmt(
                Query::delete()
                    .from_table("region")
                    .and_where(Expr::col("code").is_in(codes))
                    .to_owned(),
            )
            .await
    }
}
