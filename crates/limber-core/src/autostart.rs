//! "Start at login, minimised": the platform's autostart entry.
//!
//! - Linux and other XDG desktops: a desktop entry in `$XDG_CONFIG_HOME/autostart/limber.desktop`
//!   (or `~/.config/autostart/` when that variable is unset), written atomically when the
//!   switch is turned on and removed when it is turned off.
//! - Windows: the per-user `Run` registry value ([`run_key`]).
//! - macOS: a launch agent in `~/Library/LaunchAgents` ([`launch_agent`]; not tried on a Mac).
//!
//! Each runs Limber with `--minimized`. Elsewhere the functions return
//! [`AutostartError::Unsupported`] and change nothing.
//!
//! Every function takes its folder (or registry value name) as an argument so that tests work
//! in a temporary home; [`set_for_this_program`] finds the real ones.

pub mod launch_agent;
pub mod run_key;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use crate::atomic::write_atomically;

/// The file name of the autostart entry.
pub const ENTRY_FILE_NAME: &str = "limber.desktop";

/// The command-line flag the entry adds, so that Limber starts without showing its window.
pub const MINIMIZED_FLAG: &str = "--minimized";

/// Whether this system has an autostart mechanism Limber knows how to use: XDG desktops,
/// Windows and macOS.
pub const SUPPORTED: bool = cfg!(any(unix, windows));

/// Why the autostart entry could not be changed.
#[derive(Debug, thiserror::Error)]
pub enum AutostartError {
    /// Not Linux (or another XDG desktop), Windows or macOS.
    #[error(
        "Starting Limber at login is not supported on this system yet. You can add Limber to your system's login items by hand."
    )]
    Unsupported,
    /// No home folder could be found.
    #[error(
        "Could not find your home folder (neither XDG_CONFIG_HOME nor HOME is set), so Limber cannot add itself to the programs started at login."
    )]
    NoHome,
    /// The program's own path cannot be written into the entry.
    #[error(
        "Limber's program file has a name that cannot be written into a start-up entry (it is not plain text or holds a line break); move Limber to a simpler folder and try again. ({})",
        path.display()
    )]
    UnusableProgramPath {
        /// The program file.
        path: PathBuf,
    },
    /// Writing or removing the entry failed.
    #[error(
        "Could not change the start-at-login entry ({source}); check that you may write to this folder. ({})",
        path.display()
    )]
    Io {
        /// The entry file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

/// The XDG config folder: `xdg_config_home` when set to an absolute path (as the XDG spec
/// asks), else `home/.config`; `None` when neither is usable.
pub fn config_home(xdg_config_home: Option<&OsStr>, home: Option<&Path>) -> Option<PathBuf> {
    if let Some(dir) = xdg_config_home.map(Path::new).filter(|p| p.is_absolute()) {
        return Some(dir.to_owned());
    }
    home.filter(|h| !h.as_os_str().is_empty())
        .map(|h| h.join(".config"))
}

/// The XDG config folder of this user, from `XDG_CONFIG_HOME` and `HOME`.
pub fn config_home_from_env() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_CONFIG_HOME");
    let home = std::env::var_os("HOME").map(PathBuf::from);
    config_home(xdg.as_deref(), home.as_deref())
}

/// Where the autostart entry lives under `config_home`.
pub fn entry_path(config_home: &Path) -> PathBuf {
    config_home.join("autostart").join(ENTRY_FILE_NAME)
}

/// Whether the autostart entry is there.
pub fn is_on(config_home: &Path) -> bool {
    entry_path(config_home).is_file()
}

/// Characters that force an argument of `Exec=` to be quoted (Desktop Entry Specification).
const RESERVED: &[char] = &[
    ' ', '\t', '\n', '"', '\'', '\\', '>', '<', '~', '|', '&', ';', '$', '*', '?', '#', '(', ')',
    '`',
];

/// One `Exec=` argument, quoted and escaped as the Desktop Entry Specification asks: quoted when
/// it holds a reserved character, `"`, `` ` ``, `$` and `\` escaped inside quotes, `%` doubled;
/// then backslashes doubled again because the whole value is a desktop-file string.
fn exec_arg(arg: &str) -> String {
    let quoted = arg.is_empty() || arg.contains(RESERVED);
    let mut out = String::new();
    if quoted {
        out.push('"');
    }
    for c in arg.chars() {
        if quoted && matches!(c, '"' | '`' | '$' | '\\') {
            out.push('\\');
        }
        if c == '%' {
            out.push('%');
        }
        out.push(c);
    }
    if quoted {
        out.push('"');
    }
    out.replace('\\', "\\\\")
}

