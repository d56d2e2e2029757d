//! Lines and blocks.
