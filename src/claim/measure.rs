//! Measures: the quantity a claim states ("lasted 50 minutes") and the time it holds at,
//! from its clause, its sentence, the sentence before, or the article's date.

use super::{Claim, SentenceView, Subject};
use crate::extract::{SentenceFacts, TriggerHit};
use crate::quantity::{Quantity, find_duration};
use crate::rules::schema::{Aspect, CueKind};
use crate::rules::{Family, Predicate};
use crate::time::{TimeBasis, TimeMention, When, find_times};
use jiff::civil::Date;

/// The quantity of a predicate that needs one: a duration after the trigger in its
/// sentence, else one before it in its clause. `Ok(None)` when the predicate needs none;
/// `Err` when it needs one and the sentence states none.
pub(super) fn quantity_of(
    body: &str,
    f: &SentenceFacts,
    t: &TriggerHit,
    clause: (usize, usize),
    pred: &Predicate,
) -> Result<Option<Quantity>, String> {
    if pred.quantity.is_none() {
        return Ok(None);
    }
    let after = find_duration(&body[t.end..f.text.1]);
    let before = || find_duration(&body[clause.0..t.start]);
    match after.or_else(before) {
        Some((_, _, q)) => Ok(Some(q)),
        None => Err("the predicate needs a quantity and the sentence states none".into()),
    }
}

/// The time of a claim (see [`claim_time`]). An event whose sentence states no time
/// happened when the sentence before says, or failing that when the same event the article
/// last spoke of did; the reason is added to `reasons`.
pub(super) fn time_of(
    s: &SentenceView,
    t: &TriggerHit,
    clause: (usize, usize),
    family: &Family,
    subject: Subject,
    antecedent: Option<&Claim>,
    reasons: &mut Vec<String>,
) -> Option<When> {
    let earlier =
        s.f.cues_of(CueKind::Earlier)
            .any(|c| c.start >= clause.0 && c.end <= clause.1);
    let when = claim_time(
        s.article.info.date,
        s.times(),
        s.f.text.0,
        t,
        clause,
        earlier.then_some(family.same_time_days),
        |m| dates_another_clause(s, t, m),
    );
    // "They spoke on May 2. The call lasted 40 minutes.": an event whose sentence
    // states no time happened when the sentence before says.
    if family.aspect == Aspect::Event
        && s.index > 0
        && when
            .as_ref()
            .is_none_or(|w| w.basis == TimeBasis::Published)
        && let Some((carried, why)) = carried_event_time(s, subject, antecedent)
    {
        reasons.push(why);
        return Some(carried);
    }
    when
}

/// The time an event without one of its own takes: the first full date of the sentence
/// before, else that of the antecedent about the same subject, if it was stated.
fn carried_event_time(
    s: &SentenceView,
    subject: Subject,
    antecedent: Option<&Claim>,
) -> Option<(When, String)> {
    let prev = &s.facts[s.index - 1];
    let day = find_times(&s.body[prev.text.0..prev.text.1], s.article.info.date)
        .into_iter()
        .find(|m| m.precision == 3 && m.span.is_some());
    if let Some(m) = day {
        let (start, end) = m.span?;
        let why = format!("time from the sentence before: `{}`", m.text);
        let when = When {
            start,
            end,
            basis: TimeBasis::Stated,
            text: Some(m.text),
        };
        return Some((when, why));
    }
    // Otherwise it is the event the article last spoke of.
    let a = antecedent.filter(|a| {
        a.subject == subject
            && a.when
                .as_ref()
                .is_some_and(|w| w.basis == TimeBasis::Stated)
    })?;
    Some((
        a.when.clone()?,
        format!("time of the same event on line {}", a.line),
    ))
}

/// Whether time `m` of the sentence belongs, by the parse, to a clause that neither holds
/// the trigger, nor stands above it, nor reports it, nor hangs under it: "a report
/// *released Tuesday* concluded that …" dates the release, not what the report concluded.
/// A time outside every clause ("On Monday, …") dates the whole sentence.
fn dates_another_clause(s: &SentenceView, t: &TriggerHit, m: &TimeMention) -> bool {
    let p = s.parse();
    let clause_of = |offset: usize| p.word_at_offset(offset).and_then(|w| p.clause_at(w));
    let Some(time_clause) = clause_of(s.f.text.0 + m.start) else {
        return false;
    };
    let Some(own) = clause_of(t.start) else {
        return false;
    };
    let mut related = p.chain(own);
    if let Some(cue) = s.att.cue.as_ref().and_then(|c| clause_of(c.start)) {
        related.extend(p.chain(cue));
    }
    !related.contains(&time_clause) && !p.chain(time_clause).contains(&own)
}

