//! The language of a page or an answer: Kazakh, Russian or English, chosen
//! by an explicit choice when given (`?lang=`, an argument), else by the
//! client's `Accept-Language` (its weights honoured), else a fallback.

use axum::http::{HeaderMap, header};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Kk,
    Ru,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];

    /// The BCP 47 tag (`kk`, `ru`, `en`).
    pub const fn tag(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// The language identifier message catalogues are built for.
    pub fn langid(self) -> unic_langid::LanguageIdentifier {
        match self {
            Lang::Kk => unic_langid::langid!("kk"),
            Lang::Ru => unic_langid::langid!("ru"),
            Lang::En => unic_langid::langid!("en"),
        }
    }

    /// The language of a request's `Accept-Language`, English when it
    /// names none of ours (what messages fall back to).
    pub fn of_headers(headers: &HeaderMap) -> Lang {
        Lang::negotiate(None, headers, Lang::En)
    }

    /// The language a tag asks for: its primary subtag (`ru-KZ` is `ru`).
    pub fn of_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?;
        Lang::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(primary))
    }

    /// The best of our languages for an `Accept-Language` value: the
    /// highest weight wins, the earlier on a tie; `None` when it names none
    /// of them.
    pub fn from_accept_language(value: &str) -> Option<Lang> {
        let mut best: Option<(Lang, f32)> = None;
        for item in value.split(',') {
            let mut parts = item.split(';');
            let Some(lang) = parts.next().and_then(Lang::of_tag) else {
                continue;
            };
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())
                .unwrap_or(0.0);
            if weight > 0.0 && best.is_none_or(|(_, w)| weight > w) {
                best = Some((lang, weight));
            }
        }
        best.map(|(lang, _)| lang)
    }

    /// The language of a request: `?lang=` (given as `asked`), then
    /// `Accept-Language`, then `fallback`.
    pub fn negotiate(asked: Option<&str>, headers: &HeaderMap, fallback: Lang) -> Lang {
        asked
            .and_then(Lang::of_tag)
            .or_else(|| {
                headers
                    .get(header::ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok())
                    .and_then(Lang::from_accept_language)
            })
            .unwrap_or(fallback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_decide_and_regions_do_not_matter() {
        assert_eq!(
            Lang::from_accept_language("ru-KZ,ru;q=0.9,en;q=0.8"),
            Some(Lang::Ru)
        );
        assert_eq!(Lang::from_accept_language("en;q=0.5, kk"), Some(Lang::Kk));
        assert_eq!(
            Lang::from_accept_language("de, EN-gb;q=0.7"),
            Some(Lang::En)
        );
        assert_eq!(Lang::from_accept_language("de, fr"), None);
        assert_eq!(
            Lang::from_accept_language("ru;q=0, en;q=0.1"),
            Some(Lang::En)
        );
        assert_eq!(Lang::from_accept_language("ru;q=bad"), None);
        assert_eq!(Lang::from_accept_language(""), None);
    }

    #[test]
    fn the_query_parameter_comes_first() {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_LANGUAGE, "ru".parse().unwrap());
        assert_eq!(Lang::negotiate(Some("en"), &headers, Lang::Kk), Lang::En);
        assert_eq!(Lang::negotiate(Some("xx"), &headers, Lang::Kk), Lang::Ru);
        assert_eq!(Lang::negotiate(None, &HeaderMap::new(), Lang::Kk), Lang::Kk);
    }
}
