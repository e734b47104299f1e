//! The CSV files of a result folder read back for a report: a header and rows of text
//! cells, with typed lookups that name the file, line and column of a bad cell.

use std::path::{Path, PathBuf};

use crate::output::OutputError;

/// One CSV file: its header and its rows as text cells.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvTable {
    /// Where it was read from (for errors).
    pub path: PathBuf,
    /// The column names.
    pub header: Vec<String>,
    /// The rows, each as long as the header.
    pub rows: Vec<Vec<String>>,
}

fn report_error(path: &Path, message: String) -> OutputError {
    OutputError::Report {
        path: path.to_path_buf(),
        message,
    }
}

impl CsvTable {
    /// Reads `path`; an error names the file and what is wrong (missing, not CSV, a row of
    /// the wrong length).
    pub fn read(path: &Path) -> Result<CsvTable, OutputError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_path(path)
            .map_err(|e| report_error(path, format!("cannot read: {e}")))?;
        let header = reader
            .headers()
            .map_err(|e| report_error(path, format!("cannot read the header: {e}")))?
            .iter()
            .map(str::to_owned)
            .collect();
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| report_error(path, format!("not a valid CSV: {e}")))?;
            // The csv reader already refuses rows of another length than the header's.
            rows.push(record.iter().map(str::to_owned).collect());
        }
        Ok(CsvTable {
            path: path.to_path_buf(),
            header,
            rows,
        })
    }

    /// Reads `path` if it exists; `None` if it does not.
    pub fn read_if_present(path: &Path) -> Result<Option<CsvTable>, OutputError> {
        if path.exists() {
            CsvTable::read(path).map(Some)
        } else {
            Ok(None)
        }
    }

    /// The index of column `name`; an error names the file and the column it lacks.
    pub fn column(&self, name: &str) -> Result<usize, OutputError> {
        self.header.iter().position(|h| h == name).ok_or_else(|| {
            report_error(
                &self.path,
                format!("has no column `{name}` (is it from another rewardsim version?)"),
            )
        })
    }

    /// Whether the table has column `name`.
    pub fn has(&self, name: &str) -> bool {
        self.header.iter().any(|h| h == name)
    }

    fn cell_error(&self, row: usize, column: usize, what: &str) -> OutputError {
        report_error(
            &self.path,
            format!(
                "line {}, column `{}`: `{}` is not {what}",
                row + 2,
                self.header[column],
                self.rows[row][column]
            ),
        )
    }

    /// The cell at (`row`, `column`) as a finite number; `None` when empty (undefined
    /// values are written as empty cells). An error names the line and column.
    pub fn number(&self, row: usize, column: usize) -> Result<Option<f64>, OutputError> {
        let cell = self.rows[row][column].trim();
        if cell.is_empty() {
            return Ok(None);
        }
        match cell.parse::<f64>() {
            Ok(value) if value.is_finite() => Ok(Some(value)),
            _ => Err(self.cell_error(row, column, "a finite number")),
        }
    }

    /// The cell at (`row`, `column`) as an integer (amounts in the chain's smallest units);
    /// an empty cell is an error.
    pub fn integer(&self, row: usize, column: usize) -> Result<i64, OutputError> {
        self.rows[row][column]
            .trim()
            .parse::<i64>()
            .map_err(|_| self.cell_error(row, column, "an integer"))
    }

    /// The text of the cell at (`row`, `column`).
    pub fn text(&self, row: usize, column: usize) -> &str {
        &self.rows[row][column]
    }

    /// The column `name` as numbers (empty cells `None`), in row order.
    pub fn numbers(&self, name: &str) -> Result<Vec<Option<f64>>, OutputError> {
        let column = self.column(name)?;
        (0..self.rows.len())
            .map(|row| self.number(row, column))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cells_and_names_bad_ones() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        std::fs::write(&path, "a,b\n1,\n2.5,x\n").unwrap();
        let table = CsvTable::read(&path).unwrap();
        assert_eq!(table.numbers("a").unwrap(), [Some(1.0), Some(2.5)]);
        assert_eq!(table.number(0, 1).unwrap(), None);
        let error = table.number(1, 1).unwrap_err().to_string();
        assert!(
            error.contains("line 3, column `b`: `x` is not a finite number"),
            "{error}"
        );
        assert!(table.integer(1, 0).is_err());
        std::fs::write(&path, "a\nNaN\ninf\n").unwrap();
        let infinite = CsvTable::read(&path).unwrap();
        assert!(infinite.number(0, 0).is_err() && infinite.number(1, 0).is_err());
        let missing = table.column("c").unwrap_err().to_string();
        assert!(missing.contains("no column `c`"), "{missing}");
        assert!(CsvTable::read_if_present(&dir.path().join("none.csv"))
            .unwrap()
            .is_none());
        std::fs::write(&path, "a,b\n1\n").unwrap();
        assert!(CsvTable::read(&path).is_err());
    }
}
