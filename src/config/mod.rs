//! Reading TOML input files with every key's position kept, shared by the `payout` block
//! files and scenario files. Invariant: no I/O here; callers read the text and name the file
//! in their own errors.

pub mod toml_tree;
