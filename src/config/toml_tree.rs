//! A TOML document read as a tree that keeps the position of every key and value, so each
//! error in an input file (payout block files, scenarios) can name its line, its key and
//! what the key allows.
//!
//! Invariant: nothing is accepted silently — [`Table::check_keys`] rejects unknown keys with
//! a did-you-mean suggestion, and every typed getter rejects a wrong type or a value out of
//! range with a message that says what is allowed.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use toml::Spanned;

use crate::mechanics::era::parse_u128_decimal;
use crate::suggest::did_you_mean;

/// A TOML value with positions kept for every key and nested value.
#[derive(Debug, Clone)]
pub enum Node {
    /// A string, integer, float or boolean.
    Leaf(toml::Value),
    /// A table: keys in file order.
    Table(Vec<(Spanned<String>, Spanned<Node>)>),
    /// An array (also an array of tables).
    Array(Vec<Spanned<Node>>),
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NodeVisitor;
        impl<'de> Visitor<'de> for NodeVisitor {
            type Value = Node;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a TOML value")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node, E> {
                Ok(Node::Leaf(toml::Value::Boolean(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
                Ok(Node::Leaf(toml::Value::Integer(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
                i64::try_from(v)
                    .map(|v| Node::Leaf(toml::Value::Integer(v)))
                    .map_err(|_| E::custom("integer past 2^63-1"))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
                Ok(Node::Leaf(toml::Value::Float(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
                Ok(Node::Leaf(toml::Value::String(v.to_string())))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(SpannedNode(item)) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Node::Array(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key()? {
                    let SpannedNode(value) = map.next_value()?;
                    entries.push((key, value));
                }
                Ok(Node::Table(entries))
            }
        }
        deserializer.deserialize_any(NodeVisitor)
    }
}

// toml hands a table that only appears in dotted headers (`[a.b]` with no `[a]`) to
// `Spanned` as a plain map without its span fields, which `Spanned<T>` rejects. These
// mirror serde_spanned's private protocol (stable within serde_spanned 0.6) and accept both:
// such a table takes the span of its first key.
const SPANNED_NAME: &str = "$__serde_spanned_private_Spanned";
const START_FIELD: &str = "$__serde_spanned_private_start";
const END_FIELD: &str = "$__serde_spanned_private_end";
const VALUE_FIELD: &str = "$__serde_spanned_private_value";
const FIELDS: [&str; 3] = [START_FIELD, END_FIELD, VALUE_FIELD];

/// A node with its span; a table seen only through dotted headers gets its first key's span.
struct SpannedNode(Spanned<Node>);

/// A map key in the span protocol: one of its fields, or an ordinary key.
enum MapKey {
    Field(&'static str),
    Key(Spanned<String>),
}

impl<'de> Deserialize<'de> for MapKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = MapKey;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<MapKey, E> {
                Ok(match FIELDS.iter().find(|f| **f == v) {
                    Some(field) => MapKey::Field(field),
                    None => MapKey::Key(Spanned::new(0..0, v.to_string())),
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<MapKey, A::Error> {
                let key =
                    Spanned::<String>::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(MapKey::Key(key))
            }
        }
        deserializer.deserialize_struct(SPANNED_NAME, &FIELDS, KeyVisitor)
    }
}

impl<'de> Deserialize<'de> for SpannedNode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SpannedVisitor;
        impl<'de> Visitor<'de> for SpannedVisitor {
            type Value = SpannedNode;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a TOML value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SpannedNode, A::Error> {
                let (mut start, mut end, mut value) = (None, None, None);
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<MapKey>()? {
                    match key {
                        MapKey::Field(START_FIELD) => start = Some(map.next_value::<usize>()?),
                        MapKey::Field(END_FIELD) => end = Some(map.next_value::<usize>()?),
                        MapKey::Field(_) => value = Some(map.next_value::<Node>()?),
                        MapKey::Key(key) => {
                            let SpannedNode(node) = map.next_value()?;
                            entries.push((key, node));
                        }
                    }
                }
                match (start, end, value) {
                    (Some(start), Some(end), Some(node)) => {
                        Ok(SpannedNode(Spanned::new(start..end, node)))
                    }
                    _ => {
                        let span = entries.first().map_or(0..0, |(k, _)| k.span());
                        Ok(SpannedNode(Spanned::new(span, Node::Table(entries))))
                    }
                }
            }
        }
        deserializer.deserialize_struct(SPANNED_NAME, &FIELDS, SpannedVisitor)
    }
}

impl Node {
    /// The value without positions.
    pub fn to_value(&self) -> toml::Value {
        match self {
            Node::Leaf(value) => value.clone(),
            Node::Array(items) => {
                toml::Value::Array(items.iter().map(|i| i.get_ref().to_value()).collect())
            }
            Node::Table(entries) => toml::Value::Table(
                entries
                    .iter()
                    .map(|(k, v)| (k.get_ref().clone(), v.get_ref().to_value()))
                    .collect(),
            ),
        }
    }

    fn describe(&self) -> String {
        match self {
            Node::Leaf(toml::Value::String(s)) => format!("\"{s}\""),
            Node::Leaf(value) => value.to_string(),
            Node::Array(_) => "an array".to_string(),
            Node::Table(_) => "a table".to_string(),
        }
    }
}

/// A TOML syntax error: the message and, when the parser knows it, the 1-based line and
/// column where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// 1-based line and column, if known.
    pub position: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => write!(f, "line {line}, column {column}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Parses `text` into a tree; a syntax error names its line and column.
pub fn parse(text: &str) -> Result<Spanned<Node>, String> {
    parse_detailed(text).map_err(|e| e.to_string())
}

/// As [`parse`], with the error's position kept apart from its message.
pub fn parse_detailed(text: &str) -> Result<Spanned<Node>, SyntaxError> {
    toml::from_str::<SpannedNode>(text)
        .map(|n| n.0)
        .map_err(|e| SyntaxError {
            position: e.span().map(|span| line_column(text, span.start)),
            message: e.message().trim_end().replace(
                "invalid type: string \"$__toml_private_datetime\", expected a spanned value",
                "dates and times are not allowed here",
            ),
        })
}

/// 1-based line and column of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = 1 + before.matches('\n').count();
    let column = 1 + before
        .rfind('\n')
        .map_or(before.len(), |nl| before.len() - nl - 1);
    (line, column)
}

/// One table of the tree with the text it came from and a name for messages.
#[derive(Debug, Clone, Copy)]
pub struct Table<'a> {
    text: &'a str,
    entries: &'a [(Spanned<String>, Spanned<Node>)],
    start: usize,
    name: &'a str,
}

impl<'a> Table<'a> {
    /// The table in `node` (read from `text`), called `name` in messages.
    pub fn new(text: &'a str, node: &'a Spanned<Node>, name: &'a str) -> Result<Table<'a>, String> {
        match node.get_ref() {
            Node::Table(entries) => Ok(Table {
                text,
                entries,
                start: node.span().start,
                name,
            }),
            other => Err(format!(
                "line {}: {name} must be a table, found {}",
                line_column(text, node.span().start).0,
                other.describe()
            )),
        }
    }

    /// The keys with their values, in file order.
    pub fn entries(&self) -> &'a [(Spanned<String>, Spanned<Node>)] {
        self.entries
    }

    /// The 1-based line of the table's start (its header for `[x]` tables).
    pub fn line(&self) -> usize {
        line_column(self.text, self.start).0
    }

    /// The 1-based line of `key` in this table, if present.
    pub fn key_line(&self, key: &str) -> Option<usize> {
        self.entries
            .iter()
            .find(|(k, _)| k.get_ref() == key)
            .map(|(k, _)| line_column(self.text, k.span().start).0)
    }

    /// Fails on the first key not in `allowed`, suggesting the closest allowed key.
    pub fn check_keys(&self, allowed: &[&str]) -> Result<(), String> {
        for (key, _) in self.entries {
            let name = key.get_ref();
            if !allowed.contains(&name.as_str()) {
                return Err(format!(
                    "line {}: {}: unknown key '{name}'{}; allowed keys: {}",
                    line_column(self.text, key.span().start).0,
                    self.name,
                    did_you_mean(name, allowed.iter().copied()),
                    allowed.join(", ")
                ));
            }
        }
        Ok(())
    }

    /// The value of `key`, if present.
    pub fn get(&self, key: &str) -> Option<&'a Spanned<Node>> {
        self.entries
            .iter()
            .find(|(k, _)| k.get_ref() == key)
            .map(|(_, v)| v)
    }

    /// An error about the value of `key`: its line, the key, the value and what is allowed.
    pub fn value_error(&self, key: &str, allowed: impl fmt::Display) -> String {
        match self.get(key) {
            Some(value) => format!(
                "line {}: {}: key '{key}' = {} is not allowed; expected {allowed}",
                line_column(self.text, value.span().start).0,
                self.name,
                value.get_ref().describe()
            ),
            None => self.missing(key, allowed),
        }
    }

    fn missing(&self, key: &str, allowed: impl fmt::Display) -> String {
        format!(
            "line {}: {}: missing key '{key}'; expected {allowed}",
            self.line(),
            self.name
        )
    }

    fn leaf(&self, key: &str) -> Option<&'a toml::Value> {
        match self.get(key)?.get_ref() {
            Node::Leaf(value) => Some(value),
            _ => None,
        }
    }

    /// An integer in `min..=max`; absent: `default`, or an error if there is none.
    pub fn int_in<T>(&self, key: &str, min: T, max: T, default: Option<T>) -> Result<T, String>
    where
        T: TryFrom<i64> + Into<i128> + Copy + fmt::Display,
    {
        let allowed = format!("an integer in {min}..={max}");
        match (self.get(key), default) {
            (None, Some(default)) => Ok(default),
            (None, None) => Err(self.missing(key, allowed)),
            _ => match self.leaf(key) {
                Some(toml::Value::Integer(v))
                    if (min.into()..=max.into()).contains(&i128::from(*v)) =>
                {
                    T::try_from(*v).map_err(|_| self.value_error(key, &allowed))
                }
                _ => Err(self.value_error(key, allowed)),
            },
        }
    }

    /// A u128: a non-negative integer or a string of decimal digits.
    pub fn u128(&self, key: &str) -> Result<u128, String> {
        let allowed = "an integer in 0..=2^128-1 (as a \"decimal string\" past 2^63-1)";
        match self.leaf(key) {
            Some(toml::Value::Integer(v)) if *v >= 0 => Ok(*v as u128),
            Some(toml::Value::String(s)) => {
                parse_u128_decimal(s).map_err(|_| self.value_error(key, allowed))
            }
            _ => Err(self.value_error(key, allowed)),
        }
    }

    /// A non-empty string.
    pub fn string(&self, key: &str, what: &str) -> Result<String, String> {
        match self.leaf(key) {
            Some(toml::Value::String(s)) if !s.trim().is_empty() => Ok(s.clone()),
            _ => Err(self.value_error(key, what)),
        }
    }

    /// A boolean; absent: `default`.
    pub fn bool_or(&self, key: &str, default: bool) -> Result<bool, String> {
        match (self.get(key), self.leaf(key)) {
            (None, _) => Ok(default),
            (_, Some(toml::Value::Boolean(b))) => Ok(*b),
            _ => Err(self.value_error(key, "true or false")),
        }
    }

    /// The array of tables under `key` (`[[name.key]]`); absent: none.
    pub fn tables(&self, key: &str) -> Result<Vec<&'a Spanned<Node>>, String> {
        match self.get(key).map(Spanned::get_ref) {
            None => Ok(Vec::new()),
            Some(Node::Array(items)) => Ok(items.iter().collect()),
            Some(_) => Err(self.value_error(key, format!("an array of tables ([[...{key}]])"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based() {
        assert_eq!(line_column("a\nbc", 0), (1, 1));
        assert_eq!(line_column("a\nbc", 3), (2, 2));
        let err = parse("a = 1\nb = \n").unwrap_err();
        assert!(err.starts_with("line 2"), "{err}");
        // A table named only through a dotted header, and dotted keys.
        let tree = parse("x = 1\n[a.b]\nc = 2\n[d]\ne.f = 3\n").unwrap();
        let Node::Table(entries) = tree.get_ref() else {
            panic!("a table")
        };
        let keys: Vec<&str> = entries.iter().map(|(k, _)| k.get_ref().as_str()).collect();
        assert_eq!(keys, ["x", "a", "d"]);
        assert_eq!(
            line_column("x = 1\n[a.b]\nc = 2\n", entries[1].1.span().start).0,
            2
        );
        assert!(err.starts_with("line 2"), "{err}");
    }
}
