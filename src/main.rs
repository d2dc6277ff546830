//! The claimclash command line: parses arguments, calls the library, prints, and picks the
//! exit code (0 clean, 1 findings at or above `--fail-on`, 2 could not run).

use claimclash::rules::{self, Diagnostic, RuleSet, RuleSource, Severity};
use claimclash::{article, report};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "claimclash",
    version,
    about = "Find contradictions in the news: attributed claims, grouped by subject, conflicts with evidence"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a corpus of articles for conflicting claims.
    Check(CheckArgs),
    /// Show step by step how a sentence becomes claims, or why it does not.
    Trace {
        /// The text to trace (one or more sentences).
        text: String,
        /// The date to resolve times against (YYYY-MM-DD).
        #[arg(long)]
        date: Option<String>,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Explain a conflict, agreement or claim of a saved JSON report: which rules made each
    /// claim and which comparison gave the verdict.
    Explain {
        /// A report written by `check --format json`.
        report: PathBuf,
        /// The id of a conflict, agreement or claim in it.
        id: String,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Show the settings a check would use and where each comes from.
    Config {
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Print shell completions for bash, zsh, fish, elvish or powershell.
    Completions { shell: clap_complete::Shell },
    /// Print the man page (roff).
    Man,
    /// Work with the rule pack.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
}

#[derive(Subcommand)]
enum RulesCommand {
    /// Validate a rule pack (the bundled one when no directory is given).
    Check {
        /// Rule directory of *.yaml files.
        dir: Option<PathBuf>,
    },
    /// Run the examples every rule carries; exit 1 if any fails.
    Test {
        /// Rule directory of *.yaml files.
        dir: Option<PathBuf>,
    },
    /// Read a corpus and propose YAML to paste: unknown speakers, spelling variants of
    /// aliases, phrases next to triggers.
    Suggest {
        /// Article files or directories.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[command(flatten)]
        rules: RuleArgs,
    },
}

#[derive(clap::Args, Clone)]
struct RuleArgs {
    /// Use the rule pack in this directory instead of the bundled one.
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
    /// Add the rules in this directory to the pack (may be repeated).
    #[arg(long = "extra-rules", value_name = "DIR")]
    extra_rules: Vec<PathBuf>,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Article files, directories (walked recursively), or - for standard input.
    #[arg(value_name = "INPUTS")]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    rules: RuleArgs,
    /// Report format [default: markdown].
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Write the report to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long, short, value_name = "N")]
    jobs: Option<usize>,
    /// Which findings make the exit code 1 [default: contradiction].
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Print per-stage timings and throughput to standard error.
    #[arg(long)]
    stats: bool,
    /// Compare the findings with a saved JSON report and print what changed (exit 1 if
    /// anything did), instead of printing the report.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// With --baseline: save this run's JSON report as the new baseline.
    #[arg(long, requires = "baseline")]
    update_baseline: bool,
    /// Colour in the terminal: auto (when standard output is a terminal and NO_COLOR is not
    /// set), always or never [default: auto].
    #[arg(long, value_enum)]
    color: Option<ColorWhen>,
    #[command(flatten)]
    config: ConfigArgs,
    /// Keep running: when an article or a rule file changes, check again and print what
    /// changed since the last run. Stop with Ctrl-C.
    #[arg(long, conflicts_with_all = ["baseline", "output"])]
    watch: bool,
}

#[derive(clap::Args, Clone)]
struct ConfigArgs {
    /// Read settings from this file instead of the nearest claimclash.yaml.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Read no configuration file.
    #[arg(long, conflicts_with = "config")]
    isolated: bool,
}

/// Settings after flags, configuration file and defaults, with where each came from.
struct Resolved {
    config: Option<PathBuf>,
    rules: RuleArgs,
    rules_from: String,
    format: Format,
    format_from: String,
    fail_on: FailOn,
    fail_on_from: String,
    color: ColorWhen,
    color_from: String,
    same_time_days: Option<i64>,
}

