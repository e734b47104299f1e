//! CSV in and out for the calculators.
//!
//! [`InputTable`] reads a whole CSV file (or standard input for `-`) with its header, and
//! [`Row`] parses cells into typed values with errors that name the file, line and column and
//! say what is allowed. [`OutputTable`] is the input's columns plus the calculator's answers
//! (or, with [`OutputTable::from_rows`], the fields of one row struct, the only place its
//! columns are named), written to standard output or atomically to a file with
//! [`write_output`].

use std::fmt::Display;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde::Serialize;

use super::CalcError;
use crate::mechanics::era::parse_u128_decimal;
use crate::output::atomic;
use crate::suggest::did_you_mean;

/// A CSV input file read whole: header plus data rows, each with its line number.
#[derive(Debug)]
pub struct InputTable {
    path: PathBuf,
    headers: Vec<String>,
    rows: Vec<(u64, csv::StringRecord)>,
}

impl InputTable {
    /// Reads `path` (`-` for standard input). Cells are trimmed; blank lines are skipped.
    pub fn read(path: &Path) -> Result<InputTable, CalcError> {
        let read_error = |source| CalcError::Read {
            path: path.to_path_buf(),
            source,
        };
        let bytes = if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(read_error)?;
            bytes
        } else {
            std::fs::read(path).map_err(read_error)?
        };
        Self::from_bytes(path, &bytes)
    }

    /// Parses CSV `bytes` read from `path` (the path is only used in messages).
    pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<InputTable, CalcError> {
        let csv_error = |err: csv::Error| {
            let line = err.position().map_or(1, |p| line_of_byte(bytes, p.byte()));
            let message = match err.kind() {
                csv::ErrorKind::UnequalLengths {
                    expected_len, len, ..
                } => format!("{len} fields where the header has {expected_len}"),
                csv::ErrorKind::Utf8 { .. } => "not valid UTF-8 text".to_string(),
                _ => err.to_string(),
            };
            CalcError::Csv {
                path: path.to_path_buf(),
                line,
                message,
            }
        };
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(bytes);
        let headers: Vec<String> = reader
            .headers()
            .map_err(csv_error)?
            .iter()
            .map(str::to_string)
            .collect();
        if headers.iter().all(String::is_empty) {
            return Err(CalcError::Csv {
                path: path.to_path_buf(),
                line: 1,
                message: "the file is empty; the first line must be a header of column names"
                    .to_string(),
            });
        }
        for (i, name) in headers.iter().enumerate() {
            if headers[..i].contains(name) {
                return Err(CalcError::BadHeader {
                    path: path.to_path_buf(),
                    column: name.clone(),
                    problem: "appears twice".to_string(),
                });
            }
        }
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(csv_error)?;
            let line = record
                .position()
                .map_or(0, |p| line_of_byte(bytes, p.byte()));
            rows.push((line, record));
        }
        Ok(InputTable {
            path: path.to_path_buf(),
            headers,
            rows,
        })
    }

    /// The file the table was read from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The column names, in file order.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// True if the header has `column`.
    pub fn has(&self, column: &str) -> bool {
        self.headers.iter().any(|h| h == column)
    }

    /// Fails unless every one of `columns` is in the header, suggesting close names.
    pub fn require(&self, columns: &[&str]) -> Result<(), CalcError> {
        for column in columns {
            if !self.has(column) {
                return Err(CalcError::MissingColumn {
                    path: self.path.clone(),
                    column: column.to_string(),
                    suggestion: did_you_mean(column, self.headers.iter().map(String::as_str))
                        .replace("did you mean", "is it"),
                    found: self.headers.join(","),
                    required: columns.join(","),
                });
            }
        }
        Ok(())
    }

    /// Fails if the header already has one of the calculator's output `columns`.
    pub fn forbid(&self, columns: &[&str]) -> Result<(), CalcError> {
        match columns.iter().find(|c| self.has(c)) {
            Some(column) => Err(CalcError::BadHeader {
                path: self.path.clone(),
                column: column.to_string(),
                problem: "is an output column of this calculator and cannot be an input"
                    .to_string(),
            }),
            None => Ok(()),
        }
    }

    /// The data rows, in file order.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.rows.iter().map(move |(line, record)| Row {
            table: self,
            line: *line,
            record,
        })
    }
}

