// The Rust versions of bad.cpp's bugs: rustc rejects each with E0381.

// (a) log_limit(): initialised in the `if` arm only.
pub fn log_limit(verbose: bool, requested: i32) -> i32 {
    let limit: i32;
    if verbose {
        limit = requested * 2;
    }
    limit // error[E0381]: used binding `limit` is possibly-uninitialized
}

// (c) last_word_length(): given a value only inside a loop that may not run.
pub fn last_word_length(words: &[String]) -> usize {
    let mut len: usize;
    for w in words {
        len = w.len();
    }
    len // error[E0381]: used binding `len` is possibly-uninitialized
}

// (d) average(): Rust does not let a struct be initialised field by field.
pub struct Stats {
    pub count: i32,
    pub total: i32,
}
pub fn average(xs: &[i32]) -> i32 {
    let s: Stats;
    s.count = xs.len() as i32; // error[E0381]: partially assigned binding `s` isn't fully initialized
    s.total / s.count.max(1)
}

// (e) configured_port(): an out-parameter written on some paths only. Rust has no
// out-parameters; the idiom returns the value, and the compiler checks every path.
pub fn parse_or_default(text: &str) -> Option<u16> {
    if text.is_empty() { None } else { text.parse().ok() }
}

// (f) mean_of(): safe Rust has no uninitialized heap memory to read. `vec![0.0; n]`
// initializes what it allocates; `Box::<[f64]>::new_uninit_slice(n)` gives `MaybeUninit`
// elements that only `unsafe { assume_init() }` turns into values.

// (g) widest(): an array is initialized as a whole, like a struct.
#[derive(Clone, Copy)]
pub struct Range {
    pub lo: i32,
    pub hi: i32,
}
pub fn widest(a: i32, b: i32) -> i32 {
    let r: [Range; 2];
    r[0] = Range { lo: 0, hi: a }; // error[E0381]: used binding `r` isn't initialized
    if r[0].hi > b { r[0].hi } else { b }
}

// (h) traced_work(): two calls of `tracing()` may answer differently.
pub fn tracing() -> bool {
    std::env::var_os("TRACE").is_some()
}
pub fn traced_work(x: i32) -> i32 {
    let started: i32;
    if tracing() {
        started = x;
    }
    if tracing() {
        println!("{}", started); // error[E0381]: used binding `started` is possibly-uninitialized
    }
    x * 2
}

// The fixes: an `else` arm, a value before the loop, a whole struct, a default.
pub fn log_limit_fixed(verbose: bool, requested: i32) -> i32 {
    let limit = if verbose { requested * 2 } else { requested };
    limit
}
pub fn last_word_length_fixed(words: &[String]) -> usize {
    words.last().map_or(0, |w| w.len())
}
pub fn average_fixed(xs: &[i32]) -> i32 {
    let s = Stats { count: xs.len() as i32, total: xs.iter().sum() };
    s.total / s.count.max(1)
}
pub fn configured_port_fixed(text: &str) -> u16 {
    parse_or_default(text).unwrap_or(80)
}
