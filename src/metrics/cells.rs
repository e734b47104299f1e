//! A row as its CSV cells: the column names and the text of each cell, exactly as the row's
//! table writes them. Lets a command treat the columns of a row struct generically (e.g.
//! `compare` reports every numeric column of [`super::RunSummaryRow`]) without naming them
//! a second time: the row struct stays the only place a column is named.

use serde::Serialize;

/// `row`'s columns in file order, each with its cell as the CSV writer formats it (empty for
/// `None`). `row` must serialise as one flat CSV record, as every row struct of
/// [`super::rows`] does.
pub fn named_cells<R: Serialize>(row: &R) -> Vec<(String, String)> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .serialize(row)
        .expect("a row struct serialises to a flat record");
    let bytes = writer.into_inner().expect("writing to memory cannot fail");
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let header = reader
        .headers()
        .expect("the header was just written")
        .clone();
    let record = reader
        .records()
        .next()
        .and_then(Result::ok)
        .unwrap_or_default();
    header
        .iter()
        .zip(record.iter().chain(std::iter::repeat("")))
        .map(|(name, cell)| (name.to_string(), cell.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::RunSummaryRow;

    #[derive(Serialize)]
    struct Row {
        name: &'static str,
        count: u64,
        share: f64,
        missing: Option<f64>,
    }

    #[test]
    fn cells_are_what_the_table_writes() {
        let row = Row {
            name: "a,b",
            count: 7,
            share: 0.25,
            missing: None,
        };
        let cells = named_cells(&row);
        let expected = [
            ("name", "a,b"),
            ("count", "7"),
            ("share", "0.25"),
            ("missing", ""),
        ];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(n, c)| (n.to_string(), c.to_string()))
            .collect();
        assert_eq!(cells, expected);
    }

    #[test]
    fn summary_row_columns_follow_its_fields() {
        let cells = named_cells(&RunSummaryRow::default());
        assert_eq!(cells[0].0, "replicate");
        assert_eq!(cells[1].0, "days");
        assert!(cells
            .iter()
            .any(|(name, _)| name == "curation_return_honest_per_year"));
    }
}
