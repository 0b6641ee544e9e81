//! How deeply a GraphQL document nests its brackets, found by one linear
//! scan of the text before anything parses it.
//!
//! The parser descends recursively into selection sets (`{`), list values
//! (`[`) and argument lists and input objects (`(`, `{`): a document of a
//! few kilobytes nesting a thousand levels overflows the stack and aborts
//! the whole process before any depth or complexity rule could look at it.
//! Counting brackets is enough to bound that recursion, and it is cheap:
//! one pass over the bytes, no allocation, stopping at the first bracket
//! past the bound. Brackets inside strings, block strings and comments are
//! text, not structure, and are not counted.

/// Whether `document` nests its brackets deeper than `max`; stops reading
/// at the first bracket past the bound.
pub fn exceeds(document: &str, max: usize) -> bool {
    let bytes = document.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'[' | b'(' => {
                depth += 1;
                if depth > max {
                    return true;
                }
            }
            // An unbalanced closing bracket is the parser's to report.
            b'}' | b']' | b')' => depth = depth.saturating_sub(1),
            b'#' => i = end_of_comment(bytes, i),
            b'"' if bytes[i..].starts_with(BLOCK_QUOTE) => i = end_of_block_string(bytes, i),
            b'"' => i = end_of_string(bytes, i),
            _ => {}
        }
        i += 1;
    }
    false
}

const BLOCK_QUOTE: &[u8] = b"\"\"\"";

/// The index of the line end closing the comment that starts at `start`
/// (or the last byte).
fn end_of_comment(bytes: &[u8], start: usize) -> usize {
    bytes[start..]
        .iter()
        .position(|b| matches!(b, b'\n' | b'\r'))
        .map_or(bytes.len(), |n| start + n)
}

/// The index of the quote closing the string that opens at `start`; `\`
/// escapes the next byte. An unterminated string (which GraphQL forbids to
/// span lines) ends at the line end, so that the rest of the document is
/// still scanned as structure.
fn end_of_string(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'"' | b'\n' | b'\r' => return i,
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// The index of the last quote of the `"""` closing the block string that
/// opens at `start`; `\"""` is an escaped delimiter, not the end.
fn end_of_block_string(bytes: &[u8], start: usize) -> usize {
    let mut i = start + BLOCK_QUOTE.len();
    while i < bytes.len() {
        if bytes[i..].starts_with(b"\\\"\"\"") {
            i += 4;
            continue;
        }
        if bytes[i..].starts_with(BLOCK_QUOTE) {
            return i + BLOCK_QUOTE.len() - 1;
        }
        i += 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::exceeds;

    fn nested(open: &str, inner: &str, close: &str, depth: usize) -> String {
        format!("{}{inner}{}", open.repeat(depth), close.repeat(depth))
    }

    #[test]
    fn counts_every_kind_of_bracket() {
        let list = format!("{{ a(first: {}) }}", nested("[", "1", "]", 62));
        // The selection set and the argument list add two levels.
        assert!(!exceeds(&list, 64));
        assert!(exceeds(&list, 63));
        let objects = format!("{{ a(f: {}) }}", nested("{and: ", "{}", "}", 61));
        assert!(!exceeds(&objects, 64));
        assert!(exceeds(&objects, 63));
        let selections = nested("{ a ", "b", " }", 64);
        assert!(!exceeds(&selections, 64));
        assert!(exceeds(&selections, 63));
    }

    #[test]
    fn closing_brackets_bring_the_depth_back() {
        let siblings = "{ a(x: [1]) b(y: {z: [2]}) c { d } }".repeat(1_000);
        assert!(!exceeds(&siblings, 4));
        assert!(exceeds(&siblings, 3));
        // Stray closers neither underflow nor hide what follows.
        assert!(exceeds(&format!("}}]]{}", "[".repeat(5)), 4));
    }

    #[test]
    fn brackets_in_strings_and_comments_are_text() {
        let deep = "[".repeat(100);
        for document in [
            format!(r#"{{ a(s: "{deep}") }}"#),
            format!(r#"{{ a(s: "\"{deep}\\") }}"#),
            format!("{{ a(s: \"\"\"{deep}\n{deep}\"\"\") }}"),
            format!("{{ a(s: \"\"\"\\\"\"\"{deep}\"\"\") }}"),
            format!("{{ a # {deep}\n b }}"),
            format!("{{ a # {deep}\r b }}"),
        ] {
            assert!(!exceeds(&document, 3), "{document}");
        }
        // The text after a string or a comment is structure again.
        for document in [
            format!(r#"{{ a(s: "\"") b(x: {deep}) }}"#),
            format!("{{ a(s: \"\"\"x\"\"\") b(x: {deep}) }}"),
            format!("{{ a # x\n b(x: {deep}) }}"),
            // An unterminated string ends at its line.
            format!("{{ a(s: \"x\n{deep}"),
        ] {
            assert!(exceeds(&document, 64), "{document}");
        }
    }

    #[test]
    fn unterminated_text_ends_the_scan_without_panicking() {
        for document in ["\"", "\"\\", "\"\"\"", "\"\"\"\\\"\"\"", "#", "{\"", ""] {
            assert!(!exceeds(document, 1), "{document}");
        }
    }

    #[test]
    fn the_crash_documents_of_the_review_are_caught() {
        let list = format!("{{ a(first: {}) }}", nested("[", "1", "]", 1_750));
        let objects = format!("{{ a(filter: {}) }}", nested("{and: ", "{}", "}", 1_200));
        assert!(exceeds(&list, 64));
        assert!(exceeds(&objects, 64));
    }
}
