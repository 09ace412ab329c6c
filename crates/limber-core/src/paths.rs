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

    /// The marker written once the first-start notice has been read.
    pub fn notice_marker(&self) -> PathBuf {
        self.config_dir.join(NOTICE_MARKER)
    }

    /// Whether the first-start notice has been read on this computer.
    pub fn notice_acknowledged(&self) -> bool {
        self.notice_marker().exists()
    }

    /// Remembers that the first-start notice was read (atomically, creating the folder).
    pub fn acknowledge_notice(&self) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.config_dir)?;
        crate::atomic::write_atomically(&self.notice_marker(), b"seen\n")
    }
}

/// The name of the marker file of the first-start notice, in the config folder.
pub const NOTICE_MARKER: &str = "notice-acknowledged";
