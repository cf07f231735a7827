//! Regulator workflows (issue 5): the types, state machines and input files of the decisions a
//! regulator takes one case at a time — entry review (seed 二(一)2), complaints and
//! whistle-blowers (二(四)12), sanctions and penalties (二(四)13–14), competency exams (二(三)11).
//! The decision logic that reads the rule pack lives in `zhongjie_scoring::workflows`.
//!
//! Architecture invariant: pure. Files come in as text; dates and seeds are arguments.

pub mod application;
pub mod complaint;
pub mod exam;
pub mod input;
pub mod penalty;
pub mod rng;

pub use application::{Application, ApplicationKind, Document, RegulatorLink};
pub use complaint::{ComplaintCase, ComplaintState, Step, TransitionError};
pub use exam::{
    parse_answers, AnswerRow, Blueprint, Category, Choices, Level, Paper, PaperItem, Question,
    QuestionBank, QuestionId, Section,
};
pub use input::{Column, InputError};
pub use penalty::{Circumstance, ListingState, Offence, Provision};
pub use rng::SplitMix64;