/// The time of a claim: a time stated in its clause, else the most precise one in its
/// sentence nearest the trigger that does not date another clause; an "earlier" cue marks
/// a period before the article, ending `earlier` days before its date; else the article's
/// date.
fn claim_time(
    date: Option<Date>,
    times: &[TimeMention],
    base: usize,
    t: &TriggerHit,
    clause: (usize, usize),
    earlier: Option<i64>,
    dates_another_clause: impl Fn(&TimeMention) -> bool,
) -> Option<When> {
    let resolved: Vec<&TimeMention> = times.iter().filter(|m| m.span.is_some()).collect();
    // The most precise first, then the nearest the trigger.
    let rank = |m: &&&TimeMention| {
        (
            std::cmp::Reverse(m.precision),
            (base + m.start).abs_diff(t.start),
        )
    };
    let in_clause = resolved
        .iter()
        .filter(|m| base + m.start >= clause.0 && base + m.end <= clause.1)
        .min_by_key(rank);
    let any = || {
        resolved
            .iter()
            .filter(|m| !dates_another_clause(m))
            .min_by_key(rank)
    };
    if let Some(m) = in_clause.or_else(any) {
        let (start, end) = m.span?;
        return Some(When {
            start,
            end,
            basis: TimeBasis::Stated,
            text: Some(m.text.clone()),
        });
    }
    let date = date?;
    if let Some(window) = earlier {
        let end = date.checked_sub(jiff::Span::new().days(window + 1)).ok()?;
        let start = date.checked_sub(jiff::Span::new().years(10)).ok()?;
        return Some(When {
            start,
            end,
            basis: TimeBasis::Earlier,
            text: None,
        });
    }
    Some(When::day(date, TimeBasis::Published, None))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::tests::{Fixture, bundled};
    use crate::time::parse_iso_date;

    fn day(iso: &str) -> Date {
        match parse_iso_date(iso) {
            Ok(d) => d,
            Err(e) => panic!("{iso}: {e:?}"),
        }
    }

    /// The quantity of trigger `words` in a one-sentence article.
    fn quantity(body: &str, words: &str) -> Result<Option<Quantity>, String> {
        let fx = Fixture::new(body);
        let t = fx.trigger(0, words);
        let pred = &bundled().predicates[t.predicate];
        quantity_of(body, &fx.facts[0], t, fx.clause(0, t), pred)
    }

    /// The time of trigger `words` of sentence `index`, and the reasons it added.
    fn time(fx: &Fixture, index: usize, words: &str) -> (Option<When>, Vec<String>) {
        let rules = bundled();
        let t = fx.trigger(index, words);
        let family = &rules.families[rules.predicates[t.predicate].family];
        let mut reasons = Vec::new();
        let s = fx.view(index, 0);
        let subject = Subject::One(0);
        let when = time_of(
            &s,
            t,
            fx.clause(index, t),
            family,
            subject,
            None,
            &mut reasons,
        );
        (when, reasons)
    }

    #[test]
    fn a_predicate_with_a_quantity_takes_the_duration_stated() {
        let got = quantity(
            "The two mayors spoke by phone for 35 minutes.",
            "spoke by phone for",
        );
        let q = got.ok().flatten().map(|q| (q.text, q.value, q.unit));
        assert_eq!(q, Some(("35 minutes".to_string(), 35.0, "minutes")));
    }

    #[test]
    fn a_predicate_with_a_quantity_and_none_stated_makes_no_claim() {
        let got = quantity(
            "The two mayors spoke by phone for a while.",
            "spoke by phone for",
        );
        let why = "the predicate needs a quantity and the sentence states none";
        assert_eq!(got.err().as_deref(), Some(why));
    }

    #[test]
    fn a_predicate_without_a_quantity_needs_none() {
        let got = quantity(
            "Ruritanian soldiers pulled back for 35 minutes.",
            "pulled back",
        );
        assert_eq!(got.map(|q| q.is_none()), Ok(true));
    }

    #[test]
    fn a_stated_day_is_the_time_else_the_articles_date() {
        let fx = Fixture::new(
            "Ruritanian soldiers pulled back on March 3, 2024. Ruritanian tanks pulled back.",
        );
        assert_eq!(
            start(&fx, 0, "pulled back"),
            Some((day("2024-03-03"), TimeBasis::Stated))
        );
        assert_eq!(
            start(&fx, 1, "pulled back"),
            Some((day("2024-05-02"), TimeBasis::Published))
        );
    }

    /// Where the time of trigger `words` of sentence `index` starts, and on what basis.
    fn start(fx: &Fixture, index: usize, words: &str) -> Option<(Date, TimeBasis)> {
        time(fx, index, words).0.map(|w| (w.start, w.basis))
    }

    #[test]
    fn an_earlier_cue_puts_the_claim_before_the_window() {
        let fx = Fixture::new("Years ago Ruritanian soldiers pulled back.");
        let (when, _) = time(&fx, 0, "pulled back");
        let when = when.map(|w| (w.end, w.basis));
        // The troop-movement family compares within 7 days: the period ends 8 days before.
        assert_eq!(when, Some((day("2024-04-24"), TimeBasis::Earlier)));
    }

    /// A time in a phrase that names the speaker dates that phrase ("released on March 3"),
    /// not what is reported; a time of the reporting clause dates the report.
    #[test]
    fn a_time_of_another_clause_does_not_date_the_claim() {
        let fx = Fixture::new(
            "A study released on March 3, 2024 by the League concluded that Ruritanian soldiers \
             pulled back. Ruritanian soldiers pulled back, the League said on March 3, 2024.",
        );
        assert_eq!(
            start(&fx, 0, "pulled back"),
            Some((day("2024-05-02"), TimeBasis::Published))
        );
        assert_eq!(
            start(&fx, 1, "pulled back"),
            Some((day("2024-03-03"), TimeBasis::Stated))
        );
    }

    #[test]
    fn an_event_without_a_time_takes_the_day_of_the_sentence_before() {
        let fx =
            Fixture::new("The two mayors spoke on April 30, 2024. The call lasted 40 minutes.");
        let (when, reasons) = time(&fx, 1, "lasted");
        let when = when.map(|w| (w.start, w.basis));
        assert_eq!(when, Some((day("2024-04-30"), TimeBasis::Stated)));
        assert_eq!(reasons.len(), 1);
        assert!(reasons[0].starts_with("time from the sentence before: `"));
    }
}
