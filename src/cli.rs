//! The command line: every command and flag is defined once here, and help text comes from
//! these definitions. Parsing only; the work is done by the modules each command calls.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::calculators::{self, table::Destination, CalcError};
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
    /// re-priced under another era, and writes posts.csv and curators.csv.
    Payout(PayoutArgs),
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
    /// The block file (TOML): era, overrides, [fund] and [[post]] with [[post.vote]].
    #[arg(value_name = "BLOCK.toml")]
    pub block: PathBuf,
    /// Re-price the same votes under this era's rules instead of the file's era (the
    /// file's rule overrides still apply on top).
    #[arg(long, value_parser = parse_era)]
    pub era: Option<Era>,
    /// Folder for posts.csv and curators.csv.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub out: PathBuf,
    /// Replace output files even if they are not earlier outputs of `payout`.
    #[arg(long)]
    pub force: bool,
}

fn parse_era(name: &str) -> Result<Era, String> {
    name.parse()
        .map_err(|e: crate::mechanics::era::UnknownEra| e.to_string())
}

/// Runs a parsed command line. Errors are for the user; the binary prints them and exits
/// with [`CalcError::exit_code`].
pub fn run(cli: Cli) -> Result<(), CalcError> {
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
            calculators::table::write_output(
                &output,
                Destination::from_option(args.output, args.force),
            )
        }
        Command::Payout(args) => {
            let summary =
                calculators::payout_block::run(&args.block, args.era, &args.out, args.force)?;
            print!("{summary}");
            Ok(())
        }
    }
}

type EvaluateFn =
    fn(&calculators::table::InputTable) -> Result<calculators::table::OutputTable, CalcError>;
