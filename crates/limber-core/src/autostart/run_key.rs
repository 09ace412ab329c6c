//! Start at login on Windows: a value named `Limber` under the person's own
//! `HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Run` key, the per-user place
//! Windows reads at sign-in (no administrator rights; Task Manager's "Startup apps" lists it and
//! can turn it off). The value holds the quoted program path and [`MINIMIZED_FLAG`].
//!
//! The registry is reached through Microsoft's `windows-registry` crate (safe wrappers; Limber
//! itself has no unsafe code). The command text is built on every platform, so its rule is
//! tested on Linux too; the registry functions exist on Windows only and are tested there (under
//! Wine in `scripts/wine-check.sh`).

use std::path::Path;
#[cfg(windows)]
use std::path::PathBuf;

use super::{AutostartError, MINIMIZED_FLAG};

/// The per-user key Windows reads at sign-in, under `HKEY_CURRENT_USER`.
pub const RUN_KEY: &str = r"Software\Microsoft\Windows\CurrentVersion\Run";

/// The name of Limber's value under [`RUN_KEY`].
pub const RUN_VALUE: &str = "Limber";

/// The command Windows runs at sign-in: the program path in quotes (it may hold spaces, as in
/// `C:\Users\Zoë Smith\AppData\…`), then [`MINIMIZED_FLAG`]. A path with a quote or a line break
/// cannot be written that way (Windows allows neither in file names) and is refused.
pub fn run_command(program: &Path) -> Result<String, AutostartError> {
    let unusable = || AutostartError::UnusableProgramPath {
        path: program.to_owned(),
    };
    let text = program.to_str().ok_or_else(unusable)?;
    if text.is_empty() || text.contains(['"', '\n', '\r']) {
        return Err(unusable());
    }
    Ok(format!("\"{text}\" {MINIMIZED_FLAG}"))
}

/// The registry value as a path for messages: `HKEY_CURRENT_USER\…\Run\{value_name}`.
#[cfg(windows)]
fn shown_path(value_name: &str) -> PathBuf {
    PathBuf::from(format!(r"HKEY_CURRENT_USER\{RUN_KEY}\{value_name}"))
}

/// A registry error as the entry's I/O error, with what Windows said.
#[cfg(windows)]
fn registry_error(value_name: &str, err: &impl std::fmt::Display) -> AutostartError {
    AutostartError::Io {
        path: shown_path(value_name),
        source: std::io::Error::other(err.to_string()),
    }
}

/// The command stored under `value_name` in [`RUN_KEY`], if there is one.
#[cfg(windows)]
pub fn command(value_name: &str) -> Option<String> {
    windows_registry::CURRENT_USER
        .open(RUN_KEY)
        .and_then(|key| key.get_string(value_name))
        .ok()
}

/// Writes (when `on`) or removes (when not) the value `value_name` under [`RUN_KEY`] that runs
/// `program` minimised. Removing a value that is not there is not an error. Limber uses
/// [`RUN_VALUE`]; tests pass their own name so they never touch a real entry.
#[cfg(windows)]
pub fn set(value_name: &str, on: bool, program: &Path) -> Result<(), AutostartError> {
    let key = windows_registry::CURRENT_USER
        .create(RUN_KEY)
        .map_err(|err| registry_error(value_name, &err))?;
    let result = if on {
        key.set_string(value_name, run_command(program)?)
    } else if key.get_type(value_name).is_ok() {
        key.remove_value(value_name)
    } else {
        Ok(())
    };
    result.map_err(|err| registry_error(value_name, &err))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_quotes_the_program_and_asks_for_a_minimised_start() {
        assert_eq!(
            run_command(Path::new(
                r"C:\Users\Zoë Smith\AppData\Local\Programs\Limber\limber.exe"
            ))
            .unwrap(),
            r#""C:\Users\Zoë Smith\AppData\Local\Programs\Limber\limber.exe" --minimized"#
        );
        for bad in ["", "C:\\a\"b\\limber.exe", "C:\\a\nb\\limber.exe"] {
            assert!(matches!(
                run_command(Path::new(bad)),
                Err(AutostartError::UnusableProgramPath { .. })
            ));
        }
    }

    /// On and off through the real registry, under a value name of its own: on writes the
    /// command, off leaves no value behind, and off again is no error.
    #[cfg(windows)]
    #[test]
    fn the_run_value_is_written_and_removed_leaving_no_trace() {
        let name = format!("Limber-test-{}", std::process::id());
        let program = Path::new(r"C:\Users\Zoë\AppData\Local\Programs\Limber\limber.exe");
        assert_eq!(command(&name), None);
        set(&name, true, program).unwrap();
        assert_eq!(
            command(&name).as_deref(),
            Some(r#""C:\Users\Zoë\AppData\Local\Programs\Limber\limber.exe" --minimized"#)
        );
        set(&name, true, program).unwrap();
        set(&name, false, program).unwrap();
        assert_eq!(command(&name), None);
        let key = windows_registry::CURRENT_USER.open(RUN_KEY).unwrap();
        assert!(
            key.values()
                .unwrap()
                .all(|(value, _)| !value.starts_with("Limber-test-")),
            "a test value was left under the Run key"
        );
        set(&name, false, program).unwrap();
    }
}
