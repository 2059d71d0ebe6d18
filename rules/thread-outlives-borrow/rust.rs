// The Rust version of bad.cpp's report(): spawning a closure that borrows a local.
//   std::string name = ...; std::thread t([&] { log_line(name); }); t.detach();
use std::thread;

pub fn log_line(s: &str) {
    println!("{s}");
}

pub fn report(id: u32) {
    let name = format!("job-{id}");
    thread::spawn(|| log_line(&name)); // error[E0373]: closure may outlive the current function, but it borrows `name`
}

// The fixes: move the data in, or borrow from a scoped thread, which is joined before
// the scope (and the data) ends.
pub fn report_fixed(id: u32) {
    let name = format!("job-{id}");
    thread::spawn(move || log_line(&name));
}

pub fn sum_scoped(xs: &[i32]) -> i64 {
    let mut total = 0i64;
    thread::scope(|s| {
        s.spawn(|| {
            for x in xs {
                total += *x as i64;
            }
        });
    });
    total
}
