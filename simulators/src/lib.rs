//! Simulated hardware and services, so that the whole desk runs on a laptop through the same
//! code paths as production: `card` is an independent model of the My Number Card that speaks
//! the vpcd protocol to the real pcscd, `centre` is the central eligibility service over HTTPS, `front` (feature `front`) is the
//! virtual card-front camera that shows each persona's card front.

pub mod card;
pub mod centre;
#[cfg(feature = "front")]
pub mod front;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
