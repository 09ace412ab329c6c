//! Where an export may go and how its files are written: the checks made before anything is
//! written (a folder, a missing one, the log's own folder), and the atomic writes of one file
//! or of several together (all or none).

use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use super::{ExportError, ExportFormat};
use crate::atomic::{TEMP_PREFIX, sync_dir};
use crate::log::SessionLog;
use crate::store::{BACKUP_DIR, LOCK_FILE};

/// Checks that `path` may receive a file: its folder exists and it is not itself a folder.
pub fn check_file_target(path: &Path) -> Result<(), ExportError> {
    if path.is_dir() {
        return Err(ExportError::IsAFolder {
            path: path.to_owned(),
        });
    }
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() && !dir.is_dir() => {
            Err(ExportError::MissingFolder {
                path: dir.to_owned(),
            })
        }
        _ => Ok(()),
    }
}

/// The files an export in `format` to `output` writes: the two CSV files inside the folder
/// `output`, or the file `output` itself.
pub fn files_written(format: ExportFormat, output: &Path) -> Vec<PathBuf> {
    if format.writes_folder() {
        [
            super::csv::EXERCISES_FILE,
            super::csv::MEASURES_FILE,
            super::csv::PAIN_ENTRIES_FILE,
            super::csv::PROGRESSIONS_FILE,
            super::csv::PROMPTS_FILE,
            super::csv::QUESTIONS_FILE,
            super::csv::SESSIONS_FILE,
        ]
        .iter()
        .map(|name| output.join(name))
        .collect()
    } else {
        vec![output.to_owned()]
    }
}

/// Refuses an export in `format` to `output` when it, or a file it writes, is the session log
/// or one of its backups in `data_dir` (see [`refuse_the_log`]).
pub fn check_destination(
    format: ExportFormat,
    output: &Path,
    data_dir: &Path,
) -> Result<(), ExportError> {
    refuse_the_log(output, data_dir)?;
    files_written(format, output)
        .iter()
        .try_for_each(|path| refuse_the_log(path, data_dir))
}

/// Refuses an output path that would land on the session log or its backups in `data_dir`:
/// `log.ron` and anything else named `log*.ron` there (damaged copies set aside), the month files
/// under `log/`, the `backups/` folder, and the lock file. Symbolic links are followed first, in
/// the folders on the way and in the file itself, so a link cannot smuggle an export in; names
/// are compared without regard to case, as macOS and Windows do.
pub fn refuse_the_log(output: &Path, data_dir: &Path) -> Result<(), ExportError> {
    let data = resolved(data_dir);
    let refused = || ExportError::IntoTheLog {
        path: output.to_owned(),
        data_dir: data_dir.to_owned(),
    };
    // Where a rename would put the file (the folders resolved), and, when the path already
    // exists, what it points to.
    let mut places = vec![resolved_parent(output)];
    if let Ok(target) = output.canonicalize() {
        places.push(target);
    }
    for place in places {
        let Ok(inside) = place.strip_prefix(&data) else {
            continue;
        };
        let names: Vec<String> = inside
            .components()
            .map(|c| c.as_os_str().to_string_lossy().to_lowercase())
            .collect();
        let protected = match names.as_slice() {
            // The month files, the backups, and the folders a split or a restore fills.
            [first, ..]
                if first == crate::store::LOG_DIR
                    || first == BACKUP_DIR
                    || first.starts_with("log.") =>
            {
                true
            }
            [only] => {
                let is_ron = Path::new(only).extension().is_some_and(|e| e == "ron");
                (only.starts_with("log") && is_ron) || only == LOCK_FILE
            }
            _ => false,
        };
        if protected {
            return Err(refused());
        }
    }
    Ok(())
}

