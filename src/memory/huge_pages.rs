//! A global allocator that backs large blocks with transparent huge pages (Linux).
//!
//! The engine reads its per-account and per-post arrays (hundreds of MiB at chain scale) at
//! random. With 4 KiB pages nearly every such read also misses the TLB, and the page walk
//! costs as much as the read; with 2 MiB pages the TLB covers the arrays. Linux gives huge
//! pages to anonymous memory only where a program asks (`madvise(MADV_HUGEPAGE)`, the
//! default `transparent_hugepage=madvise` setting) and only for 2 MiB-aligned ranges, which
//! the system allocator neither asks for nor aligns. So blocks of at least
//! [`LARGE_BLOCK_BYTES`] are mapped here on their own, 2 MiB-aligned and advised; smaller
//! ones go to the system allocator. Where the kernel has no huge pages to give, the advice
//! is ignored and nothing else changes.

use std::alloc::{GlobalAlloc, Layout, System};

/// Blocks of at least this many bytes (2 MiB, one huge page) are mapped on their own and
/// advised as huge pages; smaller blocks go to the system allocator.
pub const LARGE_BLOCK_BYTES: usize = HUGE_PAGE_BYTES;

/// Size and alignment of an x86-64 / AArch64 (4 KiB base page) transparent huge page.
const HUGE_PAGE_BYTES: usize = 2 << 20;

/// The system allocator, except that blocks of at least [`LARGE_BLOCK_BYTES`] are mapped
/// 2 MiB-aligned and advised as transparent huge pages (Linux; elsewhere it is exactly the
/// system allocator). Install it with `#[global_allocator]` in a binary.
#[derive(Debug, Clone, Copy, Default)]
pub struct HugePageAllocator;

/// Whether `layout` is served by a mapping of its own.
fn is_large(layout: Layout) -> bool {
    cfg!(target_os = "linux")
        && layout.size() >= LARGE_BLOCK_BYTES
        && layout.align() <= HUGE_PAGE_BYTES
}

/// Bytes mapped for a large block of `size` bytes.
fn mapped_len(size: usize) -> usize {
    size.next_multiple_of(HUGE_PAGE_BYTES)
}

// SAFETY: every block is either the system allocator's (small layouts, passed through
// unchanged) or a mapping of its own of `mapped_len(size)` bytes, told apart by the layout,
// which callers must pass unchanged to `dealloc` and `realloc` (the GlobalAlloc contract).
// Mappings are at least 2 MiB-aligned, which covers every alignment `is_large` accepts, and
// fresh anonymous mappings are zero, as `alloc_zeroed` promises.
unsafe impl GlobalAlloc for HugePageAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if is_large(layout) {
            map_large(layout.size())
        } else {
            // SAFETY: forwarded under the caller's guarantees.
            unsafe { System.alloc(layout) }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if is_large(layout) {
            map_large(layout.size())
        } else {
            // SAFETY: forwarded under the caller's guarantees.
            unsafe { System.alloc_zeroed(layout) }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if is_large(layout) {
            // SAFETY: `ptr` came from `map_large` for this size (same layout).
            unsafe { unmap_large(ptr, layout.size()) }
        } else {
            // SAFETY: forwarded under the caller's guarantees.
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller guarantees `new_size`, rounded up to `layout.align()`, does
        // not overflow isize.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        match (is_large(layout), is_large(new_layout)) {
            // SAFETY: forwarded under the caller's guarantees.
            (false, false) => unsafe { System.realloc(ptr, layout, new_size) },
            (true, true) if mapped_len(layout.size()) == mapped_len(new_size) => ptr,
            _ => {
                // SAFETY: `new_layout` has a non-zero size (a large block's, or `new_size`,
                // non-zero by the caller's guarantee); the old block is valid for
                // `layout.size()` bytes and the new one for `new_size`.
                unsafe {
                    let moved = self.alloc(new_layout);
                    if !moved.is_null() {
                        std::ptr::copy_nonoverlapping(ptr, moved, layout.size().min(new_size));
                        self.dealloc(ptr, layout);
                    }
                    moved
                }
            }
        }
    }
}

