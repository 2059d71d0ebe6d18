// The Rust version of bad.cpp's first bug, print_server():
//   std::string_view server;
//   { std::string host = url.substr(...); server = host; }
//   std::cout << "server: " << server << '\n';
pub fn print_server(url: &str) {
    let server: &str; // std::string_view server;
    {
        let host = url[url.find("//").map_or(0, |i| i + 2)..].to_string(); // std::string host = url.substr(...);
        server = &host; // server = host;: error[E0597]: `host` does not live long enough
    } // `host` dropped here while still borrowed
    println!("server: {server}"); // borrow later used here
}

// The fix, as in good.cpp: declare the owner in the outer scope.
pub fn print_server_fixed(url: &str) {
    let host;
    let server: &str;
    {
        host = url[url.find("//").map_or(0, |i| i + 2)..].to_string();
        server = &host;
    }
    println!("server: {server}");
}