/// `path` made absolute with every symbolic link in its existing part followed; the part that
/// does not exist yet is appended as written.
fn resolved(path: &Path) -> PathBuf {
    let path = if path.as_os_str().is_empty() {
        Path::new(".")
    } else {
        path
    };
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let mut missing = Vec::new();
    let mut existing = absolute.as_path();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return missing.iter().rev().fold(real, |p, name| p.join(name));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                missing.push(name.to_owned());
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

/// `path` with its folder resolved (see [`resolved`]) but its last part as written: the place
/// an atomic rename replaces, which for a symbolic link is the link itself.
fn resolved_parent(path: &Path) -> PathBuf {
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => resolved(parent).join(name),
        _ => resolved(path),
    }
}

/// Writes `part` (see [`log_part`]) to `path` as one RON backup file that `limber import`
/// reads, atomically; a folder, or a missing one, is named as such before anything is written.
pub fn write_ron(path: &Path, part: &SessionLog) -> Result<(), ExportError> {
    check_file_target(path)?;
    write_file(path, crate::store::to_ron(part).as_bytes())
}

/// Writes `bytes` to `path` atomically, turning an I/O failure into an [`ExportError`].
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    crate::atomic::write_atomically(path, bytes).map_err(|source| ExportError::Write {
        path: path.to_owned(),
        source,
    })
}

/// Writes several files in one folder as a set: each goes to a temporary file next to it,
/// flushed to disk, and only when every one is complete are they renamed into place. If
/// anything fails, the temporary files are removed and the files already renamed are put back
/// as they were, so the folder never holds a new file beside an old one.
pub(super) fn write_all_or_none(files: &[(PathBuf, Vec<u8>)]) -> Result<(), ExportError> {
    let temp_for = |path: &Path, kind: &str| {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        path.with_file_name(format!(
            "{TEMP_PREFIX}{}-{kind}-{}",
            std::process::id(),
            name.unwrap_or_default()
        ))
    };
    let fail = |path: &Path, source: io::Error| ExportError::Write {
        path: path.to_owned(),
        source,
    };
    // 1. Every new file, complete and on disk, under a temporary name.
    let mut temps: Vec<PathBuf> = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        let temp = temp_for(path, "new");
        let written = write_synced(&temp, bytes);
        temps.push(temp);
        if let Err(source) = written {
            remove_all(&temps);
            return Err(fail(path, source));
        }
    }
    // 2. A second name for each file that is replaced, to put it back if a rename fails.
    let kept: Vec<Option<PathBuf>> = files
        .iter()
        .map(|(path, _)| {
            let old = temp_for(path, "old");
            (path.is_file() && fs::hard_link(path, &old).is_ok()).then_some(old)
        })
        .collect();
    // 3. The renames; on failure, undo the ones done.
    for (index, ((path, _), temp)) in files.iter().zip(&temps).enumerate() {
        if let Err(source) = fs::rename(temp, path) {
            for ((done, _), old) in files[..index].iter().zip(&kept) {
                // The export failed and says so; an undo that fails too is noted for bug
                // reports (the file then holds the new export, complete).
                let undone = match old {
                    Some(old) => fs::rename(old, done),
                    None => fs::remove_file(done),
                };
                if let Err(err) = undone {
                    log::error!(
                        "could not undo a partial export: {err} ({})",
                        done.display()
                    );
                }
            }
            remove_all(&temps);
            remove_all(kept.iter().flatten());
            return Err(fail(path, source));
        }
    }
    remove_all(kept.iter().flatten());
    match files.first().and_then(|(path, _)| path.parent()) {
        Some(dir) => sync_dir(dir).map_err(|source| fail(dir, source)),
        None => Ok(()),
    }
}

/// Writes `bytes` to a new file at `path` and flushes it to disk.
fn write_synced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    crate::atomic::note_write(path);
    let mut file = fs::File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Removes files that may or may not exist (clean-up after a failure).
fn remove_all<'a>(paths: impl IntoIterator<Item = &'a PathBuf>) {
    for path in paths {
        if let Err(err) = fs::remove_file(path)
            && err.kind() != io::ErrorKind::NotFound
        {
            log::warn!(
                "could not remove a temporary export file: {err} ({})",
                path.display()
            );
        }
    }
}
