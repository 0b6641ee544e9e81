//! Text put into a spreadsheet cell from the register: a value starting
//! with `=`, `+`, `-` or `@` (or a tab or carriage return) would be read
//! by a spreadsheet as a formula, so such a value is written with a
//! leading apostrophe, which spreadsheets show as text (OWASP's advice on
//! CSV injection). Numbers are written as numbers and need none of this.

/// `text` safe to put in a cell.
pub fn neutralised(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
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
        assert_eq!(neutralised("+7 701"), "'+7 701");
        assert_eq!(neutralised("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralised("-1"), "'-1");
        assert_eq!(neutralised("Әлихан"), "Әлихан");
    }
}
