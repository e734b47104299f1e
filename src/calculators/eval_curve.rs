//! `rewardsim eval curve`: claims of reward curves, row by row.
//!
//! Input columns `curve,content_constant,rshares`; output: the input columns plus `claims`.
//! `curve` is a chain curve name or `power:A` (a tribe pool's r^A). For chain curves the
//! claims are the u128 the chain computes (wrapping like the chain's u128); for power curves
//! they are the comments contract's decimal value with up to 10 decimals. `content_constant`
//! may be empty for curves that do not use it (linear, square_root, power:A).

use std::str::FromStr;

use super::table::{InputTable, OutputTable, Row, ALLOWED_U128};
use super::CalcError;
use crate::mechanics::curve::RewardCurve;
use crate::mechanics::era::parse_u128_decimal;
use crate::mechanics::power_curve::{power_claims, PowerExponent};

/// The input columns, in the order the contract names them.
pub const INPUT_COLUMNS: [&str; 3] = ["curve", "content_constant", "rshares"];
/// The column this calculator adds.
pub const OUTPUT_COLUMNS: [&str; 1] = ["claims"];

/// A curve as written in the `curve` column: a chain curve or a tribe power curve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CurveSpec {
    /// One of the chain's six curves.
    Chain(RewardCurve),
    /// `power:A`: claims = rshares^A as the Hive-Engine comments contract computes it.
    Power(PowerExponent),
}

impl CurveSpec {
    /// True when the curve reads the content constant.
    pub fn uses_content_constant(self) -> bool {
        matches!(
            self,
            CurveSpec::Chain(
                RewardCurve::Quadratic
                    | RewardCurve::BoundedCuration
                    | RewardCurve::ConvergentLinear
                    | RewardCurve::ConvergentSquareRoot
            )
        )
    }
}

impl FromStr for CurveSpec {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        match text.split_once(':') {
            Some((kind, exponent)) if kind.trim().eq_ignore_ascii_case("power") => exponent
                .trim()
                .parse::<PowerExponent>()
                .map(CurveSpec::Power)
                .map_err(|e| e.to_string()),
            _ => text
                .parse::<RewardCurve>()
                .map(CurveSpec::Chain)
                .map_err(|e| e.to_string()),
        }
    }
}

/// Evaluates every row of `input` (see the module doc for the columns).
pub fn evaluate(input: &InputTable) -> Result<OutputTable, CalcError> {
    input.require(&INPUT_COLUMNS)?;
    input.forbid(&OUTPUT_COLUMNS)?;
    let mut output = OutputTable::extending(input, &OUTPUT_COLUMNS);
    for row in input.rows() {
        let claims = evaluate_row(&row)?;
        output.push(row.cells(), vec![claims]);
    }
    Ok(output)
}

fn evaluate_row(row: &Row<'_>) -> Result<String, CalcError> {
    let cell = row.optional("curve").unwrap_or_default();
    let curve: CurveSpec = cell.parse().map_err(|message: String| {
        row.value_error("curve", format!("a chain curve or power:A ({message})"))
    })?;
    let rshares = row.u128("rshares")?;
    match curve {
        CurveSpec::Power(exponent) => Ok(power_claims(rshares, exponent).to_string()),
        CurveSpec::Chain(chain_curve) => {
            let content_constant = if curve.uses_content_constant() {
                row.u128("content_constant")?
            } else {
                row.parse_optional("content_constant", ALLOWED_U128, |c| {
                    parse_u128_decimal(c).ok()
                })?
                .unwrap_or(0)
            };
            chain_curve
                .claims(rshares, content_constant)
                .map(|claims| claims.to_string())
                .map_err(|fault| {
                    row.row_error(format!(
                        "{chain_curve} with content_constant {content_constant} and rshares \
                         {rshares}: {fault}"
                    ))
                })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn run(text: &str) -> Result<OutputTable, CalcError> {
        evaluate(&InputTable::from_bytes(Path::new("in.csv"), text.as_bytes()).unwrap())
    }

    #[test]
    fn appends_claims_and_keeps_extra_columns() {
        let out = run("case,curve,content_constant,rshares\n\
                       a,convergent_linear,2000000000000,2000000000000\n\
                       b,square_root,,4000000856158\n")
        .unwrap();
        assert_eq!(
            out.headers(),
            ["case", "curve", "content_constant", "rshares", "claims"]
        );
        assert_eq!(out.rows()[0][4], "1200000000000");
        assert_eq!(out.rows()[1][4], "2002250");
    }

    #[test]
    fn division_by_zero_is_a_row_error() {
        let err = run("curve,content_constant,rshares\nconvergent_square_root,0,0\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("in.csv: line 2: convergent_square_root"),
            "{err}"
        );
    }

    #[test]
    fn content_constant_is_required_where_used() {
        let err = run("curve,content_constant,rshares\nquadratic,,5\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("column 'content_constant'"), "{err}");
    }

    #[test]
    fn unknown_curve_is_named_with_a_suggestion() {
        let err = run("curve,content_constant,rshares\nconvergent_lineer,1,5\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 2, column 'curve'"), "{err}");
        assert!(err.contains("did you mean 'convergent_linear'"), "{err}");
    }
}
