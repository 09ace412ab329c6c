//! The file of closed safety prompts (`prompts.ron` in the config folder): read at start,
//! written when the person closes a prompt or puts the check-in off.
//!
//! A file that cannot be read counts as "nothing closed" and is never written over: before the
//! next save it is renamed beside itself (`prompts.unreadable-N.ron`), as the settings file is.

use std::io;
use std::path::{Path, PathBuf};

use crate::atomic::write_atomically;
use crate::prompts::Dismissals;
use crate::set_aside::set_aside;

/// The file's name in the config folder.
pub const FILE_NAME: &str = "prompts.ron";

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
    fn an_unreadable_file_is_kept_and_a_readable_one_round_trips() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("config").join(FILE_NAME);
        assert_eq!(
            load(&path),
            Dismissals::default(),
            "no file: nothing closed"
        );
        let mut closed = Dismissals::default();
        closed
            .prompt_keys
            .insert("high-pain-after:2026-11-25".into());
        assert_eq!(save(&path, &closed).expect("saved"), None);
        assert_eq!(load(&path), closed);

        std::fs::write(&path, "(prompt_keys: [\"half").expect("written");
        assert_eq!(load(&path), Dismissals::default());
        let kept = save(&path, &closed)
            .expect("saved")
            .expect("the old file was kept");
        assert_eq!(
            std::fs::read_to_string(&kept).expect("kept file"),
            "(prompt_keys: [\"half",
            "the unreadable file is kept as it was"
        );
        assert_eq!(load(&path), closed);
    }
}
