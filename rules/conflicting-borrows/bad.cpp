// conflicting-borrows (E0499, E0502): one container (or one value) handed to one call twice, once mutably, when
// the callee can invalidate it while still using the other argument. Each finding is annotated,
// rustc-compiletest style, with the expected message on the line of its primary location.
#include <string>
#include <vector>

// Appends every element of src to dst. Fine for two different vectors.
void append_all(std::vector<std::string>& dst, const std::vector<std::string>& src) {
  for (const std::string& s : src)
    dst.push_back(s);
}

// (a) Doubling a list through the helper: `src` and `dst` are the same vector, so the range-for
// inside append_all iterates over the buffer that push_back frees when it reallocates.
void double_up(std::vector<std::string> names) {
  append_all(names, names); //~ ERROR cannot borrow `names` as immutable because it is also borrowed as mutable
}

// (b) The same through vector::insert: [sequence.reqmts] requires the range to come from another
// container, because inserting can reallocate before the range is copied.
void repeat(std::vector<int> values) {
  values.insert(values.end(), values.begin(), values.end()); //~ ERROR cannot borrow `values` as immutable because it is also borrowed as mutable
}

// (c) Two mutable parameters, one vector: merge_into appends b to a and empties b. Called with the
// same vector, the loop reads elements that push_back may have moved, then clears everything.
void merge_into(std::vector<int>& a, std::vector<int>& b) {
  for (int x : b)
    a.push_back(x);
  b.clear();
}

void self_merge(std::vector<int> v) {
  merge_into(v, v); //~ ERROR cannot borrow `v` as mutable more than once at a time
}

// (d) One int through two references: swap_xor(x, x) — here through an alias — zeroes it, since
// each write changes what the other parameter reads. Not undefined behaviour; Rust rejects it.
void swap_xor(int& a, int& b) {
  a ^= b;
  b ^= a;
  a ^= b;
}

void swap_with_alias(int x) {
  int& same = x;
  swap_xor(x, same); //~ ERROR cannot borrow `x` as mutable more than once at a time
}