/// Picks each setting from the flag, else the configuration file, else the default.
fn resolve(
    config_args: &ConfigArgs,
    rules: &RuleArgs,
    format: Option<Format>,
    fail_on: Option<FailOn>,
    color: Option<ColorWhen>,
) -> Result<Resolved, String> {
    let path = if config_args.isolated {
        None
    } else {
        match &config_args.config {
            Some(p) => Some(p.clone()),
            None => std::env::current_dir()
                .ok()
                .and_then(|d| claimclash::config::discover(&d)),
        }
    };
    let cfg = match &path {
        Some(p) => claimclash::config::read(p)?,
        None => claimclash::config::Config::default(),
    };
    let file = path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    fn pick<T: ValueEnum + Copy>(
        flag: Option<T>,
        conf: &Option<String>,
        default: T,
        file: &str,
    ) -> Result<(T, String), String> {
        if let Some(v) = flag {
            return Ok((v, "command line".into()));
        }
        if let Some(text) = conf {
            let v = T::from_str(text, true).map_err(|e| format!("{file}: {e}"))?;
            return Ok((v, file.to_string()));
        }
        Ok((default, "default".into()))
    }
    let (format, format_from) = pick(format, &cfg.format, Format::Markdown, &file)?;
    let (fail_on, fail_on_from) = pick(fail_on, &cfg.fail_on, FailOn::Contradiction, &file)?;
    let (color, color_from) = pick(color, &cfg.color, ColorWhen::Auto, &file)?;
    let (rules, rules_from) = if rules.rules.is_some() || !rules.extra_rules.is_empty() {
        (rules.clone(), "command line".to_string())
    } else if cfg.rules.is_some() || !cfg.extra_rules.is_empty() {
        (
            RuleArgs {
                rules: cfg.rules.clone(),
                extra_rules: cfg.extra_rules.clone(),
            },
            file.clone(),
        )
    } else {
        (
            RuleArgs {
                rules: None,
                extra_rules: Vec::new(),
            },
            "default".to_string(),
        )
    };
    Ok(Resolved {
        config: path,
        rules,
        rules_from,
        format,
        format_from,
        fail_on,
        fail_on_from,
        color,
        color_from,
        same_time_days: cfg.same_time_days,
    })
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Markdown,
    Json,
    /// One self-contained page with a picture of the subject graph.
    Html,
    /// The subject graph for Graphviz.
    Dot,
    /// One conflict a row, for spreadsheets.
    Csv,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    /// Exit 1 when a contradiction is found.
    Contradiction,
    /// Exit 1 on a contradiction or a change over time.
    Changed,
    /// Exit 0 whatever is found.
    Never,
}

/// The temporary file being written, so that Ctrl-C can remove it.
static PENDING: std::sync::Mutex<Option<PathBuf>> = std::sync::Mutex::new(None);

fn set_pending(path: Option<PathBuf>) {
    if let Ok(mut p) = PENDING.lock() {
        *p = path;
    }
}

