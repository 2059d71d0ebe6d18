// RUN: not %borrowck --format=clang %s -- -std=c++20 | %check-findings %s
#include <string>
#include <utility>
#include <vector>

class Inbox {
  std::vector<std::string> items_;
  std::string draft_;

public:
  // A field moved out in a member function, then used.
  std::vector<std::string> drain() {
    auto out = std::move(items_);
    if (items_.empty())
      // CHECK: {{.*}}members.cpp:[[@LINE-1]]:9: error: borrow of moved value: `items_` [use-after-move]
      // CHECK-NEXT: {{.*}}:[[@LINE-9]]:28: note: move occurs because `items_` has type `std::vector<std::string>`, which is not trivially copyable
      // CHECK-NEXT: {{.*}}:[[@LINE-4]]:16: note: value moved here
      return out;
    return out;
  }

  // A constructor parameter moved into a member, then used.
  explicit Inbox(std::string draft) : draft_(std::move(draft)) {
    items_.push_back(draft);
    // CHECK: {{.*}}members.cpp:[[@LINE-1]]:22: error: borrow of moved value: `draft` [use-after-move]
    // CHECK-NEXT: {{.*}}:[[@LINE-3]]:30: note: move occurs because {{.*}}
    // CHECK-NEXT: {{.*}}:[[@LINE-4]]:46: note: value moved here
  }

  // Explicit this-> is the same field.
  std::string send() {
    std::string sent = std::move(this->draft_);
    return sent + draft_;
    // CHECK: {{.*}}members.cpp:[[@LINE-1]]:19: error: borrow of moved value: `draft_` [use-after-move]
    // CHECK-NEXT: {{.*}}: note: {{.*}}
    // CHECK-NEXT: {{.*}}:[[@LINE-4]]:24: note: value moved here
  }

  // --- negative cases ---

  // Moved out and reset to a specified state.
  std::vector<std::string> take() {
    auto out = std::move(items_);
    items_.clear();
    items_.push_back("fresh");
    return out;
  }

  // Swapped with a fresh value.
  std::string take_draft() {
    std::string out;
    std::swap(out, draft_);
    return out + draft_;
  }

  // A different object's field is another place.
  void merge(Inbox &other) {
    auto theirs = std::move(other.items_);
    items_.insert(items_.end(), theirs.begin(), theirs.end());
  }
};

// Reinitialising *this as a whole gives every field a new value.
void sink(std::string s);
class Session {
  std::string user_;
  std::vector<int> ids_;

public:
  Session() = default;
  Session(Session &&) = default;
  Session &operator=(Session &&) = default;
  void swap(Session &o) noexcept {
    user_.swap(o.user_);
    ids_.swap(o.ids_);
  }
  [[clang::reinitializes]] void restart() {
    user_.clear();
    ids_.clear();
  }
  void touch() {}

  std::size_t assigned() {
    sink(std::move(user_));
    *this = Session();
    return user_.size();
  }
  std::size_t std_swapped(Session &other) {
    sink(std::move(user_));
    std::swap(*this, other);
    return user_.size();
  }
  std::size_t member_swapped(Session &other) {
    sink(std::move(user_));
    this->swap(other);
    return user_.size();
  }
  std::size_t implicit_member_swapped(Session &other) {
    sink(std::move(user_));
    swap(other);
    return user_.size();
  }
  std::size_t restarted() {
    sink(std::move(user_));
    restart();
    return user_.size() + ids_.size();
  }
  std::size_t restarted_explicitly() {
    sink(std::move(user_));
    this->restart();
    return user_.size();
  }

  // Any other member call is not a reinitialisation.
  std::size_t touched() {
    sink(std::move(user_));
    touch();
    return user_.size();
    // CHECK: {{.*}}members.cpp:[[@LINE-1]]:12: error: borrow of moved value: `user_` [use-after-move]
    // CHECK-NEXT: {{.*}}: note: {{.*}}
    // CHECK-NEXT: {{.*}}:[[@LINE-5]]:10: note: value moved here
  }
};
