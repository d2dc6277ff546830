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

/// What changed between a saved report and a new one.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// Conflicts in the new report only: (id, one-line explanation).
    pub new_conflicts: Vec<(String, String)>,
    /// Conflicts in the saved report only.
    pub resolved_conflicts: Vec<(String, String)>,
    /// Same pair, other verdict or kind: (id, before, after).
    pub changed_verdicts: Vec<(String, String, String)>,
    /// Claims in the new report only: (id, sentence).
    pub claims_gained: Vec<(String, String)>,
    pub claims_lost: Vec<(String, String)>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.new_conflicts.is_empty()
            && self.resolved_conflicts.is_empty()
            && self.changed_verdicts.is_empty()
            && self.claims_gained.is_empty()
            && self.claims_lost.is_empty()
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

/// Compares `old` (the saved baseline) with `new`.
pub fn compare(old: &Value, new: &Value) -> Changes {
    let mut changes = Changes::default();
    let (old_k, new_k) = (by_id(old, "conflicts"), by_id(new, "conflicts"));
    for (id, k) in &new_k {
        match old_k.get(id) {
            None => changes
                .new_conflicts
                .push((id.to_string(), text(k, "explanation").to_string())),
            Some(o) if verdict(o) != verdict(k) => {
                changes
                    .changed_verdicts
                    .push((id.to_string(), verdict(o), verdict(k)))
            }
            Some(_) => {}
        }
    }
    for (id, k) in &old_k {
        if !new_k.contains_key(id) {
            changes
                .resolved_conflicts
                .push((id.to_string(), text(k, "explanation").to_string()));
        }
    }
    let (old_c, new_c) = (by_id(old, "claims"), by_id(new, "claims"));
    for (id, c) in &new_c {
        if !old_c.contains_key(id) {
            changes
                .claims_gained
                .push((id.to_string(), text(c, "text").to_string()));
        }
    }
    for (id, c) in &old_c {
        if !new_c.contains_key(id) {
            changes
                .claims_lost
                .push((id.to_string(), text(c, "text").to_string()));
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
                out.push_str(&format!("  {r}\n"));
            }
        }
    };
    section(
        "new conflicts",
        changes
            .new_conflicts
            .iter()
            .map(|(id, e)| format!("+ {id}: {e}"))
            .collect(),
    );
    section(
        "resolved conflicts",
        changes
            .resolved_conflicts
            .iter()
            .map(|(id, e)| format!("- {id}: {e}"))
            .collect(),
    );
    section(
        "changed verdicts",
        changes
            .changed_verdicts
            .iter()
            .map(|(id, a, b)| format!("~ {id}: {a} -> {b}"))
            .collect(),
    );
    section(
        "claims gained",
        changes
            .claims_gained
            .iter()
            .map(|(id, t)| format!("+ {id}: {t}"))
            .collect(),
    );
    section(
        "claims lost",
        changes
            .claims_lost
            .iter()
            .map(|(id, t)| format!("- {id}: {t}"))
            .collect(),
    );
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
