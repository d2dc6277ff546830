//! Explain: given a saved JSON report and the id of a conflict, agreement or claim, says
//! which rules made each claim and which comparison produced the verdict.

use crate::rules::RuleSet;
use crate::time::parse_iso_date;
use serde_json::Value;

fn field<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("-")
}

fn when(c: &Value) -> String {
    match c.get("when") {
        Some(w) if !w.is_null() => {
            let (s, e) = (field(w, "start"), field(w, "end"));
            let span = if s == e {
                s.to_string()
            } else {
                format!("{s}..{e}")
            };
            format!("{span} ({})", field(w, "basis"))
        }
        _ => "undated".into(),
    }
}

/// The side a claim stands on, worked out as `conflict` does: the predicate's side, flipped
/// by a negation and by a dispute.
fn side(c: &Value, rules: &RuleSet) -> Option<(i8, String)> {
    let p = rules.predicate_index(field(c, "predicate"))?;
    let pred = &rules.predicates[p];
    let mut s = pred.side;
    let mut steps = vec![format!("predicate {} is on side {:+}", pred.id, s)];
    if field(c, "polarity") == "negated" {
        s = -s;
        steps.push("negated, so the other side".into());
    }
    if field(c, "stance") == "disputes" {
        s = -s;
        steps.push("disputed, so the other side".into());
    }
    Some((s, steps.join("; ")))
}

fn claim_block(out: &mut String, label: &str, c: &Value, rules: &RuleSet) {
    out.push_str(&format!("\n{label}: claim {}\n", field(c, "id")));
    out.push_str(&format!(
        "  article {} line {} · speaker {}\n",
        field(c, "article"),
        c.get("line").and_then(Value::as_u64).unwrap_or(0),
        field(c, "speaker")
    ));
    out.push_str(&format!("  \"{}\"\n", field(c, "text")));
    let predicate = field(c, "predicate");
    let origin = rules
        .predicate_index(predicate)
        .map(|p| rules.predicates[p].origin.to_string())
        .unwrap_or_else(|| "not in the current rule pack".into());
    out.push_str(&format!(
        "  subject {} · predicate {predicate} ({origin}) · {} · {} · {} · time {}\n",
        field(c, "subject"),
        field(c, "polarity"),
        field(c, "stance"),
        field(c, "modality"),
        when(c)
    ));
    if let Some(q) = c.get("quantity").filter(|q| !q.is_null()) {
        out.push_str(&format!(
            "  quantity {} = {} {} ({})\n",
            field(q, "text"),
            q.get("value").and_then(Value::as_f64).unwrap_or(0.0),
            field(q, "unit"),
            field(q, "bound")
        ));
    }
    for r in c
        .get("reasons")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        out.push_str(&format!("  because {}\n", r.as_str().unwrap_or("")));
    }
    if let Some((s, how)) = side(c, rules) {
        out.push_str(&format!("  stands on side {s:+}: {how}\n"));
    }
}

/// Explains `id` from `report`, or says why it cannot.
pub fn explain(report: &Value, id: &str, rules: &RuleSet) -> Result<String, String> {
    if report.get("schema").and_then(Value::as_str) != Some(crate::report::SCHEMA) {
        return Err(format!(
            "this is not a {} report; write one with `claimclash check … --format json`",
            crate::report::SCHEMA
        ));
    }
    let claims = report
        .get("claims")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let claim = |cid: &str| claims.iter().find(|c| field(c, "id") == cid);
    let mut out = String::new();
    if let Some(c) = claim(id) {
        claim_block(&mut out, "claim", c, rules);
        return Ok(out);
    }
    let (pair, what) = find_pair(report, id)?;
    let (Some(a), Some(b)) = (claim(field(&pair, "a")), claim(field(&pair, "b"))) else {
        return Err(format!(
            "the report names claims for `{id}` that it does not list"
        ));
    };
    if what == "conflict" {
        out.push_str(&format!(
            "conflict {id}: {} ({}), score {}\n",
            field(&pair, "verdict"),
            field(&pair, "kind"),
            pair.get("score").and_then(Value::as_f64).unwrap_or(0.0)
        ));
    } else {
        out.push_str(&format!("agreement {id}\n"));
    }
    out.push_str(&format!("{}\n", field(&pair, "explanation")));
    claim_block(&mut out, "A", a, rules);
    claim_block(&mut out, "B", b, rules);
    comparison(&mut out, a, b, &pair, what, rules);
    Ok(out)
}

