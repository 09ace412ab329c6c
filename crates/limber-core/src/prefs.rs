//! The person's preferences on disk, with one owner: the settings, the closed prompts, the
//! routine and its previous version, the first-start notice's marker and the autostart entry.
//!
//! The UI keeps the value in memory and hands a [`Pref`] to the saver client
//! ([`crate::store::client::SaverClient::save_pref`]); the saver thread writes it with
//! [`write`], atomically, so the UI thread never opens a file for writing. When the same kind
//! of preference changes twice before it is written, the latest value wins. A failed write is
//! reported back like a failed log save and tried again with it; the value stays in memory.

use std::path::PathBuf;

use crate::autostart::{self, AutostartError};
use crate::dismissals_file::{self, DismissalsError};
use crate::paths::Paths;
use crate::prompts::Dismissals;
use crate::routine_edit::{PreparedRoutine, RoutineSaveError};
use crate::settings::{self, Settings, SettingsError};

/// A preference to write, with its value as it is now.
#[derive(Clone, Debug, PartialEq)]
pub enum Pref {
    /// The settings file (`settings.ron`).
    Settings(Settings),
    /// The closed safety prompts and the put-off check-in (`prompts.ron`).
    Dismissals(Dismissals),
    /// The user's routine and the one it replaces (`exercises.ron` and its previous version).
    Routine(Box<PreparedRoutine>),
    /// The first-start notice was read (its marker file).
    NoticeSeen,
    /// Start Limber at login (the autostart entry is written) or not (it is removed).
    Autostart(bool),
}

/// Which preference a [`Pref`] is: one pending value of each kind is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PrefKind {
    /// [`Pref::Settings`].
    Settings,
    /// [`Pref::Dismissals`].
    Dismissals,
    /// [`Pref::Routine`].
    Routine,
    /// [`Pref::NoticeSeen`].
    NoticeSeen,
    /// [`Pref::Autostart`].
    Autostart,
}

impl Pref {
    /// Its kind.
    pub fn kind(&self) -> PrefKind {
        match self {
            Pref::Settings(_) => PrefKind::Settings,
            Pref::Dismissals(_) => PrefKind::Dismissals,
            Pref::Routine(_) => PrefKind::Routine,
            Pref::NoticeSeen => PrefKind::NoticeSeen,
            Pref::Autostart(_) => PrefKind::Autostart,
        }
    }
}

/// Why a preference could not be written (the value stays in memory and is tried again).
#[derive(Debug, thiserror::Error)]
pub enum PrefError {
    /// The settings file.
    #[error(transparent)]
    Settings(#[from] SettingsError),
    /// The file of closed prompts.
    #[error(transparent)]
    Dismissals(#[from] DismissalsError),
    /// The routine files.
    #[error(transparent)]
    Routine(#[from] RoutineSaveError),
    /// The first-start notice's marker.
    #[error("could not remember that the notice was read: {source} ({})", path.display())]
    Notice {
        /// The marker file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The autostart entry.
    #[error(transparent)]
    Autostart(#[from] AutostartError),
}

/// Writes `pref` where it belongs under `paths` (the autostart entry: in the user's autostart
/// folder). Returns where an unreadable file was set aside before it was replaced, so the
/// person can be told. Runs on the saver thread.
pub fn write(paths: &Paths, pref: &Pref) -> Result<Option<PathBuf>, PrefError> {
    match pref {
        Pref::Settings(value) => Ok(settings::save(&paths.settings_file(), value)?),
        Pref::Dismissals(value) => Ok(dismissals_file::save(
            &paths.config_dir.join(dismissals_file::FILE_NAME),
            value,
        )?),
        Pref::Routine(prepared) => Ok(prepared.write(paths)?),
        Pref::NoticeSeen => {
            paths
                .acknowledge_notice()
                .map_err(|source| PrefError::Notice {
                    path: paths.notice_marker(),
                    source,
                })?;
            Ok(None)
        }
        Pref::Autostart(on) => {
            autostart::set_for_this_program(*on)?;
            Ok(None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_pref_is_written_to_its_own_file() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path());
        let settings = Settings {
            name: "Sam".to_owned(),
            ..Settings::default()
        };
        assert_eq!(
            write(&paths, &Pref::Settings(settings.clone())).unwrap(),
            None
        );
        assert_eq!(settings::load(&paths.settings_file()).unwrap(), settings);

        let closed = Dismissals {
            check_in_dismissed_on: chrono::NaiveDate::from_ymd_opt(2026, 3, 2),
            ..Dismissals::default()
        };
        write(&paths, &Pref::Dismissals(closed.clone())).unwrap();
        assert_eq!(
            dismissals_file::load(&paths.config_dir.join(dismissals_file::FILE_NAME)),
            closed
        );

        assert!(!paths.notice_acknowledged());
        write(&paths, &Pref::NoticeSeen).unwrap();
        assert!(paths.notice_acknowledged());

        let current = crate::catalog::Routine::built_in().unwrap();
        let mut next = current.clone();
        next.exercises[0].enabled = false;
        let prepared = crate::routine_edit::prepare_save(&current, &next).unwrap();
        assert!(!paths.routine_file().exists(), "preparing writes nothing");
        write(&paths, &Pref::Routine(Box::new(prepared.clone()))).unwrap();
        let (loaded, problem) = crate::routine_edit::load_active_routine(&paths);
        assert!(problem.is_none());
        assert_eq!(loaded, prepared.routine);
        assert!(crate::routine_edit::has_previous(&paths));
    }

    #[test]
    fn a_failed_write_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        // The config folder is a file: nothing can be written under it.
        let blocked = dir.path().join("config");
        std::fs::write(&blocked, b"not a folder").unwrap();
        let paths = Paths {
            config_dir: blocked.clone(),
            data_dir: dir.path().join("data"),
        };
        let err = write(&paths, &Pref::NoticeSeen).unwrap_err();
        assert!(matches!(err, PrefError::Notice { .. }));
        assert!(err.to_string().contains(&blocked.display().to_string()));
        let err = write(&paths, &Pref::Settings(Settings::default())).unwrap_err();
        assert!(matches!(err, PrefError::Settings(_)), "{err:?}");
    }
}
