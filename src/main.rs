//! The `limber` binary: parses the command line, then opens the app or runs a subcommand.

fn main() -> std::process::ExitCode {
    limber::cli::main()
}