fn main() -> ExitCode {
    // Ctrl-C: leave no half-written temporary file behind and exit as interrupted (130).
    let _ = ctrlc::set_handler(|| {
        if let Ok(p) = PENDING.lock()
            && let Some(tmp) = p.as_ref()
        {
            let _ = std::fs::remove_file(tmp);
        }
        eprintln!("claimclash: interrupted");
        std::process::exit(130);
    });
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check(args),
        Command::Config { config } => show_config(&config),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(
                shell,
                &mut <Cli as clap::CommandFactory>::command(),
                "claimclash",
                &mut out,
            );
            print_or_quit(&String::from_utf8_lossy(&out));
            ExitCode::SUCCESS
        }
        Command::Man => {
            let mut out = Vec::new();
            match clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(&mut out) {
                Ok(()) => {
                    print_or_quit(&String::from_utf8_lossy(&out));
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("claimclash: cannot write the man page: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Rules {
            command: RulesCommand::Check { dir },
        } => rules_check(dir.as_deref()),
        Command::Rules {
            command: RulesCommand::Test { dir },
        } => rules_test(dir.as_deref()),
        Command::Rules {
            command: RulesCommand::Suggest { inputs, rules },
        } => rules_suggest(&inputs, &rules),
        Command::Explain { report, id, rules } => explain(&report, &id, &rules),
        Command::Trace { text, date, rules } => trace(&text, date.as_deref(), &rules),
    }
}

/// Reads the rule sources: the bundled pack or `--rules`, plus every `--extra-rules`.
fn rule_sources(args: &RuleArgs) -> Result<Vec<RuleSource>, Diagnostic> {
    let mut sources = match &args.rules {
        Some(dir) => rules::read_dir(dir)?,
        None => rules::embedded_sources(),
    };
    for dir in &args.extra_rules {
        sources.extend(rules::read_dir(dir)?);
    }
    Ok(sources)
}

/// Reads and compiles the rules, printing every diagnostic to stderr; `None` when the pack
/// cannot be used.
fn load_rules(args: &RuleArgs) -> Option<RuleSet> {
    match rule_sources(args) {
        Ok(sources) => compile(&sources),
        Err(d) => {
            eprint!("{}", d.render(&[]));
            None
        }
    }
}

/// Compiles the rules, printing diagnostics to stderr; `None` when there are errors.
fn compile(sources: &[RuleSource]) -> Option<RuleSet> {
    match rules::from_sources(sources) {
        Ok((set, warnings)) => {
            eprint!("{}", rules::render_all(&warnings, sources));
            Some(set)
        }
        Err(diags) => {
            eprint!("{}", rules::render_all(&diags, sources));
            let errors = diags
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            eprintln!("claimclash: the rule pack has {errors} error(s); fix them and run again");
            None
        }
    }
}

fn trace(text: &str, date: Option<&str>, args: &RuleArgs) -> ExitCode {
    let Some(rules) = load_rules(args) else {
        return ExitCode::from(2);
    };
    let front = match date {
        Some(d) => format!("---\ndate: {d}\n---\n"),
        None => String::new(),
    };
    let article = match article::from_text_str("trace", "trace", &format!("{front}{text}")) {
        Ok(a) => a,
        Err(p) => {
            eprintln!("claimclash: {}", p.message);
            return ExitCode::from(2);
        }
    };
    print_or_quit(&claimclash::trace::trace(&article, &rules));
    ExitCode::SUCCESS
}

fn rules_suggest(inputs: &[PathBuf], args: &RuleArgs) -> ExitCode {
    let Some(rules) = load_rules(args) else {
        return ExitCode::from(2);
    };
    let loaded = article::load(inputs, &mut std::io::stdin().lock());
    for p in &loaded.problems {
        eprintln!("claimclash: {p}");
    }
    if loaded.articles.is_empty() {
        eprintln!("claimclash: no readable article in the inputs; nothing to read");
        return ExitCode::from(2);
    }
    let suggestions = claimclash::suggest::suggest(&loaded.articles, &rules);
    print_or_quit(&claimclash::suggest::render(&suggestions));
    ExitCode::SUCCESS
}

fn explain(path: &Path, id: &str, args: &RuleArgs) -> ExitCode {
    let Some(rules) = load_rules(args) else {
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("claimclash: cannot read {}: {e}", path.display());
            return ExitCode::from(2);
        }
    };
    let report: serde_json::Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            eprintln!(
                "claimclash: {}:{}:{}: not JSON: {e}; give a report written with --format json",
                path.display(),
                e.line(),
                e.column()
            );
            return ExitCode::from(2);
        }
    };
    match claimclash::explain::explain(&report, id, &rules) {
        Ok(out) => {
            print_or_quit(&out);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("claimclash: {e}");
            ExitCode::from(2)
        }
    }
}

fn print_or_quit(text: &str) {
    let _ = emit(text, None);
}

