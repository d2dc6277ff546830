//! Baselines: compares a new JSON report with a saved one, for rule editors who keep their
//! reports as reviewed snapshots. Pure: both reports come in as JSON values.

use crate::report::SCHEMA;
use serde_json::Value;
use std::collections::BTreeMap;

/// Checks that `report` is a JSON report this version can compare with: an object of schema
/// [`SCHEMA`] whose `claims` and `conflicts` are lists of objects with a string `id`. A
/// `{}`, `[]`, `null` or another tool's JSON compares as "everything is new", which would
/// hide the real changes; the error says what is wrong instead.
pub fn check_report(report: &Value) -> Result<(), String> {
    let Some(object) = report.as_object() else {
        return Err(format!("it is {}, not a report object", kind(report)));
    };
    match object.get("schema") {
        Some(Value::String(s)) if s == SCHEMA => {}
        Some(Value::String(s)) => {
            return Err(format!(
                "its schema is `{}`, not `{SCHEMA}`",
                crate::printable::cut(s)
            ));
        }
        Some(v) => {
            return Err(format!(
                "its `schema` is {}, not the string `{SCHEMA}`",
                kind(v)
            ));
        }
        None => return Err(format!("it has no `schema` (`{SCHEMA}` in a report)")),
    }
    for section in ["claims", "conflicts"] {
        let list = match object.get(section) {
            Some(Value::Array(list)) => list,
            Some(v) => return Err(format!("its `{section}` is {}, not a list", kind(v))),
            None => return Err(format!("it has no `{section}` list")),
        };
        if let Some(i) = list
            .iter()
            .position(|item| item.get("id").and_then(Value::as_str).is_none())
        {
            return Err(format!("`{section}[{i}]` has no string `id`"));
        }
    }
    Ok(())
}

/// A JSON value's kind, for messages.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// What changed between a saved report and a new one. Each text ends with where it stands:
/// file:line and speaker of each claim.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// Conflicts in the new report only: (id, one-line explanation and places).
    pub new_conflicts: Vec<(String, String)>,
    /// Conflicts in the saved report only, whose articles are all still there.
    pub resolved_conflicts: Vec<(String, String)>,
    /// Same pair, other verdict or kind: (id, before, after).
    pub changed_verdicts: Vec<(String, String, String)>,
    /// Claims in the new report only: (id, place and sentence).
    pub claims_gained: Vec<(String, String)>,
    pub claims_lost: Vec<(String, String)>,
    /// Articles of the saved report the new one no longer has: (id, path).
    pub articles_removed: Vec<(String, String)>,
    /// Conflicts and claims gone with a removed article: (id, text).
    pub gone_with_article: Vec<(String, String)>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.new_conflicts.is_empty()
            && self.resolved_conflicts.is_empty()
            && self.changed_verdicts.is_empty()
            && self.claims_gained.is_empty()
            && self.claims_lost.is_empty()
            && self.articles_removed.is_empty()
    }
}

fn by_id<'a>(report: &'a Value, section: &str) -> BTreeMap<&'a str, &'a Value> {
    report
        .get(section)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|v| Some((v.get("id")?.as_str()?, v)))
        .collect()
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

fn verdict(v: &Value) -> String {
    format!("{} ({})", text(v, "verdict"), text(v, "kind"))
}

/// A report's articles and claims by id, to say where a claim stands.
struct Index<'a> {
    articles: BTreeMap<&'a str, &'a Value>,
    claims: BTreeMap<&'a str, &'a Value>,
}

impl<'a> Index<'a> {
    fn of(report: &'a Value) -> Index<'a> {
        Index {
            articles: by_id(report, "articles"),
            claims: by_id(report, "claims"),
        }
    }

    /// `file:line · speaker` of a claim (the article itself when nobody is named).
    fn place(&self, claim: &Value) -> String {
        let path = self
            .articles
            .get(text(claim, "article"))
            .map(|a| text(a, "path"))
            .unwrap_or_else(|| text(claim, "article"));
        let line = claim.get("line").and_then(Value::as_u64).unwrap_or(0);
        let speaker = match claim.get("speaker").and_then(Value::as_str) {
            Some(s) => s.to_string(),
            None => "the article".to_string(),
        };
        format!("{path}:{line} · {speaker}")
    }

    /// The places of a conflict's two claims, as lines under it.
    fn places(&self, conflict: &Value) -> String {
        ["a", "b"]
            .iter()
            .filter_map(|side| {
                let c = self.claims.get(text(conflict, side))?;
                Some(format!("\n      {} {}", side.to_uppercase(), self.place(c)))
            })
            .collect()
    }

    /// The articles a conflict's claims are in.
    fn articles_of(&self, conflict: &Value) -> Vec<&'a str> {
        ["a", "b"]
            .iter()
            .filter_map(|side| self.claims.get(text(conflict, side)))
            .map(|c| text(c, "article"))
            .collect()
    }
}