/// One data row of an [`InputTable`].
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    table: &'a InputTable,
    line: u64,
    record: &'a csv::StringRecord,
}

impl<'a> Row<'a> {
    /// The row's 1-based line in the file (the header is line 1).
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The row's cells as written (trimmed), in column order.
    pub fn cells(&self) -> Vec<String> {
        self.record.iter().map(str::to_string).collect()
    }

    /// The cell in `column`; `None` if the header has no such column.
    pub fn cell(&self, column: &str) -> Option<&'a str> {
        let index = self.table.headers.iter().position(|h| h == column)?;
        self.record.get(index)
    }

    /// The cell in `column`, or `None` when the column is absent or the cell is empty.
    pub fn optional(&self, column: &str) -> Option<&'a str> {
        self.cell(column).filter(|cell| !cell.is_empty())
    }

    /// An error for the cell in `column`, saying what the column allows.
    pub fn value_error(&self, column: &str, allowed: impl Display) -> CalcError {
        CalcError::Value {
            path: self.table.path.clone(),
            line: self.line,
            column: column.to_string(),
            value: self.cell(column).unwrap_or_default().to_string(),
            allowed: allowed.to_string(),
        }
    }

    /// An error about the row as a whole.
    pub fn row_error(&self, message: impl Display) -> CalcError {
        CalcError::Row {
            path: self.table.path.clone(),
            line: self.line,
            message: message.to_string(),
        }
    }

    /// Parses the required cell in `column` with `parse`; on failure (or an empty cell) the
    /// error says the column allows `allowed`.
    pub fn parse<T>(
        &self,
        column: &str,
        allowed: impl Display,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Result<T, CalcError> {
        self.optional(column)
            .and_then(parse)
            .ok_or_else(|| self.value_error(column, allowed))
    }

    /// Like [`Row::parse`], but an absent column or empty cell gives `Ok(None)`.
    pub fn parse_optional<T>(
        &self,
        column: &str,
        allowed: impl Display,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Result<Option<T>, CalcError> {
        match self.optional(column) {
            None => Ok(None),
            Some(cell) => parse(cell)
                .map(Some)
                .ok_or_else(|| self.value_error(column, allowed)),
        }
    }

    /// A required decimal integer in 0..=2^128−1.
    pub fn u128(&self, column: &str) -> Result<u128, CalcError> {
        self.parse(column, ALLOWED_U128, |cell| parse_u128_decimal(cell).ok())
    }

    /// A required decimal integer in `min..=max`.
    pub fn int_in<T>(&self, column: &str, min: T, max: T) -> Result<T, CalcError>
    where
        T: FromStr + PartialOrd + Display + Copy,
    {
        self.parse(column, format!("an integer in {min}..={max}"), |cell| {
            parse_int_in(cell, min, max)
        })
    }

    /// An optional decimal integer in `min..=max` (absent column or empty cell: `None`).
    pub fn optional_int_in<T>(&self, column: &str, min: T, max: T) -> Result<Option<T>, CalcError>
    where
        T: FromStr + PartialOrd + Display + Copy,
    {
        self.parse_optional(column, format!("an integer in {min}..={max}"), |cell| {
            parse_int_in(cell, min, max)
        })
    }
}

/// What a u128 column allows, for messages.
pub const ALLOWED_U128: &str =
    "a decimal integer in 0..=340282366920938463463374607431768211455 (2^128-1)";

/// The 1-based line of the first non-blank character at or after byte `offset` (csv's own
/// line counter skips blank lines).
fn line_of_byte(bytes: &[u8], offset: u64) -> u64 {
    let offset = usize::try_from(offset)
        .unwrap_or(usize::MAX)
        .min(bytes.len());
    let start = bytes[offset..]
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map_or(bytes.len(), |i| offset + i);
    1 + bytes[..start].iter().filter(|&&b| b == b'\n').count() as u64
}

fn parse_int_in<T: FromStr + PartialOrd + Copy>(cell: &str, min: T, max: T) -> Option<T> {
    if cell.starts_with('+') {
        return None;
    }
    cell.parse::<T>()
        .ok()
        .filter(|value| *value >= min && *value <= max)
}

/// A calculator's result: the input's columns followed by the calculator's output columns.
#[derive(Debug, Clone)]
pub struct OutputTable {
    headers: Vec<String>,
    output_columns: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl OutputTable {
    /// An empty table with `input`'s columns followed by `output_columns`.
    pub fn extending(input: &InputTable, output_columns: &[&str]) -> OutputTable {
        let mut headers = input.headers().to_vec();
        headers.extend(output_columns.iter().map(|c| c.to_string()));
        OutputTable {
            headers,
            output_columns: output_columns.iter().map(|c| c.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// An empty table with exactly `columns`.
    pub fn new(columns: &[&str]) -> OutputTable {
        let columns: Vec<String> = columns.iter().map(|c| c.to_string()).collect();
        OutputTable {
            headers: columns.clone(),
            output_columns: columns,
            rows: Vec::new(),
        }
    }

    /// A table of `rows`, one CSV record each, whose columns are the fields of the row
    /// struct `R` in order: the struct is the only place its columns are named. The header
    /// comes from `R::default()`, so an empty table still has it. `R` must serialise as one
    /// flat record (scalar fields; `None` is an empty cell).
    pub fn from_rows<R: Serialize + Default>(rows: &[R]) -> OutputTable {
        let columns: Vec<String> = record_of(&R::default()).0;
        let rows = rows.iter().map(|row| record_of(row).1).collect();
        OutputTable {
            headers: columns.clone(),
            output_columns: columns,
            rows,
        }
    }

    /// Appends a row: `input` row's cells followed by `outputs` (for a table made with
    /// [`OutputTable::new`], pass an empty input).
    pub fn push(&mut self, input: Vec<String>, outputs: Vec<String>) {
        let mut row = input;
        row.extend(outputs);
        debug_assert_eq!(row.len(), self.headers.len());
        self.rows.push(row);
    }

    /// The column names.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// The rows, each a cell per column.
    pub fn rows(&self) -> &[Vec<String>] {
        &self.rows
    }

    /// The columns this calculator adds, which mark a file as its earlier output.
    pub fn output_columns(&self) -> Vec<&str> {
        self.output_columns.iter().map(String::as_str).collect()
    }

    /// The table as CSV bytes (header first, `\n` line ends).
    pub fn to_csv(&self) -> Vec<u8> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer
            .write_record(&self.headers)
            .expect("writing to memory cannot fail");
        for row in &self.rows {
            writer
                .write_record(row)
                .expect("writing to memory cannot fail");
        }
        writer.into_inner().expect("writing to memory cannot fail")
    }
}

/// The column names and cells of one row struct, as the csv crate writes them.
fn record_of<R: Serialize>(row: &R) -> (Vec<String>, Vec<String>) {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .serialize(row)
        .expect("a row struct serialises to one flat record");
    let bytes = writer.into_inner().expect("writing to memory cannot fail");
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let header = reader.headers().expect("the header was just written");
    let header: Vec<String> = header.iter().map(str::to_string).collect();
    let cells = reader
        .records()
        .next()
        .and_then(Result::ok)
        .map(|record| record.iter().map(str::to_string).collect())
        .unwrap_or_default();
    (header, cells)
}

/// Where a calculator writes its table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// Standard output.
    Stdout,
    /// A file, replaced atomically; an existing file that is not this calculator's earlier
    /// output is only replaced with `force`.
    File {
        /// The output file.
        path: PathBuf,
        /// Replace whatever is there.
        force: bool,
    },
}

impl Destination {
    /// `--output PATH` or standard output when absent (or `-`).
    pub fn from_option(path: Option<PathBuf>, force: bool) -> Destination {
        match path {
            Some(path) if path.as_os_str() != "-" => Destination::File { path, force },
            _ => Destination::Stdout,
        }
    }
}

/// Writes finished tables. Every destination is checked before any is written, so a refusal
/// leaves all files as they were.
pub fn write_outputs(outputs: &[(&OutputTable, Destination)]) -> Result<(), CalcError> {
    let mut files = Vec::new();
    for (table, destination) in outputs {
        if let Destination::File { path, force } = destination {
            let output_columns = table.output_columns();
            atomic::check_replaceable(path, *force, |existing| {
                atomic::header_ends_with(existing, &output_columns)
            })
            .map_err(|e| CalcError::OutputExists { path: e.path })?;
            files.push((path.clone(), table.to_csv()));
        }
    }
    atomic::write_all_atomically(&files)
        .map_err(|(path, source)| CalcError::Write { path, source })?;
    for (table, destination) in outputs {
        if *destination == Destination::Stdout {
            use std::io::Write;
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            lock.write_all(&table.to_csv())
                .and_then(|_| lock.flush())
                .map_err(|source| CalcError::Write {
                    path: PathBuf::from("<stdout>"),
                    source,
                })?;
        }
    }
    Ok(())
}

/// Writes one finished table (see [`write_outputs`]).
pub fn write_output(table: &OutputTable, destination: Destination) -> Result<(), CalcError> {
    write_outputs(&[(table, destination)])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> Result<InputTable, CalcError> {
        InputTable::from_bytes(Path::new("in.csv"), text.as_bytes())
    }

    #[test]
    fn reads_rows_with_line_numbers() {
        let t = table("a, b\n1, 2\n\n3,4\n").unwrap();
        let rows: Vec<_> = t.rows().collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].line(), 2);
        assert_eq!(rows[1].line(), 4);
        assert_eq!(rows[1].cell("b"), Some("4"));
    }

    #[test]
    fn errors_name_file_line_and_column() {
        let t = table("a,b\n1,x\n").unwrap();
        let row = t.rows().next().unwrap();
        let err = row.int_in::<i64>("b", 0, 10).unwrap_err().to_string();
        assert_eq!(
            err,
            "in.csv: line 2, column 'b': 'x' is not allowed; expected an integer in 0..=10"
        );
        let err = t.require(&["a", "rshare"]).unwrap_err().to_string();
        assert!(err.contains("missing column 'rshare'"), "{err}");
    }

    #[test]
    fn malformed_rows_are_reported() {
        let err = table("a,b\n1,2,3\n").unwrap_err().to_string();
        assert_eq!(
            err,
            "in.csv: line 2: malformed CSV: 3 fields where the header has 2"
        );
        let err = table("").unwrap_err().to_string();
        assert!(err.contains("empty"), "{err}");
        let err = table("a,a\n").unwrap_err().to_string();
        assert!(err.contains("appears twice"), "{err}");
    }

    #[test]
    fn row_structs_name_their_columns() {
        #[derive(Default, Serialize)]
        struct Row {
            name: String,
            amount: String,
            note: Option<String>,
        }
        let empty = OutputTable::from_rows::<Row>(&[]);
        assert_eq!(empty.to_csv(), b"name,amount,note\n");
        let rows = [Row {
            name: "a,b".to_string(),
            amount: "1.500".to_string(),
            note: None,
        }];
        let table = OutputTable::from_rows(&rows);
        assert_eq!(table.output_columns(), ["name", "amount", "note"]);
        assert_eq!(table.to_csv(), b"name,amount,note\n\"a,b\",1.500,\n");
    }

    #[test]
    fn u128_bounds() {
        let t = table("r\n340282366920938463463374607431768211455\n340282366920938463463374607431768211456\n-1\n+1\n").unwrap();
        let rows: Vec<_> = t.rows().collect();
        assert_eq!(rows[0].u128("r").unwrap(), u128::MAX);
        for row in &rows[1..] {
            assert!(row.u128("r").is_err());
        }
    }
}
