//! Entry point for the fuzz target of the card photo (`fuzz/`, feature `fuzzing`): bytes as a
//! card's DF27 could hold them, through the JPEG 2000 decoding the face match uses. Errors are
//! the expected outcome; a panic or a crash is a bug. Not an API: hidden from the docs.

/// The card photo decoder.
pub fn photo(data: &[u8]) {
    let _ = crate::decode_photo(data);
}
