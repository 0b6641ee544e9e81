//! Whether two written names are probably the same person's, across the
//! three ways Kazakhstan writes them: Kazakh Cyrillic («Әлихан Сейітқали»),
//! the Kazakh Latin alphabet of January 2021 ("Älihan Seiıtqali") and the
//! transliteration of passports ("Alikhan Seitkali", ICAO Doc 9303 as the
//! Russian Federal Migration Service's order No. 320 of 2014 and Kazakh
//! passports apply it).
//!
//! Each name is reduced to a *skeleton*: lower case, every script mapped
//! onto one plain Latin spelling by the tables below (data, with their
//! sources named), diacritics dropped, runs of one letter collapsed (the
//! transliterations differ on «йі» → "ii"/"i"), and the words sorted, so
//! the order of given and family names does not matter. Equal skeletons
//! are the same name; skeletons within a small edit distance
//! (Jaro–Winkler similarity, `strsim`) are a probable match: for a person to
//! decide, never merged on its own.

use unicode_normalization::UnicodeNormalization;

/// Kazakh and Russian Cyrillic letters to the skeleton's Latin, where the
/// three spellings agree best: the passport spelling for the letters they
/// share (ш sh, ч ch, ц ts, ю iu, я ia; ICAO Doc 9303, Part 3, table of
/// Cyrillic), the Kazakh letters by their closest plain letter (ә a, ғ g,
/// қ k, ң n, ө o, ұ u, ү u, һ h, і i), and ж, х by the forms the folding of
/// Latin below also reaches (j, h).
const CYRILLIC: &[(char, &str)] = &[
    ('а', "a"),
    ('ә', "a"),
    ('б', "b"),
    ('в', "v"),
    ('г', "g"),
    ('ғ', "g"),
    ('д', "d"),
    ('е', "e"),
    ('ё', "e"),
    ('ж', "j"),
    ('з', "z"),
    ('и', "i"),
    ('й', "i"),
    ('к', "k"),
    ('қ', "k"),
    ('л', "l"),
    ('м', "m"),
    ('н', "n"),
    ('ң', "n"),
    ('о', "o"),
    ('ө', "o"),
    ('п', "p"),
    ('р', "r"),
    ('с', "s"),
    ('т', "t"),
    ('у', "u"),
    ('ұ', "u"),
    ('ү', "u"),
    ('ф', "f"),
    ('х', "h"),
    ('һ', "h"),
    ('ц', "ts"),
    ('ч', "ch"),
    ('ш', "sh"),
    ('щ', "sh"),
    ('ъ', ""),
    ('ы', "y"),
    ('і', "i"),
    ('ь', ""),
    ('э', "e"),
    ('ю', "iu"),
    ('я', "ia"),
];

/// Letters of the Kazakh Latin alphabet of 28 January 2021 whose plain
/// form is not simply the letter without its mark: ş is ш (sh), q is қ
/// (k), ı (dotless) is і (i).
const LATIN: &[(char, &str)] = &[('ş', "sh"), ('q', "k"), ('ı', "i")];

/// Latin digraphs of the passport spelling that the Kazakh Latin writes
/// with one letter: kh is х (h), zh is ж (j).
const DIGRAPHS: &[(&str, &str)] = &[("kh", "h"), ("zh", "j")];

/// The skeleton of one word.
fn word(w: &str) -> String {
    let mut latin = String::with_capacity(w.len());
    for c in w.chars().flat_map(char::to_lowercase) {
        if let Some((_, to)) = CYRILLIC.iter().chain(LATIN).find(|(from, _)| *from == c) {
            latin.push_str(to);
        } else {
            latin.push(c);
        }
    }
    // Diacritics off (ä, ğ, ñ, ö, ū, ü → a, g, n, o, u, u), letters only.
    let mut plain: String = latin.nfd().filter(|c| c.is_ascii_alphabetic()).collect();
    for (from, to) in DIGRAPHS {
        plain = plain.replace(from, to);
    }
    let mut skeleton = String::with_capacity(plain.len());
    for c in plain.chars() {
        if !skeleton.ends_with(c) {
            skeleton.push(c);
        }
    }
    skeleton
}

/// The skeleton of a full name: its words' skeletons, sorted.
pub fn skeleton(name: &str) -> String {
    let mut words: Vec<String> = name
        .split(|c: char| c.is_whitespace() || c == '-' || c == ',')
        .map(word)
        .filter(|w| !w.is_empty())
        .collect();
    words.sort();
    words.join(" ")
}

/// Jaro–Winkler similarity of two skeletons from which names count as a
/// probable match (one or two letters apart in a full name).
const PROBABLE: f64 = 0.93;

/// How two names compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Likeness {
    /// The same skeleton: the same name in another script or order.
    Same,
    /// Close skeletons: probably the same, for a person to check.
    Probable,
    Different,
}

pub fn compare(a: &str, b: &str) -> Likeness {
    let (a, b) = (skeleton(a), skeleton(b));
    if a.is_empty() || b.is_empty() {
        return Likeness::Different;
    }
    if a == b {
        Likeness::Same
    } else if strsim::jaro_winkler(&a, &b) >= PROBABLE {
        Likeness::Probable
    } else {
        Likeness::Different
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_name_in_three_scripts_is_the_same_name() {
        let kazakh = "Әлихан Сейітқали";
        for other in [
            "Alikhan Seitkali",
            "Älihan Seiıtqali",
            "Алихан Сеиткали",
            "СЕЙІТҚАЛИ Әлихан",
            "seitkali, alikhan",
        ] {
            assert_eq!(
                compare(kazakh, other),
                Likeness::Same,
                "{other}: {} vs {}",
                skeleton(kazakh),
                skeleton(other)
            );
        }
        assert_eq!(
            compare("Жанар Құрманова", "Zhanar Kurmanova"),
            Likeness::Same
        );
        assert_eq!(
            compare("Жанар Құрманова", "Janar Qūrmanova"),
            Likeness::Same
        );
        assert_eq!(
            compare("Шынар Өтегенова", "Shynar Otegenova"),
            Likeness::Same
        );
        assert_eq!(
            compare("Шынар Өтегенова", "Şynar Ötegenova"),
            Likeness::Same
        );
        assert_eq!(
            compare("Юлия Щербакова", "Iuliia Shcherbakova"),
            Likeness::Probable
        );
    }

    #[test]
    fn near_spellings_are_probable_and_others_different() {
        // The Russian spelling of a Kazakh name folds onto it.
        assert_eq!(compare("Айгүл Серікова", "Айгуль Серикова"), Likeness::Same);
        // A letter mistyped is probably the same person: for a person to check.
        assert_eq!(
            compare("Айгүл Серікова", "Айгүл Серікора"),
            Likeness::Probable
        );
        assert_eq!(
            compare("Айгүл Серікова", "Бекзат Оразов"),
            Likeness::Different
        );
        assert_eq!(compare("", "Бекзат Оразов"), Likeness::Different);
        assert_eq!(compare("—", "…"), Likeness::Different);
    }
}
