//! Opening files that may be anything. A corpus scraped from the web or a folder shared
//! between desks can hold FIFOs (opening one waits for a writer forever), devices
//! (`/dev/zero` never ends), sockets and links to any of them; only regular files are read,
//! and never more than a stated limit.

use std::fs::{File, FileType, Metadata};
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt};
use std::path::Path;

/// A file's identity whatever path names it: device and inode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId {
    pub dev: u64,
    pub ino: u64,
}

impl FileId {
    pub fn of(meta: &Metadata) -> FileId {
        FileId {
            dev: meta.dev(),
            ino: meta.ino(),
        }
    }
}

/// What a file type is, for messages: "a FIFO", "a character device", ….
pub fn kind(t: FileType) -> &'static str {
    type Is = fn(&FileType) -> bool;
    let kinds: [(Is, &'static str); 7] = [
        (FileType::is_file, "a regular file"),
        (FileType::is_dir, "a folder"),
        (FileType::is_symlink, "a symbolic link"),
        (FileTypeExt::is_fifo, "a FIFO (named pipe)"),
        (FileTypeExt::is_char_device, "a character device"),
        (FileTypeExt::is_block_device, "a block device"),
        (FileTypeExt::is_socket, "a socket"),
    ];
    kinds
        .iter()
        .find(|(is, _)| is(&t))
        .map_or("not a regular file", |(_, name)| name)
}

/// What a file type is, as [`kind`] names it, from the type of a `stat`.
pub fn kind_of(t: rustix::fs::FileType) -> &'static str {
    use rustix::fs::FileType as T;
    match t {
        T::RegularFile => "a regular file",
        T::Directory => "a folder",
        T::Symlink => "a symbolic link",
        T::Fifo => "a FIFO (named pipe)",
        T::CharacterDevice => "a character device",
        T::BlockDevice => "a block device",
        T::Socket => "a socket",
        _ => "not a regular file",
    }
}

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// A FIFO, device, socket or folder (the kind, as [`kind`] names it).
    NotRegular(&'static str),
    /// Larger than the limit (both in bytes).
    TooLarge {
        size: u64,
        limit: u64,
    },
    Io(std::io::Error),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::NotRegular(kind) => write!(f, "{kind}, not a regular file; not read"),
            ReadError::TooLarge { size, limit } => write!(
                f,
                "{size} bytes, larger than the {limit} bytes read from such a file; not read"
            ),
            ReadError::Io(e) => write!(f, "cannot read: {}", io_message(e)),
        }
    }
}

/// An I/O error's message without the `(os error N)` tail.
pub fn io_message(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// Opens `path` (following links) only if it is a regular file. Nothing else is opened
/// (opening some devices acts on them), the open does not block on a FIFO, and the type is
/// checked again on the opened file, so a file swapped after the check is still caught.
pub fn open_regular(path: &Path) -> Result<(File, Metadata), ReadError> {
    let before = std::fs::metadata(path).map_err(ReadError::Io)?;
    if !before.is_file() {
        return Err(ReadError::NotRegular(kind(before.file_type())));
    }
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)
        .map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind(meta.file_type())));
    }
    if FileId::of(&meta) != FileId::of(&before) {
        return Err(ReadError::Io(std::io::Error::other(
            "it changed while it was being opened",
        )));
    }
    Ok((file, meta))
}

/// The bytes of the regular file at `path`, at most `limit` of them.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let (file, meta) = open_regular(path)?;
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // A file that grows while it is read is cut at the limit, and said to be too large.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// The text of the regular file at `path`, at most `limit` bytes of UTF-8.
pub fn read_regular_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    String::from_utf8(read_regular(path, limit)?).map_err(|e| {
        ReadError::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "not valid UTF-8 (byte {}); convert the file to UTF-8",
                e.utf8_error().valid_up_to()
            ),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_are_read_and_never_past_the_limit() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "12345").expect("write");
        assert_eq!(read_regular(&file, 5).expect("read"), b"12345");
        assert!(matches!(
            read_regular(&file, 4),
            Err(ReadError::TooLarge { size: 5, limit: 4 })
        ));
        assert!(matches!(
            read_regular(dir.path(), 10),
            Err(ReadError::NotRegular("a folder"))
        ));
        let fifo = dir.path().join("fifo");
        rustix::fs::mknodat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::from_raw_mode(0o600),
            0,
        )
        .expect("mkfifo");
        // Returns at once: the open does not wait for a writer.
        assert!(matches!(
            read_regular(&fifo, 10),
            Err(ReadError::NotRegular("a FIFO (named pipe)"))
        ));
        assert!(matches!(
            read_regular(Path::new("/dev/zero"), 10),
            Err(ReadError::NotRegular("a character device"))
        ));
    }
}
