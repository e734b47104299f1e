//! `[sweep]`: one scenario file that stands for many. `[sweep.grid]` lists values for
//! scenario keys and takes every combination; `[sweep.zip]` lists values for keys side by
//! side (all lists of one length) and takes them row by row; with both, every zip row is
//! combined with every grid combination. Each key is a scenario key path as `--set` writes
//! it (`"rules.percent_curation_rewards" = [2500, 5000]`).
//!
//! Variants are numbered deterministically: zip rows outermost, then the grid combinations
//! with the last grid key (in file order) varying fastest. Every variant is the base
//! scenario with its values set, checked like any scenario: an unknown key or a value out
//! of range is reported with the sweep file's line.

use super::error::{Location, ScenarioError};
use super::tree::{Item, ItemValue, Tree};

/// Keys of `[sweep]`.
pub const SWEEP_KEYS: &[&str] = &["grid", "zip", "common_random_numbers"];

/// The most variants one sweep may have.
pub const MAX_VARIANTS: usize = 100_000;

/// One swept key and its values.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    /// The scenario key path, dotted (`rules.percent_curation_rewards`).
    pub key: String,
    /// Its values, in the file's order (at least one).
    pub values: Vec<toml::Value>,
    /// Where the list is written.
    pub at: Location,
}

/// A parsed `[sweep]`.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepSpec {
    /// `[sweep.grid]`: every combination of these.
    pub grid: Vec<Axis>,
    /// `[sweep.zip]`: these side by side, all lists of one length.
    pub zip: Vec<Axis>,
    /// Whether every variant's replicate r runs with the same seed (common random numbers:
    /// the variants see the same random world and differences are paired). Default true.
    pub common_random_numbers: bool,
}

/// One variant: the swept keys (grid keys, then zip keys, in file order) and its values.
#[derive(Debug, Clone, PartialEq)]
pub struct VariantValues {
    /// (key path, value) for every swept key.
    pub values: Vec<(String, toml::Value)>,
}

impl SweepSpec {
    /// Reads `[sweep]` from `item` (the table as written at its location).
    pub fn parse(item: &Item) -> Result<SweepSpec, ScenarioError> {
        let bad = |at: &Location, message: String| ScenarioError::Sweep {
            at: at.clone(),
            message,
        };
        let ItemValue::Table(table) = &item.value else {
            return Err(bad(&item.at, "[sweep] must be a table".into()));
        };
        for (key, value) in &table.entries {
            if !SWEEP_KEYS.contains(&key.as_str()) {
                return Err(bad(
                    &value.at,
                    format!(
                        "unknown key 'sweep.{key}'; allowed: {}",
                        SWEEP_KEYS.join(", ")
                    ),
                ));
            }
        }
        let common_random_numbers = match table.get("common_random_numbers") {
            None => true,
            Some(Item {
                value: ItemValue::Leaf(toml::Value::Boolean(b)),
                ..
            }) => *b,
            Some(other) => {
                return Err(bad(
                    &other.at,
                    format!(
                    "sweep.common_random_numbers = {} has the wrong type; expected true or false",
                    other.describe()
                ),
                ))
            }
        };
        let axes = |name: &str| -> Result<Vec<Axis>, ScenarioError> {
            let Some(item) = table.get(name) else {
                return Ok(Vec::new());
            };
            let ItemValue::Table(inner) = &item.value else {
                return Err(bad(
                    &item.at,
                    format!(
                        "sweep.{name} must be a table of \"section.key\" = [values]; found {}",
                        item.describe()
                    ),
                ));
            };
            inner
                .entries
                .iter()
                .map(|(key, item)| axis(name, key, item))
                .collect()
        };
        let spec = SweepSpec {
            grid: axes("grid")?,
            zip: axes("zip")?,
            common_random_numbers,
        };
        if spec.grid.is_empty() && spec.zip.is_empty() {
            return Err(bad(
                &item.at,
                "the sweep is empty: list at least one key under [sweep.grid] or [sweep.zip]"
                    .into(),
            ));
        }
        if let Some(first) = spec.zip.first() {
            for other in &spec.zip[1..] {
                if other.values.len() != first.values.len() {
                    return Err(bad(
                        &other.at,
                        format!(
                            "zip lists must have one length: '{}' has {} values, '{}' has {}",
                            first.key,
                            first.values.len(),
                            other.key,
                            other.values.len()
                        ),
                    ));
                }
            }
        }
        let all: Vec<&Axis> = spec.grid.iter().chain(&spec.zip).collect();
        for (k, a) in all.iter().enumerate() {
            if let Some(earlier) = all[..k].iter().find(|b| b.key == a.key) {
                return Err(bad(
                    &a.at,
                    format!(
                        "'{}' is swept twice (also at {}); sweep each key once",
                        a.key, earlier.at
                    ),
                ));
            }
        }
        let count = spec.variant_count();
        if count > MAX_VARIANTS {
            return Err(bad(
                &item.at,
                format!("the sweep has {count} variants; at most {MAX_VARIANTS}"),
            ));
        }
        Ok(spec)
    }

