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

// (d) parse_config(): a struct holding a reference carries its lifetime, so `attach` ties the
// parser to `config`.
pub struct Parser<'a> {
    text: Option<&'a String>,
}

impl<'a> Parser<'a> {
    pub fn attach(&mut self, s: &'a String) {
        self.text = Some(s);
    }
    pub fn length(&self) -> usize {
        self.text.map_or(0, |t| t.len())
    }
}

pub fn parse_config() -> usize {
    let mut parser = Parser { text: None };
    {
        let config = String::from("workers = 4");
        parser.attach(&config); // error[E0597]: `config` does not live long enough
    }
    parser.length()
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
