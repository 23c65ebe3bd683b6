//! Finds the two ONNX models and proves they are the pinned files before OpenCV loads them.
//!
//! Rule: the folder is `$ONSHI_MODELS_DIR` when set and non-empty, else `<workspace>/.onshi/models`
//! (where `cargo xtask setup` puts them; the workspace is where this crate was built from). The
//! expected sha256 come from `assets/models/models.lock`, compiled in, so a file that was
//! truncated or swapped is refused with an error that names `cargo xtask setup`.

use crate::FaceError;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

const MODELS_LOCK: &str = include_str!("../../assets/models/models.lock");

/// File name of YuNet 2023mar (face detection).
pub const DETECTOR_FILE: &str = "face_detection_yunet_2023mar.onnx";
/// File name of SFace 2021dec (face features).
pub const RECOGNIZER_FILE: &str = "face_recognition_sface_2021dec.onnx";

/// Where the verified models are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelPaths {
    pub detector: PathBuf,
    pub recognizer: PathBuf,
}

impl ModelPaths {
    /// The default folder: `$ONSHI_MODELS_DIR`, else `<workspace>/.onshi/models`.
    pub fn default_dir() -> PathBuf {
        match std::env::var_os("ONSHI_MODELS_DIR") {
            Some(v) if !v.is_empty() => PathBuf::from(v),
            _ => Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("..")
                .join(".onshi")
                .join("models"),
        }
    }

    /// Both models in the default folder, checked against the lock file.
    pub fn locate() -> Result<Self, FaceError> {
        Self::in_dir(&Self::default_dir())
    }

    /// Both models in `dir`, checked against the lock file.
    pub fn in_dir(dir: &Path) -> Result<Self, FaceError> {
        let paths = Self {
            detector: dir.join(DETECTOR_FILE),
            recognizer: dir.join(RECOGNIZER_FILE),
        };
        verify(&paths.detector)?;
        verify(&paths.recognizer)?;
        Ok(paths)
    }
}

/// The pinned sha256 of a model file name.
fn pinned(file: &str) -> Option<&'static str> {
    MODELS_LOCK
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .find_map(|l| {
            let mut cols = l.split_whitespace();
            (cols.next() == Some(file)).then(|| cols.next()).flatten()
        })
}

/// Checks one model file. A file already verified by this process (same path, size and
/// modification time) is not hashed again: SFace is 38 MB and every session would pay for it.
fn verify(path: &Path) -> Result<(), FaceError> {
    static SEEN: OnceLock<Mutex<HashMap<PathBuf, (u64, std::time::SystemTime)>>> = OnceLock::new();
    let missing = || FaceError::ModelMissing {
        path: path.to_path_buf(),
    };
    let meta = std::fs::metadata(path).map_err(|_| missing())?;
    if !meta.is_file() {
        return Err(missing());
    }
    let stamp = (meta.len(), meta.modified().map_err(|_| missing())?);
    let seen = SEEN.get_or_init(Default::default);
    if seen
        .lock()
        .map(|m| m.get(path) == Some(&stamp))
        .unwrap_or(false)
    {
        return Ok(());
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let expected = pinned(name).ok_or_else(|| FaceError::ModelAltered {
        path: path.to_path_buf(),
    })?;
    let mut file = std::fs::File::open(path).map_err(|_| missing())?;
    let mut hasher = Sha256::new();
    std::io::copy(&mut file, &mut hasher).map_err(|_| missing())?;
    if hex::encode(hasher.finalize()) != expected {
        return Err(FaceError::ModelAltered {
            path: path.to_path_buf(),
        });
    }
    if let Ok(mut m) = seen.lock() {
        m.insert(path.to_path_buf(), stamp);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_pins_both_models() {
        // Both files must be pinned by a full sha256; a lock edit that drops one fails here.
        for file in [DETECTOR_FILE, RECOGNIZER_FILE] {
            let pin = pinned(file).unwrap_or_else(|| panic!("{file} not in models.lock"));
            assert!(
                pin.len() == 64 && pin.bytes().all(|b| b.is_ascii_hexdigit()),
                "{file}: {pin}"
            );
        }
    }
}
