//! The OCR engine: Debian's Tesseract 5 through its stable C API (`tesseract/capi.h`), one
//! handle per trained language, fed one text line at a time as an 8-bit grey buffer. A small
//! FFI of nine functions rather than a binding crate: it needs no bindgen or Leptonica headers
//! and builds wherever `libtesseract-dev` is installed. What Tesseract returns is outside data
//! (it comes from a camera); the parsers in `parse` take it as such.

use std::ffi::{CStr, CString, c_char, c_int, c_void};

use opencv::core::Mat;
use opencv::prelude::*;
use zeroize::Zeroizing;

use crate::FrontError;

#[allow(non_camel_case_types)]
type TessBaseAPI = c_void;

// OEM_LSTM_ONLY in capi.h's TessOcrEngineMode: Debian's jpn / eng data are LSTM models.
const OEM_LSTM_ONLY: c_int = 1;
// PSM_SINGLE_LINE in publictypes.h: each crop holds one printed line.
const PSM_SINGLE_LINE: c_int = 7;

unsafe extern "C" {
    fn TessBaseAPICreate() -> *mut TessBaseAPI;
    fn TessBaseAPIDelete(handle: *mut TessBaseAPI);
    fn TessBaseAPIInit2(
        handle: *mut TessBaseAPI,
        datapath: *const c_char,
        language: *const c_char,
        oem: c_int,
    ) -> c_int;
    fn TessBaseAPISetPageSegMode(handle: *mut TessBaseAPI, mode: c_int);
    fn TessBaseAPISetVariable(
        handle: *mut TessBaseAPI,
        name: *const c_char,
        value: *const c_char,
    ) -> c_int;
    fn TessBaseAPISetImage(
        handle: *mut TessBaseAPI,
        imagedata: *const u8,
        width: c_int,
        height: c_int,
        bytes_per_pixel: c_int,
        bytes_per_line: c_int,
    );
    fn TessBaseAPISetSourceResolution(handle: *mut TessBaseAPI, ppi: c_int);
    fn TessBaseAPIGetUTF8Text(handle: *mut TessBaseAPI) -> *mut c_char;
    fn TessBaseAPIMeanTextConf(handle: *mut TessBaseAPI) -> c_int;
    fn TessDeleteText(text: *const c_char);
    fn TessBaseAPIClear(handle: *mut TessBaseAPI);
    fn TessBaseAPIEnd(handle: *mut TessBaseAPI);
    // libgomp: Debian's Tesseract runs its LSTM under OpenMP.
    fn omp_set_max_active_levels(levels: c_int);
}

/// The trained data a line is read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// `jpn`: era names, 年 / 月 / 日, the card title.
    Japanese,
    /// `eng`: the security code's digits.
    Latin,
}

impl Script {
    pub fn language(self) -> &'static str {
        match self {
            Script::Japanese => "jpn",
            Script::Latin => "eng",
        }
    }
}

/// What Tesseract made of one line: its text (zeroized on drop: it may hold the digits of
/// 照合番号B) and its mean confidence, 0–100.
pub struct Line {
    pub text: Zeroizing<String>,
    pub confidence: u8,
}

/// One initialised Tesseract handle. `Send` (a handle may move between threads) but not
/// `Sync`: Tesseract handles are not reentrant.
struct Handle(*mut TessBaseAPI);

// SAFETY: a TessBaseAPI has no thread affinity; it is only used through `&mut self`.
unsafe impl Send for Handle {}

impl Handle {
    fn new(script: Script) -> Result<Self, FrontError> {
        let lang = CString::new(script.language()).expect("no NUL in a language name");
        // SAFETY: Create returns a fresh handle or null; Init2 takes NUL-terminated strings
        // and a null datapath, which means Tesseract's own default (or TESSDATA_PREFIX).
        unsafe {
            let h = TessBaseAPICreate();
            if h.is_null() {
                return Err(FrontError::OcrUnavailable {
                    language: script.language(),
                });
            }
            if TessBaseAPIInit2(h, std::ptr::null(), lang.as_ptr(), OEM_LSTM_ONLY) != 0 {
                TessBaseAPIDelete(h);
                return Err(FrontError::OcrUnavailable {
                    language: script.language(),
                });
            }
            TessBaseAPISetPageSegMode(h, PSM_SINGLE_LINE);
            let handle = Handle(h);
            // Tesseract writes its debug notes to stderr; nothing of a card belongs there.
            handle.set("debug_file", "/dev/null");
            Ok(handle)
        }
    }