/// Compares `old` (the saved baseline) with `new`.
pub fn compare(old: &Value, new: &Value) -> Changes {
    let mut changes = Changes::default();
    let (was, now) = (Index::of(old), Index::of(new));
    let removed = |article: &str| !now.articles.contains_key(article);
    for (id, a) in &was.articles {
        if removed(id) {
            changes
                .articles_removed
                .push((id.to_string(), text(a, "path").to_string()));
        }
    }
    let (old_k, new_k) = (by_id(old, "conflicts"), by_id(new, "conflicts"));
    for (id, k) in &new_k {
        match old_k.get(id) {
            None => changes.new_conflicts.push((
                id.to_string(),
                format!("{}{}", text(k, "explanation"), now.places(k)),
            )),
            Some(o) if verdict(o) != verdict(k) => changes.changed_verdicts.push((
                id.to_string(),
                verdict(o),
                format!("{}{}", verdict(k), now.places(k)),
            )),
            Some(_) => {}
        }
    }
    for (id, k) in &old_k {
        if new_k.contains_key(id) {
            continue;
        }
        let row = (
            id.to_string(),
            format!("{}{}", text(k, "explanation"), was.places(k)),
        );
        if was.articles_of(k).iter().any(|a| removed(a)) {
            changes.gone_with_article.push(row);
        } else {
            changes.resolved_conflicts.push(row);
        }
    }
    for (id, c) in &now.claims {
        if !was.claims.contains_key(id) {
            let row = format!("{}: {}", now.place(c), text(c, "text"));
            changes.claims_gained.push((id.to_string(), row));
        }
    }
    for (id, c) in &was.claims {
        if !now.claims.contains_key(id) {
            let row = (
                id.to_string(),
                format!("{}: {}", was.place(c), text(c, "text")),
            );
            if removed(text(c, "article")) {
                changes.gone_with_article.push(row);
            } else {
                changes.claims_lost.push(row);
            }
        }
    }
    changes
}

/// The changes as plain text for people who review them.
pub fn render(changes: &Changes) -> String {
    if changes.is_empty() {
        return "no changes: the report matches the baseline\n".into();
    }
    let mut out = String::new();
    let mut section = |title: &str, rows: Vec<String>| {
        if !rows.is_empty() {
            out.push_str(&format!("{title} ({}):\n", rows.len()));
            for r in rows {
                out.push_str(&format!("  {}\n", crate::printable::escape_controls(&r)));
            }
        }
    };
    let rows = |list: &[(String, String)], mark: &str| -> Vec<String> {
        list.iter()
            .map(|(id, e)| format!("{mark} {id}: {e}"))
            .collect()
    };
    section("article removed", rows(&changes.articles_removed, "-"));
    section(
        "gone with the removed article (not resolved)",
        rows(&changes.gone_with_article, "-"),
    );
    section("new conflicts", rows(&changes.new_conflicts, "+"));
    section("resolved conflicts", rows(&changes.resolved_conflicts, "-"));
    section(
        "changed verdicts",
        changes
            .changed_verdicts
            .iter()
            .map(|(id, a, b)| format!("~ {id}: {a} -> {b}"))
            .collect(),
    );
    section("claims gained", rows(&changes.claims_gained, "+"));
    section("claims lost", rows(&changes.claims_lost, "-"));
    out.push_str("review the changes; accept them with --update-baseline\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_reports_of_this_schema_are_compared() {
        let good = json!({"schema": SCHEMA, "claims": [{"id": "a:0:p"}], "conflicts": []});
        assert_eq!(check_report(&good), Ok(()));
        for (bad, why) in [
            (json!({}), "no `schema`"),
            (json!([]), "a list, not a report object"),
            (json!(null), "null, not a report object"),
            (json!({"schema": "other/2"}), "schema is `other/2`"),
            (
                json!({"schema": SCHEMA, "claims": {}}),
                "`claims` is an object",
            ),
            (
                json!({"schema": SCHEMA, "claims": []}),
                "no `conflicts` list",
            ),
            (
                json!({"schema": SCHEMA, "claims": [], "conflicts": [{"id": 3}]}),
                "`conflicts[0]` has no string `id`",
            ),
        ] {
            let e = check_report(&bad).expect_err("refused");
            assert!(e.contains(why), "{bad}: {e}");
        }
    }
}
