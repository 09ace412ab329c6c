//! Writing files so that a crash never leaves a half-written one.

use std::cell::Cell;
use std::fs::{self, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The prefix of temporary files; anything starting with it in a Limber folder is a leftover
/// from an interrupted save and may be removed at the next start.
pub const TEMP_PREFIX: &str = ".limber-tmp-";

/// Writes `bytes` to `path` atomically: a temporary file in the same folder is written and
/// flushed to disk, then renamed over `path`, then the folder itself is flushed. Readers see
/// either the old complete file or the new complete file, never a mix. On error the temporary
/// file is removed and `path` is untouched.
///
/// When `path` is a symbolic link (a data folder kept in a synced or moved place), the file it
/// leads to is written, the same way, beside itself, and the link stays a link. A link that
/// leads nowhere is an error: nothing is written and the link is kept.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomically_with(path, |out| out.write_all(bytes))
}

/// Like [`write_atomically`], but `write` streams the content into the temporary file through
/// a buffer, so a large file never has to be held in memory as a whole first.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    note_write(path);
    let target = link_target(path)?;
    let path = target.as_deref().unwrap_or(path);
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!("{TEMP_PREFIX}{}-{file_name}", std::process::id()));
    let result = (|| {
        let file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&temp)?;
        let mut out = BufWriter::with_capacity(WRITE_BUFFER_BYTES, file);
        write(&mut out)?;
        let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.sync_all()?;
        drop(file);
        rename_over(&temp, path)?;
        sync_dir(&dir)
    })();
    if result.is_err()
        && let Err(err) = fs::remove_file(&temp)
        && err.kind() != io::ErrorKind::NotFound
    {
        log::warn!(
            "could not remove the temporary file of a failed save: {err} ({})",
            temp.display()
        );
    }
    result
}

/// How many times [`rename_over`] tries to put a new file in place while another program holds
/// the old one open, and how long it waits between tries: about half a second in all.
const RENAME_TRIES: u32 = 5;
/// See [`RENAME_TRIES`].
const RENAME_PAUSE: Duration = Duration::from_millis(120);

/// Renames `temp` over `path`, trying again briefly while `path` is held open by another program.
///
/// On Windows a file that another program opened without delete sharing (an antivirus scanner,
/// a backup tool, a sync client such as `OneDrive`) cannot be replaced until it is closed; these
/// programs let go within moments, so the rename is tried [`RENAME_TRIES`] times. If it still
/// fails, the error is returned: the caller removes the temporary file, the old file is
/// untouched, and the save is reported with Retry (nothing is lost).
fn rename_over(temp: &Path, path: &Path) -> io::Result<()> {
    let mut tries = 1;
    loop {
        match injected_rename_error(path).map_or_else(|| fs::rename(temp, path), Err) {
            Err(err) if is_held_open(&err) && tries < RENAME_TRIES => {
                log::info!(
                    "the file is held open by another program; trying again ({err}) ({})",
                    path.display()
                );
                tries += 1;
                std::thread::sleep(RENAME_PAUSE);
            }
            Err(err) if is_held_open(&err) => {
                return Err(io::Error::new(
                    err.kind(),
                    format!(
                        "another program (perhaps an antivirus scanner or a sync tool such as \
                         OneDrive) keeps the file open ({err})"
                    ),
                ));
            }
            result => return result,
        }
    }
}

/// Whether a failed rename means another program holds the file open, which passes: on Windows
/// "access denied", a sharing or a lock violation; anywhere, "resource busy".
fn is_held_open(err: &io::Error) -> bool {
    /// `ERROR_ACCESS_DENIED`, `ERROR_SHARING_VIOLATION`, `ERROR_LOCK_VIOLATION`.
    #[cfg(windows)]
    const HELD_OPEN: [i32; 3] = [5, 32, 33];
    #[cfg(not(windows))]
    const HELD_OPEN: [i32; 0] = [];
    err.kind() == io::ErrorKind::ResourceBusy
        || err
            .raw_os_error()
            .is_some_and(|code| HELD_OPEN.contains(&code))
}

/// Renames onto these files fail this many more times with "resource busy", as if another
/// program held them open (see [`hold_open_for_renames`]).
#[cfg(any(test, feature = "test-support"))]
static HELD_OPEN_FOR: std::sync::Mutex<Vec<(PathBuf, u32)>> = std::sync::Mutex::new(Vec::new());

