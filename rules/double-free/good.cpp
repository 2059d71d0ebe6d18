// double-free (E0382): the fixed versions of bad.cpp, followed by code that looks like it frees
// the same memory twice but is fine. borrowck must accept all of them.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

struct Request {
  int id;
  std::string body;
};

struct Config {
  std::string name;
  int workers;
};

struct Session {
  std::string user;
};

// ---- Fixed versions of bad.cpp ----

// (a) Return right after the error path's delete, so the cleanup below runs only otherwise.
int handle(int id, const std::string& body) {
  Request* req = new Request{id, body};
  if (req->body.empty()) {
    delete req;
    std::cout << "request " << id << ": -1\n";
    return -1;
  }
  std::cout << "request " << id << ": 0\n";
  delete req;
  return 0;
}

// (b) Free `header` once, after the loop.
void release_batch(char** items, int n) {
  char* header = static_cast<char*>(std::malloc(32));
  if (header == nullptr) return;
  std::snprintf(header, 32, "releasing %d items", n);
  std::puts(header);
  for (int i = 0; i < n; ++i) {
    std::free(items[i]);
  }
  std::free(header);
}

// (c) One control block: make_shared creates the owner, and copies share its count.
void share_config() {
  auto for_ui = std::make_shared<Config>(Config{"prod", 4});
  std::shared_ptr<Config> for_worker = for_ui;
  std::cout << for_ui->name << ' ' << for_worker->workers << '\n';
}

// (d) Let the unique_ptr free the session, when it goes out of scope or with reset().
void logout() {
  auto session = std::make_unique<Session>(Session{"ferris"});
  std::cout << "bye, " << session->user << '\n';
  session.reset();
}

// ---- Patterns a naive checker flags wrongly ----

// Deleting a null pointer does nothing.
void delete_then_null() {
  Request* req = new Request{1, "ping"};
  delete req;
  req = nullptr;
  delete req;
}

// free(nullptr) does nothing either.
void free_then_null() {
  char* buf = static_cast<char*>(std::malloc(16));
  std::free(buf);
  buf = nullptr;
  std::free(buf);
}

// Two deletes in the source, but exactly one on every path.
void once_per_path(bool cached) {
  Config* cfg = new Config{"tmp", 1};
  if (cached) {
    std::cout << "dropping cached " << cfg->name << '\n';
    delete cfg;
  } else {
    delete cfg;
  }
}

// The pointer gets a fresh allocation between the two deletes.
void reallocated() {
  Session* s = new Session{"first"};
  delete s;
  s = new Session{"second"};
  std::cout << s->user << '\n';
  delete s;
}

// A delete in a loop, with a fresh `new` in every iteration.
int count_long(const char* const* words, int n) {
  int count = 0;
  for (int i = 0; i < n; ++i) {
    std::string* w = new std::string(words[i]);
    if (w->size() > 3) ++count;
    delete w;
  }
  return count;
}

// release() hands ownership over: the first unique_ptr gives up the object without freeing it.
void hand_over() {
  auto first = std::make_unique<Session>(Session{"ferris"});
  std::unique_ptr<Session> second(first.release());
  std::cout << second->user << '\n';
}

// release() then delete: the unique_ptr no longer owns the object, so only the delete frees it.
void release_then_delete() {
  auto owner = std::make_unique<Config>(Config{"once", 1});
  delete owner.release();
}

// The raw pointer's first owner released it, so adopting it again with reset() is fine.
void readopt_after_release() {
  Request* raw = new Request{7, "retry"};
  std::unique_ptr<Request> first(raw);
  std::unique_ptr<Request> second;
  first.release(); // `first` gives up ownership; `raw` still points at the Request
  second.reset(raw);
  std::cout << second->id << '\n';
}

// reset(new T) after the old object was released: the unique_ptr adopts a fresh allocation.
void reset_after_release() {
  auto owner = std::make_unique<Config>(Config{"old", 1});
  Config* old = owner.release();
  delete old;
  owner.reset(new Config{"new", 2});
  std::cout << owner->name << '\n';
}

// Copies of a shared_ptr share one count: the object is deleted once, by the last owner.
void shared_copies() {
  std::shared_ptr<Config> first(new Config{"shared", 2});
  auto second = first;
  first.reset();
  std::cout << second->workers << '\n';
}

// A raw pointer used while a unique_ptr owns the object, but never deleted by hand.
int observe_only() {
  std::unique_ptr<Config> owner(new Config{"observed", 3});
  Config* raw = owner.get();
  return raw->workers;
}

// The helper takes the line over: the caller does not free it again.
void discard(char* p) { std::free(p); }

void flush_once() {
  char* line = strdup("pending");
  std::cout << line << '\n';
  discard(line);
}

// Rule of three kept: copying a Frame copies its pixels.
class Frame {
public:
  explicit Frame(int n) : pixels(new unsigned char[n]()), size(n) {}
  Frame(const Frame& o) : pixels(new unsigned char[o.size]), size(o.size) {
    std::memcpy(pixels, o.pixels, size);
  }
  Frame& operator=(const Frame&) = delete;
  ~Frame() { delete[] pixels; }
  unsigned char* pixels;
  int size;
};

void snapshot() {
  Frame live(64);
  Frame saved = live;
}
void keep_history() {
  Frame live(64);
  std::vector<Frame> history;
  history.push_back(live);
}

// Each listener stored once: the loop deletes each of them once.
struct Listener {
  int fd;
};

void close_listeners() {
  Listener* primary = new Listener{3};
  Listener* backup = new Listener{4};
  std::vector<Listener*> all{primary, backup};
  for (Listener* l : all)
    delete l;
}

// Deleting a container's elements one by one frees one element each time, not one object twice.
void drain(std::vector<Listener*>& queue) {
  for (std::size_t i = 0; i < queue.size(); ++i)
    delete queue[i];
  queue.clear();
}

void drain_from_the_back(std::vector<Listener*>& queue) {
  while (!queue.empty()) {
    delete queue.back();
    queue.pop_back();
  }
}

int main() {
  handle(1, "");
  char* items[] = {strdup("a"), strdup("b")};
  release_batch(items, 2);
  share_config();
  logout();
  delete_then_null();
  free_then_null();
  once_per_path(true);
  reallocated();
  const char* words[] = {"rust", "go", "c++"};
  std::cout << count_long(words, 3) << '\n';
  hand_over();
  release_then_delete();
  readopt_after_release();
  reset_after_release();
  shared_copies();
  std::cout << observe_only() << '\n';
  flush_once();
  snapshot();
  keep_history();
  close_listeners();
  std::vector<Listener*> queue{new Listener{5}, new Listener{6}};
  drain(queue);
  queue.push_back(new Listener{7});
  drain_from_the_back(queue);
}
