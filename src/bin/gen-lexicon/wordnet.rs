//! Reading WordNet 3.0: synsets and their pointers from `data.*`, irregular forms from
//! `*.exc`, sense tag counts from `cntlist.rev`, and the licence.

use crate::{COMMON, FNV_START, fnv, read};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// WordNet's file letter (`n`, `v`, `a`, `r`) and byte offset: a synset.
pub(crate) type Key = (char, u32);

pub(crate) struct Ptr {
    pub(crate) sym: String,
    pub(crate) to: Key,
    /// 1-based word numbers of a lexical pointer; 0 for a pointer between whole synsets.
    pub(crate) src: usize,
    tgt: usize,
}

pub(crate) struct Synset {
    /// `n`, `v`, `a`, `s` (adjective satellite) or `r`.
    pub(crate) ss: char,
    pub(crate) lexfile: u32,
    /// As written, adjective markers removed: `Soviet_Union`, `pull_back`.
    pub(crate) words: Vec<String>,
    lex_ids: Vec<u32>,
    pub(crate) ptrs: Vec<Ptr>,
}

pub(crate) struct WordNet {
    pub(crate) synsets: BTreeMap<Key, Synset>,
    /// (lowercase lemma, synset) → tag count.
    counts: HashMap<(String, Key), u32>,
    /// (lowercase lemma, file letter) → tag count over its senses.
    pub(crate) totals: HashMap<(String, char), u32>,
    /// (lowercase lemma, file letter) → its synsets, in key order.
    pub(crate) senses: HashMap<(String, char), Vec<Key>>,
    /// (file letter, lowercase lemma) → irregular forms.
    pub(crate) exceptions: BTreeMap<(char, String), BTreeSet<String>>,
    pub(crate) version: String,
    pub(crate) licence: String,
    pub(crate) fingerprint: u64,
}

/// An adjective's syntactic marker removed: `galore(ip)` → `galore`.
fn unmarked(word: &str) -> &str {
    match word.find('(') {
        Some(i) if word.ends_with(')') => &word[..i],
        _ => word,
    }
}

fn field<'a>(it: &mut impl Iterator<Item = &'a str>, what: &str) -> Result<&'a str, String> {
    it.next()
        .ok_or(format!("a data line ends before its {what}"))
}

fn number(text: &str, radix: u32) -> Result<u32, String> {
    u32::from_str_radix(text, radix).map_err(|_| format!("`{text}` is not a number"))
}

fn file_letter(pos: &str) -> Result<char, String> {
    match pos {
        "n" | "v" | "a" | "r" => Ok(pos.chars().next().unwrap_or('n')),
        "s" => Ok('a'),
        _ => Err(format!("unknown part of speech `{pos}`")),
    }
}

fn parse_ptr<'a>(it: &mut impl Iterator<Item = &'a str>) -> Result<Ptr, String> {
    let sym = field(it, "pointer")?.to_string();
    let offset = number(field(it, "pointer offset")?, 10)?;
    let pos = file_letter(field(it, "pointer part of speech")?)?;
    let st = field(it, "pointer words")?;
    let (src, tgt) = (st.get(..2).unwrap_or("0"), st.get(2..).unwrap_or("0"));
    Ok(Ptr {
        sym,
        to: (pos, offset),
        src: number(src, 16)? as usize,
        tgt: number(tgt, 16)? as usize,
    })
}

/// One line of a `data.*` file: `offset lexfile ss w_cnt (word lex_id)* p_cnt ptr* ... | gloss`.
fn parse_synset(line: &str) -> Result<(u32, Synset), String> {
    let body = line.split(" | ").next().unwrap_or(line);
    let mut it = body.split_ascii_whitespace();
    let offset = number(field(&mut it, "offset")?, 10)?;
    let lexfile = number(field(&mut it, "lexicographer file")?, 10)?;
    let ss = field(&mut it, "synset type")?.chars().next().unwrap_or('n');
    let count = number(field(&mut it, "word count")?, 16)?;
    let (mut words, mut lex_ids) = (Vec::new(), Vec::new());
    for _ in 0..count {
        words.push(unmarked(field(&mut it, "word")?).to_string());
        lex_ids.push(number(field(&mut it, "lex id")?, 16)?);
    }
    let pointers = number(field(&mut it, "pointer count")?, 10)?;
    let ptrs = (0..pointers)
        .map(|_| parse_ptr(&mut it))
        .collect::<Result<_, _>>()?;
    let synset = Synset {
        ss,
        lexfile,
        words,
        lex_ids,
        ptrs,
    };
    Ok((offset, synset))
}

/// The licence at the head of a data file, its line numbers removed, and the version it names.
fn licence_of(data: &str) -> Result<(String, String), String> {
    let lines: Vec<&str> = data
        .lines()
        .take_while(|l| l.starts_with("  "))
        .map(|l| {
            let l = l
                .trim_start()
                .trim_start_matches(|c: char| c.is_ascii_digit());
            l.strip_prefix(' ').unwrap_or(l).trim_end()
        })
        .collect();
    let version = lines
        .iter()
        .find_map(|l| l.strip_prefix("WordNet ")?.split(' ').next())
        .ok_or("the data file names no WordNet version")?;
    Ok((lines.join("\n"), version.to_string()))
}