/// The conflict or agreement with the id `id`, and which of the two it is.
fn find_pair(report: &Value, id: &str) -> Result<(Value, &'static str), String> {
    let find = |section: &str| {
        report
            .get(section)
            .and_then(Value::as_array)
            .and_then(|list| list.iter().find(|x| field(x, "id") == id).cloned())
    };
    match (find("conflicts"), find("agreements")) {
        (Some(k), _) => Ok((k, "conflict")),
        (None, Some(g)) => Ok((g, "agreement")),
        (None, None) => Err(format!(
            "no conflict, agreement or claim has the id `{id}` in this report"
        )),
    }
}

/// How the two claims of a pair compare, step by step as `conflict` does: family, sides,
/// quantities, reference, times, and the verdict.
fn comparison(out: &mut String, a: &Value, b: &Value, pair: &Value, what: &str, rules: &RuleSet) {
    out.push_str("\ncomparison\n");
    let family_id = field(a, "family");
    let family = rules.families.iter().find(|f| f.id == family_id);
    match family {
        Some(f) => out.push_str(&format!(
            "  same subject ({}) and family {} ({}): {}, the same time means within {} days\n",
            field(a, "subject"),
            f.id,
            f.origin,
            if f.aspect == crate::rules::schema::Aspect::State {
                "a state that can change over time"
            } else {
                "an event: at another time it is another event"
            },
            f.same_time_days
        )),
        None => out.push_str(&format!(
            "  family {family_id} is not in the current rule pack\n"
        )),
    }
    match (side(a, rules), side(b, rules)) {
        (Some((sa, _)), Some((sb, _))) if sa != sb => out.push_str(&format!(
            "  sides {sa:+} and {sb:+}: the claims oppose each other\n"
        )),
        (Some((sa, _)), Some(_)) => out.push_str(&format!(
            "  both on side {sa:+}: they agree, unless their quantities cannot both hold\n"
        )),
        _ => out.push_str(
            "  a predicate is not in the current rule pack, so sides cannot be worked out\n",
        ),
    }
    quantities(out, a, b, pair, rules);
    let target = |x: &Value, y: &Value| field(x, "target") == field(y, "id");
    if target(a, b) || target(b, a) {
        out.push_str("  one claim disputes the other by reference, so time does not matter\n");
    }
    times(out, a, b, family.map(|f| f.same_time_days));
    out.push_str(&format!(
        "  verdict: {}\n",
        if what == "conflict" {
            format!("{} ({})", field(pair, "verdict"), field(pair, "kind"))
        } else {
            "agreement: the same claim in two articles".into()
        }
    ));
}

/// Whether the two quantities can both hold, when both claims have one.
fn quantities(out: &mut String, a: &Value, b: &Value, pair: &Value, rules: &RuleSet) {
    let quantity = |c: &Value| {
        c.get("quantity").filter(|q| !q.is_null()).map(|q| {
            (
                field(q, "text").to_string(),
                q.get("value").and_then(Value::as_f64).unwrap_or(0.0),
            )
        })
    };
    if let (Some((ta, va)), Some((tb, vb))) = (quantity(a), quantity(b)) {
        out.push_str(&format!(
            "  quantities `{ta}` ({va}) and `{tb}` ({vb}): with a tolerance of {} % and the bounds the wording puts on them, {}\n",
            rules.settings.quantity_tolerance * 100.0,
            if field(pair, "kind") == "quantity" { "they cannot both hold" } else { "they can both hold" }
        ));
    }
}

/// How far apart the two claims' times are, against the family's `same_time_days`.
fn times(out: &mut String, a: &Value, b: &Value, same_time_days: Option<i64>) {
    let span = |c: &Value| -> Option<(jiff::civil::Date, jiff::civil::Date)> {
        let w = c.get("when").filter(|w| !w.is_null())?;
        Some((
            parse_iso_date(field(w, "start")).ok()?,
            parse_iso_date(field(w, "end")).ok()?,
        ))
    };
    match (span(a), span(b), same_time_days) {
        (Some((a0, a1)), Some((b0, b1)), Some(days)) => {
            let gap = crate::time::days_between(a1, b0)
                .max(crate::time::days_between(b1, a0))
                .max(0);
            let same = gap <= days;
            out.push_str(&format!(
                "  times {} and {}: {gap} days apart, so {}\n",
                when(a),
                when(b),
                if same {
                    "the same time"
                } else {
                    "different times"
                }
            ));
        }
        _ => out.push_str(
            "  at least one claim is undated, so they count as the same time (scored lower)\n",
        ),
    }
}
