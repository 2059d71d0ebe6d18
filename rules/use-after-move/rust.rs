// The Rust version of bad.cpp's first bug, add_name():
//   std::string s = "ferris";
//   names.push_back(std::move(s));
//   return s.size();
pub fn add_name(names: &mut Vec<String>) -> usize {
    let s = String::from("ferris"); // std::string s = "ferris";
    names.push(s); // names.push_back(std::move(s)): a plain `s` moves, no std::move needed
    s.len() // s.size(): error[E0382]: borrow of moved value: `s`
}

// The fix, as in good.cpp: read the length before giving the string away.
// (Or push `s.clone()` to keep a copy, like `names.push_back(s)` in C++.)
pub fn add_name_fixed(names: &mut Vec<String>) -> usize {
    let s = String::from("ferris");
    let n = s.len();
    names.push(s);
    n
}

// (d) Rust evaluates a call's arguments left to right, so the length is read
// after the move, always:
//   log_to(std::move(lines), lines.size());
pub fn log_to(lines: Vec<String>, count: usize) -> usize {
    lines.len() + count
}
pub fn send_counted(outbox: &[String]) -> usize {
    let lines = outbox.to_vec();
    log_to(lines, lines.len()) // error[E0382]: borrow of moved value: `lines`
}
