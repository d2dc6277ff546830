//! YAML from hostile places (front matter, rule files, `claimclash.yaml`) checked before it
//! is parsed.
//!
//! libyaml's scanner does work proportional to the open flow collections (`[`, `{`) for every
//! token it reads, so a text of 100,000 `[` takes 18 s before the parser refuses it, and the
//! time grows with the square of the depth. [`check_depth`] runs that same scanner token by
//! token and stops as soon as the nesting passes [`MAX_DEPTH`], so the check is linear in the
//! text and the parse that follows only ever meets shallow text. Using the parser's own
//! scanner, rather than a second reading of YAML's quoting rules, means the two can never
//! disagree about what is nested. Sizes are capped by the callers, before this check.

pub mod tree;

use libyaml_rs as sys;
use std::mem::MaybeUninit;

/// The deepest nesting of collections (flow and block together) a YAML text may have. Rule
/// files need six levels; front matter one or two.
pub const MAX_DEPTH: usize = 32;

/// Where a YAML text goes deeper than [`MAX_DEPTH`]: 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooDeep {
    pub line: usize,
    pub column: usize,
}

impl std::fmt::Display for TooDeep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "YAML nested more than {MAX_DEPTH} levels deep; flatten it (not read further)"
        )
    }
}

/// Checks that `text` nests collections at most [`MAX_DEPTH`] deep, in time linear in its
/// length. A text the scanner rejects for another reason passes: the parser reports that
/// error itself, and scanning stopped there.
pub fn check_depth(text: &str) -> Result<(), TooDeep> {
    let mut scanner = Scanner::new(text);
    let mut depth = 0usize;
    loop {
        let Some((kind, line, column)) = scanner.next() else {
            return Ok(());
        };
        match kind {
            Token::Open => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(TooDeep {
                        line: line + 1,
                        column: column + 1,
                    });
                }
            }
            Token::Close => depth = depth.saturating_sub(1),
            Token::Other => {}
        }
    }
}

enum Token {
    Open,
    Close,
    Other,
}

/// libyaml's scanner over a borrowed text. The parser lives in a box because it keeps its
/// own address (as its read handler's data) once given the input.
struct Scanner<'t> {
    parser: Box<MaybeUninit<sys::yaml_parser_t>>,
    initialised: bool,
    done: bool,
    _text: &'t str,
}

impl<'t> Scanner<'t> {
    fn new(text: &'t str) -> Scanner<'t> {
        let mut parser: Box<MaybeUninit<sys::yaml_parser_t>> = Box::new(MaybeUninit::uninit());
        let p = parser.as_mut_ptr();
        // SAFETY: `p` points to memory for a parser that `yaml_parser_initialize` fills in
        // (it zeroes it first); it never moves (boxed), and the input it is given outlives it
        // (the `'t` borrow kept in `_text`). This is how yaml_serde sets up its own parser.
        let ok = unsafe {
            let ok = sys::yaml_parser_initialize(p).ok;
            if ok {
                sys::yaml_parser_set_encoding(p, sys::YAML_UTF8_ENCODING);
                sys::yaml_parser_set_input_string(p, text.as_ptr(), text.len() as u64);
            }
            ok
        };
        Scanner {
            parser,
            initialised: ok,
            done: !ok,
            _text: text,
        }
    }

    /// The next token's kind and 0-based line and column; `None` at the end or on an error.
    fn next(&mut self) -> Option<(Token, usize, usize)> {
        if self.done {
            return None;
        }
        let mut token = MaybeUninit::<sys::yaml_token_t>::uninit();
        // SAFETY: the parser was initialised in `new` (`done` is false), and `token` is
        // memory for one token, which `yaml_parser_scan` zeroes and fills; each filled token
        // is deleted once here, after its type and mark are read.
        unsafe {
            if sys::yaml_parser_scan(self.parser.as_mut_ptr(), token.as_mut_ptr()).fail {
                self.done = true;
                return None;
            }
            let t = token.as_mut_ptr();
            let kind = (*t).type_;
            let mark = (*t).start_mark;
            sys::yaml_token_delete(t);
            let token = match kind {
                sys::YAML_NO_TOKEN | sys::YAML_STREAM_END_TOKEN => {
                    self.done = true;
                    return None;
                }
                sys::YAML_FLOW_SEQUENCE_START_TOKEN
                | sys::YAML_FLOW_MAPPING_START_TOKEN
                | sys::YAML_BLOCK_SEQUENCE_START_TOKEN
                | sys::YAML_BLOCK_MAPPING_START_TOKEN => Token::Open,
                sys::YAML_FLOW_SEQUENCE_END_TOKEN
                | sys::YAML_FLOW_MAPPING_END_TOKEN
                | sys::YAML_BLOCK_END_TOKEN => Token::Close,
                _ => Token::Other,
            };
            Some((token, mark.line as usize, mark.column as usize))
        }
    }
}

impl Drop for Scanner<'_> {
    fn drop(&mut self) {
        if self.initialised {
            // SAFETY: the parser was initialised in `new`; it is deleted once, here.
            unsafe { sys::yaml_parser_delete(self.parser.as_mut_ptr()) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_yaml_passes_and_deep_yaml_is_stopped_where_it_goes_too_deep() {
        let pack = "entities:\n  - id: a\n    aliases: [A, 'B [x', \"C ]]]]\"]\n    examples:\n      match:\n        - text: \"[[[[\"\n";
        assert_eq!(check_depth(pack), Ok(()));
        // The mapping is one level, so the 32nd `[` is the 33rd level.
        let deep = format!("key: {}", "[".repeat(100_000));
        assert_eq!(
            check_depth(&deep),
            Err(TooDeep {
                line: 1,
                column: 5 + MAX_DEPTH
            })
        );
        // Brackets inside quotes, comments and block scalars are text, not nesting.
        let text = format!(
            "a: '{0}'\nb: \"{0}\"\n# {0}\nc: |\n  {0}\nd: x {0}\n",
            "[".repeat(100)
        );
        assert_eq!(check_depth(&text), Ok(()));
        // Quoted closing brackets do not hide real opening ones.
        let hidden = format!("k: {}", "[ \"]\", ".repeat(40));
        assert!(check_depth(&hidden).is_err());
        // Block nesting counts too.
        let mut block = String::new();
        for i in 0..40 {
            block.push_str(&format!("{}k{i}:\n", " ".repeat(i)));
        }
        assert!(check_depth(&block).is_err());
    }

    #[test]
    fn broken_yaml_is_left_to_the_parser() {
        assert_eq!(
            check_depth("a: [unclosed\nb: 'x\n and more text to be long enough\n"),
            Ok(())
        );
        assert_eq!(check_depth("\t- tab\n"), Ok(()));
    }
}
