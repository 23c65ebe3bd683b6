//! The developer panel's backend for `cargo xtask demo`: [`SimControls`] implements
//! [`DevControls`] over the virtual card's control socket (line commands `insert ID`, `remove`,
//! `status`, `personas`; see simulators/src/bin/virtual-card.rs) and over a folder of virtual
//! camera feeds (one sub-folder of numbered frames per feed). Choosing a feed calls a setter
//! that the runtime gives (it points the next face attempt at that feed); this module knows
//! nothing else of the runtime. Only for the simulators: a real desk has no such panel.

use crate::port::{DevControls, DevError};
use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// What [`SimControls`] calls with a camera source (`face_match::VideoSource::open` syntax,
/// e.g. `/…/feeds/genuine/f_%03d.png`) when the developer picks a feed.
pub type CameraSetter = Arc<dyn Fn(&str) + Send + Sync>;

/// What [`SimControls`] calls with the card-front source when the developer picks what the
/// card-front camera sees.
pub type FrontSetter = Arc<dyn Fn(crate::config::CardFrontSource) + Send + Sync>;

/// The feed chosen at start when it exists: the card holder in front of the camera.
pub const DEFAULT_FEED: &str = "genuine";

/// How long one control command may take: inserting builds and signs the card's files.
const REPLY_TIMEOUT: Duration = Duration::from_secs(10);

/// [`DevControls`] for the simulated desk.
pub struct SimControls {
    control: PathBuf,
    personas: Vec<(String, String, String)>,
    inserted: Option<String>,
    feeds: Vec<String>,
    sources: Vec<String>,
    feed: usize,
    set_camera: CameraSetter,
    /// The card-front camera's feeds, the chosen one and where it goes.
    front: Option<(Vec<String>, Vec<String>, usize, FrontSetter)>,
}

impl std::fmt::Debug for SimControls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SimControls")
            .field("control", &self.control)
            .field("feeds", &self.feeds)
            .finish_non_exhaustive()
    }
}

impl SimControls {
    /// Asks the virtual card behind `control` for its personas and which one is inserted,
    /// reads the personas' labels from the `personas` folder beside `feeds_dir` (their
    /// `persona.toml`, as `cargo xtask demo` lays them out; the id when absent), lists the feeds under `feeds_dir`, and points the camera at
    /// [`DEFAULT_FEED`] (else the first feed) through `set_camera`.
    pub fn new(
        control: &Path,
        feeds_dir: &Path,
        set_camera: CameraSetter,
    ) -> Result<SimControls, DevError> {
        let personas_dir = feeds_dir.parent().map(|d| d.join("personas"));
        let ids = command(control, "personas")?;
        let personas = ids
            .split_whitespace()
            .map(|id| {
                let (ja, en) = personas_dir
                    .as_deref()
                    .and_then(|d| labels(&d.join(id).join("persona.toml")))
                    .unwrap_or_else(|| (id.to_string(), id.to_string()));
                (id.to_string(), ja, en)
            })
            .collect();
        let status = command(control, "status")?;
        let inserted = status
            .split_whitespace()
            .find_map(|w| w.strip_prefix("inserted="))
            .filter(|id| *id != "none")
            .map(str::to_string);
        let (feeds, sources) = list_feeds(feeds_dir)?;
        let feed = feeds.iter().position(|f| f == DEFAULT_FEED).unwrap_or(0);
        if let Some(src) = sources.get(feed) {
            set_camera(src);
        }
        Ok(SimControls {
            control: control.to_path_buf(),
            personas,
            inserted,
            feeds,
            sources,
            feed,
            set_camera,
            front: None,
        })
    }

    /// Lists the card-front feeds under `dir` (one sub-folder of frames each, as the camera
    /// feeds) and points the card-front camera at the first through `set_front`.
    pub fn with_card_front(
        mut self,
        dir: &Path,
        set_front: FrontSetter,
    ) -> Result<SimControls, DevError> {
        let (feeds, sources) = list_feeds(dir)?;
        if let Some(src) = sources.first() {
            set_front(crate::config::CardFrontSource::Images(PathBuf::from(src)));
        }
        self.front = Some((feeds, sources, 0, set_front));
        Ok(self)
    }

    /// The camera source of the chosen feed.
    pub fn source(&self) -> Option<&str> {
        self.sources.get(self.feed).map(String::as_str)
    }
}

impl DevControls for SimControls {
    fn personas(&self) -> &[(String, String, String)] {
        &self.personas
    }

    fn inserted(&self) -> Option<&str> {
        self.inserted.as_deref()
    }

    fn insert(&mut self, id: &str) -> Result<(), DevError> {
        if !self.personas.iter().any(|(p, _, _)| p == id) {
            return Err(DevError::Unknown(id.to_string()));
        }
        // The card replaces whatever card was on the reader (the old one is pulled first).
        self.inserted = None;
        command(&self.control, &format!("insert {id}"))?;
        self.inserted = Some(id.to_string());
        Ok(())
    }

