//! # zhongjie-core
//!
//! The pure domain core of zhongjie (中介): the models of exchange v1 (agencies and their trees,
//! practitioners, certificates, contributions, projects, team, attendance, stages, complaints,
//! client events, sanctions, exams, inspections), validated value types, the point-in-time view,
//! and rule packs.
//!
//! Architecture invariant: no IO, no clock, no randomness, no floats for money or points. The
//! as-of date is always an argument. The crate builds for `wasm32-unknown-unknown`.

pub mod codes;
pub mod dataset;
pub mod ids;
pub mod model;
pub mod pack;
pub mod region;
pub mod resident_id;
pub mod time;
pub mod uscc;
pub mod workflows;

pub use codes::*;
pub use dataset::{Dataset, IntegrityError, IntegrityKind, TableName, Tables};
pub use ids::*;
pub use model::*;
pub use pack::{Confidence, LegalRef, PackError, RuleDef, RulePack};
pub use region::RegionCode;
pub use resident_id::ResidentId;
pub use time::YearMonth;
pub use uscc::Uscc;

pub use chrono;
pub use rust_decimal;
#[doc(hidden)]
pub use serde as __serde;
