//! Entry point for the fuzz target (feature `fuzzing`): a card photo through the header check
//! and, when the check lets it through, OpenCV's decoder, as [`crate::FaceEngine::card_face`]
//! runs it. Must return without panicking whatever the input.

/// The JP2 header check and the decode path of a card photo.
pub fn photo(data: &[u8]) {
    if crate::check_photo(data).is_ok() {
        let _ = crate::decode_photo(data);
    }
}