    fn remove(&mut self) -> Result<(), DevError> {
        command(&self.control, "remove")?;
        self.inserted = None;
        Ok(())
    }

    fn feeds(&self) -> &[String] {
        &self.feeds
    }

    fn feed(&self) -> &str {
        self.feeds.get(self.feed).map_or("", String::as_str)
    }

    fn set_feed(&mut self, name: &str) -> Result<(), DevError> {
        let i = self
            .feeds
            .iter()
            .position(|f| f == name)
            .ok_or_else(|| DevError::Unknown(name.to_string()))?;
        self.feed = i;
        (self.set_camera)(&self.sources[i]);
        Ok(())
    }

    fn front_feeds(&self) -> &[String] {
        self.front.as_ref().map_or(&[], |f| &f.0)
    }

    fn front_feed(&self) -> &str {
        self.front
            .as_ref()
            .and_then(|f| f.0.get(f.2))
            .map_or("", String::as_str)
    }

    fn set_front_feed(&mut self, name: &str) -> Result<(), DevError> {
        let unknown = || DevError::Unknown(name.to_string());
        let (feeds, sources, chosen, set) = self.front.as_mut().ok_or_else(unknown)?;
        let i = feeds.iter().position(|f| f == name).ok_or_else(unknown)?;
        *chosen = i;
        set(crate::config::CardFrontSource::Images(PathBuf::from(
            &sources[i],
        )));
        Ok(())
    }
}

/// Sends one line to the control socket; the reply after `ok` (`err …` becomes an error).
fn command(control: &Path, line: &str) -> Result<String, DevError> {
    let down = |e: std::io::Error| DevError::Simulator(format!("{}: {e}", control.display()));
    let mut s = UnixStream::connect(control).map_err(down)?;
    s.set_read_timeout(Some(REPLY_TIMEOUT)).map_err(down)?;
    writeln!(s, "{line}").map_err(down)?;
    let mut reply = String::new();
    BufReader::new(s).read_line(&mut reply).map_err(down)?;
    let reply = reply.trim_end();
    match reply.strip_prefix("ok") {
        Some(rest) => Ok(rest.trim_start().to_string()),
        None if reply.is_empty() => Err(DevError::Simulator("no reply".into())),
        // The card's own words (ids and usage only, nothing personal).
        None => Err(DevError::Simulator(reply.to_string())),
    }
}

/// `label_ja` and `label_en` of a persona.toml (plain `key = "value"` lines).
fn labels(path: &Path) -> Option<(String, String)> {
    let text = std::fs::read_to_string(path).ok()?;
    let value = |key: &str| {
        text.lines().find_map(|l| {
            let (k, v) = l.split_once('=')?;
            (k.trim() == key).then(|| v.trim().trim_matches('"').to_string())
        })
    };
    Some((value("label_ja")?, value("label_en")?))
}

/// Feeds are the sub-folders of `dir` that hold numbered frames (`f_000.png`, …) or one video
/// file; returns the names (sorted) and their camera sources.
fn list_feeds(dir: &Path) -> Result<(Vec<String>, Vec<String>), DevError> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        DevError::Simulator(format!(
            "camera feeds folder {}: {e}; run `cargo xtask demo`",
            dir.display()
        ))
    })?;
    let mut feeds: Vec<(String, String)> = entries
        .flatten()
        .filter(|e| e.path().is_dir())
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            Some((name, source_of(&e.path())?))
        })
        .collect();
    feeds.sort();
    Ok(feeds.into_iter().unzip())
}

