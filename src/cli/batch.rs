//! The parallel runner: inputs are parsed on a rayon pool and written by the calling thread,
//! in input order (through a bounded reorder buffer) or in completion order.
//!
//! Memory stays bounded whatever the number of inputs: a worker may start input `i` only while
//! `i < written + window`, so at most `window` results are in flight or waiting to be written.
//! One slow input (a large PDF) therefore holds back the others for at most `window` inputs
//! instead of letting finished records pile up behind it.

use anyhow::{Context, Result};
use rayon::iter::{ParallelBridge, ParallelIterator};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::io::Write;
use std::sync::{mpsc, Condvar, Mutex};

const WORKER_PREFIX: &str = "minutes-worker-";

thread_local! {
    /// The last panic on this worker thread: message and location.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs a panic hook that keeps worker threads quiet.
///
/// A panic on a worker thread is always caught: inside the library (pdf-extract panics on some
/// PDFs by design) or by the runner, which turns it into a per-file error carrying the message
/// taken by [`last_panic`]. Printing a backtrace for it would only bury the real messages.
/// Panics anywhere else are reported in one line.
pub(crate) fn quiet_worker_panics() {
    std::panic::set_hook(Box::new(|info| {
        let on_worker = std::thread::current()
            .name()
            .is_some_and(|n| n.starts_with(WORKER_PREFIX));
        if on_worker {
            LAST_PANIC.with(|p| *p.borrow_mut() = Some(info.to_string()));
        } else {
            let _ = writeln!(std::io::stderr().lock(), "minutes: internal error: {info}");
        }
    }));
}

/// The last panic caught on this worker thread, if any.
pub(crate) fn last_panic() -> Option<String> {
    LAST_PANIC.with(|p| p.borrow_mut().take())
}

/// Output order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Order {
    /// The order of the input list: two runs over the same inputs give identical output
    Input,
    /// As inputs finish: a little faster when input sizes vary a lot, not deterministic
    Completion,
}

/// Lets workers start input `i` only while `i < written + window`.
#[derive(Debug)]
struct Gate {
    state: Mutex<GateState>,
    moved: Condvar,
    window: usize,
}

#[derive(Debug)]
struct GateState {
    written: usize,
    aborted: bool,
}

impl Gate {
    fn new(window: usize) -> Gate {
        Gate {
            state: Mutex::new(GateState {
                written: 0,
                aborted: false,
            }),
            moved: Condvar::new(),
            window,
        }
    }

    /// Waits until input `i` may start; false when the run was aborted.
    fn admit(&self, i: usize) -> bool {
        let Ok(mut state) = self.state.lock() else {
            return false;
        };
        while !state.aborted && i >= state.written + self.window {
            state = match self.moved.wait(state) {
                Ok(s) => s,
                Err(_) => return false,
            };
        }
        !state.aborted
    }

    fn set_written(&self, written: usize) {
        if let Ok(mut state) = self.state.lock() {
            state.written = written;
        }
        self.moved.notify_all();
    }

    fn abort(&self) {
        if let Ok(mut state) = self.state.lock() {
            state.aborted = true;
        }
        self.moved.notify_all();
    }
}

/// Feeds `(index, item)` pairs to the pool, one at a time, as the gate admits them.
struct Feed<'a, I> {
    items: &'a [I],
    next: usize,
    gate: &'a Gate,
}

impl<'a, I> Iterator for Feed<'a, I> {
    type Item = (usize, &'a I);

    fn next(&mut self) -> Option<Self::Item> {
        let item = self.items.get(self.next)?;
        if !self.gate.admit(self.next) {
            return None;
        }
        let i = self.next;
        self.next += 1;
        Some((i, item))
    }
}

/// Runs `work` over `items` on `jobs` threads and hands each result to `sink` on the calling
/// thread, in the chosen order. An error from `sink` stops the run: no new input starts, the
/// ones in flight finish, and the error is returned.
pub(crate) fn run<I, T, W, S>(
    items: &[I],
    jobs: usize,
    order: Order,
    work: W,
    mut sink: S,
) -> Result<()>
where
    I: Sync,
    T: Send,
    W: Fn(&I) -> T + Sync,
    S: FnMut(T) -> Result<()>,
{
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("{WORKER_PREFIX}{i}"))
        .build()
        .context("cannot start worker threads")?;
    let gate = Gate::new((jobs * 8).max(32));
    let (tx, rx) = mpsc::channel::<(usize, T)>();
    std::thread::scope(|scope| {
        let gate = &gate;
        let work = &work;
        scope.spawn(move || {
            pool.install(|| {
                Feed {
                    items,
                    next: 0,
                    gate,
                }
                .par_bridge()
                .for_each_with(tx, |tx, (i, item)| {
                    // A closed receiver means the writer stopped; the result is not needed.
                    let _ = tx.send((i, work(item)));
                });
            });
        });
        let result = write_all(&rx, order, gate, &mut sink);
        if result.is_err() {
            gate.abort();
        }
        drop(rx);
        result
    })
}

fn write_all<T, S>(
    rx: &mpsc::Receiver<(usize, T)>,
    order: Order,
    gate: &Gate,
    sink: &mut S,
) -> Result<()>
where
    S: FnMut(T) -> Result<()>,
{
    let mut written = 0usize;
    match order {
        Order::Completion => {
            for (_, result) in rx {
                sink(result)?;
                written += 1;
                gate.set_written(written);
            }
        }
        Order::Input => {
            let mut pending: BTreeMap<usize, T> = BTreeMap::new();
            for (i, result) in rx {
                pending.insert(i, result);
                let before = written;
                while let Some(next) = pending.remove(&written) {
                    sink(next)?;
                    written += 1;
                }
                if written != before {
                    gate.set_written(written);
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn input_order_is_kept_and_the_window_bounds_work_in_flight() {
        let items: Vec<usize> = (0..500).collect();
        let started = AtomicUsize::new(0);
        let mut out = Vec::new();
        let mut max_ahead = 0;
        run(
            &items,
            4,
            Order::Input,
            |&i| {
                started.fetch_add(1, Ordering::SeqCst);
                if i % 50 == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
                i
            },
            |i| {
                out.push(i);
                max_ahead = max_ahead.max(started.load(Ordering::SeqCst) - out.len());
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(out, items);
        assert!(
            max_ahead <= 32,
            "{max_ahead} inputs ran ahead of the writer"
        );
    }

    #[test]
    fn completion_order_writes_everything() {
        let items: Vec<usize> = (0..200).collect();
        let mut out = Vec::new();
        run(
            &items,
            3,
            Order::Completion,
            |&i| i,
            |i| {
                out.push(i);
                Ok(())
            },
        )
        .unwrap();
        out.sort_unstable();
        assert_eq!(out, items);
    }

    #[test]
    fn a_sink_error_stops_the_run() {
        let items: Vec<usize> = (0..10_000).collect();
        let done = AtomicUsize::new(0);
        let err = run(
            &items,
            2,
            Order::Input,
            |&i| {
                done.fetch_add(1, Ordering::SeqCst);
                i
            },
            |i| {
                if i == 10 {
                    anyhow::bail!("disk full")
                }
                Ok(())
            },
        );
        assert!(err.is_err());
        assert!(done.load(Ordering::SeqCst) < 100);
    }
}
