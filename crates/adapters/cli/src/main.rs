//! The `zhongjie` program.
fn main() {}
