//! TODO(issue 2): inflation mechanics.
