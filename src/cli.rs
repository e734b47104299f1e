//! The command line: every command and flag is defined once here, and help text comes from
//! these definitions. Parsing only; the work is done by the modules each command calls
//! ([`simulate`] for `run` and `check`, [`calibrate`] for `calibrate`, [`compare`] for
//! `compare`, [`curves`] for `curves plot`).

pub mod calibrate;
pub mod compare;
pub mod curves;
pub mod error;
pub mod simulate;
pub mod sweep;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

pub use error::Error;

use crate::calculators::{self, table::Destination};
use crate::mechanics::era::Era;

/// rewardsim: test reward rules for Steem, Hive, SMTs and tribes before they become a hard fork.
#[derive(Debug, Parser)]
#[command(name = "rewardsim", version, about, long_about = None)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The top-level commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Evaluate one piece of the chain's reward mechanics row by row from a CSV file.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// What-if calculator for one block's cashouts: pays the posts of BLOCK.toml, optionally
    /// re-priced under another era, and writes posts.csv and curators.csv. A tribe block file
    /// (`kind = "tribe"`) pays one interval of a Hive-Engine tribe pool instead and writes
    /// posts.csv and payments.csv.
    Payout(PayoutArgs),
    /// Simulate a scenario and write its results into a folder: timeseries.csv,
    /// accounts.csv, cohorts.csv, payouts.csv, summary.csv, posts.csv (if `[output]
    /// posts_csv`), manifest.toml, and the report (report.md, report.html and, if `[output]
    /// charts`, charts/*.png; not with --no-report). Then print a summary.
    ///
    /// The folder appears only when the whole run succeeded. An existing folder is replaced
    /// only with --force, and only if it is empty or an earlier rewardsim result (has
    /// rewardsim's manifest.toml); a folder holding anything else is never replaced.
    Run(RunArgs),
    /// Load a scenario (following `extends`, applying --set) and print it fully resolved as
    /// TOML, every key explicit. Nothing is simulated or written.
    Check(CheckArgs),
    /// Run the calibration presets (steem-hf17, -hf19, -hf20, -hf21) and print, for each
    /// calibration target C1–C10 of evidence.md §2, the target's range, the model's value,
    /// the presets it comes from and whether it is in range; targets the model cannot
    /// speak to are listed with the reason.
    ///
    /// By default the presets run as they are (20,000 accounts, 365 days after a 30-day
    /// warm-up: about 35 s on 2 cores); --quick runs them on a reduced world (3,000
    /// accounts, arrivals scaled to it, 330 days after a 10-day warm-up: a few seconds),
    /// too small for the stake-weighted shares (C5, C7) to be trusted.
    /// The exit code is 0 whether or not targets are met (it is a report); bad input exits
    /// 2. With --out, the folder gets calibration.csv, each preset's summary and resolved
    /// scenario, and manifest.toml, under the same rules as `run`'s folder.
    Calibrate(CalibrateArgs),
    /// Run every variant of a sweep file (a scenario with `[sweep.grid]` and/or
    /// `[sweep.zip]`: docs/scenarios.md) and its replicates, several at once, and write
    /// runs.csv, summary.csv and timeseries.csv with the run id, variant, replicate, seed and
    /// swept values in every row, and a report (report.md, report.html, heat maps in
    /// charts/) unless --no-report or --shard.
    ///
    /// Each run's rows are written when it ends (into DIR/parts), so memory does not grow
    /// with the number of runs; a failed run is recorded with its error and the others go
    /// on (exit code 1 at the end). An interrupted sweep goes on with --resume, without
    /// redoing finished runs. --shard K/N runs only the runs whose id is K modulo N (K from
    /// 0), for one of N processes or machines; `rewardsim merge` joins their folders into
    /// the files one unsharded run writes, byte for byte.
    Sweep(SweepArgs),
    /// Join the folders of a sharded sweep (`rewardsim sweep --shard K/N`, every K) into one
    /// folder with the files an unsharded run of the sweep writes, byte for byte.
    Merge(MergeArgs),
    /// Run two or more scenarios (the first is the baseline) on the same random world and
    /// report, for every summary metric, each variant's mean over the replicates and its
    /// paired difference from the baseline with a 95% confidence interval: a table on
    /// standard output, and summary.csv, runs.csv, manifest.toml and every run's
    /// timeseries.csv, cohorts.csv, payouts.csv and (replicate 0) accounts.csv rows, tagged
    /// with their variant, in a folder, with a report (report.md, report.html, charts/ of
    /// the variants overlaid) unless --no-report.
    ///
    /// Replicate r of every variant runs with one seed and the same replicate number, so
    /// differences are taken replicate by replicate. The variants must agree on
    /// simulation.days, warmup_days and replicates. A run that fails is reported and left
    /// out; the folder is still written and the exit code is then 1. The folder follows
    /// `run`'s rules (--force, and only an empty folder or an earlier rewardsim result).
    Compare(CompareArgs),
    /// Charts of the chain's reward curves.
    #[command(subcommand)]
    Curves(CurvesCommand),
    /// Write the report of a result folder (of run, compare, sweep or merge) from its files:
    /// report.md (a findings table and the charts as relative image links, ready to paste
    /// into a Steemit or Hive post), report.html (one self-contained page, charts inline as
    /// SVG) and charts/*.png. run, compare and sweep write it themselves unless --no-report;
    /// this command rebuilds it, e.g. for a folder written with --no-report. An earlier,
    /// unedited report (and the charts it links) is replaced; a report you edited or other
    /// files in its place only with --force.
    Report(ReportArgs),
}

