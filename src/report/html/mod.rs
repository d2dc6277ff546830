//! The HTML report: one self-contained file (inline CSS and SVG, no scripts, no network)
//! that a person can open or mail. Every piece of article text is escaped.
//!
//! `disputes` renders the default view (a table of contents, a filter, the sides picture
//! and a card per dispute); this module holds what both views share and the pair view
//! (`--group pairs`), whose picture is in `graph`.

mod disputes;
mod graph;
mod sides;

pub use disputes::{MAX_FILTER_CHOICES, html};
pub use graph::{MAX_PICTURE_EDGES, MAX_PICTURE_SPEAKERS, MAX_PICTURE_SUBJECTS};
pub use sides::{MAX_PICTURE_DISPUTES, MAX_PICTURE_VOICES};

use super::{Card, Lead, kind_label};
use crate::Analysis;
use crate::claim::Claim;
use crate::conflict::Verdict;
use crate::rules::RuleSet;
use std::collections::BTreeMap;

/// The keys of the `most` heaviest of (weight, key) pairs, heaviest first and then by key,
/// in key order: what the picture and the filters keep of many.
fn heaviest<K: Ord>(mut ranked: Vec<(usize, K)>, most: usize) -> Vec<K> {
    ranked.sort_by(|x, y| y.0.cmp(&x.0).then_with(|| x.1.cmp(&y.1)));
    let mut kept: Vec<K> = ranked.into_iter().take(most).map(|(_, k)| k).collect();
    kept.sort();
    kept
}

