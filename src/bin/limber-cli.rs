//! `limber-cli`: the same command line as `limber`, built as a console program. On Windows the
//! `limber` program is a windowed (GUI-subsystem) one, so no console window opens behind the app,
//! but then cmd.exe and PowerShell do not wait for it and its output goes nowhere; this program is
//! the one to run in a terminal there (`limber-cli check`, `limber-cli export …`). Elsewhere it is
//! the same as `limber`.

fn main() -> std::process::ExitCode {
    limber::cli::main()
}