/// The `curves` commands.
#[derive(Debug, Subcommand)]
pub enum CurvesCommand {
    /// Draw claims per rshare relative to linear against rshares (log x axis): one line per
    /// --curve and per --era (that era's author curve and content constant), computed with
    /// the chain's evaluate_reward_curve, as a PNG or SVG (by --out's extension).
    ///
    /// The y value of curve c at r rshares is claims_c(r) ÷ r ÷ scale_c: linear is 1,
    /// convergent_linear (r+2s)/(r+4s), quadratic 1 + r/2s (scale 2s), bounded_curation
    /// 2s/(2s+r), convergent_square_root √(2s/(r+2s)), square_root √(s/r) (the square
    /// roots are the chain's approx_sqrt, so about). Only how a curve's value changes with
    /// r matters: a post is paid its claims ÷ everyone's. Default: the author curves of steem_hf17 (quadratic),
    /// steem_hf19 (linear) and steem_hf21 (convergent_linear), s = 2,000,000,000,000.
    Plot(CurvesPlotArgs),
}

/// Arguments of `curves plot`.
#[derive(Debug, Args)]
pub struct CurvesPlotArgs {
    /// A chain curve to draw (quadratic, bounded_curation, linear, square_root,
    /// convergent_linear, convergent_square_root). Repeatable.
    #[arg(long = "curve", value_name = "NAME", value_parser = parse_curve)]
    pub curves: Vec<crate::mechanics::curve::RewardCurve>,
    /// An era whose author curve to draw (steem_hf17, steem_hf19, steem_hf20, steem_hf21,
    /// hive_hf25, hive_hf28). Repeatable.
    #[arg(long = "era", value_name = "ERA", value_parser = parse_era)]
    pub eras: Vec<Era>,
    /// The content constant s of every line, rshares (default: each era's own; for
    /// --curve lines the chain's 2000000000000).
    #[arg(long, value_name = "S", value_parser = parse_rshares, allow_hyphen_values = true)]
    pub content_constant: Option<u128>,
    /// Smallest rshares drawn (e.g. 1e9 or 1000000000).
    #[arg(long, value_name = "R", default_value = "1e9", value_parser = parse_rshares,
          allow_hyphen_values = true)]
    pub from: u128,
    /// Largest rshares drawn; more than --from.
    #[arg(long, value_name = "R", default_value = "1e15", value_parser = parse_rshares,
          allow_hyphen_values = true)]
    pub to: u128,
    /// Points per line, spaced evenly on the log scale (2..=10000).
    #[arg(long, value_name = "N", default_value_t = 241,
          value_parser = clap::value_parser!(u32).range(2..=i64::from(crate::calculators::curve_shapes::MAX_POINTS)))]
    pub points: u32,
    /// The chart file: FILE.png or FILE.svg.
    #[arg(long, value_name = "FILE", default_value = "curves.png")]
    pub out: PathBuf,
    /// Replace --out if it exists (a file; a folder is never replaced).
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `sweep`.
#[derive(Debug, Args)]
pub struct SweepArgs {
    /// The sweep file and overrides of its base scenario (a swept key takes the sweep's
    /// values whatever --set says).
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    /// Folder for the results; default: `output/<scenario name>` in the working folder.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Replace the folder if it is empty or holds an earlier rewardsim result.
    #[arg(long, conflicts_with = "resume")]
    pub force: bool,
    /// Go on with the sweep in the folder (same file and --set values): runs that finished
    /// are kept, the others (failed ones too) run.
    #[arg(long)]
    pub resume: bool,
    /// Run only shard K of N (K from 0 to N−1): the runs whose id is K modulo N.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<crate::experiment::sweep::Shard>,
    /// No progress bar (the summary is still printed).
    #[arg(long, short)]
    pub quiet: bool,
    /// No report.md, report.html or charts/ at the end (shards never write them).
    #[arg(long)]
    pub no_report: bool,
}

