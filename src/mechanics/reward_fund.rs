//! TODO(issue 2): reward_fund mechanics.