fn show_config(config: &ConfigArgs) -> ExitCode {
    let none = RuleArgs {
        rules: None,
        extra_rules: Vec::new(),
    };
    let r = match resolve(config, &none, None, None, None) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("claimclash: {e}");
            return ExitCode::from(2);
        }
    };
    let name = |v: &dyn Fn() -> Option<clap::builder::PossibleValue>| {
        v().map(|p| p.get_name().to_string()).unwrap_or_default()
    };
    let rules = match (&r.rules.rules, r.rules.extra_rules.is_empty()) {
        (Some(dir), _) => dir.display().to_string(),
        (None, true) => "the bundled pack".to_string(),
        (None, false) => "the bundled pack".to_string(),
    };
    let extra: Vec<String> = r
        .rules
        .extra_rules
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let mut out = format!(
        "config file     {}\n",
        r.config
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "none".into())
    );
    out.push_str(&format!("rules           {rules} ({})\n", r.rules_from));
    out.push_str(&format!(
        "extra_rules     {} ({})\n",
        if extra.is_empty() {
            "none".into()
        } else {
            extra.join(", ")
        },
        r.rules_from
    ));
    out.push_str(&format!(
        "format          {} ({})\n",
        name(&|| r.format.to_possible_value()),
        r.format_from
    ));
    out.push_str(&format!(
        "fail_on         {} ({})\n",
        name(&|| r.fail_on.to_possible_value()),
        r.fail_on_from
    ));
    out.push_str(&format!(
        "color           {} ({})\n",
        name(&|| r.color.to_possible_value()),
        r.color_from
    ));
    match r.same_time_days {
        Some(d) => out.push_str(&format!(
            "same_time_days  {d} ({})\n",
            r.config
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default()
        )),
        None => out.push_str("same_time_days  from the rule pack's settings\n"),
    }
    print_or_quit(&out);
    ExitCode::SUCCESS
}

