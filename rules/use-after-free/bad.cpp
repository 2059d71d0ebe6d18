// use-after-free (E0382, E0505, E0506): six pointers used after the memory they point to was
// freed. Each finding is annotated, rustc-compiletest style, with the expected message on the
// line of its primary location: the use for delete/free(), the move or reset for a unique_ptr.
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

// Takes ownership: the connection is closed and freed when `c` goes out of scope.
void close_connection(std::unique_ptr<Connection> c) {
  std::cout << "closing " << c->peer << '\n';
}

// (a) The textbook bug: the node is deleted, then its `next` field is read through `head`.
void free_list(Node* head) {
  while (head != nullptr) {
    delete head;
    head = head->next; //~ ERROR use of freed value: `head`
  }
}

// (b) A malloc()ed buffer freed through `buf`, then read through its alias `line`.
int parse_level(const char* text) {
  char* buf = static_cast<char*>(std::malloc(std::strlen(text) + 1));
  if (buf == nullptr) return -1;
  std::strcpy(buf, text);
  const char* line = buf;
  std::free(buf);
  return line[0] - '0'; //~ ERROR use of freed value: `line`
}

// (c) A raw pointer from get() outlives the ownership of its unique_ptr: moving `conn` into the
// sink frees the connection at the end of close_connection(), and `raw` still points at it.
void serve() {
  auto conn = std::make_unique<Connection>(Connection{3, "10.0.0.7"});
  Connection* raw = conn.get();
  close_connection(std::move(conn)); //~ ERROR cannot move out of `conn` because it is borrowed
  std::cout << "closed fd " << raw->fd << '\n';
}

// (d) reset() frees the old Config while `current` still points at it.
void reload() {
  auto cfg = std::make_unique<Config>(Config{"prod", 4});
  const Config* current = cfg.get();
  cfg.reset(new Config{"staging", 2}); //~ ERROR cannot assign to `cfg` because it is borrowed
  std::cout << "reloaded, was " << current->workers << " workers\n";
}

// (e) A member function frees a field: `log.close()` deletes the buffer `first()` then reads.
struct LogBuffer {
  char* data = new char[64]();
  void close() { delete[] data; } // the owner calls close(); there is no destructor
  char first() const { return data[0]; }
};

void tail_log() {
  LogBuffer log;
  log.close();
  std::cout << log.first() << '\n'; //~ ERROR use of freed value: `log.data`
}

// (f) The same inside the class: `flush_and_close()` closes, then reads its own buffer.
struct Journal {
  char* data = new char[64]();
  void close() { delete[] data; } // the owner calls close(); there is no destructor
  char flush_and_close() {
    close();
    return data[0]; //~ ERROR use of freed value: `this->data`
  }
};

// (g) A registry owns its sessions through unique_ptrs in a map: `find()` hands out a raw pointer
// to the session, `drop()` erases the entry, which frees the session `s` still points at.
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
  Connection* s = sessions.find(4);
  sessions.drop(4);
  std::cout << "logged out " << s->peer << '\n'; //~ ERROR use of freed value: `s`
}

int main() {
  free_list(new Node{1, new Node{2, nullptr}});
  std::printf("%d\n", parse_level("3 warnings"));
  serve();
  reload();
  tail_log();
  Journal j;
  std::cout << j.flush_and_close() << '\n';
  logout();
}
