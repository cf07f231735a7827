//! Two cores where there are two. The run's independent pieces (the attendance view beside the
//! contribution facts, the rule families, the halves of the people) go to helper threads when
//! the platform has them; in WebAssembly, or on one core, the caller's thread does everything.
//! Results come back in job order, so the outputs never depend on the scheduling.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Below this many rows (attendance, contributions, team, stages and projects together) a
/// run stays on one thread: starting helpers costs more than it saves.
pub(crate) const MIN_ROWS: usize = 100_000;

/// How many threads to use: the cores, or 1 where threads cannot be started.
pub(crate) fn workers() -> usize {
    if cfg!(all(target_family = "wasm", not(target_feature = "atomics"))) {
        return 1;
    }
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// The threads for a run over `rows` rows: asked of the system once per run, and passed down
/// (the number changes the speed, never the result).
pub(crate) fn threads_for(rows: usize) -> usize {
    if rows < MIN_ROWS {
        1
    } else {
        workers()
    }
}

/// Runs `a` on this thread and `b` on a helper, and returns both. With `threads` < 2, or
/// without a helper (WebAssembly, or a failed start), `b` runs here after `a`. A panic in `b`
/// reaches the caller.
pub(crate) fn join<A, B: Send>(
    threads: usize,
    a: impl FnOnce() -> A,
    b: impl Fn() -> B + Sync,
) -> (A, B) {
    if threads < 2 {
        return (a(), b());
    }
    let mut done: Option<B> = None;
    let ra = std::thread::scope(|s| {
        // A helper that cannot be started leaves `done` empty: `b` then runs below.
        let _started = std::thread::Builder::new().spawn_scoped(s, || done = Some(b()));
        a()
    });
    let rb = match done {
        Some(r) => r,
        None => b(),
    };
    (ra, rb)
}

/// Runs every job, on up to `threads` threads (this one among them), and returns the results in
/// job order.
pub(crate) fn run_all<T: Send>(threads: usize, jobs: &[&(dyn Fn() -> T + Sync)]) -> Vec<T> {
    let slots: Vec<Mutex<Option<T>>> = jobs.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let work = || loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let (Some(job), Some(slot)) = (jobs.get(i), slots.get(i)) else {
            return;
        };
        let r = job();
        *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some(r);
    };
    let n = threads.min(jobs.len());
    if n > 1 {
        std::thread::scope(|s| {
            for _ in 1..n {
                // A helper that cannot be started leaves its share to the others.
                let _started = std::thread::Builder::new().spawn_scoped(s, work);
            }
            work();
        });
    } else {
        work();
    }
    slots
        .into_iter()
        .zip(jobs)
        .map(|(slot, job)| {
            match slot.into_inner().unwrap_or_else(|e| e.into_inner()) {
                Some(r) => r,
                // Not reached: every job index is claimed by a thread that runs it to the end
                // or panics (and the scope passes the panic on). Run it here all the same.
                None => job(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_job_order() {
        let jobs: Vec<Box<dyn Fn() -> usize + Sync>> = (0..50)
            .map(|i| Box::new(move || (0..(50 - i) * 1000).sum::<usize>() % 7 + i * 10) as _)
            .collect();
        let refs: Vec<&(dyn Fn() -> usize + Sync)> = jobs.iter().map(|j| j.as_ref()).collect();
        let serial: Vec<usize> = refs.iter().map(|j| j()).collect();
        for threads in 1..=3 {
            assert_eq!(run_all(threads, &refs), serial);
            assert_eq!(join(threads, || 1, || "b"), (1, "b"));
        }
    }
}
