//! Loading a scenario: read the file, follow its `extends` chain (presets next to the file,
//! then built in; or paths relative to the file), merge key by key, apply `--set`
//! overrides in order, then read every section into a [`Scenario`].
//!
//! Invariants: `name` and `description` describe one file and are not inherited through
//! `extends`; every value keeps the file and line (or `--set` argument) it came from, so each
//! error points at its origin.

use std::path::{Path, PathBuf};

use super::error::{io_message, Location, ScenarioError};
use super::model::Scenario;
use super::presets;
use super::resolved::resolved_toml;
use super::rules::rules_and_inflation;
use super::section::Section;
use super::sections;
use super::sweep::SweepSpec;
use super::tree::{Item, Tree};
use super::{LoadedScenario, LoadedSweep};
use crate::suggest::did_you_mean;

/// Keys at the top level of a scenario file.
pub const TOP_KEYS: &[&str] = &[
    "name",
    "description",
    "extends",
    "simulation",
    "rules",
    "inflation",
    "market",
    "population",
    "behaviour",
    "visibility",
    "norms",
    "envy",
    "churn",
    "growth",
    "bid_bots",
    "adaptation",
    "output",
    "pools",
];

/// See [`super::load()`].
pub fn load(path: &Path, sets: &[String]) -> Result<LoadedScenario, ScenarioError> {
    let mut sources = Vec::new();
    let source = Source::File(path.to_path_buf());
    let mut tree = read_chain(source, &mut Vec::new(), &mut sources, None)?;
    if let Some(sweep) = tree.get("sweep") {
        return Err(ScenarioError::Sweep {
            at: sweep.at.clone(),
            message: format!(
                "[sweep] makes this file a sweep of many scenarios: run it with \
                 `rewardsim sweep {}`",
                path.display()
            ),
        });
    }
    for arg in sets {
        apply_set(&mut tree, arg)?;
    }
    let file = Location::new(path.display().to_string(), None);
    let (scenario, description) = build(&tree, &file, path)?;
    let resolved_toml = resolved_toml(&scenario, description.as_deref(), &sources);
    Ok(LoadedScenario {
        scenario,
        resolved_toml,
        sources,
    })
}

/// See [`super::load_sweep`].
pub fn load_sweep(path: &Path, sets: &[String]) -> Result<LoadedSweep, ScenarioError> {
    let mut sources = Vec::new();
    let source = Source::File(path.to_path_buf());
    let mut tree = read_chain(source, &mut Vec::new(), &mut sources, None)?;
    let Some(sweep) = tree.remove("sweep") else {
        return Err(ScenarioError::Sweep {
            at: Location::new(path.display().to_string(), None),
            message: "no [sweep] table: nothing to sweep (run one scenario with \
                      `rewardsim run`)"
                .into(),
        });
    };
    let spec = SweepSpec::parse(&sweep)?;
    for arg in sets {
        apply_set(&mut tree, arg)?;
    }
    let file = Location::new(path.display().to_string(), None);
    let mut variants = Vec::with_capacity(spec.variant_count());
    for index in 0..spec.variant_count() {
        let values = spec.variant(index);
        let variant_error = |source: ScenarioError| ScenarioError::Variant {
            index,
            values: values.describe(),
            source: Box::new(source),
        };
        let mut variant = tree.clone();
        values.apply(&mut variant, &spec).map_err(variant_error)?;
        let (scenario, description) = build(&variant, &file, path).map_err(variant_error)?;
        let resolved_toml = resolved_toml(&scenario, description.as_deref(), &sources);
        variants.push((
            values,
            LoadedScenario {
                scenario,
                resolved_toml,
                sources: sources.clone(),
            },
        ));
    }
    Ok(LoadedSweep {
        spec,
        variants,
        sources,
    })
}

/// See [`super::load_preset`].
pub fn load_preset(name: &str, sets: &[String]) -> Result<LoadedScenario, ScenarioError> {
    let Some((name, text)) = presets::find(name) else {
        return Err(ScenarioError::UnknownPreset {
            at: Location::new("the preset name".to_string(), None),
            name: name.to_string(),
            suggestion: did_you_mean(name, presets::names()),
            available: presets::names().join(", "),
        });
    };
    let source = Source::Builtin(name, text);
    let file = Location::new(source.label(), None);
    let mut sources = Vec::new();
    let mut tree = read_chain(source, &mut Vec::new(), &mut sources, None)?;
    for arg in sets {
        apply_set(&mut tree, arg)?;
    }
    let (scenario, description) = build(&tree, &file, Path::new(&format!("{name}.toml")))?;
    let resolved_toml = resolved_toml(&scenario, description.as_deref(), &sources);
    Ok(LoadedScenario {
        scenario,
        resolved_toml,
        sources,
    })
}