/// The VideoCapture source of one feed folder: `dir/PREFIX%0Nd.EXT` for an image sequence
/// whose first frame is numbered 0, else the folder's only file (a video).
fn source_of(dir: &Path) -> Option<String> {
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter(|e| e.path().is_file())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|n| !n.starts_with('.'))
        .collect();
    files.sort();
    let first = files.first()?;
    let (stem, ext) = first.rsplit_once('.')?;
    let digits = stem.len() - stem.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 && stem[stem.len() - digits..].bytes().all(|b| b == b'0') {
        let prefix = &stem[..stem.len() - digits];
        return Some(
            dir.join(format!("{prefix}%0{digits}d.{ext}"))
                .to_string_lossy()
                .into_owned(),
        );
    }
    (files.len() == 1).then(|| dir.join(first).to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::net::UnixListener;
    use std::sync::Mutex;

    /// A stand-in for the virtual card's control socket that answers like it and records
    /// the commands (the real card is exercised by the Xvfb smoke test and the demo).
    fn fake_card(dir: &Path) -> (PathBuf, Arc<Mutex<Vec<String>>>) {
        let sock = dir.join("card.sock");
        let listener = UnixListener::bind(&sock).unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        std::thread::spawn(move || {
            for conn in listener.incoming().flatten() {
                let mut out = conn.try_clone().unwrap();
                let mut line = String::new();
                BufReader::new(conn).read_line(&mut line).unwrap();
                let line = line.trim().to_string();
                let reply = match line.as_str() {
                    "personas" => "ok adult face-only".to_string(),
                    "status" => "ok inserted=none apdus=0".to_string(),
                    "remove" | "insert adult" | "insert face-only" => "ok".to_string(),
                    other => format!("err unknown persona in `{other}`"),
                };
                log.lock().unwrap().push(line);
                writeln!(out, "{reply}").unwrap();
            }
        });
        (sock, seen)
    }

    fn feeds(dir: &Path) -> PathBuf {
        let feeds = dir.join("feeds");
        for (name, files) in [
            ("genuine", &["f_000.png", "f_001.png"][..]),
            ("impostor", &["f_000.png"][..]),
            ("clip", &["walk.avi"][..]),
            ("empty", &[][..]),
        ] {
            std::fs::create_dir_all(feeds.join(name)).unwrap();
            for f in files {
                std::fs::write(feeds.join(name).join(f), b"x").unwrap();
            }
        }
        std::fs::write(feeds.join("card.jp2"), b"not a feed").unwrap();
        feeds
    }

    #[test]
    fn personas_feeds_and_camera_follow_the_panel() {
        let dir = tempfile::tempdir().unwrap();
        let (sock, seen) = fake_card(dir.path());
        let personas = dir.path().join("personas");
        std::fs::create_dir_all(personas.join("adult")).unwrap();
        std::fs::write(
            personas.join("adult/persona.toml"),
            "id = \"adult\"\nlabel_ja = \"一般の成人\"\nlabel_en = \"Adult\"\n",
        )
        .unwrap();
        let feeds = feeds(dir.path());
        let camera = Arc::new(Mutex::new(Vec::new()));
        let cam = Arc::clone(&camera);
        let mut dev = SimControls::new(
            &sock,
            &feeds,
            Arc::new(move |s: &str| cam.lock().unwrap().push(s.to_string())),
        )
        .unwrap();

        assert_eq!(
            dev.personas(),
            &[
                ("adult".into(), "一般の成人".into(), "Adult".into()),
                ("face-only".into(), "face-only".into(), "face-only".into()),
            ]
        );
        assert_eq!(dev.feeds(), &["clip", "genuine", "impostor"]);
        assert_eq!(dev.feed(), "genuine");
        let genuine = feeds.join("genuine/f_%03d.png").display().to_string();
        assert_eq!(*camera.lock().unwrap(), vec![genuine]);

        dev.set_feed("clip").unwrap();
        assert_eq!(dev.feed(), "clip");
        let clip = feeds.join("clip/walk.avi").display().to_string();
        assert_eq!(camera.lock().unwrap().last(), Some(&clip));
        assert!(matches!(dev.set_feed("nobody"), Err(DevError::Unknown(_))));
        assert_eq!(dev.feed(), "clip");

        assert_eq!(dev.inserted(), None);
        dev.insert("adult").unwrap();
        assert_eq!(dev.inserted(), Some("adult"));
        assert!(matches!(dev.insert("ghost"), Err(DevError::Unknown(_))));
        dev.remove().unwrap();
        assert_eq!(dev.inserted(), None);
        assert_eq!(
            *seen.lock().unwrap(),
            ["personas", "status", "insert adult", "remove"]
        );
    }

    #[test]
    fn the_panel_picks_what_the_card_front_camera_sees() {
        use crate::config::CardFrontSource;
        let dir = tempfile::tempdir().unwrap();
        let (sock, _seen) = fake_card(dir.path());
        let feeds = feeds(dir.path());
        let fronts = dir.path().join("front");
        for name in ["adult", "adult-glare"] {
            std::fs::create_dir_all(fronts.join(name)).unwrap();
            std::fs::write(fronts.join(name).join("f_000.png"), b"x").unwrap();
        }
        let dev = SimControls::new(&sock, &feeds, Arc::new(|_: &str| {})).unwrap();
        // Without card-front feeds the panel offers none.
        assert!(dev.front_feeds().is_empty());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let s = Arc::clone(&seen);
        let mut dev = dev
            .with_card_front(
                &fronts,
                Arc::new(move |f: CardFrontSource| s.lock().unwrap().push(f)),
            )
            .unwrap();
        assert_eq!(dev.front_feeds(), &["adult", "adult-glare"]);
        assert_eq!(dev.front_feed(), "adult");
        dev.set_front_feed("adult-glare").unwrap();
        assert_eq!(dev.front_feed(), "adult-glare");
        assert!(matches!(
            dev.set_front_feed("nobody"),
            Err(DevError::Unknown(_))
        ));
        let seq = |n: &str| CardFrontSource::Images(fronts.join(n).join("f_%03d.png"));
        assert_eq!(*seen.lock().unwrap(), [seq("adult"), seq("adult-glare")]);
    }

    #[test]
    fn a_missing_simulator_is_reported_not_panicked() {
        let dir = tempfile::tempdir().unwrap();
        let err = SimControls::new(
            &dir.path().join("no.sock"),
            &dir.path().join("feeds"),
            Arc::new(|_: &str| {}),
        )
        .unwrap_err();
        assert!(matches!(err, DevError::Simulator(_)), "{err}");
    }
}
