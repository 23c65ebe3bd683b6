//! `cargo xtask bench voice`: how long each patient language takes from a sentence to sound
//! ready to play (synthesis by the real engine), and from `Player::say` to the sound starting
//! (synthesis + hand-over to the output), over a number of runs. Prints a table.

use std::time::{Duration, Instant};
use voice::player::Report;
use voice::{Language, Output, Player, Settings};

/// A typical instruction of the patient screen, per language (bench data only).
fn sentence(lang: Language) -> &'static str {
    match lang {
        Language::Ja => "かおを まるの なかに いれて、 かめらを みて ください",
        Language::En => "Put your face inside the circle and look at the camera.",
        Language::Zh => "请把脸放进圆圈里，看着摄像头。",
        Language::Ko => "얼굴을 원 안에 맞추고 카메라를 봐 주세요.",
        Language::Vi => "Vui lòng đưa mặt vào trong vòng tròn và nhìn vào máy ảnh.",
        Language::Pt => "Coloque o rosto dentro do círculo e olhe para a câmera.",
    }
}

fn pct(v: &mut [Duration], p: usize) -> f64 {
    v.sort();
    let i = ((v.len() * p).div_ceil(100))
        .saturating_sub(1)
        .min(v.len() - 1);
    v[i].as_secs_f64() * 1000.0
}

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10);
    let settings = Settings::default();
    let dir = std::env::temp_dir().join(format!("onshi-voice-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a folder for the bench's sound files");
    println!("spoken guidance: eSpeak NG, {runs} runs per language, sound to files");
    println!(
        "| language | synthesis p50 ms | p95 ms | say → sound p50 ms | p95 ms | length ms | speech ms |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for lang in Language::ALL {
        let mut synth = Vec::new();
        let mut len = (0, 0);
        for _ in 0..runs {
            let t = Instant::now();
            let wav = settings
                .synthesize(lang, sentence(lang))
                .expect("espeak-ng says the sentence");
            synth.push(t.elapsed());
            len = (wav.duration_ms(), wav.speech_ms());
        }
        let (mut player, reports) = Player::start(settings.clone(), Output::Files(dir.clone()));
        let mut started = Vec::new();
        for _ in 0..runs {
            let seq = player.say(lang, sentence(lang));
            loop {
                match reports.recv_timeout(Duration::from_secs(30)) {
                    Ok(Report::Started { seq: s, latency }) if s == seq => {
                        started.push(latency);
                    }
                    Ok(Report::Finished { seq: s }) if s == seq => break,
                    Ok(Report::Failed { error, .. }) => panic!("{lang:?}: {error}"),
                    Ok(_) => {}
                    Err(e) => panic!("{lang:?}: no report ({e})"),
                }
            }
        }
        println!(
            "| {lang:?} | {:.0} | {:.0} | {:.0} | {:.0} | {} | {} |",
            pct(&mut synth, 50),
            pct(&mut synth, 95),
            pct(&mut started, 50),
            pct(&mut started, 95),
            len.0,
            len.1
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
