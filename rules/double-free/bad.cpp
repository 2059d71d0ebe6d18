// double-free (E0382): four ways to free the same memory twice. Each second free is annotated,
// rustc-compiletest style, with the expected message on the line of the second free, or of the
// second smart pointer taking ownership.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>
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

// (a) The error path deletes the request, then the common cleanup deletes it again.
int handle(int id, const std::string& body) {
  Request* req = new Request{id, body};
  int status = 0;
  if (req->body.empty()) {
    delete req;
    status = -1;
  }
  std::cout << "request " << id << ": " << status << '\n';
  delete req; //~ ERROR double free of `req`
  return status;
}

// (b) A misplaced brace: `header` is freed inside the loop, once per item, instead of once after it.
void release_batch(char** items, int n) {
  char* header = static_cast<char*>(std::malloc(32));
  if (header == nullptr) return;
  std::snprintf(header, 32, "releasing %d items", n);
  std::puts(header);
  for (int i = 0; i < n; ++i) {
    std::free(items[i]);
    std::free(header); //~ ERROR double free of `header`
  }
}

// (c) Two shared_ptrs adopt the same raw pointer: each has its own reference count,
// and each deletes the Config when its count drops to zero.
void share_config() {
  Config* raw = new Config{"prod", 4};
  std::shared_ptr<Config> for_ui(raw);
  std::shared_ptr<Config> for_worker(raw); //~ ERROR double free of `raw`
  std::cout << for_ui->name << ' ' << for_worker->workers << '\n';
}

// (d) The unique_ptr owns the session, and the code deletes it by hand as well.
void logout() {
  auto session = std::make_unique<Session>(Session{"ferris"});
  std::cout << "bye, " << session->user << '\n';
  delete session.get(); //~ ERROR double free of `session.get()`
}

// (e) A helper frees the line, and the caller frees it again.
void discard(char* p) { std::free(p); }

void flush_once() {
  char* line = strdup("pending");
  discard(line);
  std::free(line); //~ ERROR double free of `line`
}

// (f) Rule of three: ~Frame frees `pixels`, and the compiler-written copy shares it.
class Frame {
public:
  explicit Frame(int n) : pixels(new unsigned char[n]) {}
  ~Frame() { delete[] pixels; }
  unsigned char* pixels;
};

void snapshot() {
  Frame live(64);
  Frame saved = live;
} //~ ERROR double free of `live.pixels`

// (g) The same copy made by a container: the vector's element shares `live.pixels`.
void keep_history() {
  Frame live(64);
  std::vector<Frame> history;
  history.push_back(live);
} //~ ERROR double free of `live.pixels`

// (h) One pointer stored twice: the loop deletes `primary` once for each element holding it.
struct Listener {
  int fd;
};

void close_listeners() {
  Listener* primary = new Listener{3};
  Listener* backup = new Listener{4};
  std::vector<Listener*> all{primary, backup, primary};
  for (Listener* l : all)
    delete l; //~ ERROR double free of `primary`
}

int main() {
  handle(1, "");
  char* items[] = {strdup("a"), strdup("b")};
  release_batch(items, 2);
  share_config();
  logout();
  flush_once();
  snapshot();
  keep_history();
  close_listeners();
}
