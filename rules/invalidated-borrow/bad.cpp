// invalidated-borrow (E0502, E0499, E0506): six borrows into a container or string that are used after
// a member call invalidated them. Each finding is annotated, rustc-compiletest style, with the
// expected message on the line of its primary location: the call that invalidates the borrow.
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct Order {
  int id;
  std::string customer;
};

// (a) The range-for holds iterators into `jobs`; push_back may reallocate the buffer under it.
void retry_failed(std::vector<std::string> jobs) {
  for (const std::string& job : jobs)
    if (job.ends_with("!"))
      jobs.push_back(job + " (retry)"); //~ ERROR cannot borrow `jobs` as mutable because it is also borrowed as immutable
  std::cout << jobs.size() << " jobs\n";
}

// (b) `first` refers to the first element; the push_back that grows past the capacity moves
// every element to a new buffer, and `first` still refers to the old one.
void add_order(std::vector<Order> orders) {
  const Order& first = orders.front();
  orders.push_back(Order{orders.back().id + 1, "bob"}); //~ ERROR cannot borrow `orders` as mutable because it is also borrowed as immutable
  std::cout << "first customer: " << first.customer << '\n';
}

// (c) erase() destroys the element `it` points to, and the loop then increments `it`.
void drop_negatives(std::vector<int> values) {
  for (auto it = values.begin(); it != values.end(); ++it)
    if (*it < 0)
      values.erase(it); //~ ERROR cannot borrow `values` as mutable because it is also borrowed as immutable
  std::cout << values.size() << " values left\n";
}

// (d) `host` views the characters of `url`; assigning a longer string frees them.
void redirect(std::string url) {
  std::string_view host = std::string_view(url).substr(8, url.find('/', 8) - 8);
  url = "https://mirror.example.org/downloads/latest/"; //~ ERROR cannot assign to `url` because it is borrowed
  std::cout << "redirected away from " << host << '\n';
}

// (e) `name` refers to the string inside the optional; reset() destroys it.
std::size_t forget_user(std::optional<std::string> user) {
  const std::string& name = *user;
  user.reset(); //~ ERROR cannot borrow `user` as mutable because it is also borrowed as immutable
  return name.size();
}

// (f) `entry` refers to the element with key 7; erase(7) destroys exactly that element.
void expire_session(std::map<int, std::string> sessions) {
  std::string& entry = sessions[7];
  sessions.erase(7); //~ ERROR cannot borrow `sessions` as mutable more than once at a time
  entry += " (expired)";
}

int main() {
  retry_failed({"build", "test!", "deploy"});
  add_order({{1, "alice"}});
  drop_negatives({3, -1, 4, -1, 5});
  redirect("https://example.com/index.html");
  std::cout << forget_user("ada") << '\n';
  expire_session({{7, "ada"}});
}
