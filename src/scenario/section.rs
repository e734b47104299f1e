//! Typed reading of one section of the merged tree. Every getter takes the key's default (the
//! value used when the key is absent from the file, its `extends` chain and `--set`) and the
//! allowed range, and fails with the key's origin, full path, the value found and what is
//! allowed.
//!
//! Units: decimals are read exactly (no float rounding) into scaled integers — STEEM amounts
//! into milli-STEEM (3 decimals), percentages into basis points (2 decimals).

use super::error::{Location, ScenarioError};
use super::tree::{Item, ItemValue, Tree};
use crate::suggest::did_you_mean;

/// A section (`population`, `population.stake`, or the top level when `path` is empty).
#[derive(Debug, Clone, Copy)]
pub struct Section<'a> {
    tree: &'a Tree,
    path: &'a str,
    at: &'a Location,
}

/// An empty table, for sections absent from the file.
static EMPTY: Tree = Tree {
    entries: Vec::new(),
};

impl<'a> Section<'a> {
    /// The top level of `tree`; `file` is named in messages about defaults.
    pub fn root(tree: &'a Tree, file: &'a Location) -> Section<'a> {
        Section {
            tree,
            path: "",
            at: file,
        }
    }

    /// The sub-table `key` called `path` in messages (empty when absent).
    pub fn table(&self, key: &str, path: &'a str) -> Result<Section<'a>, ScenarioError> {
        match self.tree.get(key) {
            None => Ok(Section {
                tree: &EMPTY,
                path,
                at: self.at,
            }),
            Some(Item {
                at,
                value: ItemValue::Table(tree),
            }) => Ok(Section { tree, path, at }),
            Some(item) => Err(ScenarioError::WrongType {
                at: item.at.clone(),
                key: path.to_string(),
                found: item.describe(),
                expected: format!("a table ([{path}])"),
            }),
        }
    }

    /// The keys of this section, each of which must hold a table (`[pools.PAL]`), in the
    /// order written.
    pub fn table_names(&self) -> Result<Vec<String>, ScenarioError> {
        let mut names = Vec::with_capacity(self.tree.entries.len());
        for (key, item) in &self.tree.entries {
            if !matches!(item.value, ItemValue::Table(_)) {
                return Err(self.wrong_type(
                    item,
                    key,
                    &format!("a table ([{}])", self.key_path(key)),
                ));
            }
            names.push(key.clone());
        }
        Ok(names)
    }

    /// Where the section is (its header, or the file when it is absent).
    pub fn location(&self) -> &'a Location {
        self.at
    }

    /// The item of `key`, if present.
    pub fn get(&self, key: &str) -> Option<&'a Item> {
        self.tree.get(key)
    }

    /// The full path of `key` (`population.accounts`).
    pub fn key_path(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// Where `key` was set, or the section when it was not.
    pub fn at(&self, key: &str) -> Location {
        self.get(key)
            .map_or_else(|| self.at.clone(), |i| i.at.clone())
    }

    /// Fails on the first key not in `allowed`, suggesting the closest.
    pub fn check_keys(&self, allowed: &[&str]) -> Result<(), ScenarioError> {
        for (key, item) in &self.tree.entries {
            if !allowed.contains(&key.as_str()) {
                let section = self.path.is_empty() && matches!(item.value, ItemValue::Table(_));
                return Err(ScenarioError::UnknownKey {
                    at: item.at.clone(),
                    section,
                    key: self.key_path(key),
                    suggestion: did_you_mean(key, allowed.iter().copied()),
                    allowed: allowed.join(", "),
                });
            }
        }
        Ok(())
    }

    /// An error saying `key`'s value is not in `allowed`.
    pub fn out_of_range(&self, key: &str, allowed: impl Into<String>) -> ScenarioError {
        ScenarioError::OutOfRange {
            at: self.at(key),
            key: self.key_path(key),
            found: self
                .get(key)
                .map_or_else(|| "(default)".into(), Item::describe),
            allowed: allowed.into(),
        }
    }

    fn wrong_type(&self, item: &Item, key: &str, expected: &str) -> ScenarioError {
        ScenarioError::WrongType {
            at: item.at.clone(),
            key: self.key_path(key),
            found: item.describe(),
            expected: expected.to_string(),
        }
    }

    /// An integer in `min..=max`; absent: `default`.
    pub fn int(&self, key: &str, min: i64, max: i64, default: i64) -> Result<i64, ScenarioError> {
        let Some(item) = self.get(key) else {
            return Ok(default);
        };
        match item.leaf() {
            Some(toml::Value::Integer(v)) if (min..=max).contains(v) => Ok(*v),
            Some(toml::Value::Integer(_)) => {
                Err(self.out_of_range(key, format!("an integer in {min}..={max}")))
            }
            _ => Err(self.wrong_type(item, key, "an integer")),
        }
    }

    /// As [`Section::int`] for a `u32`.
    pub fn u32(&self, key: &str, min: u32, max: u32, default: u32) -> Result<u32, ScenarioError> {
        let value = self.int(key, min.into(), max.into(), default.into())?;
        Ok(u32::try_from(value).expect("checked range"))
    }

    /// A finite number in `min..=max` (integers allowed); absent: `default`.
    pub fn float(&self, key: &str, min: f64, max: f64, default: f64) -> Result<f64, ScenarioError> {
        let Some(item) = self.get(key) else {
            return Ok(default);
        };
        let value = match item.leaf() {
            Some(toml::Value::Float(v)) => *v,
            Some(toml::Value::Integer(v)) => *v as f64,
            _ => return Err(self.wrong_type(item, key, "a number")),
        };
        if value.is_finite() && (min..=max).contains(&value) {
            Ok(value)
        } else {
            Err(self.out_of_range(key, format!("a finite number in {min}..={max}")))
        }
    }

    /// A non-empty array of at most `max_len` finite numbers, each in `min..=max`
    /// (integers allowed); absent: `default`.
    pub fn floats(
        &self,
        key: &str,
        (min, max): (f64, f64),
        max_len: usize,
        default: &[f64],
    ) -> Result<Vec<f64>, ScenarioError> {
        let Some(item) = self.get(key) else {
            return Ok(default.to_vec());
        };
        let expected = format!("an array of 1 to {max_len} numbers, each in {min}..={max}");
        let Some(toml::Value::Array(values)) = item.leaf() else {
            return Err(self.wrong_type(item, key, &expected));
        };
        let numbers: Option<Vec<f64>> = values
            .iter()
            .map(|v| match v {
                toml::Value::Float(x) => Some(*x),
                toml::Value::Integer(i) => Some(*i as f64),
                _ => None,
            })
            .collect();
        let Some(numbers) = numbers else {
            return Err(self.wrong_type(item, key, &expected));
        };
        if numbers.is_empty()
            || numbers.len() > max_len
            || !numbers
                .iter()
                .all(|x| x.is_finite() && (min..=max).contains(x))
        {
            return Err(self.out_of_range(key, expected));
        }
        Ok(numbers)
    }

    /// A boolean; absent: `default`.
    pub fn bool(&self, key: &str, default: bool) -> Result<bool, ScenarioError> {
        match self.get(key) {
            None => Ok(default),
            Some(item) => match item.leaf() {
                Some(toml::Value::Boolean(b)) => Ok(*b),
                _ => Err(self.wrong_type(item, key, "true or false")),
            },
        }
    }

    /// A string, if present.
    pub fn string(&self, key: &str) -> Result<Option<&'a str>, ScenarioError> {
        match self.get(key) {
            None => Ok(None),
            Some(item) => match item.leaf() {
                Some(toml::Value::String(s)) => Ok(Some(s)),
                _ => Err(self.wrong_type(item, key, "a string")),
            },
        }
    }

    /// A decimal with at most `decimals` decimals, scaled by 10^decimals, in `min..=max`
    /// (scaled). Numbers are always accepted; strings ("1.000") only when `strings` is set.
    /// `unit` describes the value in messages ("STEEM", "percent").
    #[allow(clippy::too_many_arguments)]
    pub fn decimal(
        &self,
        key: &str,
        decimals: u32,
        (min, max): (i64, i64),
        default: i64,
        unit: &str,
        strings: bool,
    ) -> Result<i64, ScenarioError> {
        let Some(item) = self.get(key) else {
            return Ok(default);
        };
        let text = match item.leaf() {
            Some(toml::Value::Integer(v)) => v.to_string(),
            Some(toml::Value::Float(v)) if v.is_finite() => v.to_string(),
            Some(toml::Value::String(s)) if strings => s.clone(),
            _ => {
                let expected = if strings {
                    format!("a number or a decimal string ({unit})")
                } else {
                    format!("a number ({unit})")
                };
                return Err(self.wrong_type(item, key, &expected));
            }
        };
        let allowed = format!(
            "{} to {} {unit}, at most {decimals} decimals",
            format_scaled(min, decimals),
            format_scaled(max, decimals)
        );
        match parse_scaled(&text, decimals) {
            Some(value) if (min..=max).contains(&value) => Ok(value),
            _ => Err(self.out_of_range(key, allowed)),
        }
    }
}

