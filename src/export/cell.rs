//! Text put into a spreadsheet cell from the register: a value starting
//! with `=`, `+`, `-` or `@` (or a tab or carriage return) would be read
//! by a spreadsheet as a formula, so such a value is written with a
//! leading apostrophe, which spreadsheets show as text (OWASP's advice on
//! CSV injection). Numbers are written as numbers and need none of this,
//! and neither does text of digits, spaces and `+-().` alone (a phone
//! number such as `+7 701 123 45 67`): arithmetic on numbers runs nothing.

use std::borrow::Cow;

/// `text` safe to put in a cell: borrowed as it is, unless it needs the
/// apostrophe (a few cells of millions).
pub fn neutralised(text: &str) -> Cow<'_, str> {
    if !text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        return Cow::Borrowed(text);
    }
    let numeric = text
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')' | '.'));
    if numeric {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(format!("'{text}"))
    }
}

#[cfg(test)]
mod tests {
    use super::neutralised;

    #[test]
    fn formulas_become_text() {
        assert_eq!(neutralised("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralised("+1+cmd|' /C calc'!A0"), "'+1+cmd|' /C calc'!A0");
        assert_eq!(neutralised("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralised("-2+3+cmd|x"), "'-2+3+cmd|x");
        assert_eq!(neutralised("\t=1"), "'\t=1");
        // A phone number is left as it is.
        assert_eq!(neutralised("+7 (701) 123-45-67"), "+7 (701) 123-45-67");
        assert_eq!(neutralised("Әлихан"), "Әлихан");
    }
}
