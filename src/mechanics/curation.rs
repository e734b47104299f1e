//! TODO(issue 2): curation mechanics.
