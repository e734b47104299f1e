//! Memory hints for the engine's hot loops. They never change a result, only how soon data
//! arrives in the cache.

/// Asks the CPU to start loading the cache line holding `value` (x86-64; nothing
/// elsewhere), so a read of it later in the loop does not wait for memory.
#[inline(always)]
pub fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint to the cache: it cannot fault and reads nothing into the
    // program (`value` is a valid reference anyway). The intrinsic is safe to call on newer
    // compilers, hence the allow.
    #[allow(unused_unsafe)]
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>((value as *const T).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefetch_changes_nothing() {
        let values = vec![1u64, 2, 3];
        prefetch(&values[2]);
        assert_eq!(values, [1, 2, 3]);
    }
}