fn rules_test(dir: Option<&Path>) -> ExitCode {
    let args = RuleArgs {
        rules: dir.map(Path::to_path_buf),
        extra_rules: Vec::new(),
    };
    let Some(rules) = load_rules(&args) else {
        return ExitCode::from(2);
    };
    let failures = claimclash::examples::run(&rules);
    let mut out = String::new();
    for f in &failures {
        out.push_str(&format!("FAIL {f}\n"));
    }
    let total = rules.examples.len();
    out.push_str(&format!(
        "{} passed, {} failed\n",
        total - failures.len(),
        failures.len()
    ));
    print_or_quit(&out);
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn rules_check(dir: Option<&Path>) -> ExitCode {
    let args = RuleArgs {
        rules: dir.map(Path::to_path_buf),
        extra_rules: Vec::new(),
    };
    let sources = match rule_sources(&args) {
        Ok(s) => s,
        Err(d) => {
            eprint!("{}", d.render(&[]));
            return ExitCode::from(2);
        }
    };
    match compile(&sources) {
        Some(set) => {
            print_or_quit(&format!(
                "rule pack is valid: {} files, {} entities, {} predicates in {} families, {} cue groups, {} phrases\n",
                sources.len(),
                set.entities.len(),
                set.predicates.len(),
                set.families.len(),
                set.cues.len(),
                set.phrases.phrases.len()
            ));
            ExitCode::SUCCESS
        }
        None => ExitCode::from(2),
    }
}

fn check(args: CheckArgs) -> ExitCode {
    if let Some(n) = args.jobs
        && let Err(e) = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
    {
        eprintln!("claimclash: cannot set up {n} worker threads: {e}");
        return ExitCode::from(2);
    }
    let resolved = match resolve(
        &args.config,
        &args.rules,
        args.format,
        args.fail_on,
        args.color,
    ) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("claimclash: {e}");
            return ExitCode::from(2);
        }
    };
    let rules_start = std::time::Instant::now();
    let Some(mut rules) = load_rules(&resolved.rules) else {
        return ExitCode::from(2);
    };
    let rules_time = rules_start.elapsed();
    if let Some(days) = resolved.same_time_days {
        rules.set_same_time_days(days);
    }
    if args.watch {
        return watch(&args.inputs, &resolved, rules);
    }
    if args.inputs.is_empty() {
        eprintln!(
            "claimclash: no inputs; give article files, directories, or - for standard input"
        );
        return ExitCode::from(2);
    }
    let started = std::time::Instant::now();
    let mut pipeline = claimclash::Pipeline::new(&rules);
    let mut load_time = std::time::Duration::ZERO;
    let mut mark = std::time::Instant::now();
    // Progress goes to stderr and only to a terminal (indicatif hides it otherwise).
    // It appears only once a run has taken more than a moment.
    let bar =
        indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::hidden());
    let mut bar_shown = false;
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    let mut articles_read = 0usize;
    let problems = article::load_each(&args.inputs, &mut std::io::stdin().lock(), &mut |batch| {
        load_time += mark.elapsed();
        articles_read += batch.len();
        pipeline.add(batch);
        if !bar_shown && started.elapsed() > std::time::Duration::from_millis(500) {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            bar_shown = true;
        }
        bar.set_message(format!(
            "{articles_read} articles, {:.1} MB read",
            pipeline.bytes() as f64 / 1e6
        ));
        bar.tick();
        mark = std::time::Instant::now();
    });
    bar.finish_and_clear();
    load_time += mark.elapsed();
    let bytes = pipeline.bytes();
    let mut analysis = pipeline.finish();
    for p in problems.iter().chain(&analysis.problems) {
        eprintln!("claimclash: {p}");
    }
    if analysis.articles.is_empty() {
        eprintln!("claimclash: no readable article in the inputs; nothing to check");
        return ExitCode::from(2);
    }
    analysis.problems.extend(problems);
    analysis.problems.sort();
    if let Some(path) = &args.baseline {
        return baseline(&analysis, &rules, path, args.update_baseline);
    }
    let render_start = std::time::Instant::now();
    let text = match resolved.format {
        Format::Markdown => report::markdown(&analysis, &rules),
        Format::Json => report::json(&analysis, &rules),
        Format::Html => report::html::html(&analysis, &rules),
        Format::Dot => report::dot(&analysis, &rules),
        Format::Csv => report::csv(&analysis, &rules),
    };
    let render_time = render_start.elapsed();
    let total_time = started.elapsed();
    let emitted = match (resolved.format, args.output.as_deref()) {
        (Format::Markdown, None) => emit_terminal(&report::terminal(&text), resolved.color),
        _ => emit(&text, args.output.as_deref()),
    };
    if let Err(e) = emitted {
        eprintln!("claimclash: {e}");
        return ExitCode::from(2);
    }
    if args.stats {
        eprint!(
            "{}",
            stats(
                &analysis,
                rules_time,
                load_time,
                render_time,
                total_time,
                bytes
            )
        );
    }
    let failing = match resolved.fail_on {
        FailOn::Contradiction => analysis.contradictions(),
        FailOn::Changed => analysis.contradictions() + analysis.changes(),
        FailOn::Never => 0,
    };
    if failing > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Reads the inputs and analyses them; problems go to stderr.
fn analyze_inputs(inputs: &[PathBuf], rules: &RuleSet) -> claimclash::Analysis {
    let mut pipeline = claimclash::Pipeline::new(rules);
    let problems = article::load_each(inputs, &mut std::io::empty(), &mut |batch| {
        pipeline.add(batch)
    });
    let mut analysis = pipeline.finish();
    for p in problems.iter().chain(&analysis.problems) {
        eprintln!("claimclash: {p}");
    }
    analysis.problems.extend(problems);
    analysis.problems.sort();
    analysis
}

fn summary_line(a: &claimclash::Analysis) -> String {
    format!(
        "{} articles · {} claims · {} contradictions · {} changed over time · {} agreements · {} problems\n",
        a.articles.len(),
        a.claims.len(),
        a.contradictions(),
        a.changes(),
        a.agreements.len(),
        a.problems.len()
    )
}

