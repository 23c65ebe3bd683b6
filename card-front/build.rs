//! Links Debian's libtesseract (package libtesseract-dev) through its C API; the library is
//! found by the system linker, so no pkg-config or bindgen step is needed.

fn main() {
    println!("cargo:rustc-link-lib=dylib=tesseract");
}
