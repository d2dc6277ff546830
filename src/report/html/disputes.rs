//! The HTML dispute view: the counts, a table of contents, a filter by verdict, subject and
//! speaker, the sides picture, then a card per finding with its sides side by side.
//!
//! The filter needs no script: it is a set of radio buttons, and one CSS rule per choice
//! (`:has(#f…:checked)`) hides the cards and contents entries that do not match. A browser
//! without `:has` shows every card, which is the whole report.

use super::{CSS, escape, sides};
use crate::Analysis;
use crate::claim::Claim;
use crate::dispute::{Dispute, Side, Verdict, Who};
use crate::report::{DISPUTE_SECTIONS, dispute_label, disputes_of, kind_label, when_label};
use crate::rules::RuleSet;
use std::collections::BTreeMap;

/// The most subjects and speakers the filter offers (those in the most findings); the
/// others are reached through the contents.
pub const MAX_FILTER_CHOICES: usize = 30;
/// Sentences shown on a side before the rest are folded.
const OPEN_SENTENCES: usize = 3;

/// Entries of a section of the contents beyond which they run in two columns.
const LONG_CONTENTS: usize = 8;

const DISPUTE_CSS: &str = "
.toc{background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 18px;margin:16px 0}
.toc h2{border:0;margin:4px 0;padding:0}.toc ol{margin:4px 0;padding-left:22px}.toc li{margin:2px 0}
.toc ol ol.long{columns:2}.toc ol ol{column-gap:28px;font-size:14px}.toc a{color:var(--ink)}
.filter{background:#fff;border:1px solid var(--line);border-radius:8px;padding:8px 18px;margin:16px 0;font-size:14px}
.filter fieldset{border:0;margin:4px 0;padding:0}.filter legend{font-weight:600;float:left;width:80px;padding:3px 0}
.filter label{display:inline-block;margin:2px 8px 2px 0;padding:1px 8px;border:1px solid var(--line);border-radius:10px;cursor:pointer}
.filter input{margin:0 4px 0 0;vertical-align:-1px}
.card h4{margin:4px 0 8px;font-size:16px}.side h5{margin:0 0 4px;font-size:14px}
.side ul{margin:6px 0 0;padding-left:18px}.side li{margin:6px 0}.side q{quotes:none}
.sides{grid-template-columns:repeat(auto-fit,minmax(300px,1fr))}
.revised{border-left-color:#7b3fa0}.revised .badge{background:#f3e8f9;color:#7b3fa0}
details summary{cursor:pointer;color:var(--muted)}summary h2{display:inline-block;margin:24px 0 8px;border:0}ol.timeline{padding-left:20px}ol.timeline li{margin:6px 0}
";

/// The HTML report, by dispute.
pub fn html(analysis: &Analysis, rules: &RuleSet) -> String {
    let a = analysis;
    let choices = Choices::of(a, rules);
    let mut out = String::from(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>claimclash report</title>\n<style>",
    );
    out.push_str(CSS);
    out.push_str(DISPUTE_CSS);
    out.push_str(&choices.css());
    out.push_str("</style>\n</head>\n<body>\n<header><h1>claimclash report</h1>");
    stats(&mut out, a);
    out.push_str("</header>\n<main>\n");
    contents(&mut out, a, &choices, rules);
    choices.form(&mut out, rules);
    if let Some(svg) = sides::picture(a, rules) {
        let (_, left_out) = sides::largest(a);
        out.push_str("<figure>");
        out.push_str(&svg);
        out.push_str("<figcaption>The sides of the largest disputes: what is disputed in the middle, the voices that affirm it on the left (blue), those that deny or dispute it on the right (red); colleagues of one organisation are one voice. Each proposition links to its card.");
        if left_out > 0 {
            out.push_str(&format!(
                " {left_out} smaller disputes are left out of the picture, not out of the cards below."
            ));
        }
        out.push_str("</figcaption></figure>\n");
    }
    for (k, (title, verdict, what)) in DISPUTE_SECTIONS.iter().enumerate() {
        let groups = disputes_of(a, *verdict, rules);
        let total: usize = groups.iter().map(|(_, l)| l.len()).sum();
        // The disputes are open; the other sections are folded under their counts.
        let open = if k == 0 { " open" } else { "" };
        out.push_str(&format!(
            "<details{open} id=\"sec-{k}\"><summary><h2>{title} ({total})</h2></summary>\n<p class=\"meta\">{what}</p>\n"
        ));
        if groups.is_empty() {
            out.push_str("<p class=\"meta\">None found.</p>\n");
        }
        for (heading, list) in groups {
            out.push_str(&format!("<h3>{}</h3>\n", escape(&heading)));
            for i in list {
                card(&mut out, i, &choices, a, rules);
            }
        }
        out.push_str("</details>\n");
    }
    super::dates_and_problems(&mut out, a);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The counts in the header.
fn stats(out: &mut String, a: &Analysis) {
    let s = crate::report::summary(a);
    let stat = |class: &str, n: usize, what: &str| {
        format!("<div class=\"stat {class}\"><b>{n}</b>{what}</div>")
    };
    out.push_str("<div class=\"stats\">");
    out.push_str(&stat("", s.articles, "articles"));
    out.push_str(&stat("", s.claims, "claims"));
    out.push_str(&stat("red", s.disputes, "disputes"));
    out.push_str(&stat("amber", s.timelines, "changed over time"));
    out.push_str(&stat("", s.revised_statements, "revised statements"));
    out.push_str(&stat("green", s.corroborations, "corroborations"));
    out.push_str(&stat("", s.problems, "problems"));
    out.push_str("</div>");
}

/// The filter's choices: the subjects and speakers in the most findings, each with its
/// number, and the classes of every finding.
struct Choices {
    subjects: Vec<String>,
    speakers: Vec<String>,
    /// For each finding: the numbers of its subject and speakers among the choices.
    of: Vec<(Option<usize>, Vec<usize>)>,
}

impl Choices {
    fn of(a: &Analysis, rules: &RuleSet) -> Choices {
        let mut subject_weight: BTreeMap<String, usize> = BTreeMap::new();
        let mut speaker_weight: BTreeMap<String, usize> = BTreeMap::new();
        let mut names: Vec<(String, Vec<String>)> = Vec::with_capacity(a.disputes.len());
        for d in &a.disputes {
            let subject = d.subject.name(rules);
            *subject_weight.entry(subject.clone()).or_default() += 1;
            let mut speakers: Vec<String> = d
                .sides
                .iter()
                .flat_map(|s| s.speakers(&a.claims, &a.articles))
                .map(|w: Who| w.name(rules))
                .collect();
            speakers.sort();
            speakers.dedup();
            for s in &speakers {
                *speaker_weight.entry(s.clone()).or_default() += 1;
            }
            names.push((subject, speakers));
        }
        let top = |w: BTreeMap<String, usize>| -> Vec<String> {
            super::heaviest(
                w.into_iter().map(|(n, c)| (c, n)).collect(),
                MAX_FILTER_CHOICES,
            )
        };
        let subjects = top(subject_weight);
        let speakers = top(speaker_weight);
        let of = names
            .into_iter()
            .map(|(s, ws)| {
                let subject = subjects.binary_search(&s).ok();
                let ws = ws
                    .iter()
                    .filter_map(|w| speakers.binary_search(w).ok())
                    .collect();
                (subject, ws)
            })
            .collect();
        Choices {
            subjects,
            speakers,
            of,
        }
    }

    /// The classes of finding `i`: its verdict, subject and speakers.
    fn classes(&self, i: usize, verdict: Verdict) -> String {
        let (subject, speakers) = &self.of[i];
        let mut out = format!("f v{}", verdict as usize);
        if let Some(s) = subject {
            out.push_str(&format!(" s{s}"));
        }
        for w in speakers {
            out.push_str(&format!(" w{w}"));
        }
        out
    }

    /// One rule per choice: when it is checked, findings without its class are hidden.
    fn css(&self) -> String {
        let mut out = String::new();
        let mut rule = |id: String, class: String| {
            out.push_str(&format!(
                "body:has(#{id}:checked) .f:not(.{class}){{display:none}}\n"
            ));
        };
        for v in 0..DISPUTE_SECTIONS.len() {
            rule(format!("fv{v}"), format!("v{v}"));
        }
        for s in 0..self.subjects.len() {
            rule(format!("fs{s}"), format!("s{s}"));
        }
        for w in 0..self.speakers.len() {
            rule(format!("fw{w}"), format!("w{w}"));
        }
        out
    }

    /// The filter form: one row of radio buttons per dimension, "all" first and checked.
    fn form(&self, out: &mut String, _rules: &RuleSet) {
        out.push_str("<form class=\"filter\" aria-label=\"Filter findings\">");
        let row = |out: &mut String, legend: &str, key: &str, labels: &[String]| {
            out.push_str(&format!(
                "<fieldset><legend>{legend}</legend><label><input type=\"radio\" name=\"{key}\" checked>all</label>"
            ));
            for (k, l) in labels.iter().enumerate() {
                out.push_str(&format!(
                    "<label><input type=\"radio\" name=\"{key}\" id=\"{key}{k}\">{}</label>",
                    escape(l)
                ));
            }
            out.push_str("</fieldset>");
        };
        let verdicts: Vec<String> = DISPUTE_SECTIONS
            .iter()
            .map(|(_, v, _)| dispute_label(*v).to_string())
            .collect();
        row(out, "Verdict", "fv", &verdicts);
        row(out, "Subject", "fs", &self.subjects);
        row(out, "Speaker", "fw", &self.speakers);
        out.push_str("</form>\n");
    }
}

/// The table of contents: each section with its count, and under it each finding, linked.
fn contents(out: &mut String, a: &Analysis, choices: &Choices, rules: &RuleSet) {
    out.push_str("<nav class=\"toc\"><h2>Contents</h2><ol>");
    for (k, (title, verdict, _)) in DISPUTE_SECTIONS.iter().enumerate() {
        let groups = disputes_of(a, *verdict, rules);
        let total: usize = groups.iter().map(|(_, l)| l.len()).sum();
        out.push_str(&format!("<li><a href=\"#sec-{k}\">{title}</a> ({total})"));
        if total > 0 {
            // A long list runs in two columns; a short one stays one, where it is read.
            out.push_str(if total > LONG_CONTENTS {
                "<ol class=\"long\">"
            } else {
                "<ol>"
            });
            for i in groups.iter().flat_map(|(_, l)| l) {
                let d = &a.disputes[*i];
                out.push_str(&format!(
                    "<li class=\"{}\"><a href=\"#{}\">{}</a> · {} sentences</li>",
                    choices.classes(*i, d.verdict),
                    d.id(&a.claims),
                    escape(&d.proposition(rules)),
                    d.sentences(&a.claims)
                ));
            }
            out.push_str("</ol>");
        }
        out.push_str("</li>");
    }
    out.push_str("<li><a href=\"#problems\">Dates and problems</a></li></ol></nav>\n");
}

/// One finding as a card: badge, proposition, counts and id, its sides side by side (or a
/// timeline), then the pairs it folds.
fn card(out: &mut String, index: usize, choices: &Choices, a: &Analysis, rules: &RuleSet) {
    let d = &a.disputes[index];
    let class = match d.verdict {
        Verdict::Contradiction => "",
        Verdict::ChangedOverTime => "changed",
        Verdict::RevisedStatement => "revised",
        Verdict::Corroboration => "agree",
    };
    let kinds: Vec<&str> = d.kinds(&a.conflicts).into_iter().map(kind_label).collect();
    let id = d.id(&a.claims);
    out.push_str(&format!(
        "<section class=\"card {class} {}\" id=\"{id}\"><span class=\"badge\">{}</span><span class=\"meta\">{}{} sentences · {} · {}</span> <span class=\"id\">{id}</span><h4>{}</h4>",
        choices.classes(index, d.verdict),
        dispute_label(d.verdict),
        if kinds.is_empty() { String::new() } else { format!("{} · ", kinds.join(", ")) },
        d.sentences(&a.claims),
        escape(&crate::report::window_label(d, &a.claims)),
        pairs_label(d),
        escape(&d.proposition(rules))
    ));
    if d.verdict == Verdict::ChangedOverTime {
        timeline(out, d, a, rules);
    } else {
        out.push_str("<div class=\"sides\">");
        for side in &d.sides {
            side_html(out, side, a, rules);
        }
        out.push_str("</div>");
    }
    folded_pairs(out, d, a, rules);
    out.push_str("</section>\n");
}

fn pairs_label(d: &Dispute) -> String {
    match d.conflicts.len() + d.agreements.len() {
        1 => "1 pair".into(),
        n => format!("{n} pairs"),
    }
}

/// One side: its position, its independent sources and voices, then its sentences with the
/// trigger words marked, the first few open and the rest folded.
fn side_html(out: &mut String, side: &Side, a: &Analysis, rules: &RuleSet) {
    let sources = side.sources(&a.claims, &a.articles, rules);
    out.push_str(&format!(
        "<div class=\"side\"><h5>{} · {} source{}</h5><div class=\"meta\">{}</div><ul>",
        escape(&side.label()),
        sources,
        if sources == 1 { "" } else { "s" },
        escape(&crate::report::side_voices(side, a, rules).join("; "))
    ));
    for (k, &i) in side.claims.iter().enumerate() {
        if k == OPEN_SENTENCES {
            let more = side.claims.len() - OPEN_SENTENCES;
            out.push_str(&format!(
                "</ul><details><summary>{more} more sentence{}</summary><ul>",
                if more == 1 { "" } else { "s" }
            ));
        }
        sentence(out, &a.claims[i], a, rules);
    }
    out.push_str("</ul>");
    if side.claims.len() > OPEN_SENTENCES {
        out.push_str("</details>");
    }
    out.push_str("</div>");
}

/// One sentence: who, where and when, then the sentence with its trigger words marked.
fn sentence(out: &mut String, c: &Claim, a: &Analysis, rules: &RuleSet) {
    let art = &a.articles[c.article];
    let (x, t, y) = crate::report::trigger_parts(c);
    out.push_str(&format!(
        "<li><div class=\"meta\">{} · {} line {} · {}</div><q>{}<mark>{}</mark>{}</q></li>",
        escape(&crate::report::who(c, a, rules)),
        escape(&art.path),
        c.line,
        escape(&when_label(c)),
        escape(x),
        escape(t),
        escape(y)
    ));
}

/// A proposition whose answer changed: every claim in time order, with its side.
fn timeline(out: &mut String, d: &Dispute, a: &Analysis, rules: &RuleSet) {
    let mut all: Vec<(usize, &Side)> = d
        .sides
        .iter()
        .flat_map(|s| s.claims.iter().map(move |&i| (i, s)))
        .collect();
    all.sort_by_key(|&(i, _)| {
        let c = &a.claims[i];
        (c.when.as_ref().map(|w| w.start), i)
    });
    out.push_str("<ol class=\"timeline\">");
    for (i, side) in all {
        out.push_str(&format!("<li><b>{}</b> ", escape(&side.label())));
        let mut item = String::new();
        sentence(&mut item, &a.claims[i], a, rules);
        // The sentence's own list item, unwrapped into this one.
        let inner = item
            .strip_prefix("<li>")
            .and_then(|s| s.strip_suffix("</li>"))
            .unwrap_or(&item);
        out.push_str(inner);
        out.push_str("</li>");
    }
    out.push_str("</ol>");
}

/// The pairs a finding folds, for whoever wants them: id, kind and reason, folded.
fn folded_pairs(out: &mut String, d: &Dispute, a: &Analysis, rules: &RuleSet) {
    if d.conflicts.is_empty() && d.agreements.is_empty() {
        return;
    }
    out.push_str(&format!(
        "<details><summary>{} folded into this card</summary><ul class=\"meta\">",
        pairs_label(d)
    ));
    for &k in &d.conflicts {
        let p = &a.conflicts[k];
        out.push_str(&format!(
            "<li><span class=\"id\">{}</span> {}: {}</li>",
            escape(&p.id(&a.claims)),
            kind_label(p.kind),
            escape(&a.explain(p, rules))
        ));
    }
    for &g in &d.agreements {
        let p = &a.agreements[g];
        out.push_str(&format!(
            "<li><span class=\"id\">{}</span> agreement: {}</li>",
            escape(&p.id(&a.claims)),
            escape(&a.explain_agreement(p, rules))
        ));
    }
    out.push_str("</ul></details>");
}
