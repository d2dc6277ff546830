//! The dispute view's picture: the sides of the largest disputes, drawn by hand as SVG so
//! that it fits its box. Each dispute is a row: its proposition in the middle, the voices
//! that affirm on the left, those that deny or dispute on the right, one line from each
//! voice to the proposition. The page is laid out for a 1,000-pixel box, so at 1280 px
//! wide the labels keep their 13 px.

use super::escape;
use crate::Analysis;
use crate::dispute::{Dispute, Verdict};
use crate::rules::RuleSet;

/// The most disputes the picture draws (the largest), and the most voices per side.
pub const MAX_PICTURE_DISPUTES: usize = 8;
pub const MAX_PICTURE_VOICES: usize = 6;

const WIDTH: usize = 1000;
const ROW: usize = 26;
const FONT: usize = 13;
/// Width of one character at 13 px, generously: labels are cut to fit their boxes.
const CHAR: f64 = 7.4;
const VOICE_BOX: usize = 330;
const MIDDLE: (usize, usize) = (370, 630);

/// A label cut to `max` characters, with an ellipsis when cut.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

/// The proposition cut into at most two lines that fit the middle box.
fn two_lines(text: &str) -> Vec<String> {
    let per_line = ((MIDDLE.1 - MIDDLE.0 - 16) as f64 / CHAR) as usize;
    let mut lines: Vec<String> = vec![String::new()];
    for word in text.split_whitespace() {
        let last = lines.last_mut().map(|l| l.chars().count()).unwrap_or(0);
        if last > 0 && last + 1 + word.chars().count() > per_line {
            lines.push(String::new());
        }
        if let Some(l) = lines.last_mut() {
            if !l.is_empty() {
                l.push(' ');
            }
            l.push_str(word);
        }
    }
    if lines.len() > 2 {
        let rest = lines[1..].join(" ");
        lines.truncate(1);
        lines.push(rest);
    }
    lines.into_iter().map(|l| cut(&l, per_line)).collect()
}

/// The voices of a side, names cut to fit: at most `MAX_PICTURE_VOICES`, then "+N more".
fn voice_labels(side: &crate::dispute::Side, a: &Analysis, rules: &RuleSet) -> Vec<String> {
    // A voice of several colleagues is drawn once, with their number.
    let names: Vec<String> = super::super::side_voice_groups(side, a, rules)
        .into_iter()
        .map(|(root, names)| match names.as_slice() {
            [one] if *one == root => root,
            [one] => format!("{root}: {one}"),
            many => format!("{root} ({} speakers)", many.len()),
        })
        .collect();
    let fit = ((VOICE_BOX - 16) as f64 / CHAR) as usize;
    let mut out: Vec<String> = names
        .iter()
        .take(MAX_PICTURE_VOICES)
        .map(|n| cut(n, fit))
        .collect();
    if names.len() > MAX_PICTURE_VOICES {
        out.push(format!("+{} more", names.len() - MAX_PICTURE_VOICES));
    }
    out
}

/// The largest disputes (by sentences, then report order), at most `MAX_PICTURE_DISPUTES`,
/// and how many were left out.
pub(super) fn largest(a: &Analysis) -> (Vec<usize>, usize) {
    let ranked: Vec<(usize, usize)> = a
        .disputes
        .iter()
        .enumerate()
        .filter(|(_, d)| d.verdict == Verdict::Contradiction)
        .map(|(i, d)| (d.sentences(&a.claims), i))
        .collect();
    let total = ranked.len();
    let kept = super::heaviest(ranked, MAX_PICTURE_DISPUTES);
    let left_out = total - kept.len();
    (kept, left_out)
}

/// The picture as inline SVG, or `None` when there is no dispute to draw.
pub(super) fn picture(a: &Analysis, rules: &RuleSet) -> Option<String> {
    let (kept, _) = largest(a);
    if kept.is_empty() {
        return None;
    }
    let mut body = String::new();
    let mut y = 8;
    for &i in &kept {
        y = row(&mut body, &a.disputes[i], y, a, rules);
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {y}\" width=\"{WIDTH}\" height=\"{y}\" role=\"img\" aria-label=\"Sides of the largest disputes\" font-family=\"Helvetica,Arial,sans-serif\" font-size=\"{FONT}\">{body}</svg>"
    ))
}

