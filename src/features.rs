//! The fixed vector layout of a talent and of a requirement set (see `LAYOUT`), with soft
//! encodings so that near ages, related skills and nearby regions land near each other.

/// Length of every feature vector.
pub const DIM: usize = 64;
