//! Pretty JSON written in pieces: the bytes `serde_json::to_string_pretty` writes for a whole
//! object, produced field by field and, for long lists, chunk by chunk on every thread.
//!
//! A report of a large corpus holds hundreds of thousands of claims; escaping their text is
//! most of the time of the JSON report, and one pretty-printer does it on one core. Here each
//! piece is written by a [`Pretty`] formatter that starts at the depth where the piece sits,
//! so joining the pieces in order gives the same bytes as printing the whole at once.

use rayon::prelude::*;
use serde::Serialize;
use serde_json::ser::Formatter;
use std::io;

/// How deep one indent goes: two spaces, as `serde_json`'s pretty-printer.
const INDENT: &[u8] = b"  ";
/// Items of a list written by one task; a batch of tasks is joined before the next starts,
/// which bounds the memory held in pieces.
const CHUNK: usize = 1024;
const TASKS_PER_BATCH: usize = 64;

/// A pretty formatter that starts `depth` levels deep: each new line is indented for where
/// the value sits in the whole document.
struct Pretty {
    depth: usize,
    has_value: bool,
}

impl Pretty {
    fn at(depth: usize) -> Pretty {
        Pretty {
            depth,
            has_value: false,
        }
    }

    fn new_line<W: ?Sized + io::Write>(&self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        indent(w, self.depth)
    }

    fn close<W: ?Sized + io::Write>(&mut self, w: &mut W, mark: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            indent(w, self.depth)?;
        }
        w.write_all(mark)
    }
}

fn indent<W: ?Sized + io::Write>(w: &mut W, depth: usize) -> io::Result<()> {
    for _ in 0..depth {
        w.write_all(INDENT)?;
    }
    Ok(())
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"[")
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.new_line(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"{")
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.new_line(w, first)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Appends `value` as it reads `depth` levels deep in a pretty document.
fn value_at<T: Serialize + ?Sized>(
    out: &mut impl io::Write,
    depth: usize,
    value: &T,
) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, Pretty::at(depth));
    value.serialize(&mut ser).map_err(io::Error::other)
}

/// A pretty JSON object written one field at a time, at the top of a document, to `W`: a
/// buffer, or the report file itself, so a report need never be held whole in memory.
pub(crate) struct Object<W: io::Write> {
    out: W,
    fields: usize,
}

impl Object<Vec<u8>> {
    /// An object written to memory, whose text will be about `capacity` bytes.
    pub(crate) fn with_capacity(capacity: usize) -> Object<Vec<u8>> {
        Object::to(Vec::with_capacity(capacity))
    }

    /// The document as text.
    pub(crate) fn finish_text(self) -> io::Result<String> {
        String::from_utf8(self.finish()?).map_err(io::Error::other)
    }
}

impl<W: io::Write> Object<W> {
    /// An object written to `out` as it is built. Every byte written is valid UTF-8.
    pub(crate) fn to(out: W) -> Object<W> {
        Object { out, fields: 0 }
    }

    fn key(&mut self, key: &str) -> io::Result<()> {
        let first = self.fields == 0;
        if first {
            self.out.write_all(b"{")?;
        }
        self.fields += 1;
        Pretty::at(1).new_line(&mut self.out, first)?;
        value_at(&mut self.out, 1, key)?;
        self.out.write_all(b": ")
    }

    /// `"key": value`.
    pub(crate) fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> io::Result<()> {
        self.key(key)?;
        value_at(&mut self.out, 1, value)
    }

    /// `"key": [ … ]`, the JSON of item `i` being `to_json(i, &items[i])`; chunks of the
    /// list are written on all threads and joined in order, a batch at a time, so at most a
    /// batch's text is held.
    pub(crate) fn list<'a, T, J>(
        &mut self,
        key: &str,
        items: &'a [T],
        to_json: impl Fn(usize, &'a T) -> J + Sync,
    ) -> io::Result<()>
    where
        T: Sync,
        J: Serialize,
    {
        self.key(key)?;
        if items.is_empty() {
            return self.out.write_all(b"[]");
        }
        self.out.write_all(b"[")?;
        let batch = CHUNK * TASKS_PER_BATCH;
        for (b, batch_items) in items.chunks(batch).enumerate() {
            let pieces: Vec<io::Result<Vec<u8>>> = batch_items
                .par_chunks(CHUNK)
                .enumerate()
                .map(|(c, chunk)| {
                    let start = b * batch + c * CHUNK;
                    let mut piece = Vec::new();
                    for (k, item) in chunk.iter().enumerate() {
                        Pretty::at(2).new_line(&mut piece, start + k == 0)?;
                        value_at(&mut piece, 2, &to_json(start + k, item))?;
                    }
                    Ok(piece)
                })
                .collect();
            for piece in pieces {
                self.out.write_all(&piece?)?;
            }
        }
        self.out.write_all(b"\n  ]")
    }

    /// The object closed and a final newline written; gives the writer back.
    pub(crate) fn finish(mut self) -> io::Result<W> {
        let end: &[u8] = if self.fields == 0 { b"{}\n" } else { b"\n}\n" };
        self.out.write_all(end)?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Item {
        name: &'static str,
        tags: Vec<&'static str>,
        nested: Option<Vec<Vec<u8>>>,
        empty: Vec<u8>,
    }

    #[derive(Serialize)]
    struct Whole<'a> {
        schema: &'a str,
        items: &'a [Item],
        none: &'a [Item],
        last: (u8, &'a str),
    }

    fn items(n: usize) -> Vec<Item> {
        (0..n)
            .map(|i| Item {
                name: ["a \"quoted\" name", "line\nbreak", "plain"][i % 3],
                tags: vec!["x"; i % 4],
                nested: (i % 2 == 0).then(|| vec![vec![1, 2], vec![]]),
                empty: Vec::new(),
            })
            .collect()
    }

    /// The pieces join into exactly what one pretty-printer writes, across chunk and batch
    /// boundaries.
    #[test]
    fn pieces_join_into_the_bytes_of_one_pretty_print() {
        for n in [0, 1, 2, CHUNK + 3, CHUNK * TASKS_PER_BATCH + 5] {
            let list = items(n);
            let whole = Whole {
                schema: "s/1",
                items: &list,
                none: &[],
                last: (7, "end"),
            };
            let mut expected = serde_json::to_string_pretty(&whole).expect("serialises");
            expected.push('\n');
            let mut o = Object::with_capacity(0);
            o.field("schema", "s/1").expect("writes");
            o.list("items", &list, |_, item| item).expect("writes");
            o.list("none", &list[..0], |_, item| item).expect("writes");
            o.field("last", &(7, "end")).expect("writes");
            assert_eq!(o.finish_text().expect("utf-8"), expected, "{n} items");
        }
    }

    #[test]
    fn an_object_without_fields_is_empty_braces() {
        assert_eq!(
            Object::with_capacity(0).finish_text().expect("utf-8"),
            "{}\n"
        );
    }
}
