// A small session table with four lifetime bugs of the kind Rust's borrow
// checker rejects: run `borrowck examples/sessions.cpp`.
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct Session {
  std::string user;
  int hits = 0;
};

std::string normalise(std::string_view name);

// E0515: the view outlives the string it was made from.
std::string_view user_key(const Session &s) {
  std::string key = normalise(s.user);
  return key;
}

// E0716: the temporary string dies at the end of the statement.
void greet(const Session &s) {
  std::string_view name = normalise(s.user);
  std::printf("hello %.*s\n", static_cast<int>(name.size()), name.data());
}

// E0597: every `label` dies at the end of its iteration; `labels` keeps views of all.
void list(const std::vector<Session> &all) {
  std::vector<std::string_view> labels;
  for (const Session &s : all) {
    std::string label = s.user + "#" + std::to_string(s.hits);
    labels.push_back(label);
  }
  for (std::string_view l : labels)
    std::printf("%.*s\n", static_cast<int>(l.size()), l.data());
}

// E0505: `current` is handed to the table, which may free it; `raw` still points there.
void close(std::map<std::string, std::unique_ptr<Session>> &table, std::unique_ptr<Session> current) {
  Session *raw = current.get();
  table[raw->user] = std::move(current);
  table.clear();
  std::printf("%d\n", raw->hits);
}
