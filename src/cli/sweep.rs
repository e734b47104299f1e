//! The `sweep` and `merge` commands: run a sweep file's variants and replicates (all, or
//! one shard), streaming each run's rows into the sweep folder, then assemble the tables;
//! join the folders of a sharded sweep.

use std::path::Path;
use std::time::Instant;

use super::error::Error;
use super::simulate::{default_out, print_stdout};
use super::{MergeArgs, SweepArgs};
use crate::experiment::sweep::{plan, Shard};
use crate::experiment::{run_each, RunSpec};
use crate::output::progress::RunsBar;
use crate::output::sweep::{
    assemble, is_done, manifest_text, plan_csv, prepare, tag_header, write_failure, write_run,
    Assembled, Mode, RunTag, PARTS,
};
use crate::output::OutputError;
use crate::scenario;

/// `rewardsim sweep`.
pub fn sweep(args: &SweepArgs) -> Result<(), Error> {
    let started = Instant::now();
    let path = &args.scenario.path;
    let sweep = scenario::load_sweep(path, &args.scenario.sets)?;
    let (runs, scenarios) = plan(&sweep);
    let header = tag_header(&sweep.spec.keys());
    let tags: Vec<RunTag> = runs.iter().map(|run| RunTag::new(run, &sweep)).collect();
    let file_name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into(),
    );
    let manifest = manifest_text(&file_name, &args.scenario.sets, &sweep, runs.len());
    let name = &sweep.variants[0].1.scenario.name;
    let dir = args.out.clone().unwrap_or_else(|| default_out(name));
    let mode = if args.resume {
        Mode::Resume
    } else {
        Mode::New { force: args.force }
    };
    prepare(&dir, &manifest, &plan_csv(&header, &tags), mode)?;
    let shard = args.shard.unwrap_or(Shard::ALL);
    let todo: Vec<usize> = (0..runs.len())
        .filter(|&k| shard.holds(runs[k].id) && !is_done(&dir, runs[k].id))
        .collect();
    let specs: Vec<RunSpec<'_>> = todo
        .iter()
        .map(|&k| RunSpec {
            scenario: &scenarios[runs[k].variant],
            replicate: runs[k].replicate,
        })
        .collect();
    let bar = RunsBar::new(specs.len() as u64, !args.quiet);
    let mut write_failed: Option<OutputError> = None;
    let mut failures = 0usize;
    run_each(&specs, |index, result| {
        let k = todo[index];
        let (run, tag) = (&runs[k], &tags[k]);
        let written = match result {
            Ok(result) => write_run(&dir, run, &header, tag, &result),
            Err(failure) => {
                failures += 1;
                write_failure(&dir, run, &failure.to_string())
            }
        };
        if let Err(e) = written {
            write_failed.get_or_insert(e);
        }
        bar.run_finished();
    });
    bar.finish();
    if let Some(e) = write_failed {
        return Err(e.into());
    }
    let seconds = started.elapsed().as_secs_f64();
    if shard != Shard::ALL {
        let mine = runs.iter().filter(|r| shard.holds(r.id)).count();
        return finish_shard(&dir, shard, mine, specs.len(), failures, seconds);
    }
    let assembled = assemble(&dir)?;
    let printed = report(&dir, &assembled, specs.len(), seconds);
    if !args.no_report {
        super::report_after(&dir)?;
    }
    printed
}

/// Prints what a shard did; fails (exit 1) if any of its runs failed.
fn finish_shard(
    dir: &Path,
    shard: Shard,
    mine: usize,
    ran: usize,
    failures: usize,
    seconds: f64,
) -> Result<(), Error> {
    print_stdout(&format!(
        "shard {}/{}: {mine} runs ({ran} run now, {} kept from before), {failures} failed, \
         {seconds:.1} s\n  parts in {}\n  join the {} shards' folders with \
         `rewardsim merge DIR... --out DIR`\n",
        shard.index,
        shard.count,
        mine - ran,
        dir.join(PARTS).display(),
        shard.count,
    ))?;
    if failures > 0 {
        return Err(Error::SweepRunsFailed {
            failed: failures,
            folder: dir.to_path_buf(),
        });
    }
    Ok(())
}

/// Prints the assembled sweep's summary; fails (exit 1) if any run failed.
fn report(dir: &Path, assembled: &Assembled, ran: usize, seconds: f64) -> Result<(), Error> {
    let total = assembled.done + assembled.failed.len();
    let mut text = format!(
        "sweep: {total} runs ({ran} run now, {} kept from before), {} failed, {seconds:.1} s\n  \
         files {}\n",
        total - ran.min(total),
        assembled.failed.len(),
        dir.display()
    );
    for (id, error) in assembled.failed.iter().take(10) {
        text.push_str(&format!("  run {id} failed: {error}\n"));
    }
    print_stdout(&text)?;
    if !assembled.failed.is_empty() {
        return Err(Error::SweepRunsFailed {
            failed: assembled.failed.len(),
            folder: dir.to_path_buf(),
        });
    }
    Ok(())
}

/// `rewardsim merge`.
pub fn merge(args: &MergeArgs) -> Result<(), Error> {
    let started = Instant::now();
    let merged = crate::output::sweep::merge(&args.shards, &args.out, args.force)?;
    let printed = report(&args.out, &merged, 0, started.elapsed().as_secs_f64());
    if !args.no_report {
        super::report_after(&args.out)?;
    }
    printed
}
