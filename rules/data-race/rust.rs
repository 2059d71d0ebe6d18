// The Rust version of bad.cpp's count_events(): two scoped threads increment one counter.
//   long hits = 0; std::thread a([&] { ++hits; }); std::thread b([&] { ++hits; });
use std::sync::atomic::{AtomicI64, Ordering};
use std::cell::Cell;
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::thread;

// Sharing a type that is not thread-safe at all: a non-atomic reference count and an
// unsynchronised cell. C++ would compile the same thing with a plain int behind a shared_ptr.
pub fn shared_cell() {
    let counter = Rc::new(Cell::new(0));
    let c = Rc::clone(&counter);
    let h = thread::spawn(move || c.set(c.get() + 1)); // error[E0277]: `Rc<Cell<i32>>` cannot be sent between threads safely
    counter.set(counter.get() + 1);
    h.join().unwrap();
}

pub fn count_events(events: &[i32]) -> i64 {
    let mut hits = 0i64;
    thread::scope(|s| {
        s.spawn(|| for e in events { if *e > 0 { hits += 1; } });
        s.spawn(|| for e in events { if *e < 0 { hits += 1; } }); // error[E0499]: cannot borrow `hits` as mutable more than once at a time
    });
    hits
}

// The fixes: an atomic, or a mutex shared through an Arc.
pub fn count_events_atomic(events: &[i32]) -> i64 {
    let hits = AtomicI64::new(0);
    thread::scope(|s| {
        s.spawn(|| for e in events { if *e > 0 { hits.fetch_add(1, Ordering::Relaxed); } });
        s.spawn(|| for e in events { if *e < 0 { hits.fetch_add(1, Ordering::Relaxed); } });
    });
    hits.into_inner()
}

pub fn count_events_mutex(events: Vec<i32>) -> i64 {
    let hits = Arc::new(Mutex::new(0i64));
    let events = Arc::new(events);
    let handles: Vec<_> = (0..2)
        .map(|k| {
            let hits = Arc::clone(&hits);
            let events = Arc::clone(&events);
            thread::spawn(move || {
                for e in events.iter() {
                    if (k == 0 && *e > 0) || (k == 1 && *e < 0) {
                        *hits.lock().unwrap() += 1;
                    }
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let n = *hits.lock().unwrap();
    n
}
