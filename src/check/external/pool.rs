//! Run jobs on a few threads with a per-host limit and a pause between two requests to the
//! same host, so checking a site never hammers one server.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// How hard to push.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub concurrency: usize,
    pub per_host: usize,
    pub delay: Duration,
}

struct State {
    queues: BTreeMap<String, VecDeque<usize>>,
    in_flight: HashMap<String, usize>,
    next_start: HashMap<String, Instant>,
}

impl State {
    /// The next job allowed to start now, or how long to wait for one.
    fn take(&mut self, limits: &Limits) -> Result<Option<(String, usize)>, Duration> {
        let now = Instant::now();
        let mut wait: Option<Duration> = None;
        for (host, queue) in &mut self.queues {
            if queue.is_empty() || self.in_flight.get(host).copied().unwrap_or(0) >= limits.per_host
            {
                continue;
            }
            let ready_at = self.next_start.get(host).copied().unwrap_or(now);
            if ready_at <= now {
                let job = queue.pop_front();
                let host = host.clone();
                *self.in_flight.entry(host.clone()).or_default() += 1;
                self.next_start.insert(host.clone(), now + limits.delay);
                return Ok(job.map(|j| (host, j)));
            }
            let w = ready_at - now;
            wait = Some(wait.map_or(w, |cur| cur.min(w)));
        }
        if self.queues.values().all(VecDeque::is_empty) {
            return Ok(None);
        }
        // Every ready host is at its limit: wake when one finishes, or when a pause ends.
        Err(wait.unwrap_or(Duration::from_millis(50)))
    }
}

/// Run `work` on every job (`(host, job)`), returning results in job order. `done` is called
/// after each job with the number finished so far.
pub fn run<T, R, W, D>(jobs: &[(String, T)], limits: Limits, work: W, done: D) -> Vec<R>
where
    T: Sync,
    R: Send + Default + Clone,
    W: Fn(&T) -> R + Sync,
    D: Fn(usize) + Sync,
{
    let mut queues: BTreeMap<String, VecDeque<usize>> = BTreeMap::new();
    for (i, (host, _)) in jobs.iter().enumerate() {
        queues.entry(host.clone()).or_default().push_back(i);
    }
    let state = Mutex::new(State {
        queues,
        in_flight: HashMap::new(),
        next_start: HashMap::new(),
    });
    let wake = Condvar::new();
    let results = Mutex::new(vec![R::default(); jobs.len()]);
    let finished = Mutex::new(0usize);
    let workers = limits.concurrency.clamp(1, jobs.len().max(1));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let Some((host, i)) = next_job(&state, &wake, &limits) else {
                        return;
                    };
                    let r = work(&jobs[i].1);
                    if let Ok(mut all) = results.lock() {
                        all[i] = r;
                    }
                    if let Ok(mut st) = state.lock()
                        && let Some(n) = st.in_flight.get_mut(&host)
                    {
                        *n = n.saturating_sub(1);
                    }
                    wake.notify_all();
                    if let Ok(mut n) = finished.lock() {
                        *n += 1;
                        done(*n);
                    }
                }
            });
        }
    });
    results.into_inner().unwrap_or_default()
}

fn next_job(state: &Mutex<State>, wake: &Condvar, limits: &Limits) -> Option<(String, usize)> {
    let mut guard = state.lock().ok()?;
    loop {
        match guard.take(limits) {
            Ok(job) => return job,
            Err(wait) => {
                guard = wake.wait_timeout(guard, wait).ok()?.0;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn respects_the_per_host_limit_and_delay() {
        let jobs: Vec<(String, usize)> = (0..6).map(|i| (format!("h{}", i % 2), i)).collect();
        let live = AtomicUsize::new(0);
        let peak = AtomicUsize::new(0);
        let started = Instant::now();
        let limits = Limits {
            concurrency: 4,
            per_host: 1,
            delay: Duration::from_millis(30),
        };
        let out = run(
            &jobs,
            limits,
            |&i| {
                let now = live.fetch_add(1, Ordering::SeqCst) + 1;
                peak.fetch_max(now, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(5));
                live.fetch_sub(1, Ordering::SeqCst);
                i * 10
            },
            |_| {},
        );
        assert_eq!(out, [0, 10, 20, 30, 40, 50]);
        // Two hosts, one request each at a time.
        assert!(peak.load(Ordering::SeqCst) <= 2);
        // Three requests per host, 30 ms apart.
        assert!(started.elapsed() >= Duration::from_millis(60));
    }
}
