//! The native command line: serve | parse-brief | search | feedback | monitor | roster.

fn main() {}
