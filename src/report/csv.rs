//! The CSV report: one conflict a row, for spreadsheets.

use super::{kind_label, verdict_label, when_label};
use crate::Analysis;
use crate::claim::Claim;
use crate::rules::RuleSet;

/// One CSV cell: controls escaped, quoted when needed (RFC 4180), and a leading `=`, `+`, `-` or `@` defused so
/// that a spreadsheet never runs article text as a formula.
fn csv_cell(text: &str) -> String {
    // Control characters are shown escaped (`\e`), as in every human format.
    let text = crate::printable::escape_controls(text);
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// One conflict a row, with both sentences, for spreadsheets.
pub fn csv(analysis: &Analysis, rules: &RuleSet) -> String {
    let a = analysis;
    let mut out = String::from(
        "id,verdict,kind,score,subject,a_article,a_line,a_speaker,a_when,a_sentence,b_article,b_line,b_speaker,b_when,b_sentence,explanation\n",
    );
    let side = |c: &Claim| -> Vec<String> {
        let art = &a.articles[c.article];
        vec![
            art.id.clone(),
            c.line.to_string(),
            c.speaker
                .map(|s| rules.entities[s].name.clone())
                .unwrap_or_else(|| art.source.clone().unwrap_or_else(|| "(the article)".into())),
            when_label(c),
            c.text.clone(),
        ]
    };
    for k in &a.conflicts {
        let mut row = vec![
            k.id(&a.claims),
            verdict_label(k.verdict).into(),
            kind_label(k.kind).into(),
            format!("{:.2}", k.score(&a.claims)),
            k.subject(&a.claims).id(rules),
        ];
        row.extend(side(&a.claims[k.a]));
        row.extend(side(&a.claims[k.b]));
        row.push(a.explain(k, rules));
        out.push_str(
            &row.iter()
                .map(|c| csv_cell(c))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push('\n');
    }
    out
}
