//! `rewardsim curves plot`: checks the arguments, computes every line's points with
//! [`crate::calculators::curve_shapes`] (the chain's `evaluate_reward_curve`), then draws
//! them with [`crate::output::curves_chart`] into one PNG or SVG, written atomically.
//! Nothing is written unless every argument is valid.

use std::path::Path;

use super::{CurvesPlotArgs, Error};
use crate::calculators::curve_shapes::{self, CurveLine};
use crate::output::curves_chart::{power_of_ten, CurveSeries, CurvesChart};
use crate::output::style::{self, ChartFormat};
use crate::output::OutputError;

/// Runs `curves plot`.
pub fn plot(args: &CurvesPlotArgs) -> Result<(), Error> {
    check_out(&args.out, args.force)?;
    if args.from >= args.to {
        return Err(Error::Argument {
            argument: "--from",
            message: format!(
                "{} is not below --to {}; --from must be less than --to",
                args.from, args.to
            ),
        });
    }
    let chart = chart(args);
    style::write_chart(&args.out, &chart)?;
    Ok(())
}

/// Refuses an --out that is not .png/.svg, is a folder, or exists without `force`.
fn check_out(out: &Path, force: bool) -> Result<(), Error> {
    if ChartFormat::from_path(out).is_none() {
        return Err(Error::Argument {
            argument: "--out",
            message: format!(
                "'{}' must end in .png or .svg (the format is chosen by the extension)",
                out.display()
            ),
        });
    }
    if out.is_dir() {
        return Err(Error::Argument {
            argument: "--out",
            message: format!(
                "'{}' is a folder; give a file name ending in .png or .svg",
                out.display()
            ),
        });
    }
    if out.exists() && !force {
        return Err(OutputError::Exists {
            path: out.to_path_buf(),
            holds: "a file",
        }
        .into());
    }
    Ok(())
}

/// The chart of `args`: every line's points and the source line.
fn chart(args: &CurvesPlotArgs) -> CurvesChart {
    let lines = curve_shapes::lines(&args.curves, &args.eras, args.content_constant);
    let rshares = curve_shapes::log_spaced_rshares(args.from, args.to, args.points);
    let series = lines
        .iter()
        .map(|line| CurveSeries {
            label: line.label.clone(),
            // A log axis cannot show zero claims (convergent_square_root's floor below
            // about 2·10^6 rshares): those points are left out.
            points: curve_shapes::points(line, &rshares)
                .into_iter()
                .filter(|&(_, y)| y > 0.0)
                .collect(),
        })
        .collect();
    let mut constants: Vec<u128> = lines.iter().map(|l| l.content_constant).collect();
    constants.sort_unstable();
    constants.dedup();
    let markers = constants
        .iter()
        .filter(|&&s| (args.from..=args.to).contains(&s))
        .map(|&s| s as f64)
        .collect();
    CurvesChart {
        series,
        markers,
        x_range: (args.from as f64, args.to as f64),
        source: source_line(&lines, &constants, args),
    }
}

/// `rewardsim 0.1.0 · curves plot · quadratic (steem_hf17), … · s = 2000000000000 rshares ·
/// 241 points, r from 1e9 to 1e15`.
fn source_line(lines: &[CurveLine], constants: &[u128], args: &CurvesPlotArgs) -> String {
    let labels: Vec<&str> = lines.iter().map(|l| l.label.as_str()).collect();
    let constants: Vec<String> = constants.iter().map(u128::to_string).collect();
    format!(
        "rewardsim {} · curves plot · {} · content constant s = {} rshares · {} points, r from {} to {}",
        env!("CARGO_PKG_VERSION"),
        labels.join(", "),
        constants.join(", "),
        args.points,
        power_of_ten(args.from as f64),
        power_of_ten(args.to as f64),
    )
}
