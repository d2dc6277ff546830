//! `claimclash check`: reads the corpus, analyses it and writes the report, or hands over to
//! `--watch` or `--baseline`.

use super::config::{self, Resolved};
use super::flags::{CheckArgs, FailOn, Format};
use super::output::{self, Timings};
use super::{Failure, Outcome, Status, baseline, watch};
use claimclash::rules::RuleSet;
use claimclash::{Analysis, article, report};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Checks the inputs and writes the report; with `--baseline` compares instead, with
/// `--watch` keeps checking.
pub fn run(args: CheckArgs) -> Outcome {
    set_jobs(args.jobs)?;
    let resolved = config::resolve(
        &args.config,
        &args.rules,
        args.format,
        args.fail_on,
        args.color,
    )?;
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
    let run = analyze(&args.inputs, &rules, &mut std::io::stdin().lock(), true);
    let analysis = run.analysis;
    if analysis.articles.is_empty() {
        return Err("no readable article in the inputs; nothing to check".into());
    }
    if let Some(path) = &args.baseline {
        return baseline::run(&analysis, &rules, path, args.update_baseline);
    }
    let render_start = Instant::now();
    let text = render(resolved.format, &analysis, &rules);
    let timings = Timings {
        rules: rules_time,
        load: run.load_time,
        render: render_start.elapsed(),
        total: started.elapsed(),
    };
    write_report(&text, &resolved, args.output.as_deref())?;
    if args.stats {
        eprint!("{}", output::stats(&analysis, &timings, run.bytes));
    }
    Ok(Status::findings_if(
        failing(&analysis, resolved.fail_on) > 0,
    ))
}

/// `--jobs`: the size of the global thread pool.
fn set_jobs(jobs: Option<usize>) -> Result<(), Failure> {
    if let Some(n) = jobs
        && let Err(e) = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
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

/// Reads the inputs batch by batch into the pipeline and analyses them; problems go to
/// stderr and into the analysis, sorted. With `progress`, a spinner may show on stderr.
pub fn analyze(
    inputs: &[PathBuf],
    rules: &RuleSet,
    stdin: &mut dyn std::io::Read,
    progress: bool,
) -> Run {
    let mut pipeline = claimclash::Pipeline::new(rules);
    let mut spinner = progress.then(Spinner::new);
    let mut load_time = Duration::ZERO;
    let mut mark = Instant::now();
    let mut articles_read = 0usize;
    let problems = article::load_each(inputs, stdin, &mut |batch| {
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
        eprintln!("claimclash: {p}");
    }
    analysis.problems.extend(problems);
    analysis.problems.sort();
    Run {
        analysis,
        load_time,
        bytes,
    }
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

fn render(format: Format, analysis: &Analysis, rules: &RuleSet) -> String {
    match format {
        Format::Markdown => report::markdown(analysis, rules),
        Format::Json => report::json(analysis, rules),
        Format::Html => report::html::html(analysis, rules),
        Format::Dot => report::dot(analysis, rules),
        Format::Csv => report::csv(analysis, rules),
    }
}

/// Markdown for the terminal goes out styled; every other report as it is.
fn write_report(text: &str, resolved: &Resolved, file: Option<&Path>) -> Result<(), String> {
    match (resolved.format, file) {
        (Format::Markdown, None) => output::emit_terminal(&report::terminal(text), resolved.color),
        _ => output::emit(text, file),
    }
}

/// How many findings make the exit code 1 under `--fail-on`.
fn failing(analysis: &Analysis, fail_on: FailOn) -> usize {
    match fail_on {
        FailOn::Contradiction => analysis.contradictions(),
        FailOn::Changed => analysis.contradictions() + analysis.changes(),
        FailOn::Never => 0,
    }
}
