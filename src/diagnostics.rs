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
        .format_for_files(flexi_logger::detailed_format)
        .write_mode(WriteMode::BufferAndFlush)
        .start()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_lives_in_the_data_folder() {
        assert_eq!(
            dir(Path::new("/home/sam/.local/share/limber")),
            PathBuf::from("/home/sam/.local/share/limber/diagnostics")
        );
    }
}
