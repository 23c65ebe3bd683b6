//! Links Debian's libtesseract (package libtesseract-dev) through its C API, and the OpenMP
//! runtime it is built with (libgomp, from gcc), whose thread count the reader sets; both are
//! found by the system linker, so no pkg-config or bindgen step is needed.

fn main() {
    println!("cargo:rustc-link-lib=dylib=tesseract");
    println!("cargo:rustc-link-lib=dylib=gomp");
}