/// A scenario file: on disk, or a built-in preset (name, text).
#[derive(Debug, Clone)]
enum Source {
    File(PathBuf),
    Builtin(&'static str, &'static str),
}

impl Source {
    /// How the source is named in messages and in `sources`.
    fn label(&self) -> String {
        match self {
            Source::File(path) => path.display().to_string(),
            Source::Builtin(name, _) => format!("<builtin>/{name}.toml"),
        }
    }

    /// What makes two sources the same file, for cycle detection.
    fn identity(&self) -> String {
        match self {
            Source::File(path) => std::fs::canonicalize(path)
                .unwrap_or_else(|_| path.clone())
                .display()
                .to_string(),
            Source::Builtin(..) => self.label(),
        }
    }
}

/// Reads `source` and, recursively, what it extends; returns the merged tree.
fn read_chain(
    source: Source,
    stack: &mut Vec<(String, String)>,
    sources: &mut Vec<PathBuf>,
    extended_from: Option<&Location>,
) -> Result<Tree, ScenarioError> {
    let (identity, label) = (source.identity(), source.label());
    if let Some(start) = stack.iter().position(|(id, _)| *id == identity) {
        let mut chain: Vec<&str> = stack[start..].iter().map(|(_, l)| l.as_str()).collect();
        chain.push(&label);
        return Err(ScenarioError::CircularExtends {
            at: extended_from
                .map(|at| at.to_string())
                .unwrap_or_else(|| label.clone()),
            chain: chain.join(" → "),
        });
    }
    let text = match &source {
        Source::File(path) => std::fs::read_to_string(path).map_err(|e| ScenarioError::Read {
            path: label.clone(),
            message: io_message(&e),
            context: extended_from
                .map(|at| format!(" (extended from {at})"))
                .unwrap_or_default(),
        })?,
        Source::Builtin(_, text) => text.to_string(),
    };
    sources.push(PathBuf::from(&label));
    let mut tree = Tree::parse(&text, &label)?;
    let Some(extends) = tree.remove("extends") else {
        return Ok(tree);
    };
    let Some(toml::Value::String(name)) = extends.leaf() else {
        return Err(ScenarioError::WrongType {
            at: extends.at.clone(),
            key: "extends".into(),
            found: extends.describe(),
            expected: "a preset name or a path to a .toml file (a string)".into(),
        });
    };
    let parent = resolve_extends(&source, name, &extends.at)?;
    stack.push((identity, label));
    let mut base = read_chain(parent, stack, sources, Some(&extends.at))?;
    stack.pop();
    base.remove("name");
    base.remove("description");
    base.merge(tree);
    Ok(base)
}

/// Where `extends = "name"` in `from` points: a preset name (no `/`, no `.toml`) is looked
/// up next to `from`, then among the built-in presets; anything else is a path relative to
/// `from`'s folder.
fn resolve_extends(from: &Source, name: &str, at: &Location) -> Result<Source, ScenarioError> {
    let dir = match from {
        Source::File(path) => Some(path.parent().unwrap_or(Path::new(""))),
        Source::Builtin(..) => None,
    };
    let is_preset = !name.contains('/') && !name.contains('\\') && !name.ends_with(".toml");
    if !is_preset {
        return Ok(Source::File(
            dir.map_or_else(|| name.into(), |d| d.join(name)),
        ));
    }
    if let Some(dir) = dir {
        let beside = dir.join(format!("{name}.toml"));
        if beside.is_file() {
            return Ok(Source::File(beside));
        }
    }
    match presets::find(name) {
        Some((name, text)) => Ok(Source::Builtin(name, text)),
        None => Err(ScenarioError::UnknownPreset {
            at: at.clone(),
            name: name.to_string(),
            suggestion: did_you_mean(name, presets::names()),
            available: presets::names().join(", "),
        }),
    }
}