/// Escapes text for HTML element content and attribute values; controls are shown escaped
/// (`\e`), as in every human format.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in crate::printable::escape_controls(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = "
:root{--ink:#1d2330;--muted:#5d6677;--line:#dde2ea;--red:#b3261e;--amber:#b26a00;--green:#1e7a3c;--bg:#f6f7f9}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 -apple-system,'Segoe UI',Helvetica,Arial,sans-serif;color:var(--ink);background:var(--bg)}
header{background:#1d2330;color:#fff;padding:20px 32px}header h1{margin:0 0 6px;font-size:22px}
.stats{display:flex;gap:12px;flex-wrap:wrap;margin-top:10px}.stat{background:rgba(255,255,255,.1);border-radius:8px;padding:8px 14px}
.stat b{display:block;font-size:22px}.stat.red b{color:#ff8a80}.stat.amber b{color:#ffcc80}.stat.green b{color:#a5d6a7}
main{max-width:1100px;margin:0 auto;padding:8px 32px 40px}h2{margin:32px 0 8px;font-size:19px;border-bottom:2px solid var(--line);padding-bottom:4px}
h3{margin:20px 0 8px;font-size:16px;color:var(--muted)}
.card{background:#fff;border:1px solid var(--line);border-left:5px solid var(--red);border-radius:8px;padding:14px 18px;margin:10px 0}
.card.changed{border-left-color:var(--amber)}.card.agree{border-left-color:var(--green)}
.badge{display:inline-block;font-size:12px;font-weight:600;border-radius:10px;padding:1px 9px;margin-right:6px;background:#fdecea;color:var(--red)}
.changed .badge{background:#fff3e0;color:var(--amber)}.agree .badge{background:#e8f5e9;color:var(--green)}
.why{margin:8px 0 10px}.meta{color:var(--muted);font-size:13px}.id{font-family:ui-monospace,Menlo,monospace;font-size:12px;color:var(--muted)}
.sides{display:grid;grid-template-columns:1fr 1fr;gap:12px}@media(max-width:800px){.sides{grid-template-columns:1fr}}
.side{background:var(--bg);border-radius:6px;padding:10px 12px}.side p{margin:6px 0 0}
mark{background:#fff3a8;padding:0 2px}.ctx{color:var(--muted)}
figure{background:#fff;border:1px solid var(--line);border-radius:8px;margin:16px 0;padding:12px;overflow:auto}figure svg{max-width:100%;height:auto}
figcaption{color:var(--muted);font-size:13px}ul.problems li{margin:4px 0}
";

/// One side of a card: who, file, line and when, then the sentence in its context.
fn side(out: &mut String, label: &str, c: &Claim, a: &Analysis, rules: &RuleSet) {
    let (path, who, when) = super::byline(c, a, rules);
    out.push_str(&format!(
        "<div class=\"side\"><div class=\"meta\"><b>{label}</b> · {} · {} · line {} · {}</div><p><span class=\"ctx\">{}</span><mark>{}</mark><span class=\"ctx\">{}</span></p></div>",
        escape(&who),
        escape(path),
        c.line,
        escape(&when),
        escape(&c.context.0),
        escape(&c.text),
        escape(&c.context.1)
    ));
}

/// The HTML report listed pair by pair (`--group pairs`).
pub fn html_pairs(analysis: &Analysis, rules: &RuleSet) -> String {
    let a = analysis;
    let mut out = String::from(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>claimclash report</title>\n<style>",
    );
    out.push_str(CSS);
    out.push_str("</style>\n</head>\n<body>\n<header><h1>claimclash report</h1>");
    stats(&mut out, a);
    out.push_str("</header>\n<main>\n");
    let (dot, speakers_out, subjects_out, edges_out) = graph::picture_dot(a, rules);
    if !a.conflicts.is_empty()
        && let Some(svg) = graph::picture_svg(&dot)
    {
        out.push_str("<figure>");
        out.push_str(&svg);
        out.push_str("<figcaption>Who contradicts whom: speakers (ovals) and the subjects they make claims about (boxes, grey edges with the number of claims); red edges join speakers whose claims contradict each other, orange ones speakers whose claims changed over time, with the number of findings.");
        if speakers_out + subjects_out + edges_out > 0 {
            out.push_str(&format!(
                " The {MAX_PICTURE_SPEAKERS} speakers and {MAX_PICTURE_SUBJECTS} subjects in the most findings are drawn, with at most {MAX_PICTURE_EDGES} edges of each kind; {speakers_out} other speakers, {subjects_out} other subjects and {edges_out} edges are left out of the picture, not out of the lists below."
            ));
        }
        out.push_str("</figcaption></figure>\n");
    }
    let numbers = claim_numbers(a);
    for section in super::sections(a, rules) {
        let title = format!("<h2>{} ({})</h2>\n", section.title, section.total());
        section.write(
            &mut out,
            (title, "<p class=\"meta\">None found.</p>\n"),
            |h| format!("<h3>{}</h3>\n", escape(h)),
            |out, card| html_card(out, card, &numbers, a, rules),
        );
    }
    dates_and_problems(&mut out, a);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The counts in the header.
fn stats(out: &mut String, a: &Analysis) {
    let stat = |class: &str, n: usize, what: &str| {
        format!("<div class=\"stat {class}\"><b>{n}</b>{what}</div>")
    };
    out.push_str("<div class=\"stats\">");
    out.push_str(&stat("", a.articles.len(), "articles"));
    out.push_str(&stat("", a.claims.len(), "claims"));
    out.push_str(&stat("red", a.contradictions(), "contradictions"));
    out.push_str(&stat("amber", a.changes(), "changed over time"));
    out.push_str(&stat("green", a.agreements.len(), "agreements"));
    out.push_str(&stat("", a.problems.len(), "problems"));
    out.push_str("</div>");
}

/// Numbers for the claims that take part in findings, in report order, so cards that share
/// a claim can be told.
fn claim_numbers(a: &Analysis) -> BTreeMap<usize, usize> {
    let mut numbers: BTreeMap<usize, usize> = BTreeMap::new();
    for (x, y) in a
        .conflicts
        .iter()
        .map(|k| (k.a, k.b))
        .chain(a.agreements.iter().map(|g| (g.a, g.b)))
    {
        for i in [x, y] {
            if !numbers.contains_key(&i) {
                let n = numbers.len() + 1;
                numbers.insert(i, n);
            }
        }
    }
    numbers
}

/// One finding as a card: badge, lead, claim numbers, id and reason, then both sides.
fn html_card(
    out: &mut String,
    card: &Card,
    numbers: &BTreeMap<usize, usize>,
    a: &Analysis,
    rules: &RuleSet,
) {
    let number = |i: usize| {
        numbers
            .get(&i)
            .map(|n| format!("#{n} "))
            .unwrap_or_default()
    };
    let (class, lead) = match &card.lead {
        Lead::Conflict {
            verdict,
            kind,
            score,
        } => {
            let class = match verdict {
                Verdict::Contradiction => "",
                Verdict::ChangedOverTime => "changed",
            };
            (class, format!("{} · score {score:.2}", kind_label(*kind)))
        }
        Lead::Agreement { subject } => ("agree", escape(subject)),
    };
    out.push_str(&format!(
        "<section class=\"card {class}\"><span class=\"badge\">{}</span><span class=\"meta\">{lead} · claims {}{}</span> <span class=\"id\">{}</span><div class=\"why\">{}</div><div class=\"sides\">",
        card.lead.badge(),
        escape(&number(card.a)),
        escape(&number(card.b)),
        escape(&card.id),
        escape(&card.why)
    ));
    side(out, "A", &a.claims[card.a], a, rules);
    side(out, "B", &a.claims[card.b], a, rules);
    out.push_str("</div></section>\n");
}

/// The notes on dates read from the text or missing, and the problems met.
fn dates_and_problems(out: &mut String, a: &Analysis) {
    let notes = super::date_notes(a);
    if !notes.is_empty() {
        out.push_str("<h2>Dates</h2>\n<ul>");
        for (path, note) in notes {
            out.push_str(&format!("<li>{}: {}</li>", escape(&path), escape(&note)));
        }
        out.push_str("</ul>\n");
    }
    out.push_str(&format!(
        "<h2 id=\"problems\">Problems ({})</h2>\n",
        a.problems.len()
    ));
    if a.problems.is_empty() {
        out.push_str("<p class=\"meta\">None.</p>\n");
    } else {
        out.push_str("<ul class=\"problems\">");
        for p in &a.problems {
            out.push_str(&format!("<li>{}</li>", escape(&p.to_string())));
        }
        out.push_str("</ul>\n");
    }
}
