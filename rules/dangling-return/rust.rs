// The Rust version of bad.cpp's first bug, make_label():
//   std::string label = prefix + "-" + std::to_string(id);
//   return label;  // as a std::string_view
pub fn make_label(prefix: &str, id: u32) -> &str {
    let label = format!("{prefix}-{id}"); // std::string label = prefix + "-" + ...;
    label.as_str() // return label;: error[E0515]: cannot return value referencing local variable `label`
}

// The fix, as in good.cpp: return the owned String; the caller keeps it.
pub fn make_label_fixed(prefix: &str, id: u32) -> String {
    let label = format!("{prefix}-{id}");
    label
}
