//! `claimclash check`: reads the corpus, analyses it and writes the report, or hands over to
//! `--watch` or `--baseline`.

use super::config::{self, Resolved};
use super::flags::{CheckArgs, FailOn, Format, GroupBy};
use super::output::{self, Target, Timings, say};
use super::{Failure, Outcome, Status, baseline, watch};
use claimclash::files::FileId;
use claimclash::rules::RuleSet;
use claimclash::{Analysis, article, printable, report};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Checks the inputs and writes the report; with `--baseline` compares instead, with
/// `--watch` keeps checking.
pub fn run(args: CheckArgs) -> Outcome {
    // Every place the run will write is checked before any work, so a mistaken path costs
    // nothing and overwrites nothing.
    let output = match &args.report.output {
        Some(path) => Target::of(path).map_err(|e| format!("--output {e}"))?,
        None => Target::Stdout,
    };
    let saved = match (&args.baseline, args.update_baseline) {
        (Some(path), true) => Some(Target::of(path).map_err(|e| format!("--baseline {e}"))?),
        _ => None,
    };
    if args.baseline.is_some() && args.report.format.is_some() {
        return Err(
            "--format applies to reports, and --baseline prints the changes as text: \
                    drop --format, or --baseline for a report"
                .into(),
        );
    }
    refuse_inputs(&output, &args.inputs, "check").map_err(|e| format!("--output {e}"))?;
    if let Some(target) = &saved {
        refuse_inputs(target, &args.inputs, "check").map_err(|e| format!("--baseline {e}"))?;
    }
    set_jobs(args.jobs)?;
    let flags = config::Flags {
        format: args.report.format,
        fail_on: args.fail_on,
        color: args.color,
        general: args.general,
    };
    let resolved = config::resolve(&args.config, &args.rules, flags)?;
    let rules_start = Instant::now();
    let rules = resolved.load_rules()?;
    let rules_time = rules_start.elapsed();
    if args.watch {
        return watch::run(&args.inputs, &resolved, rules);
    }
    if args.inputs.is_empty() {
        return Err("no inputs; give article files, directories, or - for standard input".into());
    }
    let started = Instant::now();
    // The report being replaced is never read back as an article, wherever it is.
    let except: Vec<FileId> = output.replaces().into_iter().collect();
    let run = analyze(
        &args.inputs,
        &except,
        &rules,
        rules.lexicon(),
        resolved.general,
        &mut std::io::stdin().lock(),
        true,
    );
    let analysis = run.analysis;
    if analysis.articles.is_empty() {
        return Err("no readable article in the inputs; nothing to check".into());
    }
    say(&coverage(&analysis));
    if let Some(path) = &args.baseline {
        return baseline::run(&analysis, &rules, path, saved.as_ref(), &output);
    }
    let render_start = Instant::now();
    if resolved.format == Format::Json {
        // Written as it is made: the report of a large corpus is never held whole.
        let rules = analysis.rules(&rules);
        output::emit_with(&output, |w| report::json_to(&analysis, rules, w).map(drop))?;
    } else {
        let text = render(resolved.format, args.report.group, &analysis, &rules);
        write_report(&text, &resolved, &output)?;
    }
    let timings = Timings {
        rules: rules_time,
        load: run.load_time,
        render: render_start.elapsed(),
        total: started.elapsed(),
    };
    if let Target::File(path) = &output {
        say(&wrote_line(&analysis, path));
    }
    if args.stats {
        say(&output::stats(&analysis, &timings, run.bytes));
    }
    Ok(Status::findings_if(
        failing(&analysis, resolved.fail_on) > 0,
    ))
}

/// A report written over an input would destroy the article it was made from: the target
/// may not be a file given as an input, nor, inside an input folder, a file the walk reads
/// as an article, unless it is a report claimclash wrote before (it is then left out of the
/// walk and replaced).
pub(super) fn refuse_inputs(
    target: &Target,
    inputs: &[PathBuf],
    command: &str,
) -> Result<(), String> {
    let (Some(id), Target::File(path)) = (target.replaces(), target) else {
        return Ok(());
    };
    let shown = printable::cut(&path.to_string_lossy()).into_owned();
    let real = std::fs::canonicalize(path).ok();
    for input in inputs.iter().filter(|p| p.as_os_str() != "-") {
        let Ok(meta) = std::fs::metadata(input) else {
            continue;
        };
        if meta.is_file() && FileId::of(&meta) == id {
            return Err(format!(
                "`{shown}` is an input of this {command}; writing there would overwrite it: \
                 give another path"
            ));
        }
        let inside = meta.is_dir()
            && real
                .as_ref()
                .is_some_and(|r| std::fs::canonicalize(input).is_ok_and(|dir| r.starts_with(dir)));
        if inside && article::is_article_name(path) && !is_report(path) {
            return Err(format!(
                "`{shown}` is an article of the input `{}`; writing there would overwrite it: \
                 give another path",
                printable::cut(&input.to_string_lossy())
            ));
        }
    }
    Ok(())
}

/// Whether the file starts as a report of this tool does (Markdown or JSON).
fn is_report(path: &std::path::Path) -> bool {
    let Ok((file, _)) = claimclash::files::open_regular(path) else {
        return false;
    };
    let mut head = Vec::new();
    let _ = std::io::Read::read_to_end(&mut std::io::Read::take(file, 256), &mut head);
    let head = String::from_utf8_lossy(&head);
    head.starts_with("# claimclash report\n")
        || head.starts_with('{')
            && head.contains(&format!("\"schema\": \"{}\"", claimclash::report::SCHEMA))
}

