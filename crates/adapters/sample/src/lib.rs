//! Deterministic, realistic sample datasets of a province (seeded).
