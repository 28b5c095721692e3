//! Bounds that keep slow clients from taking the server away from everyone else: a cap on
//! open connections, a deadline for each whole request head, and, when the cap is near,
//! closing the connections that have waited longest for their head (a slowloris holds its
//! connections in exactly that state; a browser's request arrives in one piece).

use std::collections::BTreeMap;
use std::net::{Shutdown, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Connections served at once by default; more are answered 503 and closed.
pub const MAX_CONNECTIONS: usize = 2048;
/// How long a request head may take by default, counted from the connection's start or the
/// end of the previous response (so it also bounds an idle keep-alive connection).
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// The connection cap and the head deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub connections: usize,
    pub head: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            connections: MAX_CONNECTIONS,
            head: HEAD_TIMEOUT,
        }
    }
}

impl Limits {
    /// The defaults, unless `HELPSITE_TEST_MAX_CONNECTIONS` or `HELPSITE_TEST_HEAD_TIMEOUT_MS`
    /// lower them: knobs for the tests, which must reach the cap and the deadline quickly.
    pub fn from_env() -> Limits {
        let var = |name: &str| -> Option<u64> { std::env::var(name).ok()?.trim().parse().ok() };
        let default = Limits::default();
        Limits {
            connections: var("HELPSITE_TEST_MAX_CONNECTIONS")
                .filter(|&n| n >= 8)
                .map_or(default.connections, |n| n as usize),
            head: var("HELPSITE_TEST_HEAD_TIMEOUT_MS")
                .filter(|&ms| ms > 0)
                .map_or(default.head, Duration::from_millis),
        }
    }

    /// From this many open connections on, each new one closes the connection that has
    /// waited longest for a head; an eighth of the cap stays free for the newcomers.
    fn crowded(&self) -> usize {
        self.connections - self.connections / 8
    }
}

/// Connections waiting for a request head by when they started waiting: the stream (to shut
/// it down) and whether its slot still counts.
type Waiting = BTreeMap<(Instant, u64), (Arc<TcpStream>, Arc<AtomicBool>)>;

/// Open connections, and those of them waiting for a request head, oldest wait first.
pub struct Slots {
    limits: Limits,
    open: Arc<AtomicUsize>,
    waiting: Mutex<Waiting>,
    next: AtomicU64,
}

impl Slots {
    pub fn new(limits: Limits) -> Slots {
        Slots {
            limits,
            open: Arc::new(AtomicUsize::new(0)),
            waiting: Mutex::new(BTreeMap::new()),
            next: AtomicU64::new(0),
        }
    }

    pub fn limits(&self) -> Limits {
        self.limits
    }

    fn waiting(&self) -> MutexGuard<'_, Waiting> {
        // Entries are inserted and removed whole: a poisoned map is still a valid one.
        self.waiting.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A slot for a new connection (held until dropped), or `None` when the cap is reached
    /// and no connection is waiting for a head. When crowded, the connection waiting
    /// longest for its head is closed first.
    pub fn admit(&self) -> Option<Slot> {
        if self.open.load(Ordering::Relaxed) >= self.limits.crowded() {
            self.evict_oldest();
        }
        if self.open.load(Ordering::Relaxed) >= self.limits.connections {
            return None;
        }
        self.open.fetch_add(1, Ordering::Relaxed);
        Some(Slot {
            open: Arc::clone(&self.open),
            counted: Arc::new(AtomicBool::new(true)),
        })
    }

    /// Record that `stream`, holding `slot`, now waits for a request head, until the
    /// returned guard drops.
    pub fn wait(&self, stream: &Arc<TcpStream>, slot: &Slot) -> Waiter<'_> {
        let key = (Instant::now(), self.next.fetch_add(1, Ordering::Relaxed));
        let entry = (Arc::clone(stream), Arc::clone(&slot.counted));
        self.waiting().insert(key, entry);
        Waiter { slots: self, key }
    }

    /// Shut down the connection that has waited longest for its head and free its slot at
    /// once: its thread reads the end of the stream and ends soon, but under a flood of
    /// new connections not always before the next one needs the slot. False when none is
    /// waiting.
    fn evict_oldest(&self) -> bool {
        let Some((_, (stream, counted))) = self.waiting().pop_first() else {
            return false;
        };
        let _ = stream.shutdown(Shutdown::Both);
        release(&self.open, &counted);
        true
    }

    #[cfg(test)]
    fn open(&self) -> usize {
        self.open.load(Ordering::Relaxed)
    }
}

