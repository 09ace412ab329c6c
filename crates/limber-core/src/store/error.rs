//! Why the store could not do something, in words a non-technical person can act on.
//!
//! Every message says what happened, what to do next, and ends with the file it is about (with
//! line:column when a place in the file is to blame).

use std::fmt;
use std::io;
use std::path::PathBuf;

/// Everything that can go wrong while reading or writing the session log and its backups.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The data folder could not be created or opened.
    #[error(
        "Limber could not open its data folder: {}. Check that the folder exists and that you may \
         write in it, or start Limber with --data-dir pointing to another folder. ({})",
        plain_io(source),
        path.display()
    )]
    DataDir {
        /// The data folder.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// A file exists but could not be read.
    #[error(
        "Limber could not read a file: {}. Check that the file is there and that you may read \
         it, then try again. ({})",
        plain_io(source),
        path.display()
    )]
    Read {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// The file was read but is not a valid session log; `line` and `column` are 1-based.
    #[error(
        "This session log cannot be used: at line {line}, column {column}, {problem}. Limber left \
         the file untouched. Restore a backup, or open the file in a text editor and fix that \
         place. ({}:{line}:{column})",
        path.display()
    )]
    Damaged {
        /// The file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column (in characters) of the problem.
        column: usize,
        /// What is wrong there, in plain words.
        problem: String,
    },
    /// The file was written by a newer Limber, whose format this version does not know.
    #[error(
        "This session log was written by a newer version of Limber (format {found}; this version \
         reads up to format {supported}). Limber will not change it, so nothing is lost: install \
         the newer Limber to keep logging. ({})",
        path.display()
    )]
    NewerSchema {
        /// The file.
        path: PathBuf,
        /// The schema version found in the file.
        found: u32,
        /// The newest schema version this build reads.
        supported: u32,
    },
    /// The file holds more than Limber keeps in one day or month (see [`super::limits`]).
    #[error(
        "This session log holds {count} {place}, more than Limber keeps (at most {limit}), so \
         it is not shown and Limber left the file untouched. It was probably made by mistake or \
         damaged: restore a backup, or remove the extra records from the file in a text editor. \
         ({})",
        path.display()
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// How many records the day or month holds.
        count: usize,
        /// The most it may hold.
        limit: usize,
        /// What is counted and where: "sessions on 2026-03-01", "records in March 2026".
        place: String,
    },
    /// Writing a file failed; the previous version of the file is intact.
    #[error("Limber could not save: {}. Nothing already saved was changed. ({})", write_advice(source), path.display())]
    Write {
        /// The file that was being written.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// The store is read-only, so nothing was written.
    #[error("Limber did not save, because {reason}. ({})", path.display())]
    ReadOnly {
        /// The file that would have been written.
        path: PathBuf,
        /// Why the store is read-only, in plain words.
        reason: String,
    },
    /// "Set the damaged file aside" was asked for, but the log is not in the damaged state.
    #[error(
        "There is no damaged session log to set aside: the log opened normally. ({})",
        path.display()
    )]
    NothingToSetAside {
        /// The session log.
        path: PathBuf,
    },
}

impl StoreError {
    /// A failed read of `path`, for `map_err`.
    pub(crate) fn read(path: impl Into<PathBuf>) -> impl FnOnce(io::Error) -> StoreError {
        let path = path.into();
        move |source| StoreError::Read { path, source }
    }

    /// A failed write of `path`, for `map_err`.
    pub(crate) fn write(path: impl Into<PathBuf>) -> impl FnOnce(io::Error) -> StoreError {
        let path = path.into();
        move |source| StoreError::Write { path, source }
    }

    /// The file the error is about.
    pub fn path(&self) -> &std::path::Path {
        match self {
            StoreError::DataDir { path, .. }
            | StoreError::Read { path, .. }
            | StoreError::Damaged { path, .. }
            | StoreError::NewerSchema { path, .. }
            | StoreError::TooLarge { path, .. }
            | StoreError::Write { path, .. }
            | StoreError::ReadOnly { path, .. }
            | StoreError::NothingToSetAside { path } => path,
        }
    }
}

/// What a failed write means and what to do about it.
fn write_advice(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::StorageFull => "the disk is full. Free some space, then try again".into(),
        io::ErrorKind::QuotaExceeded => {
            "your disk quota is used up. Free some space, then try again".into()
        }
        io::ErrorKind::ReadOnlyFilesystem => "the folder is on a read-only disk. Make it \
             writable (or start Limber with --data-dir pointing to another folder), then try again"
            .into(),
        io::ErrorKind::PermissionDenied => "you are not allowed to write in this folder. \
             Check its permissions (or start Limber with --data-dir pointing to another folder), \
             then try again"
            .into(),
        io::ErrorKind::NotFound => "the folder is gone (perhaps a drive was removed). Reconnect \
             it or create the folder, then try again"
            .into(),
        _ => format!("{}. Check the disk, then try again", plain_io(err)),
    }
}

/// A system error in plain words, without the "(os error N)" suffix.
fn plain_io(err: &io::Error) -> impl fmt::Display + '_ {
    struct Plain<'a>(&'a io::Error);
    impl fmt::Display for Plain<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            let text = self.0.to_string();
            let trimmed = text
                .rfind(" (os error ")
                .map_or(text.as_str(), |at| &text[..at]);
            let mut chars = trimmed.chars();
            match chars.next() {
                Some(first) => write!(f, "{}{}", first.to_lowercase(), chars.as_str()),
                None => Ok(()),
            }
        }
    }
    Plain(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disk_full_says_what_to_do_and_names_the_file() {
        let err = StoreError::Write {
            path: PathBuf::from("/data/log.ron"),
            source: io::Error::from(io::ErrorKind::StorageFull),
        };
        let text = err.to_string();
        assert!(
            text.starts_with("Limber could not save: the disk is full."),
            "{text}"
        );
        assert!(text.contains("Free some space"), "{text}");
        assert!(text.ends_with("(/data/log.ron)"), "{text}");
    }

    #[test]
    fn damaged_names_line_and_column() {
        let err = StoreError::Damaged {
            path: PathBuf::from("log.ron"),
            line: 12,
            column: 7,
            problem: "pain score 11 is outside the 0–10 scale".into(),
        };
        let text = err.to_string();
        assert!(text.contains("line 12, column 7"), "{text}");
        assert!(text.ends_with("(log.ron:12:7)"), "{text}");
    }

    #[test]
    fn os_error_numbers_are_hidden() {
        let err = io::Error::from_raw_os_error(13);
        let text = plain_io(&err).to_string();
        assert!(!text.contains("os error"), "{text}");
        assert!(text.starts_with(char::is_lowercase), "{text}");
    }
}