/// Arguments of `merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The shards' folders (each written by `rewardsim sweep --shard K/N` of one sweep).
    #[arg(value_name = "DIR", required = true)]
    pub shards: Vec<PathBuf>,
    /// The merged folder (new, empty, or with --force an earlier rewardsim result).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Replace the --out folder if it is empty or holds an earlier rewardsim result.
    #[arg(long)]
    pub force: bool,
    /// No report.md, report.html or charts/ in the merged folder.
    #[arg(long)]
    pub no_report: bool,
}

/// Arguments of `report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// A folder written by `rewardsim run`, `compare`, `sweep` or `merge`.
    #[arg(value_name = "DIR")]
    pub folder: PathBuf,
    /// Replace report.md, report.html or charts/ even if they were edited or not written by
    /// rewardsim (an earlier, unedited report is always replaced).
    #[arg(long)]
    pub force: bool,
}

/// `K/N` for `--shard`.
fn parse_shard(text: &str) -> Result<crate::experiment::sweep::Shard, String> {
    crate::experiment::sweep::Shard::parse(text)
        .ok_or_else(|| format!("expected K/N with 0 ≤ K < N, e.g. 0/4; got '{text}'"))
}

/// The scenario a command reads, and its overrides.
#[derive(Debug, Args)]
pub struct ScenarioArgs {
    /// The scenario file.
    #[arg(value_name = "SCENARIO.toml")]
    pub path: PathBuf,
    /// Override one value, e.g. --set simulation.days=90 --set simulation.replicates=8.
    /// Repeatable; applied in order after the file and its presets.
    #[arg(long = "set", value_name = "KEY=VALUE", value_parser = parse_set)]
    pub sets: Vec<String>,
}

/// Arguments of `run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// The scenario and its overrides.
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    /// Folder for the results; default: `output/<scenario name>` in the working folder.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Replace the folder if it is empty or holds an earlier rewardsim result.
    #[arg(long)]
    pub force: bool,
    /// No progress bar (the summary is still printed).
    #[arg(long, short)]
    pub quiet: bool,
    /// Write only the tables and the manifest: no report.md, report.html or charts/.
    #[arg(long)]
    pub no_report: bool,
}

