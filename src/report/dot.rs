//! The DOT report: the subject graph with claims and findings, for Graphviz.

use super::{kind_label, verdict_label};
use crate::Analysis;
use crate::conflict::Verdict;
use crate::rules::RuleSet;

/// Quotes a string for DOT: controls shown escaped (`\e`), backslashes and quotes escaped,
/// line breaks as `\n`.
fn dot_quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in crate::printable::escape_controls(text).chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Shortens text to `max` characters for labels.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

/// The subject graph in DOT, written here in a fixed order (not petgraph's output, whose
/// form may change): subjects, speakers and claims as nodes; who says what and what it is
/// about as grey edges; contradictions red, changes over time orange, agreements green.
pub fn dot(analysis: &Analysis, rules: &RuleSet) -> String {
    let a = analysis;
    let mut out = String::from(
        "digraph claimclash {\n  graph [rankdir=LR, fontname=\"Helvetica\"];\n  node [fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=9];\n",
    );
    let mut subjects: Vec<(String, String)> = a
        .claims
        .iter()
        .map(|c| (c.subject.id(rules), c.subject.name(rules)))
        .collect();
    subjects.sort();
    subjects.dedup();
    for (id, name) in &subjects {
        out.push_str(&format!(
            "  {} [shape=box, style=\"rounded,filled\", fillcolor=\"#e8eef7\", label={}];\n",
            dot_quote(&format!("subject:{id}")),
            dot_quote(name)
        ));
    }
    let mut speakers: Vec<usize> = a.claims.iter().filter_map(|c| c.speaker).collect();
    speakers.sort_by_key(|&s| rules.entity_id(s).to_string());
    speakers.dedup();
    for &s in &speakers {
        out.push_str(&format!(
            "  {} [shape=ellipse, label={}];\n",
            dot_quote(&format!("speaker:{}", rules.entity_id(s))),
            dot_quote(&rules.entities[s].name)
        ));
    }
    for c in &a.claims {
        let label = format!(
            "{}\n{}",
            rules.predicates[c.predicate].id,
            clip(&c.text, 60)
        );
        out.push_str(&format!(
            "  {} [shape=note, label={}];\n",
            dot_quote(&format!("claim:{}", c.id)),
            dot_quote(&label)
        ));
    }
    for c in &a.claims {
        let claim = dot_quote(&format!("claim:{}", c.id));
        out.push_str(&format!(
            "  {claim} -> {} [color=\"#999999\", arrowhead=none];\n",
            dot_quote(&format!("subject:{}", c.subject.id(rules)))
        ));
        if let Some(s) = c.speaker {
            out.push_str(&format!(
                "  {} -> {claim} [color=\"#999999\", label=\"says\"];\n",
                dot_quote(&format!("speaker:{}", rules.entity_id(s)))
            ));
        }
    }
    for k in &a.conflicts {
        let color = match k.verdict {
            Verdict::Contradiction => "#c0392b",
            Verdict::ChangedOverTime => "#e67e22",
        };
        out.push_str(&format!(
            "  {} -> {} [color=\"{color}\", penwidth=2, dir=both, label={}];\n",
            dot_quote(&format!("claim:{}", a.claims[k.a].id)),
            dot_quote(&format!("claim:{}", a.claims[k.b].id)),
            dot_quote(&format!(
                "{} ({})",
                verdict_label(k.verdict),
                kind_label(k.kind)
            ))
        ));
    }
    for g in &a.agreements {
        out.push_str(&format!(
            "  {} -> {} [color=\"#27ae60\", style=dashed, dir=none, label=\"agrees\"];\n",
            dot_quote(&format!("claim:{}", a.claims[g.a].id)),
            dot_quote(&format!("claim:{}", a.claims[g.b].id))
        ));
    }
    out.push_str("}\n");
    out
}
