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
