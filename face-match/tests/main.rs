//! The integration tests of face-match as one test binary (each links OpenCV): a module per
//! former test file; the virtual camera's helpers are [`common`] (the examples include them too).

mod common;

mod engine;
mod session;
