//! Writes a virtual card photo and virtual camera feeds for demos, built from the public-domain
//! test faces (run `cargo xtask setup` first): `cargo run -p face-match --example make_demo --
//! OUT_DIR` gives
//!
//! - `card.jp2`: greyscale JPEG 2000 card photo (300x400) of person A;
//! - `genuine/f_%03d.png`: 60 frames of another photo of person A, moving a little;
//! - `impostor/f_%03d.png`: 60 frames of person B;
//! - `frozen/f_%03d.png`: 30 identical frames of person A (refused by the attack check).
//!
//! Use a feed as the camera with `VideoSource::open("OUT_DIR/genuine/f_%03d.png", ..)`.

#[path = "../tests/common/mod.rs"]
mod common;

use common::*;
use opencv::imgcodecs;
use std::path::PathBuf;

fn main() {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .expect("usage: make_demo OUT_DIR (for example .onshi/demo)"),
    );
    let mut engine = engine();
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(
        out.join("card.jp2"),
        card_jp2(&mut engine, "obama.jpg", 300, 20),
    )
    .unwrap();
    let one = sequence(&mut engine, "obama2.jpg", &[Shot::default()]).remove(0);
    let feeds = [
        (
            "genuine",
            sequence(&mut engine, "obama2.jpg", &live_shots(60)),
        ),
        (
            "impostor",
            sequence(&mut engine, "biden.jpg", &live_shots(60)),
        ),
        ("frozen", vec![one; 30]),
    ];
    for (name, frames) in feeds {
        let dir = out.join(name);
        std::fs::create_dir_all(&dir).unwrap();
        for (i, f) in frames.iter().enumerate() {
            assert!(imgcodecs::imwrite_def(dir.join(format!("f_{i:03}.png")), f).unwrap());
        }
    }
    println!("demo card and feeds in {}", out.display());
}
