//! Shared helpers of the commands: loading a dataset or a rule pack and reporting errors.
