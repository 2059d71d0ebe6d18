// use-after-free (E0382, E0505, E0506): the fixed versions of bad.cpp, followed by code that
// looks like a use after free but is fine. borrowck must accept all of them.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <utility>

struct Node {
  int value;
  Node* next;
};

struct Connection {
  int fd;
  std::string peer;
};

struct Config {
  std::string name;
  int workers;
};

void close_connection(std::unique_ptr<Connection> c) {
  std::cout << "closing " << c->peer << '\n';
}

// ---- Fixed versions of bad.cpp ----

// (a) Read `next` while the node is still alive, then delete it.
void free_list(Node* head) {
  while (head != nullptr) {
    Node* next = head->next;
    delete head;
    head = next;
  }
}

// (b) Read through the alias before the buffer is freed.
int parse_level(const char* text) {
  char* buf = static_cast<char*>(std::malloc(std::strlen(text) + 1));
  if (buf == nullptr) return -1;
  std::strcpy(buf, text);
  const char* line = buf;
  int level = line[0] - '0';
  std::free(buf);
  return level;
}

// (c) Copy what you need out of the object before handing its owner away.
void serve() {
  auto conn = std::make_unique<Connection>(Connection{3, "10.0.0.7"});
  Connection* raw = conn.get();
  int fd = raw->fd;
  close_connection(std::move(conn));
  std::cout << "closed fd " << fd << '\n';
}

// (d) Finish with the old object before reset(), and take the pointer again afterwards.
void reload() {
  auto cfg = std::make_unique<Config>(Config{"prod", 4});
  const Config* current = cfg.get();
  int old_workers = current->workers;
  cfg.reset(new Config{"staging", 2});
  current = cfg.get();
  std::cout << "reloaded, was " << old_workers << " workers, now " << current->workers << '\n';
}

// ---- Patterns a naive checker flags wrongly ----

// Assigning a new value to a freed pointer is not a use, and deleting null does nothing.
int nulled_then_tested() {
  int* count = new int(1);
  delete count;
  count = nullptr;
  if (count != nullptr) return *count;
  return 0;
}

// The pointer is given a fresh allocation before anything reads through it.
int reallocated() {
  std::string* label = new std::string("first");
  delete label;
  label = new std::string("second");
  int n = static_cast<int>(label->size());
  delete label;
  return n;
}

// `buf = realloc(buf, n)`: realloc() frees the old block and `buf` is assigned the result in the
// same statement, so every later use goes through the new value. (If realloc() fails, this idiom
// leaks the old block, but it never touches it again.)
std::size_t grow(std::size_t n) {
  char* buf = static_cast<char*>(std::malloc(4));
  if (buf == nullptr) return 0;
  std::strcpy(buf, "abc");
  buf = static_cast<char*>(std::realloc(buf, n));
  if (buf == nullptr) return 0;
  std::size_t len = std::strlen(buf);
  std::free(buf);
  return len;
}

// Freed on one branch, used only on the other: no path has a free followed by a use.
void finish(Node* job, bool done) {
  if (done) {
    delete job;
  } else {
    std::cout << "still running: " << job->value << '\n';
  }
}

// A fresh allocation in every iteration: each delete frees only that iteration's node.
int sum_squares(int n) {
  int total = 0;
  for (int i = 0; i < n; ++i) {
    Node* tmp = new Node{i * i, nullptr};
    total += tmp->value;
    delete tmp;
  }
  return total;
}

// Comparing a freed pointer with another one never reads the freed memory. Not UB: the standard
// makes uses of an invalid pointer value other than indirection implementation-defined.
bool was_head(Node* n, Node* head) {
  delete n;
  return n == head;
}

// release() gives up ownership without freeing: `raw` is valid until we delete it ourselves.
int released() {
  auto owner = std::make_unique<Config>(Config{"batch", 8});
  Config* raw = owner.release();
  int workers = raw->workers;
  delete raw;
  return workers;
}

// Another shared_ptr still owns the object, so reset() of one copy frees nothing.
int shared_reset() {
  auto first = std::make_shared<Config>(Config{"shared", 2});
  auto second = first;
  const Config* raw = first.get();
  first.reset();
  return raw->workers + second->workers;
}

// The raw pointer is taken again from the new owner after the move.
int moved_then_reborrowed() {
  auto conn = std::make_unique<Connection>(Connection{5, "10.0.0.8"});
  auto kept = std::move(conn);
  Connection* raw = kept.get();
  return raw->fd;
}

// A member that frees a field and sets it to nullptr, and readers that test it.
struct LogBuffer {
  char* data = new char[64]();
  ~LogBuffer() { delete[] data; }
  void close() {
    delete[] data;
    data = nullptr;
  }
  char first() const { return data ? data[0] : '\0'; }
};

void tail_log() {
  LogBuffer log;
  log.close();
  std::cout << log.first() << '\n';
}

// (f) Read what you need before the member that frees it.
struct Journal {
  char* data = new char[64]();
  ~Journal() { delete[] data; }
  void close() {
    delete[] data;
    data = nullptr;
  }
  char flush_and_close() {
    char c = data[0];
    close();
    return c;
  }
};

// (g) Copy what you need out of the session before erasing its entry; or drop another entry,
// which leaves this session alone.
class Sessions {
public:
  Connection* find(int id) { return by_id_[id].get(); }
  void open(int id) { by_id_[id] = std::make_unique<Connection>(Connection{id, "10.0.0.9"}); }
  void drop(int id) { by_id_.erase(id); }

private:
  std::map<int, std::unique_ptr<Connection>> by_id_;
};

void logout() {
  Sessions sessions;
  sessions.open(4);
  sessions.open(5);
  Connection* s = sessions.find(4);
  sessions.drop(5);
  std::string peer = s->peer;
  sessions.drop(4);
  std::cout << "logged out " << peer << '\n';
}

int main() {
  free_list(new Node{1, new Node{2, nullptr}});
  std::printf("%d\n", parse_level("3 warnings"));
  serve();
  reload();
  std::cout << nulled_then_tested() << ' ' << reallocated() << ' ' << grow(16) << '\n';
  finish(new Node{7, nullptr}, true);
  std::cout << sum_squares(4) << ' ' << was_head(new Node{1, nullptr}, nullptr) << '\n';
  std::cout << released() << ' ' << shared_reset() << ' ' << moved_then_reborrowed() << '\n';
  tail_log();
  Journal j;
  std::cout << j.flush_and_close() << '\n';
  logout();
}
