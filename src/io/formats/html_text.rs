//! Plain text out of the small HTML OVA keeps its source text in, with the
//! char spans of elements that carry an `id` (OVA's
//! `<span class="highlighted" id="node12">…</span>`).

use std::collections::HashMap;
use std::ops::Range;

/// The text and, per element id, its char span in that text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Highlighted {
    pub text: String,
    pub spans: HashMap<String, Range<usize>>,
}

/// Reads OVA's HTML: `<br>` and the start of a `<div>`/`<p>` are line
/// breaks, entities are decoded, other markup is dropped. Raw line breaks
/// count only when the HTML has no `<br>` at all
/// (otherwise they are source formatting and dropped).
pub fn read(html: &str) -> Highlighted {
    let lower = html.to_ascii_lowercase();
    let raw_newlines = !lower.contains("<br");
    let mut out = Highlighted::default();
    let mut chars = 0usize;
    // Open elements: (tag name, id if any, char offset at open).
    let mut open: Vec<(String, Option<String>, usize)> = Vec::new();
    let mut rest = html;
    let push = |out: &mut Highlighted, chars: &mut usize, c: char| {
        out.text.push(c);
        *chars += 1;
    };
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
        {
            let tag = &rest[1..end];
            rest = &rest[end + 1..];
            let closing = tag.starts_with('/');
            let body = tag.trim_start_matches('/').trim_end_matches('/');
            let name = body
                .split(|c: char| c.is_whitespace())
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase();
            match (closing, name.as_str()) {
                (false, "br") => push(&mut out, &mut chars, '\n'),
                (false, "div" | "p") if !out.text.is_empty() && !out.text.ends_with('\n') => {
                    push(&mut out, &mut chars, '\n');
                }
                _ => {}
            }
            if tag.ends_with('/') || name == "br" {
                continue;
            }
            if closing {
                if let Some(i) = open.iter().rposition(|(n, _, _)| *n == name) {
                    let (_, id, start) = open.remove(i);
                    if let Some(id) = id {
                        out.spans.insert(id, start..chars);
                    }
                    open.truncate(i);
                }
            } else {
                open.push((name, attribute(body, "id"), chars));
            }
            continue;
        }
        if c == '&'
            && let Some((end, _)) = rest.char_indices().take(12).find(|&(_, c)| c == ';')
            && let Some(d) = entity(&rest[1..end])
        {
            push(&mut out, &mut chars, d);
            rest = &rest[end + 1..];
            continue;
        }
        rest = &rest[c.len_utf8()..];
        match c {
            '\r' => {}
            '\n' if !raw_newlines => {}
            c => push(&mut out, &mut chars, c),
        }
    }
    out
}

/// The value of `name="…"` (or single-quoted) in a tag body.
fn attribute(body: &str, name: &str) -> Option<String> {
    let mut from = 0;
    while let Some(at) = body[from..].find(name) {
        let i = from + at;
        let before_ok = i == 0 || body[..i].ends_with(char::is_whitespace);
        let after = body[i + name.len()..].trim_start();
        if before_ok && let Some(v) = after.strip_prefix('=') {
            let v = v.trim_start();
            let q = v.chars().next()?;
            if q == '"' || q == '\'' {
                let inner = &v[1..];
                return inner.find(q).map(|e| inner[..e].to_owned());
            }
            return v.split_whitespace().next().map(str::to_owned);
        }
        from = i + name.len();
    }
    None
}

/// The char an HTML entity (without `&` and `;`) stands for.
fn entity(e: &str) -> Option<char> {
    Some(match e {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        _ => {
            let n = e.strip_prefix('#')?;
            let code = match n.strip_prefix(['x', 'X']) {
                Some(h) => u32::from_str_radix(h, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(code)?
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_breaks_and_entities() {
        let h = read(
            r#"Intro &amp; more<br><span class="highlighted" id="node7">Trade rose</span>, so <span class='highlighted' id="node9">we&#39;ll act</span><div>Next</div>"#,
        );
        assert_eq!(h.text, "Intro & more\nTrade rose, so we'll act\nNext");
        let span = |id: &str| {
            let r = h.spans[id].clone();
            h.text
                .chars()
                .skip(r.start)
                .take(r.len())
                .collect::<String>()
        };
        assert_eq!(span("node7"), "Trade rose");
        assert_eq!(span("node9"), "we'll act");
    }

    #[test]
    fn raw_newlines_count_only_without_br() {
        assert_eq!(read("a\nb").text, "a\nb");
        // A bare ampersand before multi-byte text is kept, not a panic.
        assert_eq!(read("R&Déé;x &#x1F600;").text, "R&Déé;x 😀");
        assert_eq!(read("a<br>\nb").text, "a\nb");
    }
}
