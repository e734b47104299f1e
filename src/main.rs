//! The `rewardsim` binary: parses the command line and reports errors. All work happens in
//! the library.

use std::process::ExitCode;

use clap::Parser;

/// Large arrays on huge pages: the engine reads them at random (see the allocator's docs).
#[global_allocator]
static ALLOCATOR: rewardsim::memory::HugePageAllocator = rewardsim::memory::HugePageAllocator;

fn main() -> ExitCode {
    let cli = rewardsim::cli::Cli::parse();
    match rewardsim::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(1))
        }
    }
}
