// The Rust versions of bad.cpp's bugs. In Rust, freeing is `drop`, which moves its argument.
//
// (a) free_list():
//   while (head != nullptr) { delete head; head = head->next; }
pub struct Node {
    pub value: i32,
    pub next: Option<Box<Node>>,
}

pub fn free_list(mut head: Option<Box<Node>>) {
    while let Some(node) = head {
        drop(node); // delete head;
        head = node.next; // head = head->next;: error[E0382]: use of moved value: `node.next`
    }
}

// (c) serve(): a raw pointer from get() used after the unique_ptr was moved into a sink.
//   Connection* raw = conn.get(); close_connection(std::move(conn)); raw->fd;
pub struct Connection {
    pub fd: i32,
    pub peer: String,
}

pub fn close_connection(c: Box<Connection>) {
    println!("closing {}", c.peer);
}

pub fn serve() {
    let conn = Box::new(Connection { fd: 3, peer: String::from("10.0.0.7") });
    let raw = &*conn; // Connection* raw = conn.get();
    close_connection(conn); // error[E0505]: cannot move out of `conn` because it is borrowed
    println!("closed fd {}", raw.fd); // borrow later used here
}

// (d) reload(): reset() frees the old object while `current` still points at it.
//   const Config* current = cfg.get(); cfg.reset(new Config{...}); current->workers;
pub struct Config {
    pub name: String,
    pub workers: i32,
}

pub fn reload() {
    let mut cfg = Box::new(Config { name: String::from("prod"), workers: 4 });
    let current = &*cfg; // const Config* current = cfg.get();
    cfg = Box::new(Config { name: String::from("staging"), workers: 2 }); // error[E0506]: cannot assign to `cfg` because it is borrowed
    println!("reloaded, was {} workers, now {} ({})", current.workers, cfg.workers, cfg.name); // borrow later used here
}

// The fixes, as in good.cpp: read `next` before the drop, copy what you need before the move,
// and take the reference again after the assignment.
pub fn free_list_fixed(mut head: Option<Box<Node>>) {
    while let Some(mut node) = head {
        head = node.next.take();
        drop(node);
    }
}

pub fn serve_fixed() {
    let conn = Box::new(Connection { fd: 3, peer: String::from("10.0.0.7") });
    let fd = conn.fd;
    close_connection(conn);
    println!("closed fd {fd}");
}

pub fn reload_fixed() {
    let mut cfg = Box::new(Config { name: String::from("prod"), workers: 4 });
    let old_workers = cfg.workers;
    cfg = Box::new(Config { name: String::from("staging"), workers: 2 });
    let current = &*cfg;
    println!("reloaded, was {old_workers} workers, now {} ({})", current.workers, current.name);
}

// (e) tail_log(): close() frees the buffer, first() reads it. In Rust, a method that frees what
// the value owns takes `self` by value: the value is moved into it.
pub struct LogBuffer {
    data: Box<[u8]>,
}

impl LogBuffer {
    pub fn close(self) {} // void close() { delete[] data; }: dropping self frees data
    pub fn first(&self) -> u8 {
        self.data[0]
    }
}

pub fn tail_log() {
    let log = LogBuffer { data: vec![0u8; 64].into_boxed_slice() };
    log.close();
    println!("{}", log.first()); // error[E0382]: borrow of moved value: `log`
}

// (f) Journal::flush_and_close(): inside the type, the method that frees takes `self` by value
// as well, so `self` is moved into close() and cannot be read afterwards.
pub struct Journal {
    data: Box<[u8]>,
}

impl Journal {
    pub fn close(self) {}
    pub fn flush_and_close(self) -> u8 {
        self.close();
        self.data[0] // error[E0382]: use of moved value: `self`
    }
}
// (g) logout(): a registry hands out a pointer to a session its map owns, then erases the entry.
//   Connection* s = sessions.find(4); sessions.drop(4); s->peer;
// In Rust the borrow returned by `find(&self)` keeps `sessions` borrowed: `drop(&mut self)` is
// rejected while it is alive.
pub struct Sessions {
    by_id: std::collections::HashMap<i32, Box<Connection>>,
}

impl Sessions {
    pub fn find(&self, id: i32) -> Option<&Connection> {
        self.by_id.get(&id).map(|c| &**c)
    }
    pub fn drop_session(&mut self, id: i32) {
        self.by_id.remove(&id);
    }
}

pub fn logout(mut sessions: Sessions) {
    let s = sessions.find(4); // Connection* s = sessions.find(4);
    sessions.drop_session(4); // error[E0502]: cannot borrow `sessions` as mutable because it is also borrowed as immutable
    println!("logged out {}", s.map_or("", |c| &c.peer)); // borrow later used here
}

pub fn logout_fixed(mut sessions: Sessions) {
    let peer = sessions.find(4).map(|c| c.peer.clone());
    sessions.drop_session(4);
    println!("logged out {}", peer.unwrap_or_default());
}
