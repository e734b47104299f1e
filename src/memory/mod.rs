//! Memory hints for the engine's hot loops. They never change a result, only how fast data
//! arrives: cache prefetches ([`prefetch`]) and huge pages for large arrays
//! ([`HugePageAllocator`]).

mod huge_pages;
mod prefetch;

pub use huge_pages::{HugePageAllocator, LARGE_BLOCK_BYTES};
pub use prefetch::{prefetch, prefetch_whole};
