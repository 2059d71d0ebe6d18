// RUN: not %borrowck --format=clang %s -- -std=c++20 -I%S/../../../include | %check-findings %s
// The effect table by container kind: deque end insertion and unordered
// rehashing invalidate iterators but not references; node-based erase(it)
// invalidates the erased iterator only.
#include <deque>
#include <list>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

void use(int);

void deque_iterator_across_push_back() {
  std::deque<int> d{1, 2};
  auto it = d.begin();
  d.push_back(3);
  use(*it);
  // CHECK: {{.*}}kinds.cpp:[[@LINE-2]]:3: error: cannot borrow `d` as mutable because it is also borrowed as immutable [invalidated-borrow]
  // CHECK-NEXT: {{.*}}kinds.cpp:[[@LINE-4]]:13: note: immutable borrow occurs here
  // CHECK-NEXT: {{.*}}kinds.cpp:[[@LINE-3]]:8: note: immutable borrow later used here
}

void deque_iterator_across_push_front(std::deque<int>& d) {
  for (int x : d)
    d.push_front(x);
  // CHECK: {{.*}}kinds.cpp:[[@LINE-1]]:5: error: cannot borrow `d` as mutable because it is also borrowed as immutable [invalidated-borrow]
  // CHECK-NEXT: {{.*}}kinds.cpp:[[@LINE-3]]:14: note: immutable borrow occurs here
  // CHECK-NEXT: {{.*}}kinds.cpp:[[@LINE-4]]:14: note: immutable borrow later used here
}

void deque_reference_across_insert_in_the_middle() {
  std::deque<int> d{1, 2, 3};
  int& r = d[1];
  d.insert(d.begin() + 1, 7);
  use(r);
  // CHECK: {{.*}}kinds.cpp:[[@LINE-2]]:3: error: cannot borrow `d` as mutable more than once at a time [invalidated-borrow]
  // CHECK-NEXT: {{.*}}kinds.cpp:[[@LINE-4]]:12: note: first mutable borrow occurs here
  // CHECK-NEXT: {{.*}}kinds.cpp:[[@LINE-3]]:7: note: first borrow later used here
}

void unordered_iterator_across_subscript() {
  std::unordered_map<int, int> m{{1, 2}};
  auto it = m.find(1);
  m[5] = 3;
  use(it->second);
  // CHECK: {{.*}}kinds.cpp:[[@LINE-2]]:3: error: cannot borrow `m` as mutable because it is also borrowed as immutable [invalidated-borrow]
  // CHECK-NEXT: {{.*}}kinds.cpp:[[@LINE-4]]:13: note: immutable borrow occurs here
  // CHECK-NEXT: {{.*}}kinds.cpp:[[@LINE-3]]:7: note: immutable borrow later used here
}

void unordered_iterator_across_rehash(std::unordered_set<int>& s) {
  auto it = s.begin();
  s.rehash(64);
  use(*it);
  // CHECK: {{.*}}kinds.cpp:[[@LINE-2]]:3: error: cannot borrow `s` as mutable because it is also borrowed as immutable [invalidated-borrow]
  // CHECK-NEXT: {{.*}}kinds.cpp:[[@LINE-4]]:13: note: immutable borrow occurs here
  // CHECK-NEXT: {{.*}}kinds.cpp:[[@LINE-3]]:8: note: immutable borrow later used here
}

void map_erase_then_increment(std::map<int, int>& m) {
  for (auto it = m.begin(); it != m.end(); ++it)
    if (it->second == 0)
      m.erase(it);
  // CHECK: {{.*}}kinds.cpp:[[@LINE-1]]:7: error: cannot borrow `m` as mutable because it is also borrowed as immutable [invalidated-borrow]
  // CHECK-NEXT: {{.*}}kinds.cpp:[[@LINE-4]]:29: note: immutable borrow later used here
  // CHECK-NEXT: {{.*}}kinds.cpp:[[@LINE-3]]:15: note: immutable borrow occurs here
}

void list_erase_then_increment(std::list<int>& l) {
  for (auto it = l.begin(); it != l.end(); ++it)
    if (*it == 0)
      l.erase(it);
  // CHECK: {{.*}}kinds.cpp:[[@LINE-1]]:7: error: cannot borrow `l` as mutable because it is also borrowed as immutable [invalidated-borrow]
  // CHECK-NEXT: {{.*}}kinds.cpp:[[@LINE-4]]:29: note: immutable borrow later used here
  // CHECK-NEXT: {{.*}}kinds.cpp:[[@LINE-3]]:15: note: immutable borrow occurs here
}

// Fine: references survive deque growth at the ends and rehashing.
void deque_reference_across_push(std::deque<int>& d) {
  int& r = d.front();
  d.push_back(3);
  d.push_front(1);
  d.emplace_back(4);
  use(r);
}

void unordered_reference_across_insert(std::unordered_map<int, int>& m) {
  int& r = m[1];
  m[2] = 3;
  m.insert({4, 5});
  m.reserve(1000);
  use(r);
}

// Fine: node-based containers keep references and iterators across insertion.
void map_iterator_across_insert(std::map<int, int>& m, std::set<int>& s, std::list<int>& l) {
  auto it = m.find(1);
  m[2] = 3;
  m.emplace(4, 5);
  auto si = s.begin();
  s.insert(9);
  int& front = l.front();
  l.push_back(1);
  l.push_front(0);
  use(it->second + *si + front);
}

// Fine: erase with the returned iterator, or with a post-increment, or then leave.
void erase_returned(std::map<int, int>& m) {
  for (auto it = m.begin(); it != m.end();)
    if (it->second == 0)
      it = m.erase(it);
    else
      ++it;
}

void erase_post_increment(std::map<int, int>& m) {
  for (auto it = m.begin(); it != m.end();)
    if (it->second == 0)
      m.erase(it++);
    else
      ++it;
}

void erase_and_leave(std::set<int>& s) {
  for (auto it = s.begin(); it != s.end(); ++it)
    if (*it < 0) {
      s.erase(it);
      break;
    }
}

// Fine: erasing one node keeps the others' iterators.
void erase_other(std::map<int, int>& m) {
  auto keep = m.find(1);
  auto gone = m.find(2);
  if (gone != m.end() && keep != m.end() && gone != keep)
    m.erase(gone);
  if (keep != m.end())
    use(keep->second);
}