/// Applies one `--set section.key=value`: the value is read as TOML, else as a string.
fn apply_set(tree: &mut Tree, arg: &str) -> Result<(), ScenarioError> {
    let bad = |message: &str| ScenarioError::BadSet {
        arg: arg.to_string(),
        message: message.to_string(),
    };
    let Some((key, value)) = arg.split_once('=') else {
        return Err(bad(
            "expected section.key=value (e.g. population.accounts=5000 or rules.era=steem_hf20)",
        ));
    };
    let path: Vec<&str> = key.trim().split('.').map(str::trim).collect();
    if path.iter().any(|part| part.is_empty()) {
        return Err(bad("the key has an empty part; expected section.key=value"));
    }
    if path[0] == "extends" {
        return Err(bad(
            "extends cannot be set with --set (it is applied before --set); write a file that extends the one you want",
        ));
    }
    let at = Location::new(format!("--set {arg}"), None);
    let item = Item::from_value(parse_set_value(value.trim()), &at);
    tree.set_path(&path, item).map_err(|message| bad(&message))
}

/// `text` as a TOML value (`5`, `1.2`, `true`, `"x"`), or as a plain string.
fn parse_set_value(text: &str) -> toml::Value {
    match toml::from_str::<toml::Table>(&format!("value = {text}")) {
        Ok(mut table) if table.len() == 1 => table.remove("value").expect("one key"),
        _ => toml::Value::String(text.to_string()),
    }
}

/// Reads every section of the merged `tree` into a [`Scenario`]; `file` is the given file,
/// whose stem is the default name. Returns the scenario and the top file's description.
fn build(
    tree: &Tree,
    file: &Location,
    path: &Path,
) -> Result<(Scenario, Option<String>), ScenarioError> {
    let mut tree = tree.clone();
    super::pools::expand_presets(&mut tree)?;
    let tree = &tree;
    let root = Section::root(tree, file);
    root.check_keys(TOP_KEYS)?;
    let name_allowed = "1 or more of A-Z a-z 0-9 _ . - (not only dots); it names the output folder";
    let name = match root.string("name")? {
        Some(name) if valid_name(name) => name.to_string(),
        Some(_) => return Err(root.out_of_range("name", name_allowed)),
        None => {
            let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
            match stem {
                Some(stem) if valid_name(&stem) => stem,
                stem => {
                    return Err(ScenarioError::OutOfRange {
                        at: file.clone(),
                        key: "name".into(),
                        found: format!("\"{}\" (the file stem)", stem.unwrap_or_default()),
                        allowed: format!("{name_allowed}; set name = \"...\" in the file"),
                    })
                }
            }
        }
    };
    let description = root.string("description")?.map(str::to_string);
    let d = Scenario::default();
    let (era, rules, inflation) = rules_and_inflation(
        root.table("rules", "rules")?,
        root.table("inflation", "inflation")?,
        d.era,
    )?;
    let simulation = sections::simulation(root.table("simulation", "simulation")?, &d.simulation)?;
    let population = sections::population(root.table("population", "population")?, &d.population)?;
    let growth = sections::growth(
        root.table("growth", "growth")?,
        &d.growth,
        population.accounts,
        simulation.warmup_days + simulation.days,
    )?;
    let scenario = Scenario {
        name,
        simulation,
        era,
        rules,
        inflation,
        market: sections::market(root.table("market", "market")?, &d.market)?,
        population,
        behaviour: sections::behaviour(root.table("behaviour", "behaviour")?, &d.behaviour)?,
        visibility: sections::visibility(root.table("visibility", "visibility")?, &d.visibility)?,
        norms: sections::norms(root.table("norms", "norms")?, &d.norms)?,
        envy: sections::envy(root.table("envy", "envy")?, &d.envy)?,
        churn: sections::churn(root.table("churn", "churn")?, &d.churn)?,
        growth,
        bid_bots: sections::bid_bots(root.table("bid_bots", "bid_bots")?, &d.bid_bots)?,
        adaptation: sections::adaptation(root.table("adaptation", "adaptation")?, &d.adaptation)?,
        output: sections::output(root.table("output", "output")?, &d.output)?,
        pools: super::pools::pools(root.table("pools", "pools")?)?,
    };
    Ok((scenario, description))
}

/// `[A-Za-z0-9_.-]+`, not only dots (so never `.` or `..`).
fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b))
        && !name.bytes().all(|b| b == b'.')
}

#[cfg(test)]
mod tests;
