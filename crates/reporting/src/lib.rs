//! Reports a regulator publishes and reads, rendered from a supervision run. Pure.
