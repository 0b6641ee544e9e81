//! The process's allocators and how they are set up before anything runs.
//!
//! The server allocates with the C library's `malloc`, set up as below.
//! Built with the cargo feature `mimalloc`, its own allocations go to
//! mimalloc instead (what is written in C, SQLite, keeps `malloc`): reads
//! at 16 connections are 12–26 % faster, but streaming every volunteer as
//! CSV the server's peak went from 96 to 161 MiB and the participations'
//! from 83 to 146 MiB, past the exports' 100 MB bound; mimalloc's settings
//! that bring those back (`MIMALLOC_PURGE_DELAY=0`,
//! `MIMALLOC_ARENA_EAGER_COMMIT=0`) work from the environment only, not
//! set from `main`. So it is not the default (BENCHMARKS.md, "The
//! allocator").
//!
//! glibc's `malloc` gives each thread that allocates at the same time as
//! another an arena of its own, up to eight per core, and keeps what is
//! freed in each arena for reuse rather than returning it to the system.
//! A server's threads — the runtime's workers, the blocking pool that reads
//! the SQLite file, one per pooled SQLite connection — each end up holding
//! such free memory: streaming every volunteer as CSV from the national
//! register, the server held 35 MB of live data and 70 MB more of free
//! memory spread over its arenas. Two arenas (one per core of the
//! machines we measure on) hold that to a few MB, at no cost in speed we
//! could measure (BENCHMARKS.md, "Data in and out").
//!
//! What a long export frees is handed back to the system when it ends
//! (`release_free`), so one large download does not leave the server
//! holding its peak for the next.
//!
//! An operator's own setting (`MALLOC_ARENA_MAX`, or `arena_max` in
//! `GLIBC_TUNABLES`) is left as it is. Other C libraries and systems have
//! allocators of their own and are not touched.

/// Arenas the allocator may create, unless the operator said otherwise.
pub const ARENAS: i32 = 2;

/// Cap glibc's arenas at `ARENAS`. Call first thing in `main`, before any
/// thread starts.
pub fn limit_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let operator = std::env::var_os("MALLOC_ARENA_MAX").is_some()
            || std::env::var("GLIBC_TUNABLES").is_ok_and(|t| t.contains("arena_max"));
        if !operator {
            // SAFETY: `mallopt` only sets a parameter of the allocator; it
            // is called before any other thread exists.
            unsafe {
                libc::mallopt(libc::M_ARENA_MAX, ARENAS);
            }
        }
    }
}

/// Return the allocators' free memory to the system; after work that
/// allocated much for a while (a long export), not per request.
pub fn release_free() {
    #[cfg(feature = "mimalloc")]
    // SAFETY: `mi_collect` only returns pages no allocation holds.
    unsafe {
        libmimalloc_sys::mi_collect(true);
    }
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only releases memory no allocation holds.
    unsafe {
        libc::malloc_trim(0);
    }
}