/// `--watch`: checks, then checks again after every change to an article or rule file
/// (changes within 300 ms count as one, as editors save in several steps), printing what
/// changed since the run before.
fn watch(inputs: &[PathBuf], resolved: &Resolved, rules: RuleSet) -> ExitCode {
    use notify::RecursiveMode;
    if inputs.iter().any(|p| p.as_os_str() == "-") {
        eprintln!("claimclash: --watch cannot watch standard input; give files or directories");
        return ExitCode::from(2);
    }
    let (send, receive) = std::sync::mpsc::channel();
    let mut debouncer = match notify_debouncer_full::new_debouncer(
        std::time::Duration::from_millis(300),
        None,
        send,
    ) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("claimclash: cannot watch files: {e}");
            return ExitCode::from(2);
        }
    };
    let rule_dirs: Vec<PathBuf> = resolved
        .rules
        .rules
        .iter()
        .chain(&resolved.rules.extra_rules)
        .cloned()
        .collect();
    for path in inputs.iter().chain(&rule_dirs) {
        if let Err(e) = debouncer.watch(path, RecursiveMode::Recursive) {
            eprintln!("claimclash: cannot watch {}: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    let mut rules = rules;
    let mut analysis = analyze_inputs(inputs, &rules);
    let mut previous: serde_json::Value =
        serde_json::from_str(&report::json(&analysis, &rules)).unwrap_or_default();
    print_or_quit(&format!(
        "watching {} path(s); Ctrl-C stops\n{}",
        inputs.len() + rule_dirs.len(),
        summary_line(&analysis)
    ));
    for events in receive {
        let Ok(events) = events else { continue };
        // Only writes, creations, renames and removals count; reading the files ourselves
        // raises access events, which must not start another run.
        let mut changed: Vec<String> = events
            .iter()
            .filter(|e| {
                matches!(
                    e.kind,
                    notify::EventKind::Create(_)
                        | notify::EventKind::Modify(_)
                        | notify::EventKind::Remove(_)
                )
            })
            .filter(|e| {
                !matches!(
                    e.kind,
                    notify::EventKind::Modify(notify::event::ModifyKind::Metadata(_))
                )
            })
            .flat_map(|e| e.paths.iter().map(|p| p.display().to_string()))
            .collect();
        changed.sort();
        changed.dedup();
        if changed.is_empty() {
            continue;
        }
        let mut out = format!("\nchanged: {}\n", changed.join(", "));
        if !rule_dirs.is_empty() {
            match load_rules(&resolved.rules) {
                Some(mut fresh) => {
                    if let Some(days) = resolved.same_time_days {
                        fresh.set_same_time_days(days);
                    }
                    rules = fresh;
                }
                None => {
                    out.push_str("the rule pack has errors (above); keeping the last good one\n");
                }
            }
        }
        analysis = analyze_inputs(inputs, &rules);
        let now: serde_json::Value =
            serde_json::from_str(&report::json(&analysis, &rules)).unwrap_or_default();
        let changes = claimclash::baseline::compare(&previous, &now);
        if changes.is_empty() {
            out.push_str("no changes since the last run\n");
        } else {
            out.push_str(&claimclash::baseline::render(&changes).replace(
                "review the changes; accept them with --update-baseline\n",
                "",
            ));
        }
        out.push_str(&summary_line(&analysis));
        print_or_quit(&out);
        previous = now;
    }
    ExitCode::SUCCESS
}

/// `--baseline`: compare with the saved report, or save this one.
fn baseline(
    analysis: &claimclash::Analysis,
    rules: &RuleSet,
    path: &Path,
    update: bool,
) -> ExitCode {
    let json = report::json(analysis, rules);
    if update {
        return match emit(&json, Some(path)) {
            Ok(()) => {
                print_or_quit(&format!(
                    "baseline saved to {}: {} claims, {} conflicts\n",
                    path.display(),
                    analysis.claims.len(),
                    analysis.conflicts.len()
                ));
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("claimclash: {e}");
                ExitCode::from(2)
            }
        };
    }
    let saved = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!(
                "claimclash: cannot read the baseline {}: {e}; create it with --update-baseline",
                path.display()
            );
            return ExitCode::from(2);
        }
    };
    let old: serde_json::Value = match serde_json::from_str(&saved) {
        Ok(v) => v,
        Err(e) => {
            eprintln!(
                "claimclash: {}:{}:{}: the baseline is not JSON: {e}; recreate it with --update-baseline",
                path.display(),
                e.line(),
                e.column()
            );
            return ExitCode::from(2);
        }
    };
    let new: serde_json::Value = match serde_json::from_str(&json) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("claimclash: cannot read back the report: {e}");
            return ExitCode::from(2);
        }
    };
    let changes = claimclash::baseline::compare(&old, &new);
    print_or_quit(&claimclash::baseline::render(&changes));
    if changes.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Per-stage timings. Stages inside articles run on several threads, so their times are
