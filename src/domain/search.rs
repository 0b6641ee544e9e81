//! Case-insensitive search of names (and of event titles) that works the
//! same on SQLite and PostgreSQL, for Kazakh and Russian Cyrillic as well
//! as Latin.
//!
//! SQLite's `LIKE` and `lower()` fold only ASCII, so `Әлия` would never
//! match `әлия` there. Instead of relying on the database, names and titles
//! are folded once in Rust when written (`volunteer.search_name`,
//! `event.search_title`) and the search text is folded the same way when
//! read; the database then compares folded text with a plain `LIKE`, which
//! is exact on both backends.
//!
//! Folding is Unicode lower-casing (Ә→ә, Ғ→ғ, Қ→қ, Ң→ң, Ө→ө, Ұ→ұ, Ү→ү,
//! Һ→һ, І→і and every Russian capital), plus `ё`→`е` because Russian text
//! is written both ways, and whitespace collapsed to single spaces.

/// The folded form of a name or of a search text.
pub fn fold(text: &str) -> String {
    let lowered = text.to_lowercase().replace('ё', "е");
    lowered.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The stored search key of a volunteer: the Cyrillic and Latin names.
pub fn search_key(full_name: &str, latin_name: Option<&str>) -> String {
    match latin_name {
        Some(latin) if !latin.trim().is_empty() => fold(&format!("{full_name} {latin}")),
        _ => fold(full_name),
    }
}

/// A `LIKE` pattern matching folded text that contains `needle`, with the
/// pattern characters of the needle escaped (use with `ESCAPE '\'`).
pub fn contains_pattern(needle: &str) -> String {
    let mut pattern = String::from("%");
    for c in fold(needle).chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kazakh_and_russian_capitals_fold() {
        assert_eq!(fold("ӘЛИЯ ҒАЛЫМҚЫЗЫ"), "әлия ғалымқызы");
        assert_eq!(fold("ҢӨҰҮҺІ"), "ңөұүһі");
        assert_eq!(fold("Семён  ЁЛКИН"), "семен елкин");
        assert_eq!(
            search_key("Нұрсұлтан Әбішев", Some("Nursultan Abishev")),
            "нұрсұлтан әбішев nursultan abishev"
        );
    }

    #[test]
    fn like_metacharacters_are_escaped() {
        assert_eq!(contains_pattern("50%_x"), "%50\\%\\_x%");
    }
}
