//! Reports: pure rendering of an [`Analysis`] as Markdown (for people) or JSON
//! (`claimclash.report/1`, for tools). Order is fixed by the analysis, never by input order.

pub mod html;

use crate::Analysis;
use crate::article::DateBasis;
use crate::claim::Claim;
use crate::conflict::{Kind, Verdict};
use crate::rules::RuleSet;
use serde::Serialize;

pub const SCHEMA: &str = "claimclash.report/1";

#[derive(Serialize)]
struct JsonReport<'a> {
    schema: &'static str,
    summary: Summary,
    articles: Vec<JsonArticle<'a>>,
    claims: Vec<JsonClaim<'a>>,
    conflicts: Vec<JsonConflict<'a>>,
    agreements: Vec<JsonAgreement<'a>>,
    problems: &'a [crate::article::Problem],
}

#[derive(Serialize)]
struct Summary {
    articles: usize,
    undated_articles: usize,
    claims: usize,
    contradictions: usize,
    changed_over_time: usize,
    agreements: usize,
    problems: usize,
}

#[derive(Serialize)]
struct JsonArticle<'a> {
    id: &'a str,
    path: &'a str,
    title: Option<&'a str>,
    date: Option<String>,
    /// given | from_text | undated
    dated: DateBasis,
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    case: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonClaim<'a> {
    id: &'a str,
    article: &'a str,
    text: &'a str,
    span: [usize; 2],
    line: usize,
    speaker: Option<&'a str>,
    speaks_for: Vec<&'a str>,
    subject: String,
    predicate: &'a str,
    family: &'a str,
    polarity: crate::claim::Polarity,
    stance: crate::claim::Stance,
    target: Option<&'a str>,
    modality: crate::claim::Modality,
    quantity: Option<&'a crate::quantity::Quantity>,
    when: Option<&'a crate::time::When>,
    trigger: &'a str,
    /// How each decision about the claim was reached, for `claimclash explain`.
    reasons: &'a [String],
}

#[derive(Serialize)]
struct JsonConflict<'a> {
    id: String,
    verdict: Verdict,
    kind: Kind,
    subject: String,
    a: &'a str,
    b: &'a str,
    score: f64,
    explanation: String,
}

#[derive(Serialize)]
struct JsonAgreement<'a> {
    id: String,
    subject: String,
    a: &'a str,
    b: &'a str,
    explanation: String,
}

