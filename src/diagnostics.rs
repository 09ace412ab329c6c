//! The diagnostics log: what Limber could not show the person (a voice that refused a
//! sentence, a temporary file left behind, a second save error while the first is on screen)
//! is written to a small file in the data folder, `diagnostics/limber_rCURRENT.log`, for bug
//! reports.
//!
//! The core only speaks the `log` facade; the app sets up `flexi_logger` here, at start of the
//! window. The file is capped at [`FILE_BYTES`] and rotated, keeping [`KEPT_FILES`] older
//! ones (`limber_r00000.log`, …), so it never grows past about 1 MB. Lines are buffered and
//! written by the logger's own flusher thread. `RUST_LOG` (e.g. `RUST_LOG=debug`) sets how much
//! is written; by default warnings and errors, and Limber's own notes.

use std::path::{Path, PathBuf};

use flexi_logger::{
    Cleanup, Criterion, FileSpec, FlexiLoggerError, LoggerHandle, Naming, WriteMode,
};

/// The folder of the diagnostics log, inside the data folder.
pub const DIAGNOSTICS_DIR: &str = "diagnostics";

/// The largest size of one diagnostics file before it is rotated.
pub const FILE_BYTES: u64 = 256 * 1024;

/// How many rotated files are kept beside the current one.
pub const KEPT_FILES: usize = 3;

/// How much is written unless `RUST_LOG` says otherwise.
const DEFAULT_LEVELS: &str = "warn, limber=info, limber_core=info";

/// Where the diagnostics log of `data_dir` is.
pub fn dir(data_dir: &Path) -> PathBuf {
    data_dir.join(DIAGNOSTICS_DIR)
}

/// Starts writing the diagnostics log under `data_dir`; keep the handle until the app ends
/// (dropping it writes what is buffered). An error means the log could not be set up; the app
/// runs without it.
pub fn start(data_dir: &Path) -> Result<LoggerHandle, FlexiLoggerError> {
    flexi_logger::Logger::try_with_env_or_str(DEFAULT_LEVELS)?
        .log_to_file(
            FileSpec::default()
                .directory(dir(data_dir))
                .basename("limber")
                .suppress_timestamp(),
        )
        .rotate(
            Criterion::Size(FILE_BYTES),
            Naming::Numbers,
            Cleanup::KeepLogFiles(KEPT_FILES),
        )
        // The old files are removed at the rotation itself (once per 256 KiB), so the folder
        // is never over its cap, not even for a moment.
        .cleanup_in_background_thread(false)
        .format_for_files(flexi_logger::detailed_format)
        .write_mode(WriteMode::BufferAndFlush)
        .start()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one test that sets the process's logger (a logger is set once per process).
    #[test]
    fn the_log_is_written_rotated_and_capped() {
        let data = tempfile::tempdir().unwrap();
        let handle = start(data.path()).unwrap();
        log::warn!("a first note for the bug report");
        let line = "x".repeat(1000);
        for i in 0..1500 {
            log::warn!("{i} {line}");
        }
        handle.flush();
        let mut files: Vec<(String, u64)> = std::fs::read_dir(dir(data.path()))
            .unwrap()
            .map(|entry| {
                let entry = entry.unwrap();
                let name = entry.file_name().to_string_lossy().into_owned();
                (name, entry.metadata().unwrap().len())
            })
            .collect();
        files.sort();
        assert!(
            files.iter().any(|(name, _)| name == "limber_rCURRENT.log"),
            "{files:?}"
        );
        assert!(files.len() <= KEPT_FILES + 1, "{files:?}");
        let cap = FILE_BYTES + 2 * 1024;
        assert!(files.iter().all(|(_, len)| *len <= cap), "{files:?}");
        let current =
            std::fs::read_to_string(dir(data.path()).join("limber_rCURRENT.log")).unwrap();
        assert!(
            current.contains("1499 x"),
            "the newest lines are in the current file"
        );
    }

    #[test]
    fn the_log_lives_in_the_data_folder() {
        assert_eq!(
            dir(Path::new("/home/sam/.local/share/limber")),
            PathBuf::from("/home/sam/.local/share/limber/diagnostics")
        );
    }
}
