//! Messages people read, in Kazakh, Russian and English: an id of the
//! catalogues (`messages/*.ftl`, Project Fluent's format, so plurals follow
//! each language's rules) and the values it mentions.
//!
//! A refusal carries its `Message`, not finished text: the language is the
//! reader's, known only where the response is written (`Accept-Language`),
//! and a refusal kept with an idempotency key is replayed in the language
//! of the request that replays it. The English text is what logs and
//! programs that ask for nothing get.

use crate::i18n::Lang;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::sync::LazyLock;

/// A message of the catalogues and its values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub id: Cow<'static, str>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<(Cow<'static, str>, Arg)>,
}

/// A value a message mentions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Arg {
    /// Shown as given: a name, a code, a date, a field's path.
    Text(String),
    /// A count or an amount: chooses the plural form.
    Number(i64),
    /// An enum value (`EventStatus`, `CANCELLED`), shown by its label in
    /// the reader's language, in lower case as words in a sentence are.
    Label { r#enum: String, value: String },
    /// Another message, rendered in the same language (a reason inside a
    /// sentence).
    Message(Box<Message>),
}

impl From<&str> for Arg {
    fn from(v: &str) -> Self {
        Arg::Text(v.to_owned())
    }
}

impl From<String> for Arg {
    fn from(v: String) -> Self {
        Arg::Text(v)
    }
}

impl From<&String> for Arg {
    fn from(v: &String) -> Self {
        Arg::Text(v.clone())
    }
}

impl From<Message> for Arg {
    fn from(v: Message) -> Self {
        Arg::Message(Box::new(v))
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(v: $t) -> Self {
                Arg::Number(i64::try_from(v).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_args!(i32, i64, u32, u64, usize);

impl Arg {
    /// An enum value shown by its label.
    pub fn label(r#enum: &str, value: &str) -> Arg {
        Arg::Label {
            r#enum: r#enum.to_owned(),
            value: value.to_owned(),
        }
    }
}

/// `msg!("event-full", capacity = 20)`: the message `event-full` of the
/// catalogues with its values.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Message::new($id)
            $(.arg(stringify!($name), $value))*
    };
}

impl Message {
    pub fn new(id: &'static str) -> Self {
        Message {
            id: Cow::Borrowed(id),
            args: Vec::new(),
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((Cow::Borrowed(name), value.into()));
        self
    }

    /// The message in `lang`; English where the catalogue of `lang` lacks
    /// it, the id itself where every catalogue does (a test keeps the
    /// catalogues complete, so that is a bug, never a crash).
    pub fn render(&self, lang: Lang) -> String {
        [lang, Lang::En]
            .into_iter()
            .find_map(|l| self.render_in(l))
            .unwrap_or_else(|| self.id.to_string())
    }

    /// The English text, for logs and for clients that ask for nothing.
    pub fn english(&self) -> String {
        self.render(Lang::En)
    }

    fn render_in(&self, lang: Lang) -> Option<String> {
        let bundle = &BUNDLES[lang as usize];
        let pattern = bundle.get_message(&self.id)?.value()?;
        let mut args = FluentArgs::new();
        for (name, value) in &self.args {
            let value = match value {
                Arg::Text(s) => FluentValue::from(s.as_str()),
                Arg::Number(n) => FluentValue::from(*n),
                Arg::Label { r#enum, value } => FluentValue::from(label(lang, r#enum, value)),
                Arg::Message(inner) => FluentValue::from(inner.render(lang)),
            };
            args.set(name.as_ref(), value);
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
        if !errors.is_empty() {
            tracing::warn!(id = %self.id, lang = lang.tag(), ?errors, "message rendered with errors");
        }
        Some(text.into_owned())
    }
}

/// The English text (logs, tests and the CLI write it).
impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.english())
    }
}

/// A label in lower case, the way it stands inside a sentence; the value
/// itself when it has no label.
fn label(lang: Lang, r#enum: &str, value: &str) -> String {
    match super::labels::find(r#enum, value) {
        Some(found) => {
            let text = found.text(lang);
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => String::new(),
            }
        }
        None => value.to_owned(),
    }
}

/// The catalogues, in `Lang` order.
pub(crate) const CATALOGUES: [(Lang, &str); 3] = [
    (Lang::Kk, include_str!("messages/kk.ftl")),
    (Lang::Ru, include_str!("messages/ru.ftl")),
    (Lang::En, include_str!("messages/en.ftl")),
];

static BUNDLES: LazyLock<Vec<FluentBundle<FluentResource>>> = LazyLock::new(|| {
    CATALOGUES
        .iter()
        .map(|(lang, text)| {
            let mut bundle = FluentBundle::new_concurrent(vec![lang.langid()]);
            // Isolation marks would reach clients as invisible characters
            // around every value; all three languages run left to right.
            bundle.set_use_isolating(false);
            let resource =
                FluentResource::try_new((*text).to_owned()).unwrap_or_else(|(res, errors)| {
                    tracing::error!(lang = lang.tag(), ?errors, "message catalogue has errors");
                    res
                });
            if let Err(errors) = bundle.add_resource(resource) {
                tracing::error!(lang = lang.tag(), ?errors, "message catalogue repeats ids");
            }
            bundle
        })
        .collect()
});

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_syntax::ast;
    use std::collections::{BTreeMap, BTreeSet};