/// Counts a connection as open until dropped, or until it is closed to make room.
pub struct Slot {
    open: Arc<AtomicUsize>,
    counted: Arc<AtomicBool>,
}

impl Drop for Slot {
    fn drop(&mut self) {
        release(&self.open, &self.counted);
    }
}

/// Stop counting a slot, once.
fn release(open: &AtomicUsize, counted: &AtomicBool) {
    if counted.swap(false, Ordering::AcqRel) {
        open.fetch_sub(1, Ordering::Relaxed);
    }
}

/// A connection waiting for a request head; no longer listed once dropped.
pub struct Waiter<'a> {
    slots: &'a Slots,
    key: (Instant, u64),
}

impl Waiter<'_> {
    /// When the head must be complete.
    pub fn deadline(&self) -> Instant {
        self.key.0 + self.slots.limits.head
    }
}

impl Drop for Waiter<'_> {
    fn drop(&mut self) {
        self.slots.waiting().remove(&self.key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;
    use std::net::TcpListener;

    /// A connected pair: the server side (shared, as the registry holds it) and the client.
    fn pair(listener: &TcpListener) -> (Arc<TcpStream>, TcpStream) {
        let client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        (Arc::new(listener.accept().unwrap().0), client)
    }

    /// Whether `server_side` was shut down (its client sends nothing, so a read that times
    /// out means open).
    fn closed(server_side: &TcpStream) -> bool {
        server_side
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        let mut buf = [0u8; 1];
        (&*server_side).read(&mut buf).is_ok_and(|n| n == 0)
    }

    #[test]
    fn near_the_cap_the_longest_waiting_connection_is_closed_for_a_new_one() {
        let slots = Slots::new(Limits {
            connections: 8,
            head: HEAD_TIMEOUT,
        });
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let mut held: Vec<Slot> = (0..6).map(|_| slots.admit().unwrap()).collect();
        let (old, _c1) = pair(&listener);
        let (young, _c2) = pair(&listener);
        let old_wait = slots.wait(&old, &held[0]);
        let young_wait = slots.wait(&young, &held[1]);
        // 7 of 8 open: not crowded yet, nobody is closed.
        held.push(slots.admit().unwrap());
        assert!(!closed(&old) && !closed(&young));
        // Crowded: the oldest waiter is shut down and its slot goes to the newcomer.
        held.push(slots.admit().unwrap());
        assert!(closed(&old), "the oldest waiter is closed");
        assert!(!closed(&young), "the younger one is not");
        assert_eq!(slots.open(), 7);
        held.push(slots.admit().unwrap());
        assert!(closed(&young));
        // Nobody left waiting for a head: the last free slot, then refused.
        held.push(slots.admit().unwrap());
        assert!(slots.admit().is_none());
        // The closed connections' threads end; their slots are not freed twice.
        drop((old_wait, young_wait));
        held.drain(..2);
        assert_eq!(slots.open(), 8);
        held.pop();
        assert!(slots.admit().is_some(), "a slot is free again");
    }

    #[test]
    fn a_waiter_that_got_its_head_is_no_longer_a_candidate() {
        let slots = Slots::new(Limits {
            connections: 8,
            head: Duration::from_secs(2),
        });
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let (served, _client) = pair(&listener);
        let slot = slots.admit().unwrap();
        let waiter = slots.wait(&served, &slot);
        assert!(waiter.deadline() > Instant::now() + Duration::from_millis(1900));
        drop(waiter);
        assert!(!slots.evict_oldest());
        assert!(!closed(&served), "still open");
    }

    #[test]
    fn defaults_are_a_2048_cap_crowded_from_1792_and_a_10_s_head_deadline() {
        let limits = Limits::default();
        assert_eq!((limits.connections, limits.crowded()), (2048, 1792));
        assert_eq!(limits.head, Duration::from_secs(10));
    }
}
