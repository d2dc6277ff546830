//! Checks lexicon files into a [`Lexicon`]: every fault, with file, line, column and key
//! path. A duplicate entry, an unknown part of speech, a removal of something no file gives
//! or an example that names no entry is an error.
//!
//! One module per section of a lexicon file, and `examples` for what every section carries;
//! this module holds the parse and the checks they share (words, lists, key paths).

use super::schema::LexiconFile;
use super::{Lexicon, Pos};
use crate::rules::compile::MAX_RULE_FILE_BYTES;
use crate::rules::diagnostic::locate::{Locator, Step};
use crate::rules::{Diagnostic, Origin, RuleSource, Severity};

mod antonyms;
mod countries;
mod examples;
mod functional;
mod implicatives;
mod morphology;
mod synonyms;

use antonyms::antonyms;
use countries::countries;
use examples::{check_examples, section_examples};
use functional::functional;
use implicatives::implicatives;
use morphology::{derivations, morphology};
use synonyms::synonyms;

struct Cx<'a> {
    sources: &'a [RuleSource],
    locators: Vec<Locator<'a>>,
    diags: Vec<Diagnostic>,
    /// Where each example of the lexicon stands, in the order of `Lexicon::examples`.
    example_places: Vec<(usize, Vec<Step>)>,
}

impl<'a> Cx<'a> {
    fn new(sources: &'a [RuleSource]) -> Cx<'a> {
        Cx {
            sources,
            locators: sources.iter().map(|s| Locator::new(&s.text)).collect(),
            diags: Vec::new(),
            example_places: Vec::new(),
        }
    }

    fn error(&mut self, file: usize, path: &[Step], message: String) {
        let (line, column) = self.locators[file].locate(path);
        self.diags.push(Diagnostic {
            file: self.sources[file].name.clone(),
            line,
            column,
            severity: Severity::Error,
            key: crate::rules::diagnostic::locate::show(path),
            message,
        });
    }

    fn origin(&self, file: usize, path: &[Step]) -> Origin {
        Origin {
            file: self.sources[file].name.clone(),
            line: self.locators[file].locate(path).0,
        }
    }
}

/// A key path: `at(&["antonyms", "pairs"], 3, "pos")` is `antonyms.pairs[3].pos`.
fn at(keys: &[&str], index: usize, key: &str) -> Vec<Step> {
    let mut path: Vec<Step> = keys.iter().map(|k| Step::Key(k.to_string())).collect();
    path.push(Step::Index(index));
    if !key.is_empty() {
        path.push(Step::Key(key.to_string()));
    }
    path
}

fn with(mut path: Vec<Step>, index: usize) -> Vec<Step> {
    path.push(Step::Index(index));
    path
}

/// serde's message without its place (which goes in front), split into key path and text.
fn split_message(raw: &str) -> (String, String) {
    let mut text = raw.to_string();
    if let Some(i) = raw.rfind(" at line ") {
        let rest = &raw[i + " at line ".len()..];
        if rest
            .split(" column ")
            .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        {
            text.truncate(i);
        }
    }
    match text.split_once(": ") {
        Some((k, m)) if !k.contains(' ') => (k.to_string(), m.to_string()),
        _ => (String::new(), text),
    }
}

fn parse_all(cx: &mut Cx<'_>) -> Vec<(usize, LexiconFile)> {
    let mut files = Vec::new();
    for (fi, src) in cx.sources.iter().enumerate() {
        if src.text.len() as u64 > MAX_RULE_FILE_BYTES {
            cx.error(
                fi,
                &[],
                format!("file is larger than {MAX_RULE_FILE_BYTES} bytes"),
            );
            continue;
        }
        if src.text.trim().is_empty() {
            continue;
        }
        match serde_yaml::from_str::<LexiconFile>(&src.text) {
            Ok(f) => files.push((fi, f)),
            Err(e) => {
                let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
                let (key, message) = split_message(&e.to_string());
                cx.diags.push(Diagnostic {
                    file: src.name.clone(),
                    line,
                    column,
                    severity: Severity::Error,
                    key,
                    message,
                });
            }
        }
    }
    files
}

/// A word or phrase as the lexicon keeps it, or why it cannot be one.
fn word(raw: &str, fold: bool) -> Result<String, String> {
    let ok = |c: char| c.is_alphanumeric() || matches!(c, ' ' | '-' | '\'' | '.' | '’');
    if raw.trim().is_empty() {
        return Err("is empty".into());
    }
    if raw.trim() != raw || raw.contains("  ") {
        return Err(format!("`{raw}` has stray spaces"));
    }
    if let Some(c) = raw.chars().find(|&c| !ok(c)) {
        return Err(format!(
            "`{raw}` holds `{c}`, which no word of the lexicon may hold"
        ));
    }
    Ok(if fold { raw.to_lowercase() } else { raw.into() })
}

/// Checks a word, reporting at `path`; `None` when it is faulty.
fn checked(cx: &mut Cx<'_>, file: usize, path: &[Step], raw: &str) -> Option<String> {
    word(raw, true).map_err(|m| cx.error(file, path, m)).ok()
}

fn is_synset_id(id: &str) -> bool {
    let b = id.as_bytes();
    b.len() == 10
        && b[..8].iter().all(u8::is_ascii_digit)
        && b[8] == b'-'
        && b"nvasr".contains(&b[9])
}

fn place(o: &Origin) -> String {
    format!("{}:{}", o.file, o.line)
}

fn pos_name(pos: Pos) -> &'static str {
    match pos {
        Pos::Noun => "noun",
        Pos::Verb => "verb",
        Pos::Adj => "adj",
        Pos::Adv => "adv",
    }
}