/// One dispute as a row from height `y`; returns where the next row starts.
fn row(out: &mut String, d: &Dispute, y: usize, a: &Analysis, rules: &RuleSet) -> usize {
    let left: Vec<String> = d
        .sides
        .iter()
        .filter(|s| s.affirms && s.quantity.is_none())
        .flat_map(|s| voice_labels(s, a, rules))
        .collect();
    // Quantities are positions of their own: the first on the left, the others right.
    let (left, right): (Vec<String>, Vec<String>) = if d.sides.iter().any(|s| s.quantity.is_some())
    {
        let mut sides = d.sides.iter();
        let first = sides
            .next()
            .map(|s| quantity_labels(s, a, rules))
            .unwrap_or_default();
        (
            first,
            sides.flat_map(|s| quantity_labels(s, a, rules)).collect(),
        )
    } else {
        let right = d
            .sides
            .iter()
            .filter(|s| !s.affirms)
            .flat_map(|s| voice_labels(s, a, rules))
            .collect();
        (left, right)
    };
    let rows = left.len().max(right.len()).max(2);
    let height = rows * ROW;
    let mid_y = y + height / 2;
    let lines = two_lines(&d.proposition(rules));
    let id = d.id(&a.claims);
    out.push_str(&format!(
        "<a href=\"#{id}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" fill=\"#f6f7f9\" stroke=\"#5d6677\"/>",
        MIDDLE.0,
        mid_y - 22,
        MIDDLE.1 - MIDDLE.0,
        44
    ));
    for (k, l) in lines.iter().enumerate() {
        let ty = mid_y + 5 + k * 17 - (lines.len() - 1) * 8;
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{ty}\" text-anchor=\"middle\" fill=\"#1d2330\">{}</text>",
            (MIDDLE.0 + MIDDLE.1) / 2,
            escape(l)
        ));
    }
    out.push_str("</a>");
    for (labels, right_side) in [(&left, false), (&right, true)] {
        let top = y + (height - labels.len() * ROW) / 2;
        for (k, label) in labels.iter().enumerate() {
            let cy = top + k * ROW + ROW / 2;
            let (x, anchor, edge, color) = if right_side {
                (WIDTH - VOICE_BOX, "start", WIDTH - VOICE_BOX, "#b3261e")
            } else {
                (VOICE_BOX, "end", VOICE_BOX, "#1f5fa8")
            };
            let join = if right_side { MIDDLE.1 } else { MIDDLE.0 };
            out.push_str(&format!(
                "<line x1=\"{edge}\" y1=\"{cy}\" x2=\"{join}\" y2=\"{mid_y}\" stroke=\"{color}\" stroke-width=\"1.5\"/><text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\" fill=\"{color}\">{}</text>",
                if right_side { x + 6 } else { x - 6 },
                cy + 4,
                escape(label)
            ));
        }
    }
    y + height + 14
}

/// The voices of a quantity side, the quantity first: "50 minutes: the White House".
fn quantity_labels(side: &crate::dispute::Side, a: &Analysis, rules: &RuleSet) -> Vec<String> {
    let fit = ((VOICE_BOX - 16) as f64 / CHAR) as usize;
    let q = side.quantity.clone().unwrap_or_else(|| side.label());
    voice_labels(side, a, rules)
        .into_iter()
        .map(|v| cut(&format!("{q}: {v}"), fit))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_cut_to_fit() {
        assert_eq!(cut("short", 10), "short");
        assert_eq!(cut("a rather long label", 8), "a rathe…");
        let lines = two_lines(&"word ".repeat(40));
        assert_eq!(lines.len(), 2);
        let per_line = ((MIDDLE.1 - MIDDLE.0 - 16) as f64 / CHAR) as usize;
        assert!(lines.iter().all(|l| l.chars().count() <= per_line));
    }
}