    fn set(&self, name: &str, value: &str) {
        let (n, v) = (
            CString::new(name).expect("no NUL"),
            CString::new(value).expect("no NUL"),
        );
        // SAFETY: valid handle, NUL-terminated strings copied by Tesseract.
        unsafe {
            TessBaseAPISetVariable(self.0, n.as_ptr(), v.as_ptr());
        }
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        // SAFETY: the handle came from TessBaseAPICreate and is dropped once.
        unsafe {
            TessBaseAPIEnd(self.0);
            TessBaseAPIDelete(self.0);
        }
    }
}

/// Tesseract with the two trained languages the card front needs, loaded once (about 0.2 s).
pub struct Ocr {
    jpn: Handle,
    eng: Handle,
}

impl Ocr {
    /// Loads `jpn` and `eng` from Tesseract's data folder (Debian: tesseract-ocr-jpn and
    /// tesseract-ocr-eng, which `cargo xtask setup` installs).
    pub fn load() -> Result<Self, FrontError> {
        serial_openmp();
        Ok(Self {
            jpn: Handle::new(Script::Japanese)?,
            eng: Handle::new(Script::Latin)?,
        })
    }

    /// Reads one line from `grey` (CV_8UC1, continuous or not), only the characters of
    /// `allowed` being candidates. `ppi` is the print resolution of the crop, which Tesseract
    /// uses to size its expectations of the glyphs.
    pub fn read_line(
        &mut self,
        script: Script,
        grey: &Mat,
        allowed: &str,
        ppi: i32,
    ) -> Result<Line, FrontError> {
        if grey.typ() != opencv::core::CV_8UC1 || grey.empty() {
            return Err(FrontError::OpenCv(opencv::Error::new(
                opencv::core::StsBadArg,
                "OCR takes a non-empty 8-bit grey crop",
            )));
        }
        let owned;
        let grey = if grey.is_continuous() {
            grey
        } else {
            owned = grey.try_clone()?;
            &owned
        };
        let handle = match script {
            Script::Japanese => &mut self.jpn,
            Script::Latin => &mut self.eng,
        };
        handle.set("tessedit_char_whitelist", allowed);
        let bytes = grey.data_bytes()?;
        let (w, h) = (grey.cols(), grey.rows());
        // SAFETY: `bytes` is w*h bytes (continuous CV_8UC1) and outlives the call that reads
        // it (GetUTF8Text); the returned text is copied, then freed by TessDeleteText.
        unsafe {
            TessBaseAPISetImage(handle.0, bytes.as_ptr(), w, h, 1, w);
            TessBaseAPISetSourceResolution(handle.0, ppi);
            let raw = TessBaseAPIGetUTF8Text(handle.0);
            let confidence = TessBaseAPIMeanTextConf(handle.0).clamp(0, 100) as u8;
            let text = if raw.is_null() {
                Zeroizing::new(String::new())
            } else {
                let t = Zeroizing::new(CStr::from_ptr(raw).to_string_lossy().into_owned());
                // Tesseract's copy of the text is freed unzeroized: it is the library's heap,
                // beyond what this program can wipe (noted in the crate docs).
                TessDeleteText(raw);
                t
            };
            TessBaseAPIClear(handle.0);
            Ok(Line { text, confidence })
        }
    }
}

/// Makes every OpenMP parallel region of the process run on the thread that reaches it.
///
/// Tesseract's LSTM asks for its own team size (`num_threads(…)` clauses), which overrides
/// `omp_set_num_threads`, so the old per-call limit left four threads fighting over two cores
/// on every line; only the thread limit (an environment variable, read before `main`) or the
/// active-levels limit bind such clauses. With no level active, a region has one thread and
/// no futex hand-offs or spinning. One short line is too little work to share anyway (measured
/// with `cargo xtask bench card-front`, see the README's table). Nothing else in the desk uses
/// OpenMP (OpenCV is built on pthreads in Debian), so the process-wide setting is safe.
fn serial_openmp() {
    // SAFETY: sets libgomp's max-active-levels; no other effect, any thread may call it.
    unsafe { omp_set_max_active_levels(0) };
}
