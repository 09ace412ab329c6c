//! Keeping a file that could not be read before a new one takes its place, and finding a free
//! name beside a file (for the store's kept and damaged logs too).
//!
//! Limber never writes over a file it failed to read: the person (or their therapist) may have
//! typed something by hand that can still be rescued. Before the first save over such a file,
//! it is renamed next to itself with a numbered `unreadable` name, and the new file is written
//! in its place.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The most numbered copies tried before giving up (so a full folder never loops forever).
const MAX_COPIES: u32 = 1000;

/// Renames `path` to the first free `STEM.unreadable-N.EXT` beside it (N from 1) and returns
/// the new path. Nothing is renamed over an existing file.
pub fn set_aside(path: &Path) -> io::Result<PathBuf> {
    for n in 1..=MAX_COPIES {
        let candidate = numbered_copy(path, n);
        if candidate.exists() {
            continue;
        }
        fs::rename(path, &candidate)?;
        return Ok(candidate);
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!(
            "there are already {MAX_COPIES} unreadable copies beside {}",
            path.display()
        ),
    ))
}

/// `dir/{stem}{suffix}`, or with `-2`, `-3`, … before the suffix when that name is taken.
pub fn free_name(dir: &Path, stem: &str, suffix: &str) -> PathBuf {
    (1..=1000)
        .map(|n| {
            let number = if n == 1 {
                String::new()
            } else {
                format!("-{n}")
            };
            dir.join(format!("{stem}{number}{suffix}"))
        })
        .find(|candidate| !fs::exists(candidate).unwrap_or(true))
        .unwrap_or_else(|| dir.join(format!("{stem}{suffix}")))
}

/// `settings.ron` → `settings.unreadable-N.ron`.
fn numbered_copy(path: &Path, n: u32) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = match path.extension() {
        Some(ext) => format!("{stem}.unreadable-{n}.{}", ext.to_string_lossy()),
        None => format!("{stem}.unreadable-{n}"),
    };
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_copy_gets_the_first_free_number_and_keeps_the_content() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.ron");
        fs::write(dir.path().join("settings.unreadable-1.ron"), b"older").unwrap();
        fs::write(&path, b"broken (").unwrap();
        let kept = set_aside(&path).unwrap();
        assert_eq!(kept, dir.path().join("settings.unreadable-2.ron"));
        assert_eq!(fs::read(&kept).unwrap(), b"broken (");
        assert_eq!(
            fs::read(dir.path().join("settings.unreadable-1.ron")).unwrap(),
            b"older"
        );
        assert!(!path.exists());
    }
}
