//! A developer's look at a match session: `cargo run -p face-match --example probe -- CARD.jp2
//! CAMERA` where CAMERA is a device number (`0`) or a file / image sequence
//! (`frames/f_%03d.png`). Prints the guidance as it changes and the verdict; writes nothing.

use face_match::{FaceEngine, Fit, FrameSource, MatchConfig, MatchSession, Step, VideoSource};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [card, camera] = &args[..] else {
        return Err("usage: probe CARD_PHOTO CAMERA (device number or file pattern)".into());
    };
    let mut engine = FaceEngine::load_default()?;
    let card = engine.card_face(&std::fs::read(card)?)?;
    let mut session = MatchSession::new(card, MatchConfig::default());
    let mut source = VideoSource::open(camera, Fit::Letterbox)?;
    let mut last = None;
    while let Some(frame) = source.next_frame()? {
        match session.feed(&mut engine, &frame, Instant::now())? {
            Step::Guidance(g) if last != Some(g) => {
                println!("{g:?}");
                last = Some(g);
            }
            Step::Guidance(_) => {}
            Step::Verdict(v) => {
                println!("{v:?}");
                return Ok(());
            }
        }
    }
    println!("the feed ended before a verdict");
    Ok(())
}
