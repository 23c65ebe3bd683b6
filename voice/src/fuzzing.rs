//! Entry points for the fuzz targets: the WAV reader takes a speech engine's output.

/// Reads `data` as a WAV; measures it when it is one.
pub fn wav(data: &[u8]) {
    if let Ok(w) = crate::wav::Wav::parse(data) {
        let _ = (w.duration_ms(), w.speech_ms(), w.scaled(50).to_bytes());
    }
}
