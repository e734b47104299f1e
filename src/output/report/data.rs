//! Chart and table data from a folder's CSV files, shared by the run, compare and sweep
//! reports: bands over replicates, Lorenz curves, the payout distribution, means with
//! their 95% intervals.

use super::table::CsvTable;
use crate::experiment::compare::stats::{self, CONFIDENCE};
use crate::metrics::inequality::Inequality;
use crate::output::charts::{
    band::band_point, lorenz::lorenz_points, BandPoint, BarValue, HistogramBin, LorenzCurve,
};
use crate::output::OutputError;

/// The rows of `table` whose column `column` holds `value` (all rows when `filter` is
/// `None`).
pub fn rows_where(
    table: &CsvTable,
    filter: Option<(&str, &str)>,
) -> Result<Vec<usize>, OutputError> {
    match filter {
        None => Ok((0..table.rows.len()).collect()),
        Some((column, value)) => {
            let index = table.column(column)?;
            Ok((0..table.rows.len())
                .filter(|&row| table.text(row, index) == value)
                .collect())
        }
    }
}

/// For each distinct x of `x_column` among `rows` (in first-seen order), the mean and the
/// 5–95% band of `y_column` × `scale` over the rows with that x (the replicates). Rows
/// with an empty y are left out.
pub fn band(
    table: &CsvTable,
    rows: &[usize],
    x_column: &str,
    y_column: &str,
    scale: f64,
) -> Result<Vec<BandPoint>, OutputError> {
    let x_index = table.column(x_column)?;
    let y_index = table.column(y_column)?;
    let mut xs: Vec<f64> = Vec::new();
    let mut samples: Vec<Vec<f64>> = Vec::new();
    for &row in rows {
        let Some(x) = table.number(row, x_index)? else {
            continue;
        };
        let y = table.number(row, y_index)?;
        let slot = match xs.iter().rposition(|&seen| seen == x) {
            Some(slot) => slot,
            None => {
                xs.push(x);
                samples.push(Vec::new());
                xs.len() - 1
            }
        };
        if let Some(y) = y {
            samples[slot].push(y * scale);
        }
    }
    Ok(xs
        .iter()
        .zip(&samples)
        .filter_map(|(&x, values)| band_point(x, values))
        .collect())
}

/// The distinct texts of `column` among `rows`, in first-seen order.
pub fn distinct(
    table: &CsvTable,
    rows: &[usize],
    column: &str,
) -> Result<Vec<String>, OutputError> {
    let index = table.column(column)?;
    let mut seen: Vec<String> = Vec::new();
    for &row in rows {
        let text = table.text(row, index);
        if !seen.iter().any(|s| s == text) {
            seen.push(text.to_string());
        }
    }
    Ok(seen)
}

/// The Lorenz curve (at most 200 segments) and exact Gini of the integer amounts
/// Σ `columns` over `rows`, labelled `label`; `None` when they sum to zero.
pub fn lorenz(
    table: &CsvTable,
    rows: &[usize],
    columns: &[&str],
    label: &str,
) -> Result<Option<LorenzCurve>, OutputError> {
    let indexes = columns
        .iter()
        .map(|c| table.column(c))
        .collect::<Result<Vec<_>, _>>()?;
    let mut amounts = Vec::with_capacity(rows.len());
    for &row in rows {
        let mut sum = 0i64;
        for &index in &indexes {
            sum = sum.saturating_add(table.integer(row, index)?.max(0));
        }
        amounts.push(sum);
    }
    let Some(points) = lorenz_points(&amounts, 200) else {
        return Ok(None);
    };
    let gini = Inequality::of(&mut amounts).gini;
    Ok(Some(LorenzCurve {
        label: label.to_string(),
        gini,
        points,
    }))
}

/// The share of posts per decade of payout in each payout bin of `payouts.csv` among
/// `rows` (pooled over replicates; the bin's share ÷ its width in decades), with bounds in
/// STEEM; and the share of posts paid nothing. A malformed bin is an error naming its line.
pub fn payout_shares(
    table: &CsvTable,
    rows: &[usize],
) -> Result<(Vec<HistogramBin>, f64), OutputError> {
    let low = table.column("low_steem")?;
    let high = table.column("high_steem")?;
    let posts = table.column("posts")?;
    let mut bins: Vec<(i64, i64, i128)> = Vec::new();
    let mut zero = 0i128;
    let mut total = 0i128;
    for &row in rows {
        let (l, h, n) = (
            table.integer(row, low)?,
            table.integer(row, high)?,
            table.integer(row, posts)?,
        );
        if n < 0 || l < 0 || h < 0 || (h != 0 && h <= l) {
            return Err(OutputError::Report {
                path: table.path.clone(),
                message: format!(
                    "line {}: a bin needs 0 ≤ low_steem < high_steem (or 0, 0 for posts paid nothing) and posts ≥ 0",
                    row + 2
                ),
            });
        }
        let n = i128::from(n);
        total += n;
        if h == 0 {
            zero += n;
            continue;
        }
        match bins.iter_mut().find(|b| b.0 == l && b.1 == h) {
            Some(bin) => bin.2 += n,
            None => bins.push((l, h, n)),
        }
    }
    bins.sort_unstable();
    if total == 0 {
        return Ok((Vec::new(), 0.0));
    }
    let total = total as f64;
    // On a log axis a bin's height is its share per decade of payout, so the 1-2-5 bins
    // (0.30, 0.40, 0.30 decades wide) are drawn with areas proportional to their shares.
    Ok((
        bins.iter()
            .filter(|&&(l, _, _)| l > 0)
            .map(|&(l, h, n)| HistogramBin {
                low: l as f64 / 1000.0,
                high: h as f64 / 1000.0,
                value: n as f64 / total / (h as f64 / l as f64).log10(),
            })
            .collect(),
        zero as f64 / total,
    ))
}

