//! Writing results: every file is written to a temporary file beside its destination and
//! renamed into place, so a reader never sees a partial file and a failure leaves nothing.

pub mod atomic;
