// The Rust versions of bad.cpp's bugs: a mutable borrow must be the only borrow of a value.
//
// (a) double_up(): append_all(names, names);
pub fn append_all(dst: &mut Vec<String>, src: &Vec<String>) {
    for s in src {
        dst.push(s.clone());
    }
}

pub fn double_up(mut names: Vec<String>) {
    append_all(&mut names, &names); // error[E0502]: cannot borrow `names` as immutable because it is also borrowed as mutable
}

// (b) repeat(): values.insert(values.end(), values.begin(), values.end());
pub fn repeat(mut values: Vec<i32>) {
    values.extend(values.iter()); // error[E0502]: cannot borrow `values` as mutable because it is also borrowed as immutable
}

// (c) self_merge(): merge_into(v, v); with two mutable parameters.
pub fn merge_into(a: &mut Vec<i32>, b: &mut Vec<i32>) {
    a.extend(b.iter());
    b.clear();
}

pub fn self_merge(mut v: Vec<i32>) {
    merge_into(&mut v, &mut v); // error[E0499]: cannot borrow `v` as mutable more than once at a time
}

// The fixes, as in good.cpp: copy first, or extend from a clone.
pub fn double_up_fixed(mut names: Vec<String>) {
    let copy = names.clone();
    append_all(&mut names, &copy);
}

pub fn repeat_fixed(mut values: Vec<i32>) {
    values.extend_from_within(..);
}

// (d) swap_xor(x, same) with `int& same = x`: two `&mut` of one i32 at once.
pub fn swap_xor(a: &mut i32, b: &mut i32) {
    *a ^= *b;
    *b ^= *a;
    *a ^= *b;
}
pub fn swap_with_alias(mut x: i32) {
    let same = &mut x;
    swap_xor(&mut x, same); // error[E0499]: cannot borrow `x` as mutable more than once at a time
}