/// The JSON report, pretty-printed, ending with a newline.
pub fn json(analysis: &Analysis, rules: &RuleSet) -> String {
    let a = analysis;
    let report = JsonReport {
        schema: SCHEMA,
        summary: summary(a),
        articles: a
            .articles
            .iter()
            .map(|x| JsonArticle {
                id: &x.id,
                path: &x.path,
                title: x.title.as_deref(),
                date: x.date.map(|d| d.to_string()),
                dated: x.date_basis,
                source: x.source.as_deref(),
                url: x.url.as_deref(),
                case: x.case.as_deref(),
            })
            .collect(),
        claims: a
            .claims
            .iter()
            .map(|c| JsonClaim {
                id: &c.id,
                article: &a.articles[c.article].id,
                text: &c.text,
                span: [c.span.0, c.span.1],
                line: c.line,
                speaker: c.speaker.map(|s| rules.entity_id(s)),
                speaks_for: c
                    .speaker
                    .map(|s| {
                        rules
                            .speaks_for_chain(s)
                            .into_iter()
                            .map(|e| rules.entity_id(e))
                            .collect()
                    })
                    .unwrap_or_default(),
                subject: c.subject.id(rules),
                predicate: &rules.predicates[c.predicate].id,
                family: &rules.families[rules.predicates[c.predicate].family].id,
                polarity: c.polarity,
                stance: c.stance,
                target: c.target.as_deref(),
                modality: c.modality,
                quantity: c.quantity.as_ref(),
                when: c.when.as_ref(),
                trigger: &c.trigger,
                reasons: &c.reasons,
            })
            .collect(),
        conflicts: a
            .conflicts
            .iter()
            .map(|k| JsonConflict {
                id: k.id(&a.claims),
                verdict: k.verdict,
                kind: k.kind,
                subject: k.subject(&a.claims).id(rules),
                a: &a.claims[k.a].id,
                b: &a.claims[k.b].id,
                score: k.score(&a.claims),
                explanation: a.explain(k, rules),
            })
            .collect(),
        agreements: a
            .agreements
            .iter()
            .map(|g| JsonAgreement {
                id: g.id(&a.claims),
                subject: g.subject(&a.claims).id(rules),
                a: &a.claims[g.a].id,
                b: &a.claims[g.b].id,
                explanation: a.explain_agreement(g, rules),
            })
            .collect(),
        problems: &a.problems,
    };
    let mut out =
        serde_json::to_string_pretty(&report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}

fn summary(a: &Analysis) -> Summary {
    Summary {
        articles: a.articles.len(),
        undated_articles: a.articles.iter().filter(|x| x.date.is_none()).count(),
        claims: a.claims.len(),
        contradictions: a.contradictions(),
        changed_over_time: a.changes(),
        agreements: a.agreements.len(),
        problems: a.problems.len(),
    }
}

/// Escapes text for Markdown so article text cannot add links, emphasis, HTML or tables.
pub fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' | '!' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {}
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The findings of one verdict under their headings ("Ostland — troop movements"), in
/// report order; shared by the Markdown and HTML reports.
pub(crate) fn grouped<'a>(
    a: &'a Analysis,
    verdict: Verdict,
    rules: &RuleSet,
) -> Vec<(String, Vec<&'a crate::conflict::Conflict>)> {
    let mut out: Vec<(String, Vec<&crate::conflict::Conflict>)> = Vec::new();
    for k in a.conflicts.iter().filter(|k| k.verdict == verdict) {
        let family = &rules.families[rules.predicates[a.claims[k.a].predicate].family].name;
        let heading = format!("{} — {family}", k.subject(&a.claims).name(rules));
        match out.last_mut() {
            Some((h, list)) if *h == heading => list.push(k),
            _ => out.push((heading, vec![k])),
        }
    }
    out
}

/// For each article without a given date, what the report says of its date.
pub(crate) fn date_notes(a: &Analysis) -> Vec<(String, String)> {
    a.articles
        .iter()
        .filter(|x| x.date_basis != DateBasis::Given)
        .map(|x| match x.date {
            Some(d) => (
                x.path.clone(),
                format!("no date given; {d} read from its text"),
            ),
            None => (
                x.path.clone(),
                "undated; its claims are compared as if at the same time".to_string(),
            ),
        })
        .collect()
}

/// "1 article", "2 articles".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

pub(crate) fn verdict_label(v: Verdict) -> &'static str {
    match v {
        Verdict::Contradiction => "contradiction",
        Verdict::ChangedOverTime => "changed over time",
    }
}

pub(crate) fn kind_label(k: Kind) -> &'static str {
    match k {
        Kind::Dispute => "dispute",
        Kind::Negation => "negation",
        Kind::Opposite => "opposite",
        Kind::Quantity => "quantity",
        Kind::Time => "time",
    }
}

fn side(out: &mut String, label: &str, c: &Claim, a: &Analysis, rules: &RuleSet) {
    let art = &a.articles[c.article];
    let who = c
        .speaker
        .map(|s| rules.entities[s].name.clone())
        .unwrap_or_else(|| {
            art.source
                .clone()
                .map(|s| format!("{s} (the article)"))
                .unwrap_or_else(|| "the article".into())
        });
    let when = c
        .when
        .as_ref()
        .map(|w| w.label())
        .unwrap_or_else(|| "undated".into());
    out.push_str(&format!(
        "- **{label}** `{}` line {} · {} · {when}\n  > {}\n",
        md_escape(&art.path),
        c.line,
        md_escape(&who),
        md_escape(&c.text)
    ));
}

