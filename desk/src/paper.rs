//! The generic reader's printed consent form as a file: the PDF the clerk opens and prints,
//! written 0600 into the desk's private `forms` folder and removed as soon as it is no longer
//! needed (the visit moved on, the clerk printed a new one, the desk closed). The form holds
//! the patient's name, so it lives no longer than the visit it was printed for. The form's
//! words are the desk's (`i18n::consent_form`); `pdf-form` lays them out.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Why the form could not be made. Each has its words in the catalogues.
#[derive(Debug, thiserror::Error)]
pub enum PaperError {
    /// The font given is not one the PDF can embed (an installation problem).
    #[error("the form's font cannot be embedded")]
    Font,
    /// The font lacks characters of the form (a language the font does not cover).
    #[error("the form's font lacks {count} character(s) of the form")]
    MissingGlyphs { count: usize },
    /// The file could not be written: the folder and what the system said.
    #[error("the form could not be written in {}: {source}", folder.display())]
    Write {
        folder: PathBuf,
        source: std::io::Error,
    },
}

/// The private folder of printed forms: `<data>/forms`.
pub fn folder() -> PathBuf {
    crate::paths::data_dir().join("forms")
}

/// A printed form on disk; the file is removed when this is dropped.
#[derive(Debug)]
pub struct PrintedForm {
    path: PathBuf,
}

impl PrintedForm {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for PrintedForm {
    fn drop(&mut self) {
        if let Err(e) = std::fs::remove_file(&self.path)
            && e.kind() != std::io::ErrorKind::NotFound
        {
            // The path holds no personal data (a random name); the kind says what failed.
            tracing::warn!(kind = ?e.kind(), "a printed consent form could not be removed");
        }
    }
}

/// Removes the printed forms a previous run left in `folder` (a crash or a power cut skips
/// [`PrintedForm`]'s drop): each holds a patient's name, and no visit of this run needs them.
/// Only this module's files (`consent-*.pdf`) are touched. Returns how many were removed.
pub fn remove_leftovers(folder: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return 0; // no folder yet: nothing was ever printed
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("consent-") && name.ends_with(".pdf") {
            match std::fs::remove_file(entry.path()) {
                Ok(()) => removed += 1,
                Err(e) => {
                    tracing::warn!(kind = ?e.kind(), "a left-over consent form could not be removed")
                }
            }
        }
    }
    if removed > 0 {
        tracing::info!(removed, "left-over consent forms of an earlier run removed");
    }
    removed
}

/// The form as PDF bytes in `font`.
pub fn render(form: &pdf_form::Form, font: &[u8]) -> Result<Vec<u8>, PaperError> {
    pdf_form::render(form, font).map_err(|e| match e {
        pdf_form::FormError::Font => PaperError::Font,
        pdf_form::FormError::MissingGlyphs { count } => PaperError::MissingGlyphs { count },
    })
}

/// Writes `pdf` as a new 0600 file with a random name in `folder` (made 0700 if missing).
pub fn save(folder: &Path, pdf: &[u8]) -> Result<PrintedForm, PaperError> {
    let err = |source| PaperError::Write {
        folder: folder.to_path_buf(),
        source,
    };
    crate::private::create_dir_all(folder).map_err(err)?;
    // tempfile creates the file 0600 with O_EXCL under a random name.
    let mut file = tempfile::Builder::new()
        .prefix("consent-")
        .suffix(".pdf")
        .tempfile_in(folder)
        .map_err(err)?;
    file.write_all(pdf).map_err(err)?;
    file.as_file().sync_all().map_err(err)?;
    let (_, path) = file.keep().map_err(|e| err(e.error))?;
    Ok(PrintedForm { path })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn forms_left_by_an_earlier_run_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("forms");
        assert_eq!(remove_leftovers(&folder), 0, "no folder yet");
        // What a crash leaves: a form written as `save` writes it, whose drop never ran.
        let path = folder.join("consent-AbC123.pdf");
        crate::private::create_dir_all(&folder).unwrap();
        std::fs::write(&path, b"%PDF-1.7 left").unwrap();
        let other = folder.join("notes.txt");
        std::fs::write(&other, b"not ours").unwrap();
        assert!(path.exists());
        assert_eq!(remove_leftovers(&folder), 1);
        assert!(!path.exists(), "the patient's form is gone");
        assert!(other.exists(), "another file is left alone");
    }

    #[test]
    fn a_saved_form_is_private_and_gone_once_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let forms = dir.path().join("forms");
        let printed = save(&forms, b"%PDF-1.7\n").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(printed.path()), 0o600);
        assert_eq!(mode(&forms), 0o700);
        let path = printed.path().to_path_buf();
        drop(printed);
        assert!(!path.exists(), "the form leaves with the visit");
    }
}
