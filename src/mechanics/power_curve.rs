//! TODO(issue 2): power_curve mechanics.
