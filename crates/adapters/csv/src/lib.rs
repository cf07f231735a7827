//! Exchange v1 CSV adapter: reads and writes a dataset folder, all or nothing.
