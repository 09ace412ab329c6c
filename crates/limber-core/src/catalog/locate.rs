//! Finding places in RON text without a second parser: a small scanner that knows strings,
//! comments and brackets, enough to find each exercise and its fields.

use std::ops::Range;

/// Byte offset of a 1-based line and column (in characters); the end of the text when the
/// place lies beyond it.
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        Some(0)
    } else {
        text.match_indices('\n').nth(line - 2).map(|(i, _)| i + 1)
    };
    let Some(line_start) = line_start else {
        return text.len();
    };
    text[line_start..]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(text.len(), |(i, _)| line_start + i)
}

/// The last quoted text that starts before `before`, from its opening quote to just past
/// its closing one (or to the end of the text when it is never closed). Raw strings
/// (`r"..."`) are not counted.
pub fn last_string_before(text: &str, before: usize) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let mut last = None;
    scan(text, 0..before.min(text.len()), |offset, byte, _| {
        if byte == b'"' && bytes[offset] == b'"' {
            last = Some(offset);
        }
    });
    let start = last?;
    let mut i = start + 1;
    while i < bytes.len() && bytes[i] != b'"' {
        if bytes[i] == b'\\' {
            i += 1;
        }
        i += 1;
    }
    Some(start..(i + 1).min(text.len()))
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Byte offsets of structural characters at each depth, skipping strings and comments.
/// Calls `visit(offset, byte, depth_before)` for every significant byte outside strings
/// and comments; also reports the start of identifiers.
fn scan(text: &str, range: Range<usize>, mut visit: impl FnMut(usize, u8, usize)) {
    let bytes = text.as_bytes();
    let mut i = range.start;
    let mut depth = 0usize;
    while i < range.end.min(bytes.len()) {
        let b = bytes[i];
        match b {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    i += 1;
                }
                i += 2;
                continue;
            }
            b'r' if matches!(bytes.get(i + 1), Some(b'#' | b'"'))
                && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()) =>
            {
                let mut hashes = 0;
                let mut j = i + 1;
                while bytes.get(j) == Some(&b'#') {
                    hashes += 1;
                    j += 1;
                }
                if bytes.get(j) == Some(&b'"') {
                    visit(i, b'"', depth);
                    let closing: Vec<u8> = std::iter::once(b'"')
                        .chain(std::iter::repeat_n(b'#', hashes))
                        .collect();
                    j += 1;
                    while j < bytes.len() && !bytes[j..].starts_with(&closing) {
                        j += 1;
                    }
                    i = j + closing.len();
                    continue;
                }
            }
            b'"' => {
                visit(i, b'"', depth);
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                i += 1;
                continue;
            }
            b'(' | b'[' | b'{' => {
                visit(i, b, depth);
                depth += 1;
            }
            b')' | b']' | b'}' => {
                depth = depth.saturating_sub(1);
                visit(i, b, depth);
            }
            _ => visit(i, b, depth),
        }
        i += 1;
    }
}

/// Offset just after `field:` at the top depth of `range` (inside its outer brackets), or
/// `None` when the field is not written there.
pub fn field_value(text: &str, range: Range<usize>, field: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut found = None;
    let mut base_depth = None;
    scan(text, range, |offset, byte, depth| {
        if found.is_some() {
            return;
        }
        if base_depth.is_none() && matches!(byte, b'(' | b'[' | b'{') {
            base_depth = Some(depth + 1);
            return;
        }
        if Some(depth) != base_depth || !text.is_char_boundary(offset) {
            return;
        }
        let starts_word = offset == 0
            || !(bytes[offset - 1].is_ascii_alphanumeric() || bytes[offset - 1] == b'_');
        if starts_word && text[offset..].starts_with(field) {
            let rest = text[offset + field.len()..].trim_start();
            if rest.starts_with(':') {
                let colon = text.len() - rest.len();
                let value = colon + 1;
                let skipped = text[value..].len() - text[value..].trim_start().len();
                found = Some(value + skipped);
            }
        }
    });
    found
}

/// Where the value at `at` starts once a `Some(` around it is skipped (`at` itself when the
/// value is not written as `Some(...)`).
pub fn inside_some(text: &str, at: usize) -> usize {
    match text.get(at..) {
        Some(rest) if rest.starts_with("Some") => {
            let after = at + "Some".len();
            after + text[after..].find('(').map_or(0, |i| i + 1)
        }
        _ => at,
    }
}

/// The byte range of each element of the top-level `exercises: [...]` list, in order.
pub fn exercise_spans(text: &str) -> Vec<Range<usize>> {
    list_items(text, 0..text.len(), "exercises")
}

/// The byte range of each element of the list written as `field: [...]` at the top depth of
/// `range`, in order (none when the field is not written there).
pub fn list_items(text: &str, range: Range<usize>, field: &str) -> Vec<Range<usize>> {
    let Some(list_start) = field_value(text, range, field) else {
        return Vec::new();
    };
    let mut spans = Vec::new();
    let mut list_depth = None;
    let mut current: Option<usize> = None;
    let mut done = false;
    scan(text, list_start..text.len(), |offset, byte, depth| {
        if done {
            return;
        }
        let Some(inner) = list_depth else {
            if byte == b'[' {
                list_depth = Some(depth + 1);
            }
            return;
        };
        if depth == inner - 1 && byte == b']' {
            if let Some(start) = current.take() {
                spans.push(start..offset);
            }
            done = true;
        } else if depth == inner {
            if byte == b',' {
                if let Some(start) = current.take() {
                    spans.push(start..offset);
                }
            } else if current.is_none() && !byte.is_ascii_whitespace() {
                current = Some(offset);
            }
        }
    });
    spans
}
