//! Every fault of a rule file serde refuses, in one run, whatever its kind.
//!
//! serde stops at a file's first unknown key, wrong type or wrong enum value. When it does,
//! the file is read again as plain YAML and checked piece by piece (each item of a section
//! on its own): a fault is reported at its exact place, the piece is mended (an unknown key
//! taken out, a wrong value or a missing key replaced by a stand-in of the right type) and
//! read again, until serde accepts it. The mended file then compiles like any other, so its
//! other faults (a dangling `opposite`, a duplicate id) are found in the same run; nothing
//! is said about a stand-in itself.

use crate::rules::diagnostic::locate::Step;
use crate::rules::diagnostic::{Faults, did_you_mean, ix, k, nearest, parse_message};
use crate::rules::schema::{
    CueSpec, EntitySpec, FamilySpec, PredicateSpec, RuleFile, SECTION_KEYS,
};
use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};

/// Most faults looked for in one piece (an item, or a top-level section that is no list):
/// each costs a reading of the piece.
const MAX_FAULTS_PER_PIECE: usize = 24;

/// A file read after mending, and the places of its stand-ins (as key paths shown), whose
/// own faults are not reported.
pub(super) struct Mended {
    pub file: RuleFile,
    pub stand_ins: Vec<String>,
}

/// Reads `text` fault by fault; `None` when even the mended file cannot be read (the
/// faults found are reported then).
pub(super) fn mend(cx: &mut Faults, fi: usize, text: &str) -> Option<Mended> {
    let mut value: Value = serde_yaml::from_str(text).ok()?;
    let mut stand_ins = Vec::new();
    let mut mender = Mender {
        cx,
        fi,
        stand_ins: &mut stand_ins,
    };
    let Value::Mapping(map) = &mut value else {
        return None;
    };
    let keys: Vec<Value> = map.keys().cloned().collect();
    for key in keys {
        let name = key.as_str().unwrap_or_default().to_string();
        if !SECTION_KEYS.contains(&name.as_str()) {
            let hint = did_you_mean(nearest(&name, SECTION_KEYS.iter().copied()));
            let path = [k(&name)];
            let (line, column) = mender.cx.key_place(fi, &path);
            mender.cx.error_placed(
                fi,
                &path,
                (line, column),
                format!(
                    "unknown section `{name}`{hint} (known sections: {})",
                    SECTION_KEYS.join(", ")
                ),
            );
            map.remove(&key);
            continue;
        }
        let Some(section) = map.get_mut(&key) else {
            continue;
        };
        match (name.as_str(), section) {
            ("entities", Value::Sequence(items)) => mender.items::<EntitySpec>(&name, items),
            ("families", Value::Sequence(items)) => mender.items::<FamilySpec>(&name, items),
            ("predicates", Value::Sequence(items)) => mender.items::<PredicateSpec>(&name, items),
            ("cues", Value::Sequence(items)) => mender.items::<CueSpec>(&name, items),
            (_, section) => {
                // A section read whole: `settings`, `disable`, `override`, or a section
                // that is not a list.
                let mut one = Mapping::new();
                one.insert(key.clone(), std::mem::take(section));
                let mut whole = Value::Mapping(one);
                mender.piece::<RuleFile>(&[], &mut whole);
                if let Value::Mapping(mut one) = whole {
                    *section = one.remove(&key).unwrap_or(Value::Null);
                }
            }
        }
    }
    match serde_yaml::from_value::<RuleFile>(value) {
        Ok(file) => Some(Mended { file, stand_ins }),
        Err(_) => None,
    }
}

struct Mender<'c, 'a> {
    cx: &'c mut Faults<'a>,
    fi: usize,
    stand_ins: &'c mut Vec<String>,
}

impl Mender<'_, '_> {
    fn items<T: DeserializeOwned>(&mut self, section: &str, items: &mut [Value]) {
        for (i, item) in items.iter_mut().enumerate() {
            self.piece::<T>(&[k(section), ix(i)], item);
        }
    }

    /// Reads one piece as `T` until serde accepts it, reporting and mending each fault.
    fn piece<T: DeserializeOwned>(&mut self, base: &[Step], value: &mut Value) {
        let mut seen: Vec<String> = Vec::new();
        for _ in 0..MAX_FAULTS_PER_PIECE {
            let Ok(text) = serde_yaml::to_string(value) else {
                return;
            };
            let Err(e) = serde_yaml::from_str::<T>(&text) else {
                return;
            };
            let raw = e.to_string();
            if seen.contains(&raw) {
                return;
            }
            seen.push(raw.clone());
            let (at, message) = parse_message(&raw);
            let mut path = base.to_vec();
            path.extend(parse_path(&at));
            if !self.fault(&path, base.len(), &raw, message, value) {
                return;
            }
        }
    }

