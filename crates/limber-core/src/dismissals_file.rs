//! The day the weekly check-in was last put off and the short lessons read (`offers.ron` in the
//! config folder): read at start, written when the person chooses "Not now" or closes a lesson.
//! It is a setting, like the outcome
//! measures' "not now" in the settings file: it says when to ask, not what was shown or felt.
//!
//! Older versions kept it in `prompts.ron` with the keys of the prompts the person closed.
//! Those now live in the log ([`crate::prompt_record`]): at start, an existing `prompts.ron` is
//! read once ([`read_closed`]), its keys are recorded in the log and its date is kept here, and
//! it is then renamed beside itself ([`set_closed_aside`]), never deleted.
//!
//! A file that cannot be read counts as "never put off" and is never written over: before the
//! next save it is renamed beside itself (`offers.unreadable-N.ron`), as the settings file is.

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;

use crate::atomic::write_atomically;
use crate::prompts::Dismissals;
use crate::set_aside::{free_name, set_aside};

/// The file's name in the config folder.
pub const FILE_NAME: &str = "offers.ron";

/// The closed-prompts file of older versions, in the config folder.
pub const CLOSED_PROMPTS_FILE: &str = "prompts.ron";

/// What an older version's `prompts.ron` holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ClosedPrompts {
    /// The keys of the prompts the person closed.
    pub prompt_keys: BTreeSet<String>,
    /// The day the weekly check-in was last put off.
    pub check_in_dismissed_on: Option<NaiveDate>,
    /// Read from the file already set aside ([`MOVED_CLOSED_PROMPTS_FILE`]) rather than from
    /// `prompts.ron`: its keys are checked against the log again, and nothing is renamed.
    #[serde(skip)]
    pub already_moved: bool,
}

/// The closed-prompts file once its keys were moved into the log (see [`set_closed_aside`]).
/// Read again at every start: a key the log lacks (the save after the move never reached the
/// disk) is moved again, so a closed prompt is never lost between the rename and the save.
pub const MOVED_CLOSED_PROMPTS_FILE: &str = "prompts.moved-to-log.ron";

/// The closed prompts still to be checked against the log at start: an older version's
/// `prompts.ron` in `config_dir` if there is one, otherwise the file it was moved to.
pub fn read_closed_in(config_dir: &Path) -> Option<ClosedPrompts> {
    read_closed(&config_dir.join(CLOSED_PROMPTS_FILE)).or_else(|| {
        read_closed(&config_dir.join(MOVED_CLOSED_PROMPTS_FILE)).map(|closed| ClosedPrompts {
            already_moved: true,
            ..closed
        })
    })
}

/// Reads an older version's closed-prompts file; `None` when there is none, or when it cannot
/// be read (it is then left as it is, and why goes to the diagnostics log).
pub fn read_closed(path: &Path) -> Option<ClosedPrompts> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return None,
        Err(err) => {
            log::warn!("could not read {}: {err}; left as it is", path.display());
            return None;
        }
    };
    ron::from_str(&text)
        .inspect_err(|err| {
            log::warn!(
                "could not understand {} ({err}); its closed messages were not moved and the \
                 file was left as it is",
                path.display()
            );
        })
        .ok()
}

/// Renames the closed-prompts file beside itself (`prompts.moved-to-log.ron`, numbered when
/// taken) once its keys are in the log, and returns the new path.
pub fn set_closed_aside(path: &Path) -> io::Result<PathBuf> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let target = free_name(dir, "prompts.moved-to-log", ".ron");
    std::fs::rename(path, &target)?;
    Ok(target)
}

/// Reads the closed prompts; a missing or unreadable file means none were closed.
pub fn load(path: &Path) -> Dismissals {
    read(path).unwrap_or_default()
}

fn read(path: &Path) -> Option<Dismissals> {
    let text = std::fs::read_to_string(path).ok()?;
    ron::from_str(&text).ok()
}

/// Why the closed prompts could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum DismissalsError {
    /// They could not be turned into text (a defect, reported rather than panicking).
    #[error("could not prepare the closed messages for saving ({0}); please report this problem")]
    Serialize(#[from] ron::Error),
    /// The file or its folder could not be written.
    #[error("could not remember the closed message: {source} ({})", path.display())]
    Write {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
}

/// Saves the closed prompts atomically, creating the folder when needed. An existing file that
/// cannot be read is first set aside, and its new path returned so the person can be told.
pub fn save(path: &Path, dismissals: &Dismissals) -> Result<Option<PathBuf>, DismissalsError> {
    // "\n" on every platform (ron writes "\r\n" on Windows).
    let config = ron::ser::PrettyConfig::default().new_line("\n");
    let text = ron::ser::to_string_pretty(dismissals, config)?;
    let write_error = |source| DismissalsError::Write {
        path: path.to_owned(),
        source,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(write_error)?;
    }
    let kept = if path.exists() && read(path).is_none() {
        Some(set_aside(path).map_err(write_error)?)
    } else {
        None
    };
    write_atomically(path, text.as_bytes()).map_err(write_error)?;
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_old_closed_prompts_file_is_read_and_set_aside_beside_itself() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join(CLOSED_PROMPTS_FILE);
        assert_eq!(read_closed(&path), None, "no file");
        std::fs::write(
            &path,
            "(prompt_keys: [\"pause-after:s1\"], check_in_dismissed_on: Some(\"2026-03-02\"))",
        )
        .expect("written");
        let closed = read_closed(&path).expect("read");
        assert!(closed.prompt_keys.contains("pause-after:s1"));
        assert_eq!(
            closed.check_in_dismissed_on,
            NaiveDate::from_ymd_opt(2026, 3, 2)
        );
        let moved = set_closed_aside(&path).expect("moved");
        assert!(!path.exists());
        assert_eq!(
            moved.file_name().and_then(|n| n.to_str()),
            Some("prompts.moved-to-log.ron")
        );
        std::fs::write(&path, "(prompt_keys: [])").expect("written");
        let again = set_closed_aside(&path).expect("moved");
        assert_eq!(
            again.file_name().and_then(|n| n.to_str()),
            Some("prompts.moved-to-log-2.ron"),
            "the first copy is kept"
        );
        std::fs::write(&path, "(prompt_keys: [\"half").expect("written");
        assert_eq!(read_closed(&path), None, "unreadable: left as it is");
    }

    #[test]
    fn an_unreadable_file_is_kept_and_a_readable_one_round_trips() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("config").join(FILE_NAME);
        assert_eq!(
            load(&path),
            Dismissals::default(),
            "no file: nothing closed"
        );
        let closed = Dismissals {
            check_in_dismissed_on: NaiveDate::from_ymd_opt(2026, 11, 25),
            ..Dismissals::default()
        };
        assert_eq!(save(&path, &closed).expect("saved"), None);
        assert_eq!(load(&path), closed);

        std::fs::write(&path, "(check_in_dismissed_on: Some(\"half").expect("written");
        assert_eq!(load(&path), Dismissals::default());
        let kept = save(&path, &closed)
            .expect("saved")
            .expect("the old file was kept");
        assert_eq!(
            std::fs::read_to_string(&kept).expect("kept file"),
            "(check_in_dismissed_on: Some(\"half",
            "the unreadable file is kept as it was"
        );
        assert_eq!(load(&path), closed);
    }
}