/// Arguments of `calibrate`.
#[derive(Debug, Args)]
pub struct CalibrateArgs {
    /// Override one value in every preset, e.g. --set behaviour.self_vote_share=0.8.
    /// Repeatable; applied in order after the world size (so it can change that too).
    #[arg(long = "set", value_name = "KEY=VALUE", value_parser = parse_set)]
    pub sets: Vec<String>,
    /// Run on a reduced world: this many initial accounts (arrivals scaled by the same
    /// factor) and a 10-day warm-up; 3,000 with --quick.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub accounts: Option<u32>,
    /// Run on a reduced world: this many measured days after a 10-day warm-up; 330 with
    /// --quick. C9 needs cohorts 300 days old: with fewer than 290 days it has no data.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub days: Option<u32>,
    /// Run on the reduced world of 3,000 accounts and 330 days (a few seconds) instead of
    /// the presets' own.
    #[arg(long)]
    pub quick: bool,
    /// Also write calibration.csv, each preset's `summary-<preset>.csv` and `<preset>.toml`,
    /// and manifest.toml into this folder.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Replace the --out folder if it is empty or holds an earlier rewardsim result.
    #[arg(long, requires = "out")]
    pub force: bool,
}

/// Arguments of `compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The scenario files, at least two; the first is the baseline. Each variant is named
    /// by its scenario `name`; variants sharing a name are named by their file stem.
    #[arg(value_name = "SCENARIO.toml", required = true, num_args = 2..)]
    pub paths: Vec<PathBuf>,
    /// Override one value in every variant, e.g. --set population.accounts=2000.
    /// Repeatable; applied in order after each file and its presets.
    #[arg(long = "set", value_name = "KEY=VALUE", value_parser = parse_set)]
    pub sets: Vec<String>,
    /// Replicates of every variant (1..=1000); default: the files' own, which must agree.
    /// Confidence intervals need at least 2.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub replicates: Option<u32>,
    /// The seed of every variant (the variants' own seeds are not used); default: the
    /// baseline's.
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    /// Folder for the results; default: `output/compare-<baseline>-vs-<variant>...`.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Replace the folder if it is empty or holds an earlier rewardsim result.
    #[arg(long)]
    pub force: bool,
    /// No progress bar (the table is still printed).
    #[arg(long, short)]
    pub quiet: bool,
    /// Write only the tables and the manifest: no report.md, report.html or charts/.
    #[arg(long)]
    pub no_report: bool,
}

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The scenario and its overrides.
    #[command(flatten)]
    pub scenario: ScenarioArgs,
}

/// The `eval` calculators. Each reads a CSV file whose first line names the columns and
/// writes the input columns plus its answers (extra input columns are passed through).
#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Claims of reward curves. Columns: curve,content_constant,rshares → adds claims.
    /// curve is a chain curve (quadratic, bounded_curation, linear, square_root,
    /// convergent_linear, convergent_square_root) or power:A for tribe pools (e.g. power:1.05).
    Curve(EvalArgs),
    /// Curation weight of a vote. Columns: era,old_vote_rshares,vote_rshares,
    /// seconds_since_created [,curve,content_constant,reverse_auction_seconds,
    /// early_voting_seconds,mid_voting_seconds] → adds vote_weight,total_vote_weight_increment.
    Curation(EvalArgs),
    /// Mana and rshares of a vote. Columns: era,effective_vests,voting_mana_before,
    /// downvote_mana_before (pre-HF20 eras: voting_power_before),elapsed_seconds,weight,
    /// seconds_to_cashout → adds used_mana,rshares,voting_mana_after,downvote_mana_after
    /// (pre-HF20: voting_power_after),status.
    ///
    /// Units: effective_vests, mana, used_mana and rshares in VESTS satoshis (10^-6 VESTS);
    /// voting power in basis points (pre-HF20 rows write the power spent as used_mana);
    /// weight −10000..=10000; elapsed_seconds = now − last update of the bars (also taken
    /// as the time since the last vote); seconds_to_cashout = cashout_time − now.
    /// steem_hf20 has no downvote pool: downvote_mana_before may be empty and is echoed.
    ///
    /// status is ok or the chain assert that rejected the vote (other outputs empty):
    /// rejected_cashout (HF20+, seconds_to_cashout ≤ 0), rejected_min_interval
    /// (elapsed_seconds < 3, all eras but hive_hf28), rejected_zero_weight,
    /// rejected_no_mana (pre-HF20 power ≤ 0, steem_hf20 mana ≤ 0), rejected_insufficient_mana,
    /// rejected_dust (pre-HF20 rshares ≤ 50000000), rejected_lockout (pre-HF20 upvote
    /// ≤ 43200 s before cashout). Only with non-era rules: rejected_weight_out_of_range,
    /// rejected_negative_effective_vests, rejected_zero_vote_denominator,
    /// rejected_mana_overflow, rejected_zero_rshares.
    Vote(EvalArgs),
    /// Inflation of one block. Columns: head_block_num,virtual_supply,content_reward_percent,
    /// vesting_reward_percent,sps_fund_percent → adds current_inflation_rate,new_steem,
    /// content_reward,vesting_reward,sps_fund,witness_reward.
    Inflation(EvalArgs),
}

