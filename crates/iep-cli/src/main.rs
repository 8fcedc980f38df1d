//! `iep`: the binary. Everything is in the library (`lib.rs`).

fn main() -> std::process::ExitCode {
    iep_cli::main()
}
