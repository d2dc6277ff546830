//! The pair view's picture: the subject graph laid out by layout-rs, claims folded into
//! edges between speakers and subjects, bounded so that it costs the same whatever the
//! corpus.

use crate::Analysis;
use crate::claim::Claim;
use crate::conflict::Verdict;
use crate::rules::RuleSet;
use std::collections::{BTreeMap, BTreeSet};

/// The most speakers and subjects the picture draws. Layout costs grow faster than the
/// nodes (about n³ in layout-rs: 200 outlets took more than 420 s), so the picture keeps the
/// speakers and subjects in the most findings, says how many it leaves out, and costs the
/// same whatever the corpus; every finding is still listed below it.
pub const MAX_PICTURE_SPEAKERS: usize = 20;
pub const MAX_PICTURE_SUBJECTS: usize = 12;
/// The most edges of each kind (speaker to subject, speaker to speaker) the picture draws:
/// the layout's cost grows with them too.
pub const MAX_PICTURE_EDGES: usize = 30;

/// The subject graph as DOT for the picture, with claims folded into edges so that it stays
/// readable: subjects (boxes) and speakers (ovals); a grey edge from a speaker to each subject
/// it makes claims about, with their number; a red edge between two speakers whose claims
/// contradict each other (orange for changes over time), with the number of findings.
/// Labels come from the rule pack, the articles' sources and numbers, never from article
/// text. Returns the DOT and how many speakers and subjects were left out.
pub(super) fn picture_dot(a: &Analysis, rules: &RuleSet) -> (String, usize, usize, usize) {
    let who = |c: &Claim| super::super::who(c, a, rules);
    let mut says: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut clashes: BTreeMap<(String, String, bool), usize> = BTreeMap::new();
    // How many findings each speaker and subject takes part in, to keep the busiest.
    let mut speaker_weight: BTreeMap<String, usize> = BTreeMap::new();
    let mut subject_weight: BTreeMap<String, usize> = BTreeMap::new();
    for k in &a.conflicts {
        let (x, y) = (who(&a.claims[k.a]), who(&a.claims[k.b]));
        *subject_weight
            .entry(a.claims[k.a].subject.name(rules))
            .or_default() += 1;
        *speaker_weight.entry(x.clone()).or_default() += 1;
        if x == y {
            continue;
        }
        *speaker_weight.entry(y.clone()).or_default() += 1;
        let (x, y) = if x < y { (x, y) } else { (y, x) };
        *clashes
            .entry((x, y, k.verdict == Verdict::Contradiction))
            .or_default() += 1;
    }
    // Only speakers and subjects that take part in a finding are drawn.
    let involved: BTreeSet<usize> = a.conflicts.iter().flat_map(|k| [k.a, k.b]).collect();
    for &i in &involved {
        let c = &a.claims[i];
        let (w, s) = (who(c), c.subject.name(rules));
        speaker_weight.entry(w.clone()).or_default();
        subject_weight.entry(s.clone()).or_default();
        *says.entry((w, s)).or_default() += 1;
    }
    let busiest = |weights: BTreeMap<String, usize>, max: usize| -> (Vec<String>, usize) {
        let mut ranked: Vec<(usize, String)> = weights.into_iter().map(|(n, w)| (w, n)).collect();
        ranked.sort_by(|x, y| y.0.cmp(&x.0).then_with(|| x.1.cmp(&y.1)));
        let left_out = ranked.len().saturating_sub(max);
        let mut kept: Vec<String> = ranked.into_iter().take(max).map(|(_, n)| n).collect();
        kept.sort();
        (kept, left_out)
    };
    let (names, speakers_out) = busiest(speaker_weight, MAX_PICTURE_SPEAKERS);
    let (subjects, subjects_out) = busiest(subject_weight, MAX_PICTURE_SUBJECTS);
    let name_at: BTreeMap<&str, usize> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i))
        .collect();
    let subject_at: BTreeMap<&str, usize> = subjects
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i))
        .collect();
    let clean = |t: &str| crate::printable::escape_controls(t).replace(['"', '\\'], "'");
    let mut dot = String::from("digraph G {\n");
    for (k, s) in subjects.iter().enumerate() {
        dot.push_str(&format!("  s{k} [shape=box, label=\"{}\"];\n", clean(s)));
    }
    for (k, n) in names.iter().enumerate() {
        dot.push_str(&format!(
            "  p{k} [shape=ellipse, label=\"{}\"];\n",
            clean(n)
        ));
    }
    // The heaviest edges between drawn nodes, at most MAX_PICTURE_EDGES of each kind, in
    // their map order.
    let heaviest = |weights: Vec<(usize, usize)>| -> BTreeSet<usize> {
        let mut ranked = weights;
        ranked.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        ranked
            .into_iter()
            .take(MAX_PICTURE_EDGES)
            .map(|(i, _)| i)
            .collect()
    };
    let links: Vec<(usize, usize, usize)> = says
        .iter()
        .filter_map(|((w, s), n)| {
            Some((*name_at.get(w.as_str())?, *subject_at.get(s.as_str())?, *n))
        })
        .collect();
    let kept = heaviest(links.iter().enumerate().map(|(i, l)| (i, l.2)).collect());
    let mut edges_out = links.len() - kept.len();
    for (i, (p, q, n)) in links.iter().enumerate() {
        if kept.contains(&i) {
            dot.push_str(&format!("  p{p} -> s{q} [label=\"{n}\"];\n"));
        }
    }
    let edges: Vec<(usize, usize, &str, usize)> = clashes
        .iter()
        .filter_map(|((x, y, contradiction), n)| {
            let color = if *contradiction { "red" } else { "orange" };
            Some((
                *name_at.get(x.as_str())?,
                *name_at.get(y.as_str())?,
                color,
                *n,
            ))
        })
        .collect();
    let kept = heaviest(edges.iter().enumerate().map(|(i, e)| (i, e.3)).collect());
    edges_out += edges.len() - kept.len();
    for (i, (p, q, color, n)) in edges.iter().enumerate() {
        if kept.contains(&i) {
            dot.push_str(&format!(
                "  p{p} -> p{q} [color=\"{color}\", label=\"{n}\"];\n"
            ));
        }
    }
    dot.push_str("}\n");
    (dot, speakers_out, subjects_out, edges_out)
}

/// Lays the picture out with layout-rs (pure Rust; no Graphviz needed). Layout code we do
/// not own is kept from taking the report down: a failure leaves the picture out.
pub(super) fn picture_svg(dot: &str) -> Option<String> {
    std::panic::catch_unwind(|| {
        let mut parser = layout::gv::DotParser::new(dot);
        let graph = parser.process().ok()?;
        let mut builder = layout::gv::GraphBuilder::new();
        builder.visit_graph(&graph);
        let mut visual = builder.get();
        let mut svg = layout::backends::svg::SVGWriter::new();
        visual.do_it(false, false, false, &mut svg);
        Some(svg.finalize())
    })
    .ok()
    .flatten()
    .map(|s| match s.find("<svg") {
        Some(i) => s[i..].to_string(),
        None => s,
    })
}
