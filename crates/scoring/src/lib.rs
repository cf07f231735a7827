//! # zhongjie-scoring
//!
//! The supervision run of exchange v1 part C as pure functions: the 20 finding rules (C.1), agency
//! credit grades (C.2), practitioner stars (C.3) and the must-inspect list (C.4), each rule with
//! its id and legal reference, every number from the rule pack, every result explaining itself.
//!
//! Architecture invariant: no IO, no clock, no randomness; the as-of date and the pack are inputs.

pub mod model;
pub mod workflows;

pub use model::*;
