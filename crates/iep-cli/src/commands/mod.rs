//! One module per subcommand, each with its own clap `Args` and `run`.

pub mod build;
pub mod check;
pub mod completions;
pub mod deadlines;
pub mod diff;
pub mod explain;
pub mod init;
pub mod letter;
pub mod log;
pub mod new;
pub mod packet;
pub mod progress;
pub mod services;
pub mod today;