/// The Markdown report: summary, then contradictions grouped by subject, then changes over
/// time, agreements, undated articles and problems.
pub fn markdown(analysis: &Analysis, rules: &RuleSet) -> String {
    let a = analysis;
    let s = summary(a);
    let mut out = String::from("# claimclash report\n\n");
    out.push_str(&format!(
        "{} · {} · **{}** · {} changed over time · {} · {}\n",
        count(s.articles, "article"),
        count(s.claims, "claim"),
        count(s.contradictions, "contradiction"),
        s.changed_over_time,
        count(s.agreements, "agreement"),
        count(s.problems, "problem")
    ));
    for (verdict, title) in [
        (Verdict::Contradiction, "Contradictions"),
        (Verdict::ChangedOverTime, "Changed over time"),
    ] {
        let groups = grouped(a, verdict, rules);
        out.push_str(&format!("\n## {title}\n"));
        if groups.is_empty() {
            out.push_str("\nNone found.\n");
            continue;
        }
        for (heading, list) in groups {
            out.push_str(&format!("\n### {}\n", md_escape(&heading)));
            for k in list {
                out.push_str(&format!(
                    "\n**{}** ({}) · score {:.2} · `{}`  \n{}\n\n",
                    verdict_label(k.verdict),
                    kind_label(k.kind),
                    k.score(&a.claims),
                    k.id(&a.claims),
                    md_escape(&a.explain(k, rules))
                ));
                side(&mut out, "A", &a.claims[k.a], a, rules);
                side(&mut out, "B", &a.claims[k.b], a, rules);
            }
        }
    }
    out.push_str("\n## Agreements\n");
    if a.agreements.is_empty() {
        out.push_str("\nNone found.\n");
    }
    for g in &a.agreements {
        out.push_str(&format!(
            "\n**agreement** · {} · `{}`  \n{}\n\n",
            md_escape(&g.subject(&a.claims).name(rules)),
            g.id(&a.claims),
            md_escape(&a.explain_agreement(g, rules))
        ));
        side(&mut out, "A", &a.claims[g.a], a, rules);
        side(&mut out, "B", &a.claims[g.b], a, rules);
    }
    let notes = date_notes(a);
    if !notes.is_empty() {
        out.push_str("\n## Dates\n\n");
        for (path, note) in notes {
            out.push_str(&format!("- `{}`: {note}\n", md_escape(&path)));
        }
    }
    out.push_str("\n## Problems\n");
    if a.problems.is_empty() {
        out.push_str("\nNone.\n");
    } else {
        out.push('\n');
        for p in &a.problems {
            out.push_str(&format!("- {}\n", md_escape(&p.to_string())));
        }
    }
    out
}

/// Quotes a string for DOT: backslashes and quotes escaped, line breaks as `\n`.
fn dot_quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
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

/// One CSV cell: quoted when needed (RFC 4180), and a leading `=`, `+`, `-` or `@` defused so
/// that a spreadsheet never runs article text as a formula.
fn csv_cell(text: &str) -> String {
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
            c.when
                .as_ref()
                .map(|w| w.label())
                .unwrap_or_else(|| "undated".into()),
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

/// The Markdown report with ANSI styles for a terminal: headings bold, verdicts in their
/// colours, quotes dimmed. The caller's stream strips the styles again when colour is off.
pub fn terminal(markdown: &str) -> String {
    use anstyle::{AnsiColor, Style};
    let bold = Style::new().bold();
    let heading = Style::new().bold().fg_color(Some(AnsiColor::Cyan.into()));
    let dim = Style::new().dimmed();
    let styled =
        |style: Style, text: &str| format!("{}{text}{}", style.render(), style.render_reset());
    let mut out = String::with_capacity(markdown.len() + markdown.len() / 8);
    for line in markdown.lines() {
        let line = if line.starts_with('#') {
            styled(heading, line)
        } else if line.trim_start().starts_with("> ") {
            styled(dim, line)
        } else {
            line.replace(
                "**contradiction**",
                &styled(
                    Style::new().bold().fg_color(Some(AnsiColor::Red.into())),
                    "contradiction",
                ),
            )
            .replace(
                "**changed over time**",
                &styled(
                    Style::new().bold().fg_color(Some(AnsiColor::Yellow.into())),
                    "changed over time",
                ),
            )
            .replace(
                "**agreement**",
                &styled(
                    Style::new().bold().fg_color(Some(AnsiColor::Green.into())),
                    "agreement",
                ),
            )
            .replace("**A**", &styled(bold, "A"))
            .replace("**B**", &styled(bold, "B"))
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}
