//! The integration tests of eligibility as one test binary: a module per former test file (each
//! linked tokio, rustls and the HTTPS client again).

mod centre_bytes;
mod privacy;
mod properties;
mod samples;
