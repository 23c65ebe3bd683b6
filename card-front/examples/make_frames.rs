//! Writes virtual card-front camera frames of one persona as PNGs, for the demo and for looking
//! at what the reader sees: `cargo run -p card-front --example make_frames -- <persona>
//! <trouble> <count> <out-dir>` (troubles: clean, tilted, soft-focus, blurred, dim, dark,
//! glare-aside, glare, upside-down, other-card, no-card). The frames are `f_000.png`, ... so
//! that `<out-dir>/f_%03d.png` is a card-front source.

use std::path::Path;

use anyhow::{Context, Result, bail};
use opencv::core::Vector;
use opencv::imgcodecs;
use simulators::front::{self, FrontFace, Trouble};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [persona, trouble, count, out] = args.as_slice() else {
        bail!("usage: make_frames <persona> <trouble> <count> <out-dir>");
    };
    let trouble = Trouble::ALL
        .into_iter()
        .find(|t| t.name() == trouble)
        .with_context(|| format!("unknown trouble {trouble}"))?;
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets");
    let p = simulators::card::persona(&assets.join("personas"), persona)?;
    let font = front::load_font(&assets)?;
    let face = FrontFace::from_persona(&p);
    let card = front::render_front(&face, &font)?;
    let other = front::render_other_card(&face, &font)?;
    std::fs::create_dir_all(out)?;
    for i in 0..count.parse::<u64>()? {
        let frame = front::capture(&card, &other, trouble, i)?;
        let path = Path::new(out).join(format!("f_{i:03}.png"));
        imgcodecs::imwrite(path.to_str().context("utf-8 path")?, &frame, &Vector::new())?;
    }
    Ok(())
}
