//! Argdown export: every unit a statement `[u12]: text #tag {start: …, end: …}`,
//! single-source support and attack as `<+ [u3]` / `<- [u3]` under their
//! target, linked arguments as `<r4>` with a premise–conclusion structure
//! (a linked attack concludes a statement `[r4 conclusion]` that attacks the
//! target), scenarios as sections (`# Name {scenario: "s1", …}`), which
//! Argdown turns into groups. Rephrase, which Argdown lacks, is a comment.

use crate::model::{ArgumentMap, Relation, RelationKind, Unit};
use std::fmt::Write;

/// Characters Argdown gives a meaning to; escaped with a backslash in text.
const SPECIAL: &[char] = &[
    '\\', '[', ']', '<', '>', '#', '*', '_', '{', '}', '@', '/', '%', '+', '=', '~', '^', '|', '$',
    '&', '`',
];

/// Statement text: one line, Argdown's special characters escaped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in super::one_line(s).chars() {
        if SPECIAL.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A tag as Argdown writes it: `#Claim`, or `#(Main claim)` with spaces.
fn tag(name: &str) -> String {
    if name.chars().all(|c| c.is_alphanumeric() || c == '-') {
        format!("#{name}")
    } else {
        let clean: String = name.chars().filter(|c| !matches!(c, '(' | ')')).collect();
        format!("#({clean})")
    }
}

/// A YAML/JSON string literal for data blocks and front matter.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// Writes the map as Argdown; `title` is used when the map has none.
pub fn to_argdown(map: &ArgumentMap, title: &str) -> String {
    let mut s = String::new();
    let meta = map.meta();
    let title = if meta.title.is_empty() {
        title
    } else {
        &meta.title
    };
    let _ = writeln!(s, "===\ntitle: {}", quoted(title));
    if !meta.author.is_empty() {
        let _ = writeln!(s, "author: {}", quoted(&meta.author));
    }
    if !meta.source_url.is_empty() {
        let _ = writeln!(s, "source: {}", quoted(&meta.source_url));
    }
    let _ = writeln!(s, "generator: \"Argmark\"\n===\n");
    let _ = writeln!(
        s,
        "// Units of the text as statements; {{start, end}} are char offsets into the source text.\n"
    );
    let ungrouped: Vec<&Unit> = map
        .units()
        .iter()
        .filter(|u| {
            u.scenario
                .as_ref()
                .and_then(|id| map.scenario(id))
                .is_none()
        })
        .collect();
    for u in ungrouped {
        statement(&mut s, map, u);
    }
    let linked: Vec<&Relation> = map
        .relations()
        .iter()
        .filter(|r| r.sources.len() > 1 && r.kind != RelationKind::Rephrase)
        .collect();
    for r in linked {
        argument(&mut s, map, r);
    }
    for r in map
        .relations()
        .iter()
        .filter(|r| r.kind == RelationKind::Rephrase)
    {
        let sources: Vec<String> = r.sources.iter().map(|u| format!("[{u}]")).collect();
        let _ = writeln!(
            s,
            "// rephrase {}: {} restate(s) [{}]\n",
            r.id,
            sources.join(" + "),
            r.target
        );
    }
    for sc in map.scenarios() {
        let mut data = vec![format!("scenario: {}", quoted(sc.id.as_str()))];
        if !sc.hedge.is_empty() {
            data.push(format!("hedge: {}", quoted(&sc.hedge)));
        }
        if !sc.description.is_empty() {
            data.push(format!(
                "description: {}",
                quoted(&super::one_line(&sc.description))
            ));
        }
        if !sc.depends_on.is_empty() {
            let deps: Vec<String> = sc.depends_on.iter().map(|d| quoted(d.as_str())).collect();
            data.push(format!("depends_on: [{}]", deps.join(", ")));
        }
        let _ = writeln!(s, "# {} {{{}}}\n", escape(&sc.name), data.join(", "));
        for u in map.units_in(&sc.id) {
            statement(&mut s, map, u);
        }
    }
    s
}

/// One statement with its data and the single-source relations into it.
fn statement(s: &mut String, map: &ArgumentMap, u: &Unit) {
    let mut data = format!("start: {}, end: {}", u.start, u.end);
    if !u.note.is_empty() {
        let _ = write!(data, ", note: {}", quoted(&super::one_line(&u.note)));
    }
    let _ = writeln!(
        s,
        "[{}]: {} {} {{{data}}}",
        u.id,
        escape(&u.quote),
        tag(&u.kind)
    );
    for r in map
        .relations()
        .iter()
        .filter(|r| r.target == u.id && r.sources.len() == 1)
    {
        let arrow = match r.kind {
            RelationKind::Support => "<+",
            RelationKind::Attack => "<-",
            RelationKind::Rephrase => continue,
        };
        let _ = writeln!(s, "  {arrow} [{}]", r.sources[0]);
    }
    s.push('\n');
}

/// A linked argument as a premise–conclusion structure.
fn argument(s: &mut String, map: &ArgumentMap, r: &Relation) {
    let what = match r.kind {
        RelationKind::Support => "support",
        _ => "attack",
    };
    let _ = writeln!(
        s,
        "<{}>: Linked {what}: {} together {what} {}.\n",
        r.id,
        r.sources
            .iter()
            .map(|u| u.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        r.target
    );
    for (i, p) in r.sources.iter().enumerate() {
        let _ = writeln!(s, "({}) [{p}]", i + 1);
    }
    let n = r.sources.len() + 1;
    let _ = writeln!(s, "----");
    match r.kind {
        RelationKind::Support => {
            let _ = writeln!(s, "({n}) [{}]\n", r.target);
        }
        _ => {
            let target = map.unit(&r.target).map(|u| u.quote.as_str()).unwrap_or("");
            let _ = writeln!(
                s,
                "({n}) [{} conclusion]: It is not the case that: {}\n  -> [{}]\n",
                r.id,
                escape(target),
                r.target
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TagScheme;
    use crate::model::fixture::{link, marked};

    #[test]
    fn statements_relations_and_arguments() {
        let mut m = marked(
            "[Main claim:We <must> act] #now. [Premise:It is 50% urgent] and [Claim:cheap].",
            TagScheme::argument(),
        );
        link(&mut m, RelationKind::Support, &[2, 3], 1);
        link(&mut m, RelationKind::Attack, &[3], 2);
        let a = to_argdown(&m, "t");
        assert!(
            a.contains("[u1]: We \\<must\\> act #(Main claim) {start: 0, end: 13}"),
            "{a}"
        );
        assert!(a.contains("[u2]: It is 50\\% urgent #Premise"), "{a}");
        assert!(a.contains("  <- [u3]\n"), "{a}");
        assert!(a.contains("(1) [u2]\n(2) [u3]\n----\n(3) [u1]\n"), "{a}");
    }
}