/// Input and output of an `eval` calculator.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The input CSV file (`-` for standard input).
    #[arg(long, value_name = "IN.csv")]
    pub input: PathBuf,
    /// Write the result here instead of standard output.
    #[arg(long, value_name = "OUT.csv")]
    pub output: Option<PathBuf>,
    /// Replace the output file even if it is not an earlier output of this calculator.
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `payout`.
#[derive(Debug, Args)]
pub struct PayoutArgs {
    /// The block file (TOML): era, overrides, `[fund]` and `[[post]]` with `[[post.vote]]`;
    /// or a tribe block file: `kind = "tribe"`, `[pool]`, `[state]` and `[[post]]`.
    #[arg(value_name = "BLOCK.toml")]
    pub block: PathBuf,
    /// Re-price the same votes under this era's rules instead of the file's era (the
    /// file's rule overrides still apply on top). Not for tribe block files.
    #[arg(long, value_parser = parse_era)]
    pub era: Option<Era>,
    /// Folder for posts.csv and curators.csv (tribe: posts.csv and payments.csv).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub out: PathBuf,
    /// Replace output files even if they are not earlier outputs of `payout`.
    #[arg(long)]
    pub force: bool,
}

/// A `--set` argument: `section.key=value` with a non-empty key. The value is checked by the
/// scenario loader.
fn parse_set(argument: &str) -> Result<String, String> {
    match argument.split_once('=') {
        Some((key, _)) if !key.trim().is_empty() => Ok(argument.to_string()),
        _ => Err(format!(
            "'{argument}' is not KEY=VALUE (e.g. simulation.days=90)"
        )),
    }
}

fn parse_curve(name: &str) -> Result<crate::mechanics::curve::RewardCurve, String> {
    name.parse()
        .map_err(|e: crate::mechanics::curve::UnknownCurve| e.to_string())
}

/// Rshares on the command line: an integer (`2000000000000`) or a number in scientific
/// notation (`2e12`, `2.5e12`, rounded to an integer), from 1 to the chain's int64 maximum.
fn parse_rshares(text: &str) -> Result<u128, String> {
    use crate::calculators::curve_shapes::MAX_RSHARES;
    let allowed = format!(
        "expected rshares as a whole number from 1 to {MAX_RSHARES} (the chain's int64 \
         maximum), written like 2000000000000 or 2e12; got '{text}'"
    );
    let trimmed = text.trim();
    let value = match crate::mechanics::era::parse_u128_decimal(trimmed) {
        Ok(value) => value,
        Err(_) => match trimmed.parse::<f64>() {
            Ok(x) if x.is_finite() && x >= 0.5 && x <= MAX_RSHARES as f64 => x.round() as u128,
            _ => return Err(allowed),
        },
    };
    if (1..=MAX_RSHARES).contains(&value) {
        Ok(value)
    } else {
        Err(allowed)
    }
}

