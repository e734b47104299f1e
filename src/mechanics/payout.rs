//! TODO(issue 2): payout mechanics.
