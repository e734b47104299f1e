//! Prefetch hints for the engine's hot loops: they never change a result, only how soon
//! data arrives in the cache.

/// Cache line size assumed by [`prefetch_whole`], bytes.
const CACHE_LINE: usize = 64;

/// Asks the CPU to start loading the cache line holding `value` (x86-64; nothing
/// elsewhere), so a read of it later in the loop does not wait for memory.
#[inline(always)]
pub fn prefetch<T>(value: &T) {
    prefetch_line((value as *const T).cast());
}

/// [`prefetch`] for every cache line of `value`, for values spanning several lines (such
/// as a 128-byte block aligned to a line).
#[inline(always)]
pub fn prefetch_whole<T>(value: &T) {
    let start = (value as *const T).cast::<u8>();
    for offset in (0..std::mem::size_of::<T>()).step_by(CACHE_LINE) {
        prefetch_line(start.wrapping_add(offset));
    }
}

#[inline(always)]
fn prefetch_line(address: *const u8) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint to the cache: it cannot fault, whatever the address,
    // and reads nothing into the program. The intrinsic is safe to call on newer
    // compilers, hence the allow.
    #[allow(unused_unsafe)]
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>(address.cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = address;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefetch_changes_nothing() {
        let values = vec![1u64, 2, 3];
        prefetch(&values[2]);
        prefetch_whole(&values);
        prefetch_whole(&[0u8; 200]);
        assert_eq!(values, [1, 2, 3]);
    }
}
