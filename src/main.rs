//! The `limber` binary: parses the command line, then opens the app or runs a subcommand.
//!
//! On Windows it is a windowed program (no console window behind the app when started from the
//! Start menu); `limber-cli` is the console program for the command line there.
#![cfg_attr(windows, windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    limber::cli::main()
}
