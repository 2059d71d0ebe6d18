// The Rust versions of bad.cpp's bugs. In Rust, freeing is `drop`, which moves its argument, so
// a second drop is a use of a moved value.
//
// (a) handle(): the error path deletes the request, then the common cleanup deletes it again.
//   if (req->body.empty()) { delete req; status = -1; }
//   delete req;
pub struct Request {
    pub id: i32,
    pub body: String,
}

pub fn handle(id: i32, body: &str) -> i32 {
    let req = Box::new(Request { id, body: body.to_string() }); // Request* req = new Request{...};
    let mut status = 0;
    if req.body.is_empty() {
        drop(req); // delete req;
        status = -1;
    }
    println!("request {id}: {status}");
    drop(req); // delete req;: error[E0382]: use of moved value: `req`
    status
}

// (b) release_batch(): `header` is freed in every iteration of the loop.
pub fn release_batch(items: Vec<String>) {
    let header = format!("releasing {} items", items.len()); // char* header = malloc(32); ...
    println!("{header}");
    for item in items {
        drop(item); // free(items[i]);
        drop(header); // free(header);: error[E0382]: use of moved value: `header` (moved in previous iteration of loop)
    }
}

// (c) and (d), two owners of one allocation, cannot be written in safe Rust: a Box is moved, not
// copied, and `Rc::clone` adds an owner to one shared count, like copying a std::shared_ptr.
// With `unsafe` it compiles, and glibc aborts at run time:
//   let p = Box::into_raw(Box::new(42));
//   unsafe { drop(Box::from_raw(p)); drop(Box::from_raw(p)); } // free(): double free detected in tcache 2

// (e) flush_once(): a helper frees the line, then the caller frees it again. Passing it by value
// moves it into the helper, which drops it.
pub fn discard(p: String) {
    drop(p); // void discard(char* p) { std::free(p); }
}

pub fn flush_once() {
    let line = String::from("pending"); // char* line = strdup("pending");
    discard(line);
    drop(line); // std::free(line);: error[E0382]: use of moved value: `line`
}

// (f) snapshot(), the rule of three, cannot be written in safe Rust either: `let saved = live;`
// moves `live`, and a copy needs `#[derive(Clone)]`, whose `clone()` copies the `Box<[u8]>` it
// holds: two allocations, two owners, each freed once. (g) keep_history() is the same copy made
// by `history.push(live.clone())`: `push(live)` would move `live` into the vector.

// (h) close_listeners(): one pointer stored twice. Putting a Box in a Vec moves it, so the
// second element cannot be the same Box.
pub struct Listener {
    pub fd: i32,
}

pub fn close_listeners() {
    let primary = Box::new(Listener { fd: 3 });
    let backup = Box::new(Listener { fd: 4 });
    let all = vec![primary, backup, primary]; // error[E0382]: use of moved value: `primary`
    for l in all {
        drop(l);
    }
}

// The fixes, as in good.cpp: return after the early drop, and drop `header` once, after the loop.
pub fn handle_fixed(id: i32, body: &str) -> i32 {
    let req = Box::new(Request { id, body: body.to_string() });
    if req.body.is_empty() {
        drop(req);
        println!("request {id}: -1");
        return -1;
    }
    println!("request {} ({}): 0", req.id, req.body);
    drop(req);
    0
}

pub fn release_batch_fixed(items: Vec<String>) {
    let header = format!("releasing {} items", items.len());
    println!("{header}");
    for item in items {
        drop(item);
    }
    drop(header);
}
