//! TODO(issue 2): price mechanics.
