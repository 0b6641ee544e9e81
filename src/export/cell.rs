//! Text put into a spreadsheet cell from the register: a value starting
//! with `=`, `+`, `-` or `@` (or a tab or carriage return) would be read
//! by a spreadsheet as a formula, so such a value is written with a
//! leading apostrophe, which spreadsheets show as text (OWASP's advice on
//! CSV injection). Numbers are written as numbers and need none of this,
//! and neither does text of digits, spaces and `+-().` alone (a phone
//! number such as `+7 701 123 45 67`): arithmetic on numbers runs nothing.

/// `text` safe to put in a cell.
pub fn neutralised(text: &str) -> String {
    let numeric = text
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')' | '.'));
    if !numeric && text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
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
