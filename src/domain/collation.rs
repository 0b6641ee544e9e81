//! Names in Kazakh alphabetical order, the same on SQLite and PostgreSQL:
//! А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ
//! Ъ Ы І Ь Э Ю Я, Latin names after Cyrillic ones.
//!
//! Neither database can be trusted with this: SQLite compares code points
//! (Ә after Я) and PostgreSQL's order depends on the collations of the
//! machine it runs on. So the server computes a collation sort key with
//! ICU4X (`icu_collator`, CLDR's Kazakh tailoring, which puts Cyrillic
//! before Latin) when it writes a name, stores it in
//! `volunteer.name_sort_key`, and orders by those bytes, which both
//! databases compare the same way (memcmp). Ties (the same name) are broken
//! by id, so keyset pages stay exact.
//!
//! An erased volunteer's key is empty: erased volunteers come first in
//! ascending order, as one nameless group, and nothing about the name is
//! left behind in the key.

use entity::volunteer;
use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale::locale;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    TransactionTrait,
};
use std::sync::OnceLock;

fn collator() -> Option<&'static CollatorBorrowed<'static>> {
    static KAZAKH: OnceLock<Option<CollatorBorrowed<'static>>> = OnceLock::new();
    KAZAKH
        .get_or_init(|| Collator::try_new(locale!("kk").into(), CollatorOptions::default()).ok())
        .as_ref()
}

/// The longest key kept. PostgreSQL refuses index entries over about
/// 2.7 kB, and a name of 200 rare characters can make a key of 8 kB; a
/// Cyrillic name of 200 letters needs about 400 bytes. Names equal up to
/// the cut are ordered by id, so pages stay exact.
const MAX_KEY_BYTES: usize = 1024;

/// The sort key of a name (empty for none).
pub fn sort_key(name: Option<&str>) -> Vec<u8> {
    let mut key = Vec::new();
    if let (Some(name), Some(collator)) = (name, collator()) {
        let Ok(()) = collator.write_sort_key_to(name.trim(), &mut key);
    }
    key.truncate(MAX_KEY_BYTES);
    key
}

/// Rows filled per statement when keys are missing.
const BATCH: u64 = 1000;

/// Give every volunteer without a sort key its key: rows written before
/// keys existed, or loaded in bulk. Run at start-up and after a data set is
/// loaded; cheap when nothing is missing (one indexed query).
pub async fn fill_missing(db: &DatabaseConnection) -> Result<u64, DbErr> {
    let mut filled = 0;
    loop {
        // One transaction per batch: SQLite would otherwise commit (and
        // sync) every row.
        let tx = db.begin().await?;
        let rows: Vec<(i64, Option<String>)> = volunteer::Entity::find()
            .select_only()
            .column(volunteer::Column::Id)
            .column(volunteer::Column::FullName)
            .filter(volunteer::Column::NameSortKey.is_null())
            .order_by_asc(volunteer::Column::Id)
            .limit(BATCH)
            .into_tuple()
            .all(&tx)
            .await?;
        if rows.is_empty() {
            tx.commit().await?;
            return Ok(filled);
        }
        for (id, name) in rows {
            volunteer::Entity::update_many()
                .col_expr(
                    volunteer::Column::NameSortKey,
                    Expr::value(sort_key(name.as_deref())),
                )
                .filter(volunteer::Column::Id.eq(id))
                .exec(&tx)
                .await?;
            filled += 1;
        }
        tx.commit().await?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALPHABET: &str =
        "А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы І Ь Э Ю Я";

    fn sorted(names: &[&'static str]) -> Vec<&'static str> {
        let mut keyed: Vec<(Vec<u8>, &str)> =
            names.iter().map(|n| (sort_key(Some(n)), *n)).collect();
        keyed.sort();
        keyed.into_iter().map(|(_, n)| n).collect()
    }

    #[test]
    fn the_kazakh_alphabet_in_its_order() {
        let letters: Vec<&str> = ALPHABET.split(' ').collect();
        let mut shuffled = letters.clone();
        shuffled.reverse();
        shuffled.rotate_left(17);
        assert_eq!(sorted(&shuffled), letters);
        let lower: Vec<String> = letters.iter().map(|l| l.to_lowercase()).collect();
        let lower: Vec<&'static str> = lower.into_iter().map(|s| &*s.leak()).collect();
        let mut shuffled = lower.clone();
        shuffled.reverse();
        assert_eq!(sorted(&shuffled), lower);
    }

    #[test]
    fn names_sort_kazakh_then_latin() {
        let names = [
            "Юрий",
            "Anna",
            "Әлихан",
            "Ілияс",
            "Айгүл",
            "Zarina",
            "Ұлан",
            "Үміт",
            "Ғалым",
            "Қанат",
            "Ыбырай",
            "Иван",
        ];
        assert_eq!(
            sorted(&names),
            [
                "Айгүл",
                "Әлихан",
                "Ғалым",
                "Иван",
                "Қанат",
                "Ұлан",
                "Үміт",
                "Ыбырай",
                "Ілияс",
                "Юрий",
                "Anna",
                "Zarina"
            ]
        );
    }

    #[test]
    fn keys_stay_within_what_an_index_takes() {
        let long: String = std::iter::repeat_n('\u{FDFA}', 200).collect();
        assert_eq!(sort_key(Some(&long)).len(), MAX_KEY_BYTES);
    }

    #[test]
    fn no_name_sorts_first() {
        assert!(sort_key(None).is_empty());
        assert!(sort_key(None) < sort_key(Some("А")));
    }
}
