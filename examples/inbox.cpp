// A small message queue with three ownership bugs that compile cleanly in
// C++ and that Rust's borrow checker rejects. Run: borrowck examples/inbox.cpp
#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

struct Message {
  std::string to;
  std::string body;
};

class Outbox {
  std::vector<Message> queue_;

public:
  void push(Message m) { queue_.push_back(std::move(m)); }

  std::vector<Message> flush() {
    auto sent = std::move(queue_);
    std::cout << "flushed " << queue_.size() << " messages\n"; // reads the moved-from queue
    return sent;
  }
};

struct Connection {
  void send(const Message &m) { std::cout << m.to << ": " << m.body << '\n'; }
};
void close_connection(std::unique_ptr<Connection> c);

void deliver(Outbox &out, std::unique_ptr<Connection> conn, bool urgent) {
  Message m{"ops", "disk full"};
  if (urgent)
    out.push(std::move(m));
  std::cout << "queued for " << m.to << '\n'; // m may have been moved

  close_connection(std::move(conn));
  for (const Message &msg : out.flush())
    conn->send(msg); // conn is null here: undefined behaviour
}

// The fixed version: use the values before giving them away.
void deliver_fixed(Outbox &out, std::unique_ptr<Connection> conn, bool urgent) {
  Message m{"ops", "disk full"};
  std::cout << "queued for " << m.to << '\n';
  if (urgent)
    out.push(std::move(m));
  for (const Message &msg : out.flush())
    conn->send(msg);
  close_connection(std::move(conn));
}