/// Parses a plain decimal ("12", "-1.5", "0.001") into an integer scaled by 10^decimals;
/// `None` for more decimals than that, other syntax or overflow.
pub fn parse_scaled(text: &str, decimals: u32) -> Option<i64> {
    let text = text.trim();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    let fraction = fraction.trim_end_matches('0');
    if fraction.len() > decimals as usize {
        return None;
    }
    let scale = 10i64.checked_pow(decimals)?;
    let fraction_value = format!("{fraction:0<width$}", width = decimals as usize);
    let fraction_value: i64 = if decimals == 0 {
        0
    } else {
        fraction_value.parse().ok()?
    };
    let value = whole
        .parse::<i64>()
        .ok()?
        .checked_mul(scale)?
        .checked_add(fraction_value)?;
    Some(if negative { -value } else { value })
}

/// `value / 10^decimals` written with exactly `decimals` decimals ("1.000", "9.78").
pub fn format_scaled(value: i64, decimals: u32) -> String {
    if decimals == 0 {
        return value.to_string();
    }
    let scale = 10i64.pow(decimals);
    let sign = if value < 0 { "-" } else { "" };
    let magnitude = value.unsigned_abs();
    format!(
        "{sign}{}.{:0width$}",
        magnitude / scale as u64,
        magnitude % scale as u64,
        width = decimals as usize
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_read_exactly() {
        assert_eq!(parse_scaled("9.78", 2), Some(978));
        assert_eq!(parse_scaled("1.000", 3), Some(1000));
        assert_eq!(parse_scaled("1", 3), Some(1000));
        assert_eq!(parse_scaled("0.1", 3), Some(100));
        assert_eq!(parse_scaled("-0.25", 2), Some(-25));
        assert_eq!(parse_scaled("1.0001", 3), None);
        assert_eq!(parse_scaled("1e3", 3), None);
        assert_eq!(parse_scaled(".5", 3), None);
        assert_eq!(parse_scaled("99999999999999999", 3), None);
        assert_eq!(format_scaled(978, 2), "9.78");
        assert_eq!(format_scaled(1_000, 3), "1.000");
        assert_eq!(format_scaled(5, 0), "5");
    }

    #[test]
    fn getters_check_type_and_range() {
        let tree = Tree::parse("a = 30.0\nb = 5\nc = \"x\"\nd = 0.001\n", "f.toml").unwrap();
        let file = Location::new("f.toml", None);
        let root = Section::root(&tree, &file);
        let err = root.int("a", 0, 10, 1).unwrap_err();
        assert!(matches!(err, ScenarioError::WrongType { .. }), "{err}");
        assert!(
            err.to_string().contains("f.toml: line 1: a = 30.0"),
            "{err}"
        );
        assert!(matches!(
            root.int("b", 0, 4, 1),
            Err(ScenarioError::OutOfRange { .. })
        ));
        assert_eq!(root.int("zz", 0, 4, 3).unwrap(), 3);
        assert!(matches!(
            root.float("c", 0.0, 1.0, 0.0),
            Err(ScenarioError::WrongType { .. })
        ));
        assert_eq!(root.decimal("d", 3, (1, 10), 5, "STEEM", true).unwrap(), 1);
        let err = root
            .decimal("d", 2, (0, 10), 5, "percent", false)
            .unwrap_err();
        assert!(err.to_string().contains("at most 2 decimals"), "{err}");
    }
}