    /// How many variants: zip rows (1 without zip) × the product of the grid lists'
    /// lengths (saturating).
    pub fn variant_count(&self) -> usize {
        let rows = self.zip.first().map_or(1, |a| a.values.len());
        self.grid
            .iter()
            .fold(rows, |n, a| n.saturating_mul(a.values.len()))
    }

    /// The swept keys: grid keys, then zip keys, in file order.
    pub fn keys(&self) -> Vec<&str> {
        self.grid
            .iter()
            .chain(&self.zip)
            .map(|a| a.key.as_str())
            .collect()
    }

    /// Variant `index` (0-based, below [`Self::variant_count`]): zip row outermost, the
    /// last grid key fastest.
    pub fn variant(&self, index: usize) -> VariantValues {
        let combos: usize = self.grid.iter().map(|a| a.values.len()).product();
        let (row, mut combo) = (index / combos, index % combos);
        let mut grid = vec![None; self.grid.len()];
        for (slot, a) in grid.iter_mut().zip(&self.grid).rev() {
            *slot = Some(a.values[combo % a.values.len()].clone());
            combo /= a.values.len();
        }
        let values = self
            .grid
            .iter()
            .zip(grid)
            .map(|(a, v)| (a.key.clone(), v.expect("filled")))
            .chain(
                self.zip
                    .iter()
                    .map(|a| (a.key.clone(), a.values[row].clone())),
            )
            .collect();
        VariantValues { values }
    }

    /// Where each swept key's list is written, by key.
    pub fn location(&self, key: &str) -> Option<&Location> {
        self.grid
            .iter()
            .chain(&self.zip)
            .find(|a| a.key == key)
            .map(|a| &a.at)
    }
}

