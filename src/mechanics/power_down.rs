//! TODO(issue 2): power_down mechanics.