fn parse_era(name: &str) -> Result<Era, String> {
    name.parse()
        .map_err(|e: crate::mechanics::era::UnknownEra| e.to_string())
}

/// Runs a parsed command line. Errors are for the user; the binary prints them and exits
/// with [`Error::exit_code`].
pub fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Eval(eval) => {
            let (args, evaluate): (EvalArgs, EvaluateFn) = match eval {
                EvalCommand::Curve(a) => (a, calculators::eval_curve::evaluate),
                EvalCommand::Curation(a) => (a, calculators::eval_curation::evaluate),
                EvalCommand::Vote(a) => (a, calculators::eval_vote::evaluate),
                EvalCommand::Inflation(a) => (a, calculators::eval_inflation::evaluate),
            };
            let input = calculators::table::InputTable::read(&args.input)?;
            let output = evaluate(&input)?;
            Ok(calculators::table::write_output(
                &output,
                Destination::from_option(args.output, args.force),
            )?)
        }
        Command::Payout(args) => {
            let summary =
                calculators::payout_block::run(&args.block, args.era, &args.out, args.force)?;
            print!("{summary}");
            Ok(())
        }
        Command::Run(args) => simulate::run(&args),
        Command::Check(args) => simulate::check(&args),
        Command::Calibrate(args) => calibrate::calibrate(&args),
        Command::Sweep(args) => sweep::sweep(&args),
        Command::Merge(args) => sweep::merge(&args),
        Command::Compare(args) => compare::compare(&args),
        Command::Curves(CurvesCommand::Plot(args)) => curves::plot(&args),
        Command::Report(args) => report(&args),
    }
}

/// `rewardsim report DIR`.
fn report(args: &ReportArgs) -> Result<(), Error> {
    let written = crate::output::report::write(&args.folder, args.force)?;
    simulate::print_stdout(&report_lines(&written))
}

/// Writes the report of the result folder `folder` a command just wrote (`--no-report`
/// aside). It is built from the folder's files after they are in place, so a failed
/// report never costs the results: the error says they are kept and how to try again.
pub(crate) fn report_after(folder: &std::path::Path) -> Result<(), Error> {
    crate::output::report::write(folder, false)
        .map(|_| ())
        .map_err(|source| Error::ReportNotWritten {
            folder: folder.to_path_buf(),
            source,
        })
}

/// What a report wrote, as lines for standard output.
pub(crate) fn report_lines(written: &crate::output::report::Written) -> String {
    format!(
        "report: {}
        {} ({} charts in {})
",
        written.markdown.display(),
        written.html.display(),
        written.charts.len(),
        written.markdown.parent().map_or_else(
            || "charts".into(),
            |p| p.join("charts").display().to_string()
        )
    )
}

type EvaluateFn = fn(
    &calculators::table::InputTable,
) -> Result<calculators::table::OutputTable, calculators::CalcError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_arguments_need_a_key_and_an_equals_sign() {
        assert_eq!(
            parse_set("simulation.days=90").unwrap(),
            "simulation.days=90"
        );
        assert_eq!(parse_set("name=").unwrap(), "name=");
        assert!(parse_set("simulation.days").is_err());
        assert!(parse_set("=90").is_err());
    }

    #[test]
    fn rshares_arguments() {
        assert_eq!(parse_rshares("2e12"), Ok(2_000_000_000_000));
        assert_eq!(parse_rshares("2.5e3"), Ok(2_500));
        assert_eq!(parse_rshares(" 1000 "), Ok(1_000));
        assert_eq!(parse_rshares("9223372036854775807"), Ok(i64::MAX as u128));
        for bad in [
            "0",
            "-5",
            "1e30",
            "9223372036854775808",
            "NaN",
            "x",
            "0.2",
            "",
        ] {
            let error = parse_rshares(bad).unwrap_err();
            assert!(
                error.contains("from 1 to 9223372036854775807"),
                "{bad}: {error}"
            );
        }
    }

    #[test]
    fn command_line_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
