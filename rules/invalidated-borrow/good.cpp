// invalidated-borrow (E0502, E0506): the fixed versions of bad.cpp, followed by code that looks
// like a borrow used across a mutation but is fine. borrowck must accept all of them.
#include <cstddef>
#include <iostream>
#include <list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct Order {
  int id;
  std::string customer;
};

// ---- Fixed versions of bad.cpp ----

// (a) Collect the new jobs in a second vector, and append them after the loop.
void retry_failed(std::vector<std::string> jobs) {
  std::vector<std::string> retries;
  for (const std::string& job : jobs)
    if (job.ends_with("!"))
      retries.push_back(job + " (retry)");
  jobs.insert(jobs.end(), retries.begin(), retries.end());
  std::cout << jobs.size() << " jobs\n";
}

// (b) Keep an index, not a reference, across the push_back.
void add_order(std::vector<Order> orders) {
  std::size_t first = 0;
  orders.push_back(Order{orders.back().id + 1, "bob"});
  std::cout << "first customer: " << orders[first].customer << '\n';
}

// (c) Continue from the iterator erase() returns: it points at the element after the erased one.
void drop_negatives(std::vector<int> values) {
  for (auto it = values.begin(); it != values.end();) {
    if (*it < 0)
      it = values.erase(it);
    else
      ++it;
  }
  std::cout << values.size() << " values left\n";
}

// (d) Copy the host into a string the assignment cannot touch.
void redirect(std::string url) {
  std::string host(std::string_view(url).substr(8, url.find('/', 8) - 8));
  url = "https://mirror.example.org/downloads/latest/";
  std::cout << "redirected away from " << host << '\n';
}

// ---- Patterns a naive checker flags wrongly ----

// The pointer is taken again after the push_back, before anything reads through it.
int refreshed_pointer() {
  std::vector<int> v{1, 2};
  int* p = v.data();
  v.push_back(3);
  p = v.data();
  return p[2];
}

// std::list and std::map allocate one node per element: insertions never move the others, so
// references to them stay valid.
int node_containers() {
  std::list<std::string> names{"alice"};
  const std::string& first = names.front();
  names.push_back("bob");
  names.push_front("carol");
  std::map<std::string, int> ages{{"alice", 31}};
  int& age = ages["alice"];
  ages["bob"] = 42;
  ages.emplace("carol", 27);
  return static_cast<int>(first.size()) + age;
}

// Copying an element copies its value: `owner` is a pointer stored in the vector, and the
// Order it points to does not live in the vector's buffer. `x` is a plain int.
int copied_values(Order* a, Order* b) {
  std::vector<Order*> orders{a};
  Order* owner = orders[0];
  std::vector<int> ids{7};
  int x = ids[0];
  orders.push_back(b);
  ids.push_back(8);
  return owner->id + x;
}

// A reference to the container itself, not into it, stays valid across push_back.
std::size_t container_reference() {
  std::vector<int> v{1};
  const auto& all = v;
  v.push_back(2);
  return all.size();
}

// The lambda captures `v` and pushes into it, but it is called only after the last use of `f`.
int lambda_after_last_use() {
  std::vector<int> v{1};
  auto add = [&v] { v.push_back(2); };
  const int& f = v[0];
  int seen = f;
  add();
  return seen + v[1];
}

// reserve() invalidates, but nothing is borrowed yet; the reference is taken after the push.
int reserve_then_push() {
  std::vector<int> v;
  v.reserve(10);
  v.push_back(1);
  const int& last = v.back();
  return last;
}

// Const member functions never invalidate: size(), find() and c_str() leave the buffer alone.
std::size_t const_calls(std::string s) {
  const char* p = s.c_str();
  std::size_t n = s.size() + s.find('x');
  return n + (p[0] == 'h');
}

// (e) fixed: copy the name out before resetting the optional.
std::size_t forget_user(std::optional<std::string> user) {
  const std::size_t n = user->size();
  user.reset();
  return n;
}

// (f) fixed: finish with the entry, then erase it. Erasing another key leaves it valid.
void expire_session(std::map<int, std::string> sessions) {
  std::string& entry = sessions[7];
  sessions.erase(8);
  entry += " (expired)";
  sessions.erase(7);
}

// Assigning a value to an engaged optional assigns the string inside it, in place: the reference
// sees the new value (valid C++; Rust rejects it, reported with --strict).
std::size_t rename(std::optional<std::string> user) {
  std::string& name = *user;
  user = "grace";
  return name.size();
}

int main() {
  retry_failed({"build", "test!", "deploy"});
  add_order({{1, "alice"}});
  drop_negatives({3, -1, 4, -1, 5});
  redirect("https://example.com/index.html");
  Order a{1, "alice"}, b{2, "bob"};
  std::cout << refreshed_pointer() << ' ' << node_containers() << ' ' << copied_values(&a, &b) << '\n';
  std::cout << container_reference() << ' ' << lambda_after_last_use() << ' ' << reserve_then_push()
            << ' ' << const_calls("hello") << '\n';
  std::cout << forget_user("ada") << ' ' << rename("ada") << '\n';
  expire_session({{7, "ada"}, {8, "bob"}});
}
