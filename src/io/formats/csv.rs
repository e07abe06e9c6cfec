//! Two CSV tables for spreadsheets and statistics packages: one row per
//! unit (`id,tag,role,start,end,quote,scenario,scenario_name,note`) and one
//! row per relation (`id,kind,sources,target,note`, sources separated by
//! spaces). RFC 4180: comma-separated, CRLF line ends, fields quoted when
//! they hold a comma, quote or line break, quotes doubled.

use crate::model::ArgumentMap;

/// One CSV field, quoted when needed.
pub fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// One record: fields joined by commas, ended by CRLF.
fn record(out: &mut String, fields: &[&str]) {
    let line: Vec<String> = fields.iter().map(|f| field(f)).collect();
    out.push_str(&line.join(","));
    out.push_str("\r\n");
}

/// `units.csv`: every unit in text order.
pub fn units(map: &ArgumentMap) -> String {
    let mut out = String::new();
    record(
        &mut out,
        &[
            "id",
            "tag",
            "role",
            "start",
            "end",
            "quote",
            "scenario",
            "scenario_name",
            "note",
        ],
    );
    for u in map.units() {
        let scenario = u.scenario.as_ref();
        let name = scenario
            .and_then(|s| map.scenario(s))
            .map_or("", |s| s.name.as_str());
        record(
            &mut out,
            &[
                u.id.as_str(),
                &u.kind,
                map.scheme().role_of(&u.kind).key(),
                &u.start.to_string(),
                &u.end.to_string(),
                &u.quote,
                scenario.map_or("", |s| s.as_str()),
                name,
                &u.note,
            ],
        );
    }
    out
}

/// `relations.csv`: every relation in id order.
pub fn relations(map: &ArgumentMap) -> String {
    let mut out = String::new();
    record(&mut out, &["id", "kind", "sources", "target", "note"]);
    for r in map.relations() {
        let sources: Vec<&str> = r.sources.iter().map(|s| s.as_str()).collect();
        record(
            &mut out,
            &[
                r.id.as_str(),
                r.kind.key(),
                &sources.join(" "),
                r.target.as_str(),
                &r.note,
            ],
        );
    }
    out
}

/// Reads RFC 4180 CSV back into records (for tests and for checking exports).
pub fn parse(src: &str) -> Result<Vec<Vec<String>>, String> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cur = String::new();
    let mut chars = src.chars().peekable();
    let mut quoted = false;
    let mut line = 1;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cur.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => {
                if c == '\n' {
                    line += 1;
                }
                cur.push(c);
            }
            (false, '"') if cur.is_empty() => quoted = true,
            (false, '"') => return Err(format!("line {line}: a quote inside an unquoted field")),
            (false, ',') => row.push(std::mem::take(&mut cur)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cur));
                rows.push(std::mem::take(&mut row));
                line += 1;
            }
            (false, c) => cur.push(c),
        }
    }
    if quoted {
        return Err(format!("line {line}: a quoted field is not closed"));
    }
    if !cur.is_empty() || !row.is_empty() {
        row.push(cur);
        rows.push(row);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::{link, marked};
    use crate::model::{Edit, RelationKind, TagScheme, apply};

    #[test]
    fn quoting_follows_rfc_4180_and_reads_back() {
        let mut m = marked(
            "[Claim:He said \"no, never\"]\n[Premise:line one\r\nline two] [Evidence:plain]",
            TagScheme::argument(),
        );
        link(&mut m, RelationKind::Support, &[2, 3], 1);
        apply(
            &mut m,
            Edit::SetUnitNote {
                unit: "u3".into(),
                note: "a, b".into(),
            },
        )
        .unwrap();
        let u = units(&m);
        assert!(u.starts_with("id,tag,role,start,end,quote,scenario,scenario_name,note\r\n"));
        assert!(
            u.contains("u1,Claim,claim,0,19,\"He said \"\"no, never\"\"\",,,\r\n"),
            "{u}"
        );
        let rows = parse(&u).unwrap();
        assert_eq!(rows.len(), 4);
        assert!(rows.iter().all(|r| r.len() == 9));
        assert_eq!(rows[2][5], "line one\r\nline two");
        assert_eq!(rows[3][8], "a, b");
        let r = parse(&relations(&m)).unwrap();
        assert_eq!(r[1], ["r1", "support", "u2 u3", "u1", ""]);
    }

    #[test]
    fn parse_rejects_broken_quoting() {
        assert!(parse("a,\"b\n").unwrap_err().contains("not closed"));
        assert!(parse("a,b\"c\n").unwrap_err().contains("line 1"));
    }
}