/// Each file's section, with the file's index.
fn sections<'f, T>(
    files: &'f [(usize, LexiconFile)],
    get: impl Fn(&'f LexiconFile) -> Option<&'f T>,
) -> Vec<(usize, &'f T)> {
    files
        .iter()
        .filter_map(|(fi, f)| get(f).map(|s| (*fi, s)))
        .collect()
}

/// The checked, distinct words of a list, in lower case; a repeated word is an error.
fn word_list(cx: &mut Cx<'_>, fi: usize, path: &[Step], words: &[String]) -> Vec<String> {
    phrase_list(cx, (fi, path), words, true)
}

/// The checked, distinct phrases of a list, folded to lower case or as written.
fn phrase_list(
    cx: &mut Cx<'_>,
    (fi, path): (usize, &[Step]),
    words: &[String],
    fold: bool,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (j, w) in words.iter().enumerate() {
        let place = with(path.to_vec(), j);
        let Some(w) = word(w, fold).map_err(|m| cx.error(fi, &place, m)).ok() else {
            continue;
        };
        if out.contains(&w) {
            cx.error(fi, &place, format!("`{w}` is listed twice"));
            continue;
        }
        out.push(w);
    }
    out
}

/// Compiles lexicon sources into a [`Lexicon`], or returns every error.
pub fn compile(sources: &[RuleSource]) -> Result<Lexicon, Vec<Diagnostic>> {
    let mut cx = Cx::new(sources);
    let files = parse_all(&mut cx);
    let mut lx = Lexicon::default();
    antonyms(&mut cx, &files, &mut lx);
    synonyms(&mut cx, &files, &mut lx);
    morphology(&mut cx, &files, &mut lx);
    derivations(&mut cx, &files, &mut lx);
    countries(&mut cx, &files, &mut lx);
    implicatives(&mut cx, &files, &mut lx);
    functional(&mut cx, &files, &mut lx);
    section_examples(&mut cx, &files, &mut lx);
    check_examples(&mut cx, &lx);
    if cx.diags.is_empty() {
        Ok(lx)
    } else {
        cx.diags.sort();
        cx.diags.dedup();
        Err(cx.diags)
    }
}