/// A test hook: the next `renames` atomic saves onto `path` fail their rename with "resource
/// busy", the error a file held open by another program gives, so the retry and the reporting of
/// [`write_atomically`] are tested on every platform. Keyed by path, so tests running at the same
/// time do not disturb each other.
#[cfg(any(test, feature = "test-support"))]
#[doc(hidden)]
pub fn hold_open_for_renames(path: &Path, renames: u32) {
    let mut held = HELD_OPEN_FOR
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    held.retain(|(held_path, _)| held_path != path);
    held.push((path.to_owned(), renames));
}

/// The error injected by [`hold_open_for_renames`] for a rename onto `path`, if any is left.
#[cfg(any(test, feature = "test-support"))]
fn injected_rename_error(path: &Path) -> Option<io::Error> {
    let mut held = HELD_OPEN_FOR
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let left = held
        .iter_mut()
        .find(|(held_path, left)| held_path == path && *left > 0)
        .map(|(_, left)| left)?;
    *left -= 1;
    Some(io::Error::new(
        io::ErrorKind::ResourceBusy,
        "held open by another program (test)",
    ))
}

/// No errors are injected outside tests.
#[cfg(not(any(test, feature = "test-support")))]
#[expect(
    clippy::unnecessary_wraps,
    reason = "the same signature as the test hook's"
)]
fn injected_rename_error(_path: &Path) -> Option<io::Error> {
    None
}

thread_local! {
    /// Whether this thread draws the window (see [`mark_ui_thread`]).
    static UI_THREAD: Cell<bool> = const { Cell::new(false) };
    /// Files written on this thread while it was marked as the UI thread.
    static UI_THREAD_WRITES: Cell<usize> = const { Cell::new(0) };
}

/// Marks the calling thread as the one that draws the window. The UI never waits for the disk:
/// every file is written by the saver thread (see [`crate::store::saver`]), so a write made on
/// this thread is a defect. It is counted (see [`ui_thread_writes`], for tests) and noted in
/// the diagnostics log. The app calls this once at start; UI tests call it on their thread.
pub fn mark_ui_thread() {
    UI_THREAD.set(true);
}

/// How many files were written on the calling thread since it was marked as the UI thread
/// (see [`mark_ui_thread`]): a test hook, zero in a healthy app.
#[doc(hidden)]
pub fn ui_thread_writes() -> usize {
    UI_THREAD_WRITES.get()
}

/// Counts a write made on the UI thread (see [`mark_ui_thread`]); every function that creates
/// a file calls it.
pub(crate) fn note_write(path: &Path) {
    if UI_THREAD.get() {
        UI_THREAD_WRITES.set(UI_THREAD_WRITES.get() + 1);
        log::warn!("a file was written on the UI thread ({})", path.display());
    }
}

/// The file a symbolic link at `path` leads to (through every link on the way), or `None` when
/// `path` is not a link (or does not exist yet). A link that leads nowhere, or to something
/// other than a file, is an error, so that it is never replaced by a file.
fn link_target(path: &Path) -> io::Result<Option<PathBuf>> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            let target = fs::canonicalize(path).map_err(|err| {
                io::Error::new(
                    err.kind(),
                    format!("it is a link to something that cannot be found ({err})"),
                )
            })?;
            if target.is_file() {
                Ok(Some(target))
            } else {
                Err(io::Error::other(
                    "it is a link to something that is not a file",
                ))
            }
        }
        _ => Ok(None),
    }
}

/// The write buffer of [`write_atomically_with`].
const WRITE_BUFFER_BYTES: usize = 64 * 1024;

