//! The proposals as YAML to paste into an extension: entities, then families and predicates,
//! every string quoted, so that `rules check --extra-rules DIR` accepts the file as it is;
//! counts, examples and what is left to decide are comments.

use super::{Detail, Suggestion, SuggestionKind};
use crate::rules::schema::EntityKind;

/// The proposals as YAML to paste, with counts and examples as comments.
pub fn render(suggestions: &[Suggestion]) -> String {
    let of_kind = |kind: SuggestionKind| -> Vec<&Suggestion> {
        suggestions.iter().filter(|s| s.kind == kind).collect()
    };
    let mut out = String::new();
    let entities = of_kind(SuggestionKind::Entity);
    let predicates = of_kind(SuggestionKind::Predicate);
    if !entities.is_empty() || !predicates.is_empty() {
        out.push_str("# Proposed rules: paste this into a file of an extension folder (DIR/suggested.yaml)\n# and check it with `claimclash rules check --extra-rules DIR`.\n");
    }
    if !entities.is_empty() {
        out.push_str("\n# Names that speak but are no entity yet (check each kind; add speaks_for)\nentities:\n");
        for s in entities {
            entity(&mut out, s);
        }
    }
    if !predicates.is_empty() {
        out.push_str("\n# Verbs said, denied or disputed in sentences that made no claim: a family each,\n# with the verb's antonym as the opposite where the general lexicon has one. Add the\n# family's context words, and say in `says` what the claim states.\nfamilies:\n");
        for s in &predicates {
            if let Detail::Predicate { family, .. } = &s.detail {
                out.push_str(&format!(
                    "  - id: {}\n    name: {}\n    aspect: event  # or state, if it can change over time\n",
                    q(family),
                    q(&format!("claims of {}", s.text))
                ));
            }
        }
        out.push_str("predicates:\n");
        for s in &predicates {
            predicate(&mut out, s);
        }
    }
    comments(
        &mut out,
        &of_kind(SuggestionKind::Alias),
        "\n# Spellings close to an existing alias (add to that entity's aliases if they are the same)\n",
        |s| format!("add `{}` ({} time(s))", s.text, s.count),
    );
    comments(
        &mut out,
        &of_kind(SuggestionKind::Phrase),
        "\n# Phrases that keep standing at a trigger (a more precise trigger, or a context word)\n",
        |s| format!("`{}` ({} times)", s.text, s.count),
    );
    if out.is_empty() {
        out.push_str("# nothing to suggest: every speaker is known\n");
    }
    out
}

fn entity(out: &mut String, s: &Suggestion) {
    let Detail::Entity {
        id,
        kind,
        aliases,
        note,
    } = &s.detail
    else {
        return;
    };
    out.push_str(&format!(
        "  # {} time(s), e.g.: {}\n",
        s.count,
        one_line(&s.example)
    ));
    if let Some(note) = note {
        out.push_str(&format!("  # {}\n", one_line(note)));
    }
    let aliases: Vec<String> = aliases.iter().map(|a| q(a)).collect();
    out.push_str(&format!(
        "  - id: {}\n    name: {}\n    kind: {}\n    aliases: [{}]\n",
        q(id),
        q(&s.text),
        kind_name(*kind),
        aliases.join(", ")
    ));
}

fn predicate(out: &mut String, s: &Suggestion) {
    let Detail::Predicate {
        family,
        id,
        triggers,
        opposite,
    } = &s.detail
    else {
        return;
    };
    out.push_str(&format!(
        "  # `{}` in {} sentence(s) that made no claim\n",
        s.text, s.count
    ));
    let list = |forms: &[String]| forms.iter().map(|f| q(f)).collect::<Vec<_>>().join(", ");
    out.push_str(&format!(
        "  - id: {}\n    family: {}\n    says: {}\n    triggers: [{}]\n",
        q(id),
        q(family),
        q(&s.text),
        list(triggers)
    ));
    if let Some((other, _)) = opposite {
        out.push_str(&format!("    opposite: {}\n", q(other)));
    }
    out.push_str(&format!(
        "    examples:\n      match:\n        - text: {}\n          predicate: {}\n",
        q(&one_line(&s.example)),
        q(id)
    ));
    if let Some((other, forms)) = opposite {
        out.push_str(&format!(
            "  - id: {}\n    family: {}\n    says: {}\n    triggers: [{}]\n    opposite: {}\n",
            q(other),
            q(family),
            q(other),
            list(forms),
            q(id)
        ));
    }
}

fn kind_name(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Organisation => "organisation",
        EntityKind::Country => "country",
        EntityKind::Place => "place",
        EntityKind::Outlet => "outlet",
        EntityKind::Group => "group",
    }
}

/// A string as a double-quoted YAML scalar (JSON's quoting is YAML's).
fn q(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

/// Proposals that are only comments, under a header: whom each is for, what it proposes
/// (`what`), and its example.
fn comments(
    out: &mut String,
    list: &[&Suggestion],
    header: &str,
    what: impl Fn(&Suggestion) -> String,
) {
    if list.is_empty() {
        return;
    }
    out.push_str(header);
    for s in list {
        out.push_str(&format!(
            "# {}: {}, e.g.: {}\n",
            s.target.as_deref().unwrap_or("?"),
            what(s),
            one_line(&s.example)
        ));
    }
}

/// A text on one line.
fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}
