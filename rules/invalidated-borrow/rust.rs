// The Rust versions of bad.cpp's bugs. A Vec or String cannot be changed while a shared borrow
// into it (a reference, a slice, an iterator) is still used later.
//
// (a) retry_failed():
//   for (const std::string& job : jobs) if (...) jobs.push_back(job + " (retry)");
pub fn retry_failed(mut jobs: Vec<String>) {
    for job in &jobs { // immutable borrow occurs here; immutable borrow later used here
        if job.ends_with('!') {
            jobs.push(format!("{job} (retry)")); // error[E0502]: cannot borrow `jobs` as mutable because it is also borrowed as immutable
        }
    }
    println!("{} jobs", jobs.len());
}

// (b) add_order():
//   const Order& first = orders.front(); orders.push_back(...); first.customer;
pub struct Order {
    pub id: i32,
    pub customer: String,
}

pub fn add_order(mut orders: Vec<Order>) {
    let first = &orders[0]; // immutable borrow occurs here
    orders.push(Order { id: 2, customer: String::from("bob") }); // error[E0502]: mutable borrow occurs here
    println!("first customer: {}", first.customer); // immutable borrow later used here
}

// (c) drop_negatives(): erase() while iterating.
//   for (auto it = values.begin(); it != values.end(); ++it) if (*it < 0) values.erase(it);
pub fn drop_negatives(mut values: Vec<i32>) {
    for (i, x) in values.iter().enumerate() { // immutable borrow occurs here; later used here
        if *x < 0 {
            values.remove(i); // error[E0502]: mutable borrow occurs here
        }
    }
    println!("{} values left", values.len());
}

// (d) redirect(): assigning to a string while a view of it is alive.
//   std::string_view host = ...(url)...; url = "https://mirror..."; std::cout << host;
pub fn redirect(mut url: String) {
    let host = &url[8..url[8..].find('/').map_or(url.len(), |i| i + 8)]; // `url` is borrowed here
    url = String::from("https://mirror.example.org/downloads/latest/"); // error[E0506]: cannot assign to `url` because it is borrowed
    println!("redirected away from {host} to {url}"); // borrow later used here
}

// (e) forget_user(): `take()` (or `= None`) ends the String the reference points to.
//   const std::string& name = *user; user.reset(); name.size();
pub fn forget_user(mut user: Option<String>) -> usize {
    let name = user.as_ref().unwrap(); // immutable borrow occurs here
    user.take(); // error[E0502]: cannot borrow `user` as mutable because it is also borrowed as immutable
    name.len() // immutable borrow later used here
}

// (f) expire_session(): a mutable reference into the map, then a second mutable borrow to erase.
//   std::string& entry = sessions[7]; sessions.erase(7); entry += " (expired)";
pub fn expire_session(mut sessions: std::collections::BTreeMap<i32, String>) {
    let entry = sessions.get_mut(&7).unwrap(); // first mutable borrow occurs here
    sessions.remove(&7); // error[E0499]: cannot borrow `sessions` as mutable more than once at a time
    entry.push_str(" (expired)"); // first borrow later used here
}

// Moving the container while an iterator into it is still used (E0505):
//   auto it = v.begin(); sink(std::move(v)); use(*it);
pub fn sink(_v: Vec<i32>) {}

pub fn moved_while_borrowed(v: Vec<i32>) {
    let first = v.iter(); // borrow of `v` occurs here
    sink(v); // error[E0505]: cannot move out of `v` because it is borrowed
    println!("{:?}", first); // borrow later used here
}

// The fixes, as in good.cpp: collect first and append after the loop, keep an index instead of a
// reference, let the container do the erasing, copy the borrowed text into an owned String.
pub fn retry_failed_fixed(mut jobs: Vec<String>) {
    let retries: Vec<String> =
        jobs.iter().filter(|job| job.ends_with('!')).map(|job| format!("{job} (retry)")).collect();
    jobs.extend(retries);
    println!("{} jobs", jobs.len());
}

pub fn add_order_fixed(mut orders: Vec<Order>) {
    let first = 0;
    orders.push(Order { id: 2, customer: String::from("bob") });
    println!("first customer: {}", orders[first].customer);
}

pub fn drop_negatives_fixed(mut values: Vec<i32>) {
    values.retain(|x| *x >= 0);
    println!("{} values left", values.len());
}

pub fn redirect_fixed(mut url: String) {
    let host = url[8..url[8..].find('/').map_or(url.len(), |i| i + 8)].to_string();
    url = String::from("https://mirror.example.org/downloads/latest/");
    println!("redirected away from {host} to {url}");
}