/// The text of the autostart entry that runs `program` minimised.
pub fn desktop_entry(program: &Path) -> Result<String, AutostartError> {
    let unusable = || AutostartError::UnusableProgramPath {
        path: program.to_owned(),
    };
    let text = program.to_str().ok_or_else(unusable)?;
    if text.contains(['\n', '\r']) {
        return Err(unusable());
    }
    Ok(format!(
        "[Desktop Entry]\n\
         Type=Application\n\
         Name=Limber\n\
         Comment=Reminds you of your upper-back routine\n\
         Exec={} {MINIMIZED_FLAG}\n\
         Icon=org.limber.Limber\n\
         Terminal=false\n\
         X-GNOME-Autostart-enabled=true\n",
        exec_arg(text)
    ))
}

/// Writes (when `on`) or removes (when not) the XDG autostart entry under `config_home` that
/// runs `program`. Removing an entry that is not there is not an error.
pub fn set(config_home: &Path, on: bool, program: &Path) -> Result<(), AutostartError> {
    let text = if on {
        Some(desktop_entry(program)?)
    } else {
        None
    };
    put_entry(&entry_path(config_home), text.as_deref())
}

/// Writes `text` to the entry file `path` atomically, creating its folder, or removes the file
/// when `text` is `None`; removing a file that is not there is not an error.
fn put_entry(path: &Path, text: Option<&str>) -> Result<(), AutostartError> {
    let io_error = |source| AutostartError::Io {
        path: path.to_owned(),
        source,
    };
    if let Some(text) = text {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io_error)?;
        }
        write_atomically(path, text.as_bytes()).map_err(io_error)
    } else {
        match std::fs::remove_file(path) {
            Err(err) if err.kind() != std::io::ErrorKind::NotFound => Err(io_error(err)),
            _ => Ok(()),
        }
    }
}

/// Switches this system's autostart entry for this user and the running executable: the Run
/// registry value on Windows, the launch agent on macOS, the XDG entry elsewhere.
pub fn set_for_this_program(on: bool) -> Result<(), AutostartError> {
    if !SUPPORTED {
        return Err(AutostartError::Unsupported);
    }
    let program = std::env::current_exe().map_err(|source| AutostartError::Io {
        path: PathBuf::from("limber"),
        source,
    })?;
    set_here(on, &program)
}

#[cfg(windows)]
fn set_here(on: bool, program: &Path) -> Result<(), AutostartError> {
    run_key::set(run_key::RUN_VALUE, on, program)
}

#[cfg(target_os = "macos")]
fn set_here(on: bool, program: &Path) -> Result<(), AutostartError> {
    let home = directories::BaseDirs::new().ok_or(AutostartError::NoHome)?;
    launch_agent::set(&launch_agent::agents_dir(home.home_dir()), on, program)
}

#[cfg(not(any(windows, target_os = "macos")))]
fn set_here(on: bool, program: &Path) -> Result<(), AutostartError> {
    let config_home = config_home_from_env().ok_or(AutostartError::NoHome)?;
    set(&config_home, on, program)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xdg_config_home_wins_when_absolute() {
        let home = Path::new("/home/sam");
        assert_eq!(
            config_home(Some(OsStr::new("/tmp/cfg")), Some(home)),
            Some(PathBuf::from("/tmp/cfg"))
        );
        assert_eq!(
            config_home(Some(OsStr::new("relative")), Some(home)),
            Some(PathBuf::from("/home/sam/.config"))
        );
        assert_eq!(
            config_home(None, Some(home)),
            Some(PathBuf::from("/home/sam/.config"))
        );
        assert_eq!(config_home(None, None), None);
    }

    #[test]
    fn exec_quotes_paths_with_spaces_and_specials() {
        assert_eq!(exec_arg("/usr/bin/limber"), "/usr/bin/limber");
        assert_eq!(
            exec_arg("/home/sam/My Apps/limber"),
            "\"/home/sam/My Apps/limber\""
        );
        assert_eq!(exec_arg("/opt/a$b/limber"), "\"/opt/a\\\\$b/limber\"");
        assert_eq!(exec_arg("/opt/100%/limber"), "/opt/100%%/limber");
    }

    #[test]
    fn a_program_path_with_a_line_break_is_refused() {
        assert!(matches!(
            desktop_entry(Path::new("/tmp/a\nb")),
            Err(AutostartError::UnusableProgramPath { .. })
        ));
    }

    #[cfg(all(unix, not(target_os = "macos")))]
    #[test]
    fn the_entry_is_written_and_removed_in_a_temporary_home() {
        let home = tempfile::tempdir().unwrap();
        let config = config_home(None, Some(home.path())).unwrap();
        let program = Path::new("/home/sam/.cargo/bin/limber");
        assert!(!is_on(&config));
        set(&config, true, program).unwrap();
        let path = home.path().join(".config/autostart/limber.desktop");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("[Desktop Entry]\n"));
        assert!(text.contains("\nExec=/home/sam/.cargo/bin/limber --minimized\n"));
        assert!(is_on(&config));
        set(&config, true, program).unwrap();
        assert_eq!(
            std::fs::read_dir(path.parent().unwrap()).unwrap().count(),
            1
        );
        set(&config, false, program).unwrap();
        assert!(!path.exists());
        assert!(!is_on(&config));
        set(&config, false, program).unwrap();
    }
}
