//! The rule pack the flags name, read and compiled, with its diagnostics on standard error.

use super::Failure;
use super::flags::RuleArgs;
use super::output::say;
use claimclash::lexicon::{self, Lexicon};
use claimclash::rules::{self, Diagnostic, Layers, RuleSet, RuleSource, Severity};
use std::sync::Arc;

/// A compiled pack: the beat rules and the general knowledge (the pack's own lexicon
/// files, else the bundled lexicon). It reads as its [`RuleSet`] wherever one is wanted.
pub struct Loaded {
    pub rules: RuleSet,
    /// The pack's own lexicon; `None` for the bundled one.
    pub own_lexicon: Option<Arc<Lexicon>>,
    /// A print of the pack's own lexicon files (0 for the bundled lexicon), so the steps of
    /// the line protocol can tell they read with the same knowledge.
    pub lexicon_print: u64,
}

impl Loaded {
    pub fn lexicon(&self) -> &Lexicon {
        match &self.own_lexicon {
            Some(own) => own,
            None => claimclash::bundled_lexicon(),
        }
    }
}

impl std::ops::Deref for Loaded {
    type Target = RuleSet;
    fn deref(&self) -> &RuleSet {
        &self.rules
    }
}

impl std::ops::DerefMut for Loaded {
    fn deref_mut(&mut self) -> &mut RuleSet {
        &mut self.rules
    }
}

/// A pack as read: its files (the base pack's, then each extension's) and its layers.
pub struct Pack {
    pub sources: Vec<RuleSource>,
    pub layers: Layers,
}

/// Reads the rule sources: the bundled pack or `--rules`, then every `--extra-rules` as an
/// extension, in the order given.
fn rule_sources(args: &RuleArgs) -> Result<Pack, Diagnostic> {
    let mut sources = match &args.rules {
        Some(dir) => rules::read_dir(dir)?,
        None => rules::embedded_sources(),
    };
    let mut layers = Layers::default();
    for dir in &args.extra_rules {
        let files = rules::read_dir(dir)?;
        layers
            .extensions
            .push((dir.display().to_string(), files.len()));
        sources.extend(files);
    }
    Ok(Pack { sources, layers })
}

/// Reads the rule sources, printing to stderr why a directory cannot be read.
pub fn read(args: &RuleArgs) -> Result<Pack, Failure> {
    rule_sources(args).map_err(|d| {
        say(&d.render(&[]));
        Failure::Shown
    })
}

/// Reads and compiles the rules, printing every diagnostic to stderr; fails when the pack
/// cannot be used.
pub fn load(args: &RuleArgs) -> Result<Loaded, Failure> {
    compile(&read(args)?)
}

/// Compiles the pack — its lexicon files (general knowledge) and its beat rules apart —
/// printing diagnostics to stderr; fails when either has errors.
pub fn compile(pack: &Pack) -> Result<Loaded, Failure> {
    // Lexicon files stay in place, emptied, so the layers' file counts still hold.
    let mut beat = pack.sources.clone();
    let mut general = Vec::new();
    for s in &mut beat {
        if lexicon::is_lexicon_text(&s.text) {
            general.push(s.clone());
            s.text.clear();
        }
    }
    let own_lexicon = compile_lexicon(&general);
    let mut files = String::new();
    for s in &general {
        files.push_str(&format!("{}\n{}\n", s.name, s.text));
    }
    let lexicon_print = if general.is_empty() {
        0
    } else {
        claimclash::shard::fingerprint(&files)
    };
    let rules = compile_rules(&Pack {
        sources: beat,
        layers: pack.layers.clone(),
    });
    let (rules, own_lexicon) = (rules?, own_lexicon?);
    let rules = widen_verbs(rules, own_lexicon.as_deref(), &pack.sources)?;
    Ok(Loaded {
        rules,
        own_lexicon,
        lexicon_print,
    })
}

/// The pack's lexicon files compiled, or `None` (the bundled lexicon) when it has none.
fn compile_lexicon(sources: &[RuleSource]) -> Result<Option<Arc<Lexicon>>, Failure> {
    if sources.is_empty() {
        return Ok(None);
    }
    Lexicon::compile(sources)
        .map(|l| Some(Arc::new(l)))
        .map_err(|diags| {
            say(&rules::render_all(&diags, sources));
            say(&format!(
                "claimclash: the general knowledge has {} error(s); fix them and run again\n",
                diags
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .count()
            ));
            Failure::Shown
        })
}

/// The pack's verb triggers widened by its lexicon, or the bundled one.
fn widen_verbs(
    rules: RuleSet,
    own: Option<&Lexicon>,
    sources: &[RuleSource],
) -> Result<RuleSet, Failure> {
    let lexicon = match own {
        Some(l) => l,
        None => Lexicon::bundled().map_err(|diags| {
            say(&rules::render_all(diags, &lexicon::bundled_sources()));
            Failure::Shown
        })?,
    };
    lexicon::widen::widen(rules, lexicon).map_err(|message| {
        let file = sources.first().map(|s| s.name.clone()).unwrap_or_default();
        say(&rules::Diagnostic::at_top(file, "", message).render(sources));
        Failure::Shown
    })
}

fn compile_rules(pack: &Pack) -> Result<RuleSet, Failure> {
    match rules::from_layers(&pack.sources, &pack.layers) {
        Ok((set, warnings)) => {
            say(&rules::render_all(&warnings, &pack.sources));
            Ok(set)
        }
        Err(diags) => {
            say(&rules::render_all(&diags, &pack.sources));
            let errors = diags
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            say(&format!(
                "claimclash: the rule pack has {errors} error(s); fix them and run again\n"
            ));
            Err(Failure::Shown)
        }
    }
}