/// Maps `mapped_len(size)` bytes of zeroed memory at a 2 MiB boundary and advises huge
/// pages for them; null if the kernel refuses the mapping.
#[cfg(target_os = "linux")]
fn map_large(size: usize) -> *mut u8 {
    let len = mapped_len(size);
    let Some(reserve) = len.checked_add(HUGE_PAGE_BYTES) else {
        return std::ptr::null_mut();
    };
    // SAFETY: a fresh private anonymous mapping aliases nothing; the unmapped head and
    // tail lie inside it, and the advice only concerns the part we keep.
    unsafe {
        let raw = libc::mmap(
            std::ptr::null_mut(),
            reserve,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        );
        if raw == libc::MAP_FAILED {
            return std::ptr::null_mut();
        }
        let raw = raw.cast::<u8>();
        let head = (raw as usize).next_multiple_of(HUGE_PAGE_BYTES) - raw as usize;
        let start = raw.add(head);
        if head > 0 {
            libc::munmap(raw.cast(), head);
        }
        let tail = HUGE_PAGE_BYTES - head;
        if tail > 0 {
            libc::munmap(start.add(len).cast(), tail);
        }
        // Only a hint: without huge pages the block works the same.
        libc::madvise(start.cast(), len, libc::MADV_HUGEPAGE);
        start
    }
}

#[cfg(not(target_os = "linux"))]
fn map_large(_size: usize) -> *mut u8 {
    unreachable!("large blocks are mapped on Linux only")
}

/// Unmaps a block from [`map_large`] of `size` bytes.
///
/// # Safety
/// `ptr` must come from `map_large(size)` and not be used afterwards.
#[cfg(target_os = "linux")]
unsafe fn unmap_large(ptr: *mut u8, size: usize) {
    // SAFETY: the caller passes a live mapping of exactly this length.
    unsafe {
        libc::munmap(ptr.cast(), mapped_len(size));
    }
}

#[cfg(not(target_os = "linux"))]
unsafe fn unmap_large(_ptr: *mut u8, _size: usize) {
    unreachable!("large blocks are mapped on Linux only")
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: HugePageAllocator = HugePageAllocator;

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).unwrap()
    }

    /// Fills `len` bytes at `ptr` with a pattern keyed by `seed`.
    unsafe fn fill(ptr: *mut u8, len: usize, seed: u8) {
        for i in (0..len).step_by(4093) {
            unsafe { *ptr.add(i) = (i as u8).wrapping_add(seed) };
        }
    }

    unsafe fn holds(ptr: *const u8, len: usize, seed: u8) -> bool {
        (0..len)
            .step_by(4093)
            .all(|i| unsafe { *ptr.add(i) } == (i as u8).wrapping_add(seed))
    }

    #[test]
    fn large_blocks_are_aligned_zeroed_and_keep_their_contents_through_realloc() {
        let size = 3 * LARGE_BLOCK_BYTES + 123;
        let l = layout(size, 8);
        unsafe {
            let p = A.alloc_zeroed(l);
            assert!(!p.is_null());
            if cfg!(target_os = "linux") {
                assert_eq!(p as usize % HUGE_PAGE_BYTES, 0);
            }
            assert!((0..size).step_by(997).all(|i| *p.add(i) == 0));
            fill(p, size, 7);
            // Grows within the same mapping, then past it, then shrinks to a small block.
            let p = A.realloc(p, l, size + 1000);
            assert!(holds(p, size, 7));
            let p = A.realloc(p, layout(size + 1000, 8), 5 * LARGE_BLOCK_BYTES);
            assert!(!p.is_null());
            assert!(holds(p, size, 7));
            fill(p, 5 * LARGE_BLOCK_BYTES, 9);
            let p = A.realloc(p, layout(5 * LARGE_BLOCK_BYTES, 8), 100_000);
            assert!(holds(p, 100_000, 9));
            // And back up from small to large.
            let p = A.realloc(p, layout(100_000, 8), LARGE_BLOCK_BYTES);
            assert!(holds(p, 100_000, 9));
            A.dealloc(p, layout(LARGE_BLOCK_BYTES, 8));
        }
    }

    #[test]
    fn small_and_strongly_aligned_blocks_work_too() {
        unsafe {
            for (size, align) in [(1, 1), (64, 64), (4096, 4096), (LARGE_BLOCK_BYTES, 4 << 20)] {
                let l = layout(size, align);
                let p = A.alloc(l);
                assert!(!p.is_null());
                assert_eq!(p as usize % align, 0);
                fill(p, size, 3);
                assert!(holds(p, size, 3));
                A.dealloc(p, l);
            }
        }
    }
}