/// `--jobs`: the size of the global thread pool (clap keeps it within 1..=1024).
pub fn set_jobs(jobs: Option<u16>) -> Result<(), Failure> {
    if let Some(n) = jobs
        && let Err(e) = rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(n))
            .build_global()
    {
        return Err(format!("cannot set up {n} worker threads: {e}").into());
    }
    Ok(())
}

/// One run over the inputs: the analysis and what reading its articles took.
pub struct Run {
    pub analysis: Analysis,
    /// Time spent reading articles, not analysing them.
    pub load_time: Duration,
    pub bytes: usize,
}

/// Reads the inputs (but the files in `except`) batch by batch into the pipeline and analyses them; problems go to
/// stderr and into the analysis, sorted. With `progress`, a spinner may show on stderr.
pub fn analyze(
    inputs: &[PathBuf],
    except: &[FileId],
    rules: &RuleSet,
    lexicon: &claimclash::lexicon::Lexicon,
    general: bool,
    stdin: &mut dyn std::io::Read,
    progress: bool,
) -> Run {
    let mut pipeline = claimclash::Pipeline::new(rules)
        .with_lexicon(lexicon)
        .with_general(general);
    let mut spinner = progress.then(Spinner::new);
    let mut load_time = Duration::ZERO;
    let mut mark = Instant::now();
    let mut articles_read = 0usize;
    let problems = article::load_each_except(inputs, except, stdin, &mut |batch| {
        load_time += mark.elapsed();
        articles_read += batch.len();
        pipeline.add(batch);
        if let Some(s) = &mut spinner {
            s.show(articles_read, pipeline.bytes());
        }
        mark = Instant::now();
    });
    if let Some(s) = spinner {
        s.bar.finish_and_clear();
    }
    load_time += mark.elapsed();
    let bytes = pipeline.bytes();
    let mut analysis = pipeline.finish();
    for p in problems.iter().chain(&analysis.problems) {
        say(&format!("claimclash: {p}\n"));
    }
    analysis.problems.extend(problems);
    analysis.problems.sort();
    Run {
        analysis,
        load_time,
        bytes,
    }
}

/// Where an article stands: its file, and for a line of a JSON lines file that line.
fn place_of(article: &article::ArticleInfo) -> String {
    let path = printable::escape_controls(&article.path);
    match article.line {
        Some(line) => format!("{path}:{line}"),
        None => path.into_owned(),
    }
}

/// The articles of which no claim was read, on stderr: a check that understood nothing
/// must never pass for a clean one.
pub fn coverage(a: &Analysis) -> String {
    const SHOWN: usize = 10;
    let Some(line) = a.coverage_line() else {
        return String::new();
    };
    let names: Vec<String> = a
        .silent
        .iter()
        .take(SHOWN)
        .map(|&i| place_of(&a.articles[i]))
        .collect();
    let more = a.silent.len().saturating_sub(SHOWN);
    let mut out = format!(
        "claimclash: {line}: {}{}\n",
        names.join(", "),
        if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        }
    );
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// Progress goes to stderr and only to a terminal (indicatif hides it otherwise).
/// It appears only once a run has taken more than a moment.
struct Spinner {
    bar: ProgressBar,
    shown: bool,
    started: Instant,
}

impl Spinner {
    fn new() -> Spinner {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        Spinner {
            bar,
            shown: false,
            started: Instant::now(),
        }
    }

    fn show(&mut self, articles: usize, bytes: usize) {
        if !self.shown && self.started.elapsed() > Duration::from_millis(500) {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown = true;
        }
        self.bar.set_message(format!(
            "{articles} articles, {:.1} MB read",
            bytes as f64 / 1e6
        ));
        self.bar.tick();
    }
}

pub fn render(format: Format, group: GroupBy, analysis: &Analysis, rules: &RuleSet) -> String {
    let pairs = group == GroupBy::Pairs;
    let rules = analysis.rules(rules);
    match format {
        Format::Markdown if pairs => report::markdown_pairs(analysis, rules),
        Format::Markdown => report::markdown(analysis, rules),
        Format::Json => report::json(analysis, rules),
        Format::Html if pairs => report::html::html_pairs(analysis, rules),
        Format::Html => report::html::html(analysis, rules),
        Format::Dot => report::dot(analysis, rules),
        Format::Csv if pairs => report::csv_pairs(analysis, rules),
        Format::Csv => report::csv(analysis, rules),
    }
}

/// The line said once a report is written to a file: what it holds, and where.
fn wrote_line(a: &Analysis, path: &std::path::Path) -> String {
    format!(
        "claimclash: wrote {}: {}\n",
        printable::cut(&printable::escape_controls(&path.to_string_lossy())),
        counts(a, ", ")
    )
}

/// What an analysis holds, each count with its noun, joined by `sep`.
pub fn counts(a: &Analysis, sep: &str) -> String {
    [
        format!("{} articles", a.articles.len()),
        format!("{} claims", a.claims.len()),
        format!("{} contradictions", a.contradictions()),
        format!("{} changed over time", a.changes()),
        format!("{} agreements", a.agreements.len()),
        format!("{} problems", a.problems.len()),
    ]
    .join(sep)
}

/// Markdown for the terminal goes out styled; every other report as it is.
pub fn write_report(text: &str, resolved: &Resolved, target: &Target) -> Result<(), String> {
    match (resolved.format, target) {
        (Format::Markdown, Target::Stdout) => {
            output::emit_terminal(&report::terminal(text), resolved.color)
        }
        _ => output::emit(text, target),
    }
}

/// How many findings make the exit code 1 under `--fail-on`.
pub fn failing(analysis: &Analysis, fail_on: FailOn) -> usize {
    match fail_on {
        FailOn::Contradiction => analysis.contradictions(),
        FailOn::Changed => analysis.contradictions() + analysis.changes(),
        FailOn::Never => 0,
    }
}