/// The mean of `samples` and, with 2 or more, its 95% Student t interval as a bar with
/// whiskers; `None` without samples.
pub fn bar(samples: &[f64]) -> Option<BarValue> {
    let mean = stats::mean(samples)?;
    let interval = stats::mean_interval(samples, CONFIDENCE);
    Some(BarValue {
        value: mean,
        low: interval.map_or(mean, |i| i.low),
        high: interval.map_or(mean, |i| i.high),
    })
}

/// The values of `column` among `rows`, empty cells left out.
pub fn samples(table: &CsvTable, rows: &[usize], column: &str) -> Result<Vec<f64>, OutputError> {
    let index = table.column(column)?;
    let mut values = Vec::with_capacity(rows.len());
    for &row in rows {
        if let Some(v) = table.number(row, index)? {
            values.push(v);
        }
    }
    Ok(values)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn table(header: &[&str], rows: &[&[&str]]) -> CsvTable {
        CsvTable {
            path: PathBuf::from("t.csv"),
            header: header.iter().map(|s| s.to_string()).collect(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|s| s.to_string()).collect())
                .collect(),
        }
    }

    #[test]
    fn bands_group_replicates_by_day() {
        let t = table(
            &["replicate", "day", "posts"],
            &[
                &["0", "0", "10"],
                &["0", "1", "20"],
                &["1", "0", "30"],
                &["1", "1", ""],
            ],
        );
        let rows = rows_where(&t, None).unwrap();
        let points = band(&t, &rows, "day", "posts", 1.0).unwrap();
        assert_eq!(points.len(), 2);
        assert_eq!((points[0].x, points[0].mean), (0.0, 20.0));
        assert_eq!((points[1].x, points[1].mean), (1.0, 20.0));
        assert_eq!(rows_where(&t, Some(("replicate", "1"))).unwrap(), [2, 3]);
        assert_eq!(distinct(&t, &rows, "replicate").unwrap(), ["0", "1"]);
    }

    #[test]
    fn lorenz_gini_is_exact() {
        let t = table(&["a", "b"], &[&["0", "0"], &["1", "0"], &["0", "3"]]);
        let curve = lorenz(&t, &[0, 1, 2], &["a", "b"], "x").unwrap().unwrap();
        // Amounts 0, 1, 3: Gini = Σ|xi−xj| ÷ (2 n² mean) = 12 ÷ (2·9·4/3) = 0.5.
        assert!((curve.gini - 0.5).abs() < 1e-12, "{}", curve.gini);
        assert!(lorenz(&t, &[0], &["a"], "x").unwrap().is_none());
    }

    #[test]
    fn payout_shares_pool_replicates() {
        let t = table(
            &[
                "replicate",
                "low_steem",
                "high_steem",
                "posts",
                "reward_steem",
            ],
            &[
                &["0", "0", "0", "2", "0"],
                &["0", "1000", "2000", "2", "2500"],
                &["1", "1000", "2000", "4", "5000"],
            ],
        );
        let (bins, zero) = payout_shares(&t, &[0, 1, 2]).unwrap();
        assert_eq!(zero, 0.25);
        assert_eq!((bins.len(), bins[0].low, bins[0].high), (1, 1.0, 2.0));
        // 75% of the posts in a bin 0.301 decades wide: 2.49 per decade.
        assert!((bins[0].value - 0.75 / 2f64.log10()).abs() < 1e-12);
        let bad = table(
            &[
                "replicate",
                "low_steem",
                "high_steem",
                "posts",
                "reward_steem",
            ],
            &[&["0", "2000", "1000", "2", "0"]],
        );
        assert!(payout_shares(&bad, &[0]).is_err());
    }

    #[test]
    fn bars_have_intervals_from_two_samples() {
        let one = bar(&[2.0]).unwrap();
        assert_eq!((one.value, one.low, one.high), (2.0, 2.0, 2.0));
        let two = bar(&[1.0, 3.0]).unwrap();
        assert_eq!(two.value, 2.0);
        assert!(two.low < 1.0 && two.high > 3.0);
        assert!(bar(&[]).is_none());
    }
}
