// The Rust version of bad.cpp's first bug, greet():
//   std::string_view shout = to_upper(name);
//   std::cout << "HELLO, " << shout << "!\n";
fn to_upper(s: &str) -> String {
    s.to_uppercase()
}

pub fn greet(name: &str) {
    // to_upper(name) is a temporary String; as_str() is the std::string_view of it.
    let shout: &str = to_upper(name).as_str(); // error[E0716]: temporary value dropped while borrowed
    println!("HELLO, {shout}!"); // borrow later used here
}

// The fix, as in good.cpp: bind the String with `let`, then borrow from it.
pub fn greet_fixed(name: &str) {
    let upper = to_upper(name);
    let shout: &str = upper.as_str();
    println!("HELLO, {shout}!");
}
