#if canImport(Glibc)
import CMalloc
#endif

/// How the process's allocator treats the large buffers every hop makes (a page of HTML is larger than
/// glibc's mmap threshold, and the queue, clean and the client copy it several times).
///
/// glibc serves blocks above its mmap threshold with fresh pages from the kernel and returns freed memory
/// at the heap's top past its trim threshold, so each page's buffers were page-faulted in and zeroed anew:
/// the kernel's page clearing showed high in the queue's profile on real pages (docs/BENCHMARKS.md). Keeping
/// such blocks in the heap lets them be reused; the memory kept is bounded by the window of jobs a process
/// holds (`bench/pipeline.py --memory` shows it flat).
///
/// ```swift
/// LargeAllocations.reuseFreedMemory()   // first thing in main
/// ```
public enum LargeAllocations {
    /// Blocks up to 64 MiB come from the heap, and up to 256 MiB of free heap is kept for reuse.
    public static func reuseFreedMemory() {
        #if canImport(Glibc)
        // <malloc.h>'s M_MMAP_THRESHOLD and M_TRIM_THRESHOLD (negative macros, which Swift does not import).
        let mmapThreshold: Int32 = -3, trimThreshold: Int32 = -1
        _ = mallopt(mmapThreshold, 64 << 20)
        _ = mallopt(trimThreshold, 256 << 20)
        #endif
    }
}