    /// Reports one fault at `path` (its first `base` steps lead to the piece) and mends the
    /// piece; false when it cannot be mended.
    fn fault(
        &mut self,
        path: &[Step],
        base: usize,
        raw: &str,
        message: String,
        piece: &mut Value,
    ) -> bool {
        let inner = &path[base..];
        let shown = crate::rules::diagnostic::locate::show(path);
        let is_stand_in = self.stand_ins.contains(&shown);
        if let Some(field) = quoted_after(raw, "unknown field `") {
            let mut key_path = path.to_vec();
            key_path.push(k(&field));
            let place = self.cx.key_place(self.fi, &key_path);
            self.cx.error_placed(self.fi, path, place, message);
            // A misspelt key is read as the key it is nearest to, when that one is not
            // given too: its value is checked, and the key is not also "missing".
            let known: Vec<String> = backticked(raw.split(" expected ").nth(1).unwrap_or(""));
            let meant = nearest(&field, known.iter().map(String::as_str)).map(str::to_string);
            return match meant {
                Some(meant) => rename(piece, inner, &field, &meant),
                None => remove(piece, inner, &field),
            };
        }
        if let Some(field) = quoted_after(raw, "missing field `") {
            let mut key_path = path.to_vec();
            key_path.push(k(&field));
            self.cx.error(
                self.fi,
                path,
                format!("the key `{field}` is missing; add it (see the README's table of keys)"),
            );
            self.stand_ins
                .push(crate::rules::diagnostic::locate::show(&key_path));
            return set(
                piece,
                &[inner, &[k(&field)]].concat(),
                Value::String(String::new()),
            );
        }
        if !is_stand_in {
            self.cx.error(self.fi, path, message);
            self.stand_ins.push(shown);
        }
        if inner.is_empty() {
            // The piece itself is of the wrong type: nothing left to mend it into.
            return false;
        }
        set(piece, inner, stand_in(raw))
    }
}

/// The text between `prefix` and the next backtick in `raw`.
fn quoted_after(raw: &str, prefix: &str) -> Option<String> {
    let rest = &raw[raw.find(prefix)? + prefix.len()..];
    Some(rest.split('`').next().unwrap_or("").to_string())
}

/// Every name between backticks in `text`.
fn backticked(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// Renames `from` to `to` in the mapping at `path`, unless `to` is there already (then
/// `from` is only taken out).
fn rename(v: &mut Value, path: &[Step], from: &str, to: &str) -> bool {
    let Some(Value::Mapping(m)) = at_mut(v, path) else {
        return false;
    };
    let Some(value) = m.remove(from) else {
        return false;
    };
    if !m.contains_key(to) {
        m.insert(Value::String(to.to_string()), value);
    }
    true
}

/// A value of the type serde expected, from its message ("expected a sequence", "expected
/// `state` or `event`"), to stand where a wrong one was.
fn stand_in(raw: &str) -> Value {
    let expected = raw.split("expected ").nth(1).unwrap_or("");
    if expected.starts_with("a sequence") {
        Value::Sequence(Vec::new())
    } else if expected.starts_with("a string") {
        Value::String(String::new())
    } else if expected.starts_with("f64") || expected.starts_with("f32") {
        Value::Number(0.0.into())
    } else if ["i64", "u64", "usize", "i32", "u32", "u8", "u16"]
        .iter()
        .any(|t| expected.starts_with(t))
    {
        Value::Number(0.into())
    } else if expected.starts_with("a boolean") {
        Value::Bool(false)
    } else if expected.starts_with("struct") || expected.starts_with("a map") {
        Value::Mapping(Mapping::new())
    } else if let Some(variant) = quoted_after(expected, "`") {
        // An enum: its first value.
        Value::String(variant)
    } else {
        Value::Null
    }
}

/// `examples.match[0]` as steps.
fn parse_path(shown: &str) -> Vec<Step> {
    let mut out = Vec::new();
    for part in shown.split('.').filter(|p| !p.is_empty()) {
        let mut rest = part;
        if let Some(open) = rest.find('[') {
            if open > 0 {
                out.push(k(&rest[..open]));
            }
            rest = &rest[open..];
            while let Some(r) = rest.strip_prefix('[') {
                let Some((n, after)) = r.split_once(']') else {
                    break;
                };
                if let Ok(n) = n.parse() {
                    out.push(ix(n));
                }
                rest = after;
            }
        } else {
            out.push(k(rest));
        }
    }
    out
}

/// The value at `path` inside `v`.
fn at_mut<'v>(v: &'v mut Value, path: &[Step]) -> Option<&'v mut Value> {
    let mut at = v;
    for step in path {
        at = match (step, at) {
            (Step::Key(key), Value::Mapping(m)) => m.get_mut(key.as_str())?,
            (Step::Index(i), Value::Sequence(s)) => s.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(at)
}

/// Takes `key` out of the mapping at `path`.
fn remove(v: &mut Value, path: &[Step], key: &str) -> bool {
    match at_mut(v, path) {
        Some(Value::Mapping(m)) => m.remove(key).is_some(),
        _ => false,
    }
}

/// Puts `new` at `path`, inserting the last key into its mapping if it is missing.
fn set(v: &mut Value, path: &[Step], new: Value) -> bool {
    let Some((last, parent)) = path.split_last() else {
        return false;
    };
    match (last, at_mut(v, parent)) {
        (Step::Key(key), Some(Value::Mapping(m))) => {
            m.insert(Value::String(key.clone()), new);
            true
        }
        (Step::Index(i), Some(Value::Sequence(s))) if *i < s.len() => {
            s[*i] = new;
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_stand_ins_follow_serde_messages() {
        assert_eq!(
            parse_path("examples.match[0]"),
            vec![k("examples"), k("match"), ix(0)]
        );
        assert_eq!(
            parse_path("[3].aliases[1]"),
            vec![ix(3), k("aliases"), ix(1)]
        );
        assert_eq!(parse_path(""), Vec::<Step>::new());
        assert_eq!(
            stand_in("unknown variant `events`, expected `state` or `event`"),
            Value::String("state".into())
        );
        assert_eq!(
            stand_in("invalid type: string \"x\", expected a sequence"),
            Value::Sequence(Vec::new())
        );
        assert_eq!(
            stand_in("invalid type: floating point `1.5`, expected usize"),
            Value::Number(0.into())
        );
    }
}