    /// Each catalogue's messages and the variables each one uses.
    fn catalogue(text: &str) -> BTreeMap<String, BTreeSet<String>> {
        let resource = fluent_syntax::parser::parse(text).unwrap_or_else(|(_, errors)| {
            panic!("a catalogue does not parse: {errors:?}");
        });
        let mut found = BTreeMap::new();
        for entry in resource.body {
            if let ast::Entry::Message(m) = entry {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    variables(p, &mut vars);
                }
                assert!(
                    found.insert(m.id.name.to_owned(), vars).is_none(),
                    "{} is defined twice",
                    m.id.name
                );
            }
        }
        found
    }

    fn variables(pattern: &ast::Pattern<&str>, into: &mut BTreeSet<String>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                expression_variables(expression, into);
            }
        }
    }

    fn expression_variables(e: &ast::Expression<&str>, into: &mut BTreeSet<String>) {
        match e {
            ast::Expression::Select { selector, variants } => {
                inline_variables(selector, into);
                for v in variants {
                    variables(&v.value, into);
                }
            }
            ast::Expression::Inline(inline) => inline_variables(inline, into),
        }
    }

    fn inline_variables(e: &ast::InlineExpression<&str>, into: &mut BTreeSet<String>) {
        match e {
            ast::InlineExpression::VariableReference { id } => {
                into.insert(id.name.to_owned());
            }
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                for a in &arguments.positional {
                    inline_variables(a, into);
                }
            }
            ast::InlineExpression::Placeable { expression } => {
                expression_variables(expression, into)
            }
            _ => {}
        }
    }

    #[test]
    fn every_language_has_every_message_with_the_same_values() {
        let [(_, kk), (_, ru), (_, en)] = CATALOGUES;
        let en = catalogue(en);
        for (lang, other) in [("kk", catalogue(kk)), ("ru", catalogue(ru))] {
            let missing: Vec<_> = en.keys().filter(|k| !other.contains_key(*k)).collect();
            assert!(missing.is_empty(), "{lang} lacks {missing:?}");
            let extra: Vec<_> = other.keys().filter(|k| !en.contains_key(*k)).collect();
            assert!(
                extra.is_empty(),
                "{lang} has messages English lacks: {extra:?}"
            );
            for (id, vars) in &en {
                assert_eq!(&other[id], vars, "{lang} `{id}` mentions other values");
            }
        }
    }

    /// Every `msg!("id", a = …)` in the sources names a message of the
    /// catalogues and gives exactly the values it uses.
    #[test]
    fn every_message_the_code_sends_is_in_the_catalogue() {
        let en = catalogue(CATALOGUES[2].1);
        let mut used = 0;
        let mut problems = Vec::new();
        let mut pending = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(dir) = pending.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    pending.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    for (id, names) in uses(&text) {
                        used += 1;
                        match en.get(&id) {
                            None => problems
                                .push(format!("{}: `{id}` is not in en.ftl", path.display())),
                            Some(vars) if *vars != names => problems.push(format!(
                                "{}: `{id}` gives {names:?}, the catalogue uses {vars:?}",
                                path.display()
                            )),
                            Some(_) => {}
                        }
                    }
                }
            }
        }
        assert!(used > 100, "only {used} messages found: is the scan right?");
        assert!(problems.is_empty(), "{problems:#?}");
    }

    /// The messages a source file sends: `msg!("id"` followed by the names
    /// of its `name = value` pairs up to the closing parenthesis.
    fn uses(text: &str) -> Vec<(String, BTreeSet<String>)> {
        let mut found = Vec::new();
        for (at, _) in text.match_indices("msg!(\"") {
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            if text[line_start..at].trim_start().starts_with("//") {
                continue;
            }
            let rest = &text[at + 6..];
            let Some(end) = rest.find('"') else { continue };
            let id = rest[..end].to_owned();
            let mut depth = 1;
            let mut args = String::new();
            for c in rest[end + 1..].chars() {
                match c {
                    '(' | '[' | '{' => depth += 1,
                    ')' | ']' | '}' => depth -= 1,
                    _ => {}
                }
                if depth == 0 {
                    break;
                }
                if depth == 1 {
                    args.push(c);
                }
            }
            let names = args
                .split(',')
                .filter_map(|part| {
                    let (name, _) = part.split_once('=')?;
                    let name = name.trim();
                    (!name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_'))
                        .then(|| name.to_owned())
                })
                .collect();
            found.push((id, names));
        }
        found
    }

    #[test]
    fn russian_counts_take_their_plural_forms() {
        let age = |n: i64| msg!("below-minimum-age", min_age = 14, age = n).render(Lang::Ru);
        assert!(age(1).ends_with("1 год"), "{}", age(1));
        assert!(age(21).ends_with("21 год"), "{}", age(21));
        assert!(age(3).ends_with("3 года"), "{}", age(3));
        assert!(age(11).ends_with("11 лет"), "{}", age(11));
        assert!(age(25).ends_with("25 лет"), "{}", age(25));
    }

    #[test]
    fn a_value_is_shown_without_invisible_marks() {
        let text = msg!("not-a-region", code = "KZ-99").render(Lang::Kk);
        assert!(text.contains("KZ-99"), "{text}");
        assert!(!text.contains('\u{2068}'), "{text:?}");
    }

    #[test]
    fn a_kept_message_reads_back_the_same() {
        let m =
            msg!("event-full", capacity = 3).arg("status", Arg::label("EventStatus", "CANCELLED"));
        let kept = serde_json::to_string(&m).unwrap();
        assert_eq!(serde_json::from_str::<Message>(&kept).unwrap(), m);
    }
}