/// summed over threads; the total is the wall clock from the first article read to the
/// rendered report, after the rules are compiled. The last line repeats everything as JSON
/// for the benchmark.
fn stats(
    a: &claimclash::Analysis,
    rules: std::time::Duration,
    load: std::time::Duration,
    render: std::time::Duration,
    total: std::time::Duration,
    bytes: usize,
) -> String {
    let t = &a.times;
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    let mb = bytes as f64 / 1e6;
    let secs = total.as_secs_f64().max(1e-9);
    let stages = [
        ("load", load),
        ("segment", t.segment),
        ("match", t.matching),
        ("claims", t.claims),
        ("graph", t.graph),
        ("conflicts", t.conflicts),
        ("render", render),
    ];
    let mut out = format!(
        "rules        {:>9.1}  (compiling the rule pack, before the total)\n",
        ms(rules)
    );
    out.push_str("stage        time (ms, summed over threads)\n");
    for (name, d) in stages {
        out.push_str(&format!("{name:<12} {:>9.1}\n", ms(d)));
    }
    let peak = peak_memory_kb();
    out.push_str(&format!(
        "total        {:>9.1}  {:.1} MB in {} articles: {:.1} MB/s, {:.0} articles/s; {} claims, {} conflicts; peak memory {}\n",
        ms(total),
        mb,
        a.articles.len(),
        mb / secs,
        a.articles.len() as f64 / secs,
        a.claims.len(),
        a.conflicts.len(),
        peak.map(|kb| format!("{:.1} MB", kb as f64 / 1024.0)).unwrap_or_else(|| "unknown".into())
    ));
    let fields: Vec<String> = stages
        .iter()
        .map(|(n, d)| format!("\"{n}_ms\":{:.3}", ms(*d)))
        .collect();
    out.push_str(&format!(
        "claimclash-stats {{\"bytes\":{bytes},\"articles\":{},\"claims\":{},\"conflicts\":{},\"rules_ms\":{:.3},\"total_ms\":{:.3},{},\"peak_kb\":{}}}\n",
        a.articles.len(),
        a.claims.len(),
        a.conflicts.len(),
        ms(rules),
        ms(total),
        fields.join(","),
        peak.map(|k| k.to_string()).unwrap_or_else(|| "null".into())
    ));
    out
}

/// The process's peak resident memory, from /proc (Linux); `None` elsewhere.
fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Writes styled text to standard output, keeping the styles only when colour is wanted
/// (anstream strips them when not on a terminal, under NO_COLOR, or with --color never).
fn emit_terminal(text: &str, when: ColorWhen) -> Result<(), String> {
    let choice = match when {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    };
    let mut out = anstream::AutoStream::new(std::io::stdout().lock(), choice);
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("cannot write the report: {e}")),
    }
}

/// Writes the report to a file (through a temporary file and a rename, so a reader never
/// sees half a report) or to standard output (a closed pipe ends the output quietly).
fn emit(text: &str, output: Option<&Path>) -> Result<(), String> {
    match output {
        Some(path) => {
            let dir = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("report");
            let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
            set_pending(Some(tmp.clone()));
            let written = std::fs::write(&tmp, text)
                .map_err(|e| format!("cannot write {}: {e}", tmp.display()))
                .and_then(|_| {
                    std::fs::rename(&tmp, path)
                        .map_err(|e| format!("cannot write {}: {e}", path.display()))
                });
            if written.is_err() {
                let _ = std::fs::remove_file(&tmp);
            }
            set_pending(None);
            written
        }
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(format!("cannot write the report: {e}")),
            }
        }
    }
}
