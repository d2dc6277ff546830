//! Regular English inflection, the inverse of a lemmatiser: lemma → forms.
//!
//! Irregular forms come from the lexicon's `morphology` section; these rules add the regular
//! ones, and give way where an irregular form shows the regular one is wrong ("went" for
//! *goed, "stopped" for *stoped).

use super::Pos;

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Whether the word ends in a consonant followed by `end` ("try" for `y`).
fn consonant_then(word: &str, end: char) -> bool {
    let mut rev = word.chars().rev();
    rev.next() == Some(end)
        && rev
            .next()
            .is_some_and(|c| c.is_alphabetic() && !is_vowel(c))
}

fn sibilant(word: &str) -> bool {
    ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| word.ends_with(e))
}

/// "wins", "goes", "tries", "pushes".
fn s_form(word: &str) -> String {
    if sibilant(word) || consonant_then(word, 'o') {
        format!("{word}es")
    } else if consonant_then(word, 'y') {
        format!("{}ies", &word[..word.len() - 1])
    } else {
        format!("{word}s")
    }
}

/// "winning" is irregular (doubling is listed); "making", "dying", "seeing" are here.
fn ing_form(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ie") {
        format!("{stem}ying")
    } else if word.len() > 2 && consonant_then(word, 'e') {
        format!("{}ing", &word[..word.len() - 1])
    } else {
        format!("{word}ing")
    }
}

/// "added", "raised", "tried".
fn ed_form(word: &str) -> String {
    if word.ends_with('e') {
        format!("{word}d")
    } else if consonant_then(word, 'y') {
        format!("{}ied", &word[..word.len() - 1])
    } else {
        format!("{word}ed")
    }
}

/// An irregular past that is only a variant of the regular one: learnt, spelt, dreamt.
fn t_variant(lemma: &str, form: &str) -> bool {
    let Some(stem) = form.strip_suffix('t') else {
        return false;
    };
    stem == lemma || lemma.strip_suffix(|c: char| !is_vowel(c)) == Some(stem)
}

/// A doubled final consonant before the ending: travelled, stopping.
fn doubled(lemma: &str, form: &str) -> bool {
    let last = lemma.chars().last();
    form.strip_prefix(lemma)
        .is_some_and(|rest| rest.chars().next() == last && last.is_some_and(|c| !is_vowel(c)))
}

fn verb_forms(lemma: &str, irregular: &[String]) -> Vec<String> {
    // Doubling after a long word is British spelling, and the American form is regular too
    // (travelled, traveled); after a short one the regular form is wrong (stopped, *stoped).
    let long = syllables(lemma) >= 2;
    let displaces = |f: &&String| !(long && doubled(lemma, f));
    let has_ing = irregular
        .iter()
        .filter(displaces)
        .any(|f| f.ends_with("ing"));
    let has_s = irregular
        .iter()
        .any(|f| f.ends_with('s') && !f.ends_with("ss"));
    let has_past = irregular
        .iter()
        .filter(displaces)
        .filter(|f| !f.ends_with("ing") && !f.ends_with('s'))
        .any(|f| !t_variant(lemma, f));
    let mut out = Vec::new();
    if !has_s {
        out.push(s_form(lemma));
    }
    if !has_ing {
        out.push(ing_form(lemma));
    }
    if !has_past {
        out.push(ed_form(lemma));
    }
    out
}

fn noun_forms(lemma: &str, irregular: &[String]) -> Vec<String> {
    if !irregular.is_empty() {
        return Vec::new();
    }
    if sibilant(lemma) {
        vec![format!("{lemma}es")]
    } else {
        vec![s_form(lemma)]
    }
}

fn syllables(word: &str) -> usize {
    let mut count = 0;
    let mut before = false;
    for c in word.chars() {
        let v = is_vowel(c) || c == 'y';
        if v && !before {
            count += 1;
        }
        before = v;
    }
    // A final silent e ("large") is no syllable of its own.
    if word.ends_with('e') && !word.ends_with("le") && count > 1 {
        count -= 1;
    }
    count
}

