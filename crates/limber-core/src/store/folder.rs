//! What the log folder holds: the month files (or links to them), things named like a month
//! that cannot be read as one, and anything else, which Limber reports and leaves alone.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::month::Month;
use super::{Store, StoreError};
use crate::atomic::TEMP_PREFIX;

/// What [`scan`] found in a folder of month files.
#[derive(Debug, Default)]
pub(super) struct LogFolder {
    /// The month files, oldest first: regular files, and links that lead to one (read and
    /// written through the link).
    pub months: Vec<(Month, PathBuf)>,
    /// Paths named like a month that are not a file to read (a folder, a link to nothing or to
    /// a folder), with why in plain words: never read, never written.
    pub refused: Vec<(Month, PathBuf, &'static str)>,
    /// The names of everything else Limber did not put there, sorted (a folder's with a `/`).
    pub unexpected: Vec<String>,
}

/// Sorts the entries of `dir` (a missing folder holds nothing). Files that Limber itself leaves
/// in a log folder (unfinished temporary files, month files set aside as damaged) are neither
/// months nor unexpected.
pub(super) fn scan(dir: &Path) -> io::Result<LogFolder> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(LogFolder::default()),
        Err(err) => return Err(err),
    };
    let mut found = LogFolder::default();
    for entry in entries {
        let entry = entry?;
        let kind = entry.file_type()?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(month) = Month::from_file_name(&name) else {
            if !made_by_limber(&name) {
                found.unexpected.push(if kind.is_dir() {
                    format!("{name}/")
                } else {
                    name
                });
            }
            continue;
        };
        let refused = if kind.is_file() {
            None
        } else if kind.is_dir() {
            Some("it is a folder, not a file")
        } else if kind.is_symlink() {
            match fs::metadata(&path) {
                Ok(meta) if meta.is_file() => None,
                Ok(meta) if meta.is_dir() => Some("it is a link to a folder, not to a file"),
                Ok(_) => Some("it is a link to something that is not a file"),
                Err(_) => Some(
                    "it is a link to something that cannot be found (perhaps on a drive that is \
                     not connected)",
                ),
            }
        } else {
            Some("it is not a file")
        };
        match refused {
            None => found.months.push((month, path)),
            Some(why) => found.refused.push((month, path, why)),
        }
    }
    found.months.sort();
    found.refused.sort();
    found.unexpected.sort();
    Ok(found)
}

/// Whether a name that is not a month file's is one Limber gives files in a log folder.
fn made_by_limber(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX)
        || name
            .split_once(".damaged-")
            .is_some_and(|(month, _)| Month::from_file_name(month).is_some())
}

/// The one notice about `unexpected` entries in the log folder `dir`, if there are any.
pub(super) fn unexpected_notice(dir: &Path, unexpected: &[String]) -> Option<String> {
    (!unexpected.is_empty()).then(|| {
        format!(
            "Limber found in your log folder what it did not put there: {}. It does not read \
             these and leaves them as they are; move them elsewhere if you need them. ({})",
            unexpected.join(", "),
            dir.display()
        )
    })
}

impl Store {
    /// The months in the log folder that can be read. Paths named like a month that cannot be
    /// read as one (a folder, a link to nothing) are marked damaged, so never written, each with
    /// a notice; anything else Limber did not put there gets one notice and is left alone.
    pub(super) fn list_months(&mut self, notices: &mut Vec<String>) -> Vec<Month> {
        let found = match scan(&self.log_dir()) {
            Ok(found) => found,
            Err(err) => {
                notices.push(StoreError::read(self.log_dir())(err).to_string());
                return Vec::new();
            }
        };
        for (month, path, why) in found.refused {
            notices.push(format!(
                "The sessions of {} are not shown, because {why}; Limber never writes over it. \
                 Move it out of the log folder (or, for a link, reconnect what it leads to), \
                 then open Limber again. ({})",
                month.label(),
                path.display()
            ));
            let source = std::io::Error::other(why);
            self.damaged
                .insert(month, Arc::new(StoreError::Read { path, source }));
        }
        notices.extend(unexpected_notice(&self.log_dir(), &found.unexpected));
        found.months.into_iter().map(|(month, _)| month).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_months_refused_and_unexpected_entries() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path();
        fs::write(log.join("2026-03.ron"), "").unwrap();
        fs::write(log.join("notes.txt"), "").unwrap();
        fs::write(log.join("2026-3.ron"), "").unwrap();
        fs::write(log.join("10002-06.ron"), "").unwrap();
        fs::write(log.join("2026-02.ron.damaged-2026-03-01T101500"), "").unwrap();
        fs::write(log.join(format!("{TEMP_PREFIX}1-2026-03.ron")), "").unwrap();
        fs::create_dir(log.join("2026-04.ron")).unwrap();
        fs::create_dir(log.join("old")).unwrap();
        let found = scan(log).unwrap();
        let march = Month::from_file_name("2026-03.ron").unwrap();
        let april = Month::from_file_name("2026-04.ron").unwrap();
        assert_eq!(found.months, vec![(march, log.join("2026-03.ron"))]);
        assert_eq!(found.refused.len(), 1);
        assert_eq!(found.refused[0].0, april);
        assert_eq!(
            found.unexpected,
            vec!["10002-06.ron", "2026-3.ron", "notes.txt", "old/"]
        );
        let notice = unexpected_notice(log, &found.unexpected).unwrap();
        assert!(notice.contains("notes.txt, old/"), "{notice}");
        assert!(unexpected_notice(log, &[]).is_none());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_file_is_a_month_and_other_links_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("log");
        fs::create_dir(&log).unwrap();
        let target = dir.path().join("march.ron");
        fs::write(&target, "").unwrap();
        std::os::unix::fs::symlink(&target, log.join("2026-03.ron")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("gone"), log.join("2026-04.ron")).unwrap();
        std::os::unix::fs::symlink(dir.path(), log.join("2026-05.ron")).unwrap();
        let found = scan(&log).unwrap();
        assert_eq!(found.months.len(), 1);
        let why: Vec<&str> = found.refused.iter().map(|(_, _, why)| *why).collect();
        assert_eq!(why.len(), 2);
        assert!(why[0].contains("cannot be found"), "{why:?}");
        assert!(why[1].contains("folder"), "{why:?}");
    }
}
