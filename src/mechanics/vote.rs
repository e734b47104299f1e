//! TODO(issue 2): vote mechanics.
