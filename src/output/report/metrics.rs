//! The headline metrics a report's findings table shows, each a column of a run's
//! `summary.csv` with a reader's name and how its values read (unit and format).

/// How a metric's values are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A count or rate, e.g. posts per day: 4 significant digits.
    Count,
    /// An amount in milli-STEEM, shown in STEEM.
    Steem,
    /// A fraction shown as a percentage with one decimal.
    Percent,
    /// A pure number such as a Gini coefficient or an index: 3 decimals.
    Index,
}

/// The values a metric can take: interval bounds outside them are clipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Range {
    /// Any value.
    Any,
    /// 0 or more (counts, amounts).
    NonNegative,
    /// 0 to 1 (shares, Gini coefficients).
    Unit,
}

impl Range {
    /// `value` clipped to the range.
    pub fn clip(self, value: f64) -> f64 {
        match self {
            Range::Any => value,
            Range::NonNegative => value.max(0.0),
            Range::Unit => value.clamp(0.0, 1.0),
        }
    }
}

/// One headline metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Metric {
    /// Its column in a run's `summary.csv`.
    pub column: &'static str,
    /// Its name in a report, with the unit where it has one.
    pub label: &'static str,
    /// How its values are shown.
    pub format: Format,
    /// The values it can take.
    pub range: Range,
}

const fn metric(column: &'static str, label: &'static str, format: Format) -> Metric {
    let range = match format {
        Format::Count | Format::Steem => Range::NonNegative,
        Format::Percent => Range::Unit,
        Format::Index => Range::Any,
    };
    Metric {
        column,
        label,
        format,
        range,
    }
}

const fn unit(metric: Metric) -> Metric {
    Metric {
        range: Range::Unit,
        ..metric
    }
}

/// The findings table's rows, in order: activity, where rewards went, inequality, people.
pub const HEADLINE: [Metric; 16] = [
    metric("mean_posts_per_day", "posts per day", Format::Count),
    metric("mean_votes_per_day", "votes per day", Format::Count),
    metric(
        "mean_active_authors_per_day",
        "active authors per day",
        Format::Count,
    ),
    metric(
        "paid_authors_steem",
        "author rewards paid over the run (STEEM)",
        Format::Steem,
    ),
    metric(
        "self_vote_share",
        "self-votes (% of upvote rshares)",
        Format::Percent,
    ),
    metric(
        "paid_vote_share",
        "bought votes (% of upvote rshares)",
        Format::Percent,
    ),
    // Downvote rshares ÷ upvote rshares: can exceed 100%.
    Metric {
        range: Range::NonNegative,
        ..metric(
            "downvote_share",
            "downvotes (% of upvote rshares)",
            Format::Percent,
        )
    },
    unit(metric(
        "gini_author_rewards",
        "Gini of author rewards per post",
        Format::Index,
    )),
    metric(
        "top1_share_author_rewards",
        "top 1% of posts' share of author rewards",
        Format::Percent,
    ),
    unit(metric(
        "gini_account_rewards",
        "Gini of rewards per account",
        Format::Index,
    )),
    unit(metric(
        "gini_stake_end",
        "Gini of stake at the end",
        Format::Index,
    )),
    metric(
        "nakamoto_stake_end",
        "accounts holding half the stake at the end (Nakamoto)",
        Format::Count,
    ),
    metric(
        "mean_quality_payout_correlation",
        "quality–payout rank correlation",
        Format::Index,
    ),
    metric(
        "retention",
        "retention (initial accounts still present)",
        Format::Percent,
    ),
    metric("mean_envy_index", "envy index (mean)", Format::Index),
    metric("mean_satisfaction", "satisfaction (mean)", Format::Index),
];

/// The headline metrics that a sweep's table and heat maps show.
pub const SWEEP: [&str; 5] = [
    "mean_posts_per_day",
    "gini_account_rewards",
    "retention",
    "mean_envy_index",
    "mean_satisfaction",
];

/// The headline metric of `column`.
pub fn by_column(column: &str) -> Option<&'static Metric> {
    HEADLINE.iter().find(|m| m.column == column)
}

impl Format {
    /// `value` (in the summary's unit) as a reader sees it, without the unit.
    pub fn show(self, value: f64) -> String {
        match self {
            Format::Count => significant(value),
            Format::Steem => grouped(value / 1000.0),
            Format::Percent => format!("{:.1}%", value * 100.0),
            Format::Index => format!("{value:.3}"),
        }
    }

    /// A difference of `value` (in the summary's unit), signed.
    pub fn show_difference(self, value: f64) -> String {
        let text = match self {
            Format::Percent => format!("{:.1} pt", value.abs() * 100.0),
            _ => self.show(value.abs()),
        };
        let sign = if value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
            "−"
        } else if value > 0.0 {
            "+"
        } else {
            ""
        };
        format!("{sign}{text}")
    }
}

/// `value` with 4 significant digits (no exponent below a trillion), thousands grouped.
fn significant(value: f64) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let magnitude = value.abs();
    let decimals = if magnitude >= 1000.0 {
        0
    } else if magnitude >= 100.0 {
        1
    } else if magnitude >= 10.0 {
        2
    } else {
        3
    };
    let decimals = if value.fract() == 0.0 { 0 } else { decimals };
    let text = format!("{value:.decimals$}");
    group_thousands(&text)
}

/// `value` with 3 decimals and grouped thousands (STEEM amounts).
fn grouped(value: f64) -> String {
    group_thousands(&format!("{value:.3}"))
}

fn group_thousands(text: &str) -> String {
    let (sign, rest) = text.strip_prefix('-').map_or(("", text), |r| ("-", r));
    let (whole, fraction) = rest
        .split_once('.')
        .map_or((rest, None), |(w, f)| (w, Some(f)));
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    match fraction {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_as_people_write_them() {
        assert_eq!(Format::Count.show(937.8), "937.8");
        assert_eq!(Format::Count.show(16448.73), "16,449");
        assert_eq!(Format::Count.show(7.0), "7");
        assert_eq!(Format::Count.show(7.5), "7.500");
        assert_eq!(Format::Count.show(3000.0), "3,000");
        assert_eq!(Range::Unit.clip(-0.1), 0.0);
        assert_eq!(Range::NonNegative.clip(-3.0), 0.0);
        assert_eq!(Range::Any.clip(-3.0), -3.0);
        assert_eq!(Format::Steem.show(6_578_362_431.0), "6,578,362.431");
        assert_eq!(Format::Percent.show(0.0398), "4.0%");
        assert_eq!(Format::Index.show(0.96831), "0.968");
        assert_eq!(Format::Percent.show_difference(-0.012), "−1.2 pt");
        assert_eq!(Format::Index.show_difference(0.02), "+0.020");
        assert_eq!(Format::Index.show_difference(-0.0001), "0.000");
        assert_eq!(Format::Steem.show(-1500.0), "-1.500");
    }

    #[test]
    fn every_sweep_metric_is_a_headline() {
        for column in SWEEP {
            assert!(by_column(column).is_some(), "{column}");
        }
    }
}
