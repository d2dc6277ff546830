//! The CSV report, for spreadsheets: one sentence of a dispute a row (its dispute, side and
//! speaker), or with `--group pairs` one conflict a row.

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

/// One claim of a finding a row: the finding (id, verdict, subject, family, proposition),
/// the side it takes and its sources, then the claim (speaker, article, line, time, the
/// trigger words and the sentence). Findings come in report order, sides and claims in
/// theirs.
pub fn csv(analysis: &Analysis, rules: &RuleSet) -> String {
    let a = analysis;
    let mut out = String::from(
        "dispute,verdict,subject,family,proposition,side,side_sources,claim,speaker,article,line,when,trigger,sentence\n",
    );
    for d in &a.disputes {
        let id = d.id(&a.claims);
        let proposition = d.proposition(rules);
        for side in &d.sides {
            let sources = side.sources(&a.claims, &a.articles, rules).to_string();
            for &i in &side.claims {
                let c = &a.claims[i];
                let row = [
                    id.clone(),
                    super::dispute_label(d.verdict).into(),
                    d.subject.id(rules),
                    rules.families[d.family].id.clone(),
                    proposition.clone(),
                    side.label(),
                    sources.clone(),
                    c.id.clone(),
                    super::who(c, a, rules),
                    a.articles[c.article].id.clone(),
                    c.line.to_string(),
                    when_label(c),
                    c.trigger.clone(),
                    c.text.clone(),
                ];
                let cells: Vec<String> = row.iter().map(|c| csv_cell(c)).collect();
                out.push_str(&cells.join(","));
                out.push('\n');
            }
        }
    }
    out
}

/// One conflict a row, with both sentences, for spreadsheets (`--group pairs`).
pub fn csv_pairs(analysis: &Analysis, rules: &RuleSet) -> String {
    let a = analysis;
    let mut out = String::from(
        "id,verdict,kind,score,subject,a_article,a_line,a_speaker,a_when,a_sentence,b_article,b_line,b_speaker,b_when,b_sentence,explanation\n",
    );
    let side = |c: &Claim| -> Vec<String> {
        let art = &a.articles[c.article];
        vec![
            art.id.clone(),
            c.line.to_string(),
            super::who(c, a, rules),
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
