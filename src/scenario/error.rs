//! Why a scenario could not be loaded. Every variant names where the problem is (a file and
//! line, or a `--set` argument), the key path (`population.stake.alpha`), what was found and
//! what is allowed. None of them lets a run start: the loader returns no `Scenario`.

use std::fmt;

/// Where a value came from: a file (with the line of its key, when there is one) or a
/// `--set` argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file's path as given (built-in presets as `<builtin>/name.toml`), or
    /// `--set ARG`.
    pub source: String,
    /// 1-based line of the key in `source`; `None` for `--set` and for whole files.
    pub line: Option<usize>,
}

impl Location {
    /// A place in a file, or a whole file when `line` is `None`.
    pub fn new(source: impl Into<String>, line: Option<usize>) -> Location {
        Location {
            source: source.into(),
            line,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}: line {line}", self.source),
            None => f.write_str(&self.source),
        }
    }
}

/// Why a scenario could not be loaded. Displayed as one line for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScenarioError {
    /// A scenario file (the given one or one it extends) could not be read.
    #[error("{path}: cannot read: {message}{context}")]
    Read {
        /// The file as given or resolved.
        path: String,
        /// The I/O error, without the OS error number.
        message: String,
        /// Empty, or " (extended from FILE: line N)".
        context: String,
    },
    /// The file is not valid TOML.
    #[error("{at}{column}: invalid TOML: {message}")]
    Syntax {
        /// The file and line.
        at: Location,
        /// Empty, or ", column N".
        column: String,
        /// The parser's message.
        message: String,
    },
    /// A key or section that the format does not have.
    #[error(
        "{at}: unknown {} '{key}'{suggestion}; allowed: {allowed}",
        if *section { "section" } else { "key" }
    )]
    UnknownKey {
        /// Where the key is.
        at: Location,
        /// True for a top-level table (a section), false for a key.
        section: bool,
        /// The full key path as written (`population.acounts`).
        key: String,
        /// ", did you mean 'x'?" or empty.
        suggestion: String,
        /// The keys allowed at that place, comma separated.
        allowed: String,
    },
    /// A value of the wrong TOML type (e.g. `days = 30.0`, or a string for a number).
    #[error("{at}: {key} = {found} has the wrong type; expected {expected}")]
    WrongType {
        /// Where the value is.
        at: Location,
        /// The full key path.
        key: String,
        /// The value as written.
        found: String,
        /// The type the key takes.
        expected: String,
    },
    /// A value of the right type outside what the key allows.
    #[error("{at}: {key} = {found} is not allowed; allowed: {allowed}")]
    OutOfRange {
        /// Where the value is (the section or file when the value is a default).
        at: Location,
        /// The full key path (or the keys of a sum, `behaviour.strategies.*`).
        key: String,
        /// The value (or sum) found.
        found: String,
        /// What is allowed.
        allowed: String,
    },
    /// `extends` names a preset that is neither next to the file nor built in.
    #[error(
        "{at}: extends = \"{name}\": unknown preset{suggestion}; available presets: {available} \
         (or give a path to a .toml file, relative to this file)"
    )]
    UnknownPreset {
        /// The `extends` key.
        at: Location,
        /// The name given.
        name: String,
        /// ", did you mean 'x'?" or empty.
        suggestion: String,
        /// The built-in presets, comma separated.
        available: String,
    },
    /// A file extends itself, directly or through others.
    #[error("{at}: circular extends: key 'extends' closes the cycle {chain}; a scenario cannot extend itself")]
    CircularExtends {
        /// The file and line of the `extends` key that closes the cycle.
        at: String,
        /// The files of the cycle, `a.toml → b.toml → a.toml`.
        chain: String,
    },
    /// `[inflation]` content + stakers + dao + witnesses is not 100.
    #[error(
        "{at}: inflation.content + stakers + dao + witnesses = {} + {} + {} + {} = {}; \
         the four shares of new tokens must sum to exactly 100 (percent)",
        percent(*content), percent(*stakers), percent(*dao), percent(*witnesses),
        percent(*content + *stakers + *dao + *witnesses)
    )]
    InflationSum {
        /// The `[inflation]` section (or the file when it has none).
        at: Location,
        /// Share of new tokens to the reward fund, basis points.
        content: i64,
        /// Share to stakers (the vesting fund), basis points.
        stakers: i64,
        /// Share to the DAO (SPS / DHF), basis points.
        dao: i64,
        /// Share to witnesses, basis points.
        witnesses: i64,
    },
    /// An inflation parameter in `[rules]`; it belongs in `[inflation]`.
    #[error(
        "{at}: rules.{key} is an inflation parameter and cannot be set in [rules]; \
         use inflation.{use_instead} (in percent) instead"
    )]
    InflationKeyInRules {
        /// Where the key is.
        at: Location,
        /// The chain name given in `[rules]`.
        key: String,
        /// The key to use in `[inflation]`.
        use_instead: &'static str,
    },
    /// A `--set` argument that is not `section.key=value`, or that cannot be applied.
    #[error("--set {arg}: {message}")]
    BadSet {
        /// The argument as given.
        arg: String,
        /// What is wrong and what is allowed.
        message: String,
    },
    /// A `[sweep]` that cannot be used, or a scenario file with one given to a command that
    /// runs one scenario.
    #[error("{at}: {message}")]
    Sweep {
        /// Where: the sweep's key or table, or the file.
        at: Location,
        /// What is wrong and what is allowed.
        message: String,
    },
    /// One variant of a sweep is not a valid scenario.
    #[error("sweep variant {index} ({values}): {source}")]
    Variant {
        /// The variant's number (0-based).
        index: usize,
        /// Its swept values, `key=value, …`.
        values: String,
        /// Why it is not valid (pointing at the sweep's line for swept keys).
        source: Box<ScenarioError>,
    },
}

/// Basis points as percent with two decimals ("65.00").
fn percent(bp: i64) -> String {
    super::section::format_scaled(bp, 2)
}

/// `text` without a trailing " (os error N)", as I/O errors print on Unix.
pub fn io_message(error: &std::io::Error) -> String {
    let text = error.to_string();
    match text.rfind(" (os error ") {
        Some(index) => text[..index].to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_print_file_and_line() {
        assert_eq!(
            Location::new("a.toml", Some(3)).to_string(),
            "a.toml: line 3"
        );
        assert_eq!(Location::new("--set x=1", None).to_string(), "--set x=1");
    }

    #[test]
    fn io_messages_drop_the_os_error_number() {
        let error = std::io::Error::from_raw_os_error(2);
        assert!(!io_message(&error).contains("os error"), "{error}");
    }
}