impl WordNet {
    pub(crate) fn load(dir: &Path) -> Result<WordNet, String> {
        let mut wn = WordNet {
            synsets: BTreeMap::new(),
            counts: HashMap::new(),
            totals: HashMap::new(),
            senses: HashMap::new(),
            exceptions: BTreeMap::new(),
            version: String::new(),
            licence: String::new(),
            fingerprint: FNV_START,
        };
        for (letter, name) in [('n', "noun"), ('v', "verb"), ('a', "adj"), ('r', "adv")] {
            let text = read(&dir.join(format!("data.{name}")))?;
            wn.fingerprint = fnv(wn.fingerprint, text.as_bytes());
            wn.read_data(letter, &text)
                .map_err(|e| format!("data.{name}: {e}"))?;
            if letter == 'v' {
                (wn.licence, wn.version) = licence_of(&text)?;
            }
        }
        for (letter, name) in [('n', "noun"), ('v', "verb"), ('a', "adj")] {
            let text = read(&dir.join(format!("{name}.exc")))?;
            wn.fingerprint = fnv(wn.fingerprint, text.as_bytes());
            wn.read_exceptions(letter, &text);
        }
        let text = read(&dir.join("cntlist.rev"))?;
        wn.fingerprint = fnv(wn.fingerprint, text.as_bytes());
        wn.read_counts(&text);
        Ok(wn)
    }

    fn read_data(&mut self, letter: char, text: &str) -> Result<(), String> {
        for line in text.lines().filter(|l| !l.starts_with(' ')) {
            let (offset, s) = parse_synset(line)?;
            for w in &s.words {
                let senses = self.senses.entry((w.to_lowercase(), letter));
                senses.or_default().push((letter, offset));
            }
            self.synsets.insert((letter, offset), s);
        }
        Ok(())
    }

    fn read_exceptions(&mut self, letter: char, text: &str) {
        for line in text.lines() {
            let mut it = line.split_ascii_whitespace();
            let Some(form) = it.next() else { continue };
            for lemma in it {
                let forms = self.exceptions.entry((letter, lemma.to_string()));
                forms.or_default().insert(form.replace('_', " "));
            }
        }
    }

    /// Tag counts by sense key (`lemma%ss:lexfile:lex_id:head:head_id`). Keys of senses that
    /// are no longer in the database are left out.
    fn read_counts(&mut self, text: &str) {
        let keys = self.sense_keys();
        for line in text.lines() {
            let mut it = line.split_ascii_whitespace();
            let (Some(key), Some(_), Some(count)) = (it.next(), it.next(), it.next()) else {
                continue;
            };
            let key = key
                .replace("(a)", "")
                .replace("(p)", "")
                .replace("(ip)", "");
            let (Some((lemma, synset)), Ok(count)) = (keys.get(&key), count.parse::<u32>()) else {
                continue;
            };
            *self.counts.entry((lemma.clone(), *synset)).or_default() += count;
            *self.totals.entry((lemma.clone(), synset.0)).or_default() += count;
        }
    }

    fn sense_keys(&self) -> HashMap<String, (String, Key)> {
        let mut keys = HashMap::new();
        for (&key, s) in &self.synsets {
            let head = self.head_of(s).unwrap_or_default();
            let ss = match s.ss {
                'n' => 1,
                'v' => 2,
                'a' => 3,
                'r' => 4,
                _ => 5,
            };
            for (w, id) in s.words.iter().zip(&s.lex_ids) {
                let lemma = w.to_lowercase();
                let sense = format!("{lemma}%{ss}:{:02}:{id:02}:{head}", s.lexfile);
                keys.insert(sense, (lemma, key));
            }
        }
        keys
    }

    /// A satellite's `head:head_id` for its sense keys; `:` for any other synset.
    fn head_of(&self, s: &Synset) -> Option<String> {
        if s.ss != 's' {
            return Some(":".into());
        }
        let head = s.ptrs.iter().find(|p| p.sym == "&")?;
        let h = self.synsets.get(&head.to)?;
        let (w, id) = (h.words.first()?, h.lex_ids.first()?);
        Some(format!("{}:{id:02}", w.to_lowercase()))
    }

    pub(crate) fn count(&self, word: &str, key: Key) -> u32 {
        let k = (word.to_lowercase(), key);
        self.counts.get(&k).copied().unwrap_or(0)
    }

    pub(crate) fn total(&self, word: &str, letter: char) -> u32 {
        let k = (word.to_lowercase(), letter);
        self.totals.get(&k).copied().unwrap_or(0)
    }

    pub(crate) fn common(&self, word: &str, letter: char) -> bool {
        self.total(word, letter) >= COMMON
    }

    /// The word a lexical pointer points at.
    pub(crate) fn target_word(&self, p: &Ptr) -> Option<&str> {
        let s = self.synsets.get(&p.to)?;
        s.words.get(p.tgt.checked_sub(1)?).map(String::as_str)
    }
}