/// "older, oldest", "happier, happiest"; long adjectives take "more" and have none.
fn adj_forms(lemma: &str, irregular: &[String]) -> Vec<String> {
    let short = syllables(lemma) == 1 || (syllables(lemma) == 2 && lemma.ends_with('y'));
    if !irregular.is_empty() || !short || !lemma.chars().all(char::is_alphabetic) {
        return Vec::new();
    }
    let stem = if consonant_then(lemma, 'y') {
        format!("{}i", &lemma[..lemma.len() - 1])
    } else {
        lemma.strip_suffix('e').unwrap_or(lemma).to_string()
    };
    vec![format!("{stem}er"), format!("{stem}est")]
}

/// The regular forms of a one-word lemma, given its irregular ones.
pub fn regular(lemma: &str, pos: Pos, irregular: &[String]) -> Vec<String> {
    if lemma.is_empty() || !lemma.is_ascii() {
        return Vec::new();
    }
    match pos {
        Pos::Verb => verb_forms(lemma, irregular),
        Pos::Noun => noun_forms(lemma, irregular),
        Pos::Adj => adj_forms(lemma, irregular),
        Pos::Adv => Vec::new(),
    }
}

/// Which word of a phrase inflects: the first of a verb ("pull back"), the last of a noun
/// ("prime minister"); adjectives and adverbs of several words do not inflect.
pub fn head(phrase: &str, pos: Pos) -> Option<(&str, &str, &str)> {
    match pos {
        Pos::Verb => {
            let i = phrase.find(' ')?;
            Some(("", &phrase[..i], &phrase[i..]))
        }
        Pos::Noun => {
            let i = phrase.rfind(' ')?;
            Some((&phrase[..=i], &phrase[i + 1..], ""))
        }
        Pos::Adj | Pos::Adv => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(lemma: &str, pos: Pos, irregular: &[&str]) -> Vec<String> {
        let irregular: Vec<String> = irregular.iter().map(|s| s.to_string()).collect();
        regular(lemma, pos, &irregular)
    }

    #[test]
    fn verbs_take_s_ing_and_ed() {
        assert_eq!(
            forms("deny", Pos::Verb, &[]),
            ["denies", "denying", "denied"]
        );
        assert_eq!(
            forms("raise", Pos::Verb, &[]),
            ["raises", "raising", "raised"]
        );
        assert_eq!(
            forms("push", Pos::Verb, &[]),
            ["pushes", "pushing", "pushed"]
        );
        assert_eq!(forms("die", Pos::Verb, &["dying"]), ["dies", "died"]);
        assert_eq!(
            forms("agree", Pos::Verb, &[]),
            ["agrees", "agreeing", "agreed"]
        );
    }

    #[test]
    fn irregular_forms_displace_the_wrong_regular_ones() {
        assert_eq!(forms("go", Pos::Verb, &["went", "gone"]), ["goes", "going"]);
        assert_eq!(
            forms("stop", Pos::Verb, &["stopped", "stopping"]),
            ["stops"]
        );
        assert_eq!(forms("be", Pos::Verb, &["is", "was", "been"]), ["being"]);
        assert_eq!(
            forms("learn", Pos::Verb, &["learnt"]),
            ["learns", "learning", "learned"]
        );
        assert_eq!(
            forms("travel", Pos::Verb, &["travelled", "travelling"]),
            ["travels", "traveling", "traveled"]
        );
    }

    #[test]
    fn nouns_and_adjectives() {
        assert_eq!(
            forms("crisis", Pos::Noun, &["crises"]),
            Vec::<String>::new()
        );
        assert_eq!(forms("church", Pos::Noun, &[]), ["churches"]);
        assert_eq!(forms("country", Pos::Noun, &[]), ["countries"]);
        assert_eq!(forms("large", Pos::Adj, &[]), ["larger", "largest"]);
        assert_eq!(forms("happy", Pos::Adj, &[]), ["happier", "happiest"]);
        assert!(forms("important", Pos::Adj, &[]).is_empty());
    }

    #[test]
    fn the_head_of_a_phrase() {
        assert_eq!(head("pull back", Pos::Verb), Some(("", "pull", " back")));
        assert_eq!(
            head("prime minister", Pos::Noun),
            Some(("prime ", "minister", ""))
        );
        assert_eq!(head("win", Pos::Verb), None);
    }
}