/// Flushes a folder's entries (the rename) to disk. A no-op where the OS has no such call.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// Removes leftover temporary files in `dir` (from a save that was interrupted), returning how
/// many were removed. Files of a save in progress by this process are left alone.
pub fn remove_stray_temp_files(dir: &Path) -> io::Result<usize> {
    let own = format!("{TEMP_PREFIX}{}-", std::process::id());
    let mut removed = 0;
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(TEMP_PREFIX) && !name.starts_with(&own) {
            fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.ron");
        write_atomically(&path, b"one").unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn failure_leaves_the_original_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing-folder").join("log.ron");
        assert!(write_atomically(&path, b"x").is_err());
        assert!(!path.exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_written_through_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = dir.path().join("synced");
        fs::create_dir(&elsewhere).unwrap();
        let target = elsewhere.join("2026-03.ron");
        fs::write(&target, b"old").unwrap();
        let link = dir.path().join("2026-03.ron");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomically(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&target).unwrap(), b"new");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            2,
            "no temp file left"
        );
        assert_eq!(
            fs::read_dir(&elsewhere).unwrap().count(),
            1,
            "no temp file left"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_dangling_link_or_a_link_to_a_folder_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let dangling = dir.path().join("2026-03.ron");
        std::os::unix::fs::symlink(dir.path().join("gone.ron"), &dangling).unwrap();
        assert!(write_atomically(&dangling, b"new").is_err());
        assert!(
            fs::symlink_metadata(&dangling)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(!dir.path().join("gone.ron").exists());
        let to_folder = dir.path().join("2026-04.ron");
        std::os::unix::fs::symlink(dir.path(), &to_folder).unwrap();
        assert!(write_atomically(&to_folder, b"new").is_err());
        assert!(
            fs::symlink_metadata(&to_folder)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            2,
            "nothing else written"
        );
    }

    #[test]
    fn writes_on_the_marked_ui_thread_are_counted_and_others_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.ron");
        std::thread::scope(|scope| {
            scope.spawn(|| {
                write_atomically(&path, b"one").unwrap();
                assert_eq!(ui_thread_writes(), 0, "an unmarked thread counts nothing");
                mark_ui_thread();
                write_atomically(&path, b"two").unwrap();
                assert_eq!(ui_thread_writes(), 1);
            });
            scope.spawn(|| assert_eq!(ui_thread_writes(), 0, "the count is per thread"));
        });
    }

    #[test]
    fn a_file_held_open_briefly_is_replaced_after_a_retry() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2026-03.ron");
        write_atomically(&path, b"old").unwrap();
        hold_open_for_renames(&path, RENAME_TRIES - 1);
        write_atomically(&path, b"new").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left"
        );
    }

    #[test]
    fn a_file_held_open_too_long_is_reported_and_kept_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2026-03.ron");
        write_atomically(&path, b"old").unwrap();
        hold_open_for_renames(&path, RENAME_TRIES);
        let started = std::time::Instant::now();
        let err = write_atomically(&path, b"new").unwrap_err();
        assert!(
            started.elapsed() >= RENAME_PAUSE * (RENAME_TRIES - 1),
            "it waited first"
        );
        assert_eq!(err.kind(), io::ErrorKind::ResourceBusy);
        assert!(err.to_string().contains("keeps the file open"), "{err}");
        assert_eq!(
            fs::read(&path).unwrap(),
            b"old",
            "the old file is untouched"
        );
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left"
        );
        write_atomically(&path, b"new").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new", "a retry afterwards saves");
    }

    /// Windows' own sharing rules: while another handle holds the month file open without
    /// delete sharing, it cannot be replaced; the save is retried, then reported, and the file
    /// is kept whole. Let go within the retries, the save goes through.
    #[cfg(windows)]
    #[test]
    fn a_file_held_open_without_delete_sharing_is_retried_then_reported() {
        use std::os::windows::fs::OpenOptionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2026-03.ron");
        write_atomically(&path, b"old").unwrap();
        let held = OpenOptions::new()
            .read(true)
            .share_mode(0)
            .open(&path)
            .unwrap();
        let err = write_atomically(&path, b"new").unwrap_err();
        assert!(err.to_string().contains("keeps the file open"), "{err}");
        drop(held);
        assert_eq!(
            fs::read(&path).unwrap(),
            b"old",
            "the old file is untouched"
        );
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left"
        );

        let held = OpenOptions::new()
            .read(true)
            .share_mode(0)
            .open(&path)
            .unwrap();
        let scanner = std::thread::spawn(move || {
            std::thread::sleep(RENAME_PAUSE * 2);
            drop(held);
        });
        write_atomically(&path, b"new").unwrap();
        scanner.join().unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
    }

    #[test]
    fn stray_temp_files_are_cleaned() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(format!("{TEMP_PREFIX}1-log.ron")), b"half").unwrap();
        fs::write(dir.path().join("log.ron"), b"kept").unwrap();
        assert_eq!(remove_stray_temp_files(dir.path()).unwrap(), 1);
        assert!(dir.path().join("log.ron").exists());
    }
}
