//! The scenario as a tree of keys before it is typed: every key remembers where it came from
//! (file and line, or `--set` argument), so values merged from an `extends` chain and `--set`
//! still point at their own origin in error messages.
//!
//! Invariant: merging is key by key — tables merge recursively and the later value wins —
//! except that a table whose `distribution` (or `model`) changes is replaced whole, so a
//! child switching `population.stake` from pareto to lognormal does not inherit `alpha`
//! (nor a market price model a path's `path`).

use toml::Spanned;

use super::error::{Location, ScenarioError};
use crate::config::toml_tree::{line_column, parse_detailed, Node};

/// One key's value and where it was set.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Where the key was written.
    pub at: Location,
    /// A plain value or a table.
    pub value: ItemValue,
}

/// A value: a TOML leaf (arrays included) or a nested table.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemValue {
    /// A string, number, boolean or array.
    Leaf(toml::Value),
    /// A table.
    Table(Tree),
}

/// A table: keys in the order they were first written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tree {
    /// The keys with their items.
    pub entries: Vec<(String, Item)>,
}

impl Item {
    /// The value as written in messages: strings quoted, tables as "a table".
    pub fn describe(&self) -> String {
        match &self.value {
            ItemValue::Leaf(toml::Value::String(s)) => format!("\"{s}\""),
            ItemValue::Leaf(value) => value.to_string(),
            ItemValue::Table(_) => "a table".to_string(),
        }
    }

    /// The leaf value, if this is not a table.
    pub fn leaf(&self) -> Option<&toml::Value> {
        match &self.value {
            ItemValue::Leaf(value) => Some(value),
            ItemValue::Table(_) => None,
        }
    }

    /// An item made of a plain TOML value (tables become nested items) set at `at`.
    pub fn from_value(value: toml::Value, at: &Location) -> Item {
        let value = match value {
            toml::Value::Table(table) => ItemValue::Table(Tree {
                entries: table
                    .into_iter()
                    .map(|(k, v)| (k, Item::from_value(v, at)))
                    .collect(),
            }),
            leaf => ItemValue::Leaf(leaf),
        };
        Item {
            at: at.clone(),
            value,
        }
    }
}

impl Tree {
    /// Parses the TOML `text` of the file called `source` in messages.
    pub fn parse(text: &str, source: &str) -> Result<Tree, ScenarioError> {
        let root = parse_detailed(text).map_err(|e| ScenarioError::Syntax {
            at: Location::new(source, e.position.map(|(line, _)| line)),
            column: e
                .position
                .map(|(_, column)| format!(", column {column}"))
                .unwrap_or_default(),
            message: e.message,
        })?;
        match root.into_inner() {
            Node::Table(entries) => Ok(Tree::from_entries(entries, text, source)),
            _ => unreachable!("a TOML document is a table"),
        }
    }

    fn from_entries(
        entries: Vec<(Spanned<String>, Spanned<Node>)>,
        text: &str,
        source: &str,
    ) -> Tree {
        let entries = entries
            .into_iter()
            .map(|(key, node)| {
                let at = Location::new(source, Some(line_column(text, key.span().start).0));
                let value = match node.into_inner() {
                    Node::Table(inner) => ItemValue::Table(Tree::from_entries(inner, text, source)),
                    other => ItemValue::Leaf(other.to_value()),
                };
                (key.into_inner(), Item { at, value })
            })
            .collect();
        Tree { entries }
    }