impl VariantValues {
    /// The values as CSV cells: strings as they are, other values as TOML writes them.
    pub fn cells(&self) -> Vec<String> {
        self.values
            .iter()
            .map(|(_, v)| match v {
                toml::Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect()
    }

    /// The values as `key=value` (TOML) pairs, for messages.
    pub fn describe(&self) -> String {
        self.values
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Sets every value into `tree`, each at its sweep line.
    pub fn apply(&self, tree: &mut Tree, spec: &SweepSpec) -> Result<(), ScenarioError> {
        for (key, value) in &self.values {
            let at = spec.location(key).cloned().expect("a swept key");
            let path: Vec<&str> = key.split('.').collect();
            let item = Item::from_value(value.clone(), &at);
            tree.set_path(&path, item)
                .map_err(|message| ScenarioError::Sweep { at, message })?;
        }
        Ok(())
    }
}

/// Reads one `"section.key" = [values]` of `[sweep.<table>]`.
fn axis(table: &str, key: &str, item: &Item) -> Result<Axis, ScenarioError> {
    let bad = |message: String| ScenarioError::Sweep {
        at: item.at.clone(),
        message,
    };
    let path: Vec<&str> = key.split('.').collect();
    if path.len() < 2 || path.iter().any(|p| p.trim().is_empty() || *p != p.trim()) {
        return Err(bad(format!(
            "sweep.{table} key '{key}' is not a scenario key path; write \"section.key\" \
             (e.g. \"rules.percent_curation_rewards\"), quoted"
        )));
    }
    if matches!(path[0], "sweep" | "extends" | "name" | "description") {
        return Err(bad(format!(
            "'{key}' cannot be swept: only the sections' keys can (rules, inflation, population, …)"
        )));
    }
    let values = match &item.value {
        ItemValue::Leaf(toml::Value::Array(values)) if !values.is_empty() => values.clone(),
        ItemValue::Leaf(toml::Value::Array(_)) => {
            return Err(bad(format!(
                "sweep.{table} '{key}' lists no values; list at least one"
            )))
        }
        _ => {
            return Err(bad(format!(
                "sweep.{table} '{key}' = {} must be a list of values, e.g. [2500, 5000]",
                item.describe()
            )))
        }
    };
    Ok(Axis {
        key: key.to_string(),
        values,
        at: item.at.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(text: &str) -> Result<SweepSpec, ScenarioError> {
        let mut tree = Tree::parse(text, "s.toml").unwrap();
        SweepSpec::parse(&tree.remove("sweep").expect("a [sweep]"))
    }

    fn err(text: &str) -> String {
        spec(text).unwrap_err().to_string()
    }

    #[test]
    fn grid_takes_every_combination_with_the_last_key_fastest() {
        let s = spec(
            "[sweep.grid]\n\"rules.percent_curation_rewards\" = [2500, 5000]\n\
             \"population.accounts\" = [100, 200, 300]\n",
        )
        .unwrap();
        assert_eq!(s.variant_count(), 6);
        assert!(s.common_random_numbers);
        assert_eq!(
            s.keys(),
            ["rules.percent_curation_rewards", "population.accounts"]
        );
        assert_eq!(s.variant(4).cells(), ["5000", "200"]);
        let v: Vec<String> = (0..6).map(|i| s.variant(i).describe()).collect();
        assert_eq!(
            v[0],
            "rules.percent_curation_rewards=2500, population.accounts=100"
        );
        assert_eq!(
            v[1],
            "rules.percent_curation_rewards=2500, population.accounts=200"
        );
        assert_eq!(
            v[3],
            "rules.percent_curation_rewards=5000, population.accounts=100"
        );
        assert_eq!(
            v[5],
            "rules.percent_curation_rewards=5000, population.accounts=300"
        );
    }

    #[test]
    fn zip_pairs_lists_and_combines_with_the_grid() {
        let s = spec(
            "[sweep]\ncommon_random_numbers = false\n\
             [sweep.zip]\n\"inflation.content\" = [65, 40]\n\"inflation.stakers\" = [15, 40]\n\
             [sweep.grid]\n\"population.accounts\" = [100, 200]\n",
        )
        .unwrap();
        assert!(!s.common_random_numbers);
        assert_eq!(s.variant_count(), 4);
        assert_eq!(
            s.variant(1).describe(),
            "population.accounts=200, inflation.content=65, inflation.stakers=15"
        );
        assert_eq!(
            s.variant(2).describe(),
            "population.accounts=100, inflation.content=40, inflation.stakers=40"
        );
    }

    #[test]
    fn bad_sweeps_name_the_line_and_what_is_wrong() {
        for (text, needle) in [
            ("[sweep]\n", "the sweep is empty"),
            ("[sweep]\ngrid = 3\n", "must be a table"),
            ("[sweep]\nrepeats = 3\n", "unknown key 'sweep.repeats'"),
            (
                "[sweep]\ncommon_random_numbers = 1\n",
                "expected true or false",
            ),
            ("[sweep.grid]\n\"rules.x\" = []\n", "lists no values"),
            (
                "[sweep.grid]\n\"rules.x\" = 5\n",
                "must be a list of values",
            ),
            ("[sweep.grid]\naccounts = [1]\n", "not a scenario key path"),
            ("[sweep.grid]\n\"name.x\" = [1]\n", "cannot be swept"),
            (
                "[sweep.zip]\n\"a.b\" = [1, 2]\n\"a.c\" = [1, 2, 3]\n",
                "zip lists must have one length: 'a.b' has 2 values, 'a.c' has 3",
            ),
            (
                "[sweep.zip]\n\"a.b\" = [1]\n[sweep.grid]\n\"a.b\" = [2]\n",
                "'a.b' is swept twice",
            ),
        ] {
            let message = err(text);
            assert!(message.contains(needle), "{text}: {message}");
            assert!(message.starts_with("s.toml: line "), "{text}: {message}");
        }
    }

    #[test]
    fn variants_are_set_at_the_sweep_line() {
        let s = spec("\n[sweep.grid]\n\"population.accounts\" = [100]\n").unwrap();
        let mut tree = Tree::default();
        s.variant(0).apply(&mut tree, &s).unwrap();
        let population = tree.get("population").unwrap();
        let ItemValue::Table(inner) = &population.value else {
            panic!("a table")
        };
        let accounts = inner.get("accounts").unwrap();
        assert_eq!(accounts.leaf(), Some(&toml::Value::Integer(100)));
        assert_eq!(accounts.at.line, Some(3));
    }
}
