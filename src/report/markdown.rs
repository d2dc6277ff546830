//! The Markdown report, for people, and its styled form for a terminal.

use super::{Card, Lead, Summary, date_notes, kind_label, sections, summary, when_label};
use crate::Analysis;
use crate::claim::Claim;
use crate::dispute::Dispute;
use crate::printable;
use crate::rules::RuleSet;

/// Escapes text for Markdown so article text cannot add links, emphasis, HTML or tables,
/// nor drive a terminal: control characters are shown escaped (`\e`).
pub fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\r' => {}
            '\n' => out.push(' '),
            c if printable::is_hostile(c) => {
                out.push_str(&printable::escape_controls(c.encode_utf8(&mut [0; 4])))
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' | '!' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Text as a Markdown code span. CommonMark takes everything between the fences literally
/// (a backslash stays a backslash), so nothing is escaped but controls; the fence is one
/// backtick longer than any run inside, padded with a space when the text starts or ends
/// with a backtick or a space.
pub fn md_code(text: &str) -> String {
    let text: String = printable::escape_controls(text)
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with(['`', ' ']) || text.ends_with(['`', ' ']) {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// "1 article", "2 articles".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// One side of a finding in Markdown: file, line, who and when, then the sentence quoted.
fn side(out: &mut String, label: &str, c: &Claim, a: &Analysis, rules: &RuleSet) {
    let (path, who, when) = super::byline(c, a, rules);
    out.push_str(&format!(
        "- **{label}** {} line {} · {} · {}\n  > {}\n",
        md_code(path),
        c.line,
        md_escape(&who),
        md_escape(&when),
        md_escape(&c.text)
    ));
}

/// One finding in Markdown: its lead, id and reason, then both sides.
fn md_card(out: &mut String, card: &Card, a: &Analysis, rules: &RuleSet) {
    let lead = match &card.lead {
        Lead::Conflict { kind, score, .. } => {
            format!(
                "**{}** ({}) · score {score:.2}",
                card.lead.badge(),
                kind_label(*kind)
            )
        }
        Lead::Agreement { subject } => {
            format!("**{}** · {}", card.lead.badge(), md_escape(subject))
        }
    };
    out.push_str(&format!(
        "\n{lead} · `{}`  \n{}\n\n",
        card.id,
        md_escape(&card.why)
    ));
    side(out, "A", &a.claims[card.a], a, rules);
    side(out, "B", &a.claims[card.b], a, rules);
}

/// The Markdown report listed pair by pair (`--group pairs`): summary, then contradictions
/// grouped by subject, then changes over time, agreements, undated articles and problems.
pub fn markdown_pairs(analysis: &Analysis, rules: &RuleSet) -> String {
    let a = analysis;
    let s = summary(a);
    let mut out = opening(&s);
    out.push_str(&format!(
        "**{}** · {} changed over time · {} · {}\n",
        count(s.contradictions, "contradiction"),
        s.changed_over_time,
        count(s.agreements, "agreement"),
        count(s.problems, "problem")
    ));
    for section in sections(a, rules) {
        section.write(
            &mut out,
            (format!("\n## {}\n", section.title), "\nNone found.\n"),
            |h| format!("\n### {}\n", md_escape(h)),
            |out, card| md_card(out, card, a, rules),
        );
    }
    dates_and_problems(&mut out, a);
    out
}

/// The title and the first counts, which every Markdown report opens with.
fn opening(s: &Summary) -> String {
    format!(
        "# claimclash report\n\n{} · {} · ",
        count(s.articles, "article"),
        count(s.claims, "claim")
    )
}

/// The notes on dates and the problems, which every Markdown report ends with.
fn dates_and_problems(out: &mut String, a: &Analysis) {
    let notes = date_notes(a);
    if !notes.is_empty() {
        out.push_str("\n## Dates\n\n");
        for (path, note) in notes {
            out.push_str(&format!("- {}: {}\n", md_code(&path), md_escape(&note)));
        }
    }
    if let Some(line) = a.coverage_line() {
        const SHOWN: usize = 20;
        out.push_str(&format!("\n## Coverage\n\n{}:\n\n", md_escape(&line)));
        for &i in a.silent.iter().take(SHOWN) {
            out.push_str(&format!("- {}\n", md_code(&a.articles[i].path)));
        }
        if a.silent.len() > SHOWN {
            out.push_str(&format!("- and {} more\n", a.silent.len() - SHOWN));
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
}

/// The Markdown report by proposition: the summary, then one card per dispute (its sides,
/// who takes each, the sentences with their trigger words in bold), the propositions whose
/// answer changed over time, revised statements, corroborations, dates and problems.
pub fn markdown(analysis: &Analysis, rules: &RuleSet) -> String {
    let a = analysis;
    let s = summary(a);
    let mut out = opening(&s);
    out.push_str(&format!(
        "**{}** ({} contradicting pairs) · {} changed over time · {} · {} · {}\n",
        count(s.disputes, "dispute"),
        s.contradictions,
        s.timelines,
        count(s.revised_statements, "revised statement"),
        count(s.corroborations, "corroboration"),
        count(s.problems, "problem")
    ));
    for (title, verdict, what) in super::DISPUTE_SECTIONS {
        let groups = super::disputes_of(a, verdict, rules);
        out.push_str(&format!("\n## {title}\n\n{what}\n"));
        if groups.is_empty() {
            out.push_str("\nNone found.\n");
        }
        for (heading, list) in groups {
            out.push_str(&format!("\n### {}\n", md_escape(&heading)));
            for i in list {
                dispute_card(&mut out, &a.disputes[i], a, rules);
            }
        }
    }
    dates_and_problems(&mut out, a);
    out
}

/// One dispute in Markdown: verdict, proposition, size, time and id, then each side with
/// its voices and sentences.
fn dispute_card(out: &mut String, d: &Dispute, a: &Analysis, rules: &RuleSet) {
    let kinds: Vec<&str> = d.kinds(&a.conflicts).into_iter().map(kind_label).collect();
    let kinds = if kinds.is_empty() {
        String::new()
    } else {
        format!(" ({})", kinds.join(", "))
    };
    let pairs = d.conflicts.len() + d.agreements.len();
    out.push_str(&format!(
        "\n**{}**{kinds} · {} · {} · {} · {} · `{}`\n",
        super::dispute_label(d.verdict),
        md_escape(&d.proposition(rules)),
        count(d.sentences(&a.claims), "sentence"),
        count(pairs, "pair"),
        md_escape(&super::window_label(d, &a.claims)),
        d.id(&a.claims)
    ));
    for side in &d.sides {
        let sources = side.sources(&a.claims, &a.articles, rules);
        out.push_str(&format!(
            "\n**{}** — {}: {}\n\n",
            md_escape(&side.label()),
            count(sources, "source"),
            md_escape(&super::side_voices(side, a, rules).join("; "))
        ));
        for &i in &side.claims {
            let c = &a.claims[i];
            let art = &a.articles[c.article];
            let (x, t, y) = super::trigger_parts(c);
            let marked = if t.is_empty() {
                md_escape(x)
            } else {
                format!("{}**{}**{}", md_escape(x), md_escape(t), md_escape(y))
            };
            out.push_str(&format!(
                "- {} line {} · {} · {}\n  > {marked}\n",
                md_code(&art.path),
                c.line,
                md_escape(&super::who(c, a, rules)),
                md_escape(&when_label(c)),
            ));
        }
    }
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
            .replace(
                "**revised statement**",
                &styled(
                    Style::new()
                        .bold()
                        .fg_color(Some(AnsiColor::Magenta.into())),
                    "revised statement",
                ),
            )
            .replace(
                "**corroboration**",
                &styled(
                    Style::new().bold().fg_color(Some(AnsiColor::Green.into())),
                    "corroboration",
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