    /// The item of `key`, if present.
    pub fn get(&self, key: &str) -> Option<&Item> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    fn get_mut(&mut self, key: &str) -> Option<&mut Item> {
        self.entries
            .iter_mut()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    /// Removes `key` and returns its item.
    pub fn remove(&mut self, key: &str) -> Option<Item> {
        let index = self.entries.iter().position(|(k, _)| k == key)?;
        Some(self.entries.remove(index).1)
    }

    /// Sets `key` to `item`, replacing any earlier value in place.
    pub fn insert(&mut self, key: &str, item: Item) {
        match self.get_mut(key) {
            Some(slot) => *slot = item,
            None => self.entries.push((key.to_string(), item)),
        }
    }

    /// Lays `child` over `self`: tables merge key by key, other values are replaced. A table
    /// whose `distribution` or `model` differs is replaced whole (see the module invariant).
    pub fn merge(&mut self, child: Tree) {
        for (key, item) in child.entries {
            match (self.get_mut(&key), item.value) {
                (
                    Some(
                        base @ Item {
                            value: ItemValue::Table(_),
                            ..
                        },
                    ),
                    ItemValue::Table(inner),
                ) => {
                    let ItemValue::Table(base_tree) = &mut base.value else {
                        unreachable!()
                    };
                    if switches_distribution(base_tree, &inner) {
                        *base_tree = inner;
                    } else {
                        base_tree.merge(inner);
                    }
                }
                (_, value) => self.insert(&key, Item { at: item.at, value }),
            }
        }
    }

    /// Sets the value at the dotted `path` (created as tables where missing), as `--set`
    /// does. Fails when the path runs through a plain value.
    pub fn set_path(&mut self, path: &[&str], item: Item) -> Result<(), String> {
        let (last, parents) = path.split_last().expect("a non-empty path");
        let mut tree = self;
        for (depth, key) in parents.iter().enumerate() {
            if tree.get(key).is_none() {
                let at = item.at.clone();
                tree.insert(
                    key,
                    Item {
                        at,
                        value: ItemValue::Table(Tree::default()),
                    },
                );
            }
            match &mut tree.get_mut(key).expect("just inserted").value {
                ItemValue::Table(inner) => tree = inner,
                ItemValue::Leaf(_) => {
                    return Err(format!(
                        "'{}' is a value, not a section, so it has no key '{}'",
                        path[..=depth].join("."),
                        path[depth + 1]
                    ))
                }
            }
        }
        if KIND_KEYS.contains(last) {
            let mut single = Tree::default();
            single.insert(last, item.clone());
            if switches_distribution(tree, &single) {
                *tree = Tree::default();
            }
        }
        tree.insert(last, item);
        Ok(())
    }
}

/// The keys that choose a table's kind: a table switching one of them is replaced whole
/// (`population.stake.distribution`, `pools.NAME.price.model`).
const KIND_KEYS: [&str; 2] = ["distribution", "model"];

/// True when `child` sets a kind key ([`KIND_KEYS`]) different from the one `base` has.
fn switches_distribution(base: &Tree, child: &Tree) -> bool {
    KIND_KEYS
        .iter()
        .any(|key| match (base.get(key), child.get(key)) {
            (Some(old), Some(new)) => old.leaf() != new.leaf(),
            _ => false,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(text: &str, source: &str) -> Tree {
        Tree::parse(text, source).unwrap()
    }

    #[test]
    fn keys_keep_their_file_and_line() {
        let t = tree("name = \"x\"\n\n[population]\naccounts = 5\n", "a.toml");
        let ItemValue::Table(population) = &t.get("population").unwrap().value else {
            panic!("a table")
        };
        assert_eq!(
            population.get("accounts").unwrap().at,
            Location::new("a.toml", Some(4))
        );
    }

    #[test]
    fn merge_is_key_by_key_and_child_wins() {
        let mut base = tree(
            "[population]\naccounts = 5\nauthor_share = 0.5\n",
            "base.toml",
        );
        base.merge(tree("[population]\naccounts = 7\n", "child.toml"));
        let ItemValue::Table(population) = &base.get("population").unwrap().value else {
            panic!("a table")
        };
        let accounts = population.get("accounts").unwrap();
        assert_eq!(accounts.leaf(), Some(&toml::Value::Integer(7)));
        assert_eq!(accounts.at.source, "child.toml");
        assert_eq!(
            population.get("author_share").unwrap().at.source,
            "base.toml"
        );
    }

    #[test]
    fn switching_distribution_replaces_the_table() {
        let mut base = tree("[stake]\ndistribution = \"pareto\"\nalpha = 1.0\n", "b");
        base.merge(tree(
            "[stake]\ndistribution = \"lognormal\"\nsigma = 2.0\n",
            "c",
        ));
        let ItemValue::Table(stake) = &base.get("stake").unwrap().value else {
            panic!("a table")
        };
        assert!(stake.get("alpha").is_none());
        let at = Location::new("--set", None);
        let lognormal = Item::from_value(toml::Value::String("pareto".into()), &at);
        base.set_path(&["stake", "distribution"], lognormal)
            .unwrap();
        let ItemValue::Table(stake) = &base.get("stake").unwrap().value else {
            panic!("a table")
        };
        assert!(stake.get("sigma").is_none());
    }

    #[test]
    fn set_path_creates_tables_but_not_through_values() {
        let mut t = tree("name = \"x\"\n", "a");
        let at = Location::new("--set", None);
        t.set_path(
            &["population", "stake", "alpha"],
            Item::from_value(1.2.into(), &at),
        )
        .unwrap();
        assert!(t.get("population").is_some());
        let err = t
            .set_path(&["name", "x"], Item::from_value(1.into(), &at))
            .unwrap_err();
        assert!(err.contains("'name' is a value"), "{err}");
    }
}
