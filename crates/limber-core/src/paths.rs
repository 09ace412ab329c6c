//! Where Limber keeps its files: the OS config and data dirs, unless overridden.

use std::path::{Path, PathBuf};

/// The folders Limber reads and writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paths {
    /// Settings and the user's routine file.
    pub config_dir: PathBuf,
    /// The session log, its backups and the lock file.
    pub data_dir: PathBuf,
}

impl Paths {
    /// The OS defaults (e.g. `~/.config/limber` and `~/.local/share/limber` on Linux), with the
    /// data dir replaced by `data_dir_override` when given. When the OS gives no home folder,
    /// the current folder is used so that the app still starts.
    pub fn resolve(data_dir_override: Option<&Path>) -> Paths {
        let dirs = directories::ProjectDirs::from("org", "Limber", "limber");
        let config_dir = dirs.as_ref().map_or_else(
            || PathBuf::from("limber-config"),
            |d| d.config_dir().to_owned(),
        );
        let data_dir = match data_dir_override {
            Some(dir) => dir.to_owned(),
            None => dirs
                .as_ref()
                .map_or_else(|| PathBuf::from("limber-data"), |d| d.data_dir().to_owned()),
        };
        Paths {
            config_dir,
            data_dir,
        }
    }

    /// The same layout under one folder, for tests: `DIR/config` and `DIR/data`.
    pub fn under(dir: &Path) -> Paths {
        Paths {
            config_dir: dir.join("config"),
            data_dir: dir.join("data"),
        }
    }

    /// The user's routine file, which overrides the built-in routine when present.
    pub fn routine_file(&self) -> PathBuf {
        self.config_dir.join("exercises.ron")
    }

    /// The settings file.
    pub fn settings_file(&self) -> PathBuf {
        self.config_dir.join("settings.ron")
    }
}
