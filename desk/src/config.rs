//! The desk's settings for real use (`onshi --config FILE`): which reader, camera and face
//! models, the JPKI CA the card certificate must chain to, the 特定機関 terminal credentials,
//! how to reach the centre with which client certificate, the institution code and the consent
//! questions offered. Everything is read and checked once at load, so that a wrong setting is
//! reported on the console at start, naming the file, the key and what to fix, and never
//! surfaces later as a crash in front of a patient. Relative paths resolve against the folder
//! of the config file.

use crate::flow::{ConsentOffer, FlowKind, ReaderKind, Settings, Timeouts};
use crate::lang::Lang;
use eligibility::{ClientConfig, InstitutionCode};
use reader_driver::{KenmenIssuer, TerminalCredentials};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// An example config, printed when none is found.
pub const EXAMPLE: &str = r#"# Onshi Desk settings. Relative paths are relative to this file's folder.
lang = "ja"                  # patient screen default and clerk console language: "ja", "en", "zh", "ko", "vi" or "pt"

[reader]
# name = "ACS ACR1252 1S CL Reader [ACR1252 Reader] 00 00"   # default: the first reader pcscd lists
# kind = "face"              # "face" (顔認証付きカードリーダー) or "generic" (汎用: no patient screen, no camera)

[reception]                  # optional: the patient's counter
# flow = "seed"              # "seed" (a screen per consent, then 限度額) or "current" (包括同意, no 限度額 screen)
# card_left_after_s = 20     # seconds a card may stay on the reader after the visit before the alert

[camera]                     # leave out the whole section for a desk without face matching
source = "0"                 # /dev/video0 (or "/dev/video0"); only a simulated desk plays a recording

# [card_front]               # optional: read 照合番号B from the card front (else the clerk keys it)
# device = "/dev/video1"     # the camera or document scanner looking at the card front
# images = "front.png"       # or an image file (re-read each frame) / a sequence such as front/f_%03d.png

[models]
# dir = "models"             # default: $ONSHI_MODELS_DIR, else the build's .onshi/models

[card]
jpki_ca = "pki/jpki-auth-ca.crt.der"             # 利用者証明用 CA (DER); a list is accepted too
terminal_cert = "pki/tokutei-terminal.crt.der"   # 特定機関 terminal certificate (DER)
terminal_key = "pki/tokutei-terminal.key.pem"    # its PKCS#8 private key (PEM); chmod 600
kenmen_issuer = "pki/kenmen-issuer.pub.der"      # 券面AP issuer public key (DER); needed with [camera]

[centre]
url = "https://127.0.0.1:8443"
ca = "centre-ca.pem"
client_cert = "client.crt.pem"
client_key = "client.key.pem"   # private key: chmod 600 (the desk refuses one others can read)

[institution]
code = "1310100019"          # 医療機関コード (10 digits); its 3rd digit gives the kind
# prescriptions = false      # 医科 / 歯科 issuing prescriptions: the patient picks 電子処方箋 or 紙

[consents]                   # optional: which consent questions are asked
# drug = true
# diagnosis = false
# checkup = true             # default off at pharmacies
# surgery = false
# limit = true

[history]                    # optional: where the check history and audit log are kept
# path = "history.sqlite"    # default: $XDG_DATA_HOME/onshi/history.sqlite

[staff]                      # optional: the viewer's staff accounts (`onshi staff add ...`)
# path = "staff.sqlite"      # default: staff.sqlite beside the history

[viewer]                     # optional: the drug / 特定健診 viewer
# pharmacy_checkup = false   # a pharmacy may ask for 特定健診 (the centre decides too)

# [link]                     # optional: the clinic link (req / res / face folders for the レセコン)
# folder = "/srv/OQS"        # the root holding req, res and face (required in [link])
# encoding = "shift_jis"     # answers and face files: "shift_jis" (default) or "utf-8"
# enabled = true             # false keeps the settings but does not run the link
# group = 1001               # gid of the clinic system's account: files 0640, folders 0750
# counter = "1"              # this counter's name, written into face files (PROPOSED element)
# journal = "link.sqlite"    # default: link.sqlite beside the history

# [voice]                    # optional: spoken guidance on the patient screen (off without it)
# enabled = true             # false keeps the settings but says nothing
# volume = 80                # 0 to 100 (%)
# open_jtalk_voice = "/usr/share/hts-voice/nitech-jp-atr503-m001/nitech_jp_atr503_m001.htsvoice"
#                            # Japanese by Open JTalk with this HTS voice (else eSpeak NG)
# open_jtalk_dictionary = "/var/lib/mecab/dic/open-jtalk/naist-jdic"   # its dictionary (default)

[patient]                    # optional: the patient's touch screen
# text_size = "normal"       # "large": bigger type for elderly patients
# contrast = "normal"        # "high": white and yellow on black
# kiosk = false              # true: full screen, no window frame, nothing that closes the app
# display = 1                # kiosk monitor: its index in winit's monitor list (0 = first)
"#;

/// Why the config cannot be used. Each message names the file and the key and says what to do.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("config file {} does not exist: create it (run `onshi --example-config` for a template) or pass --config FILE", path.display())]
    Missing { path: PathBuf },
    #[error("config file {} cannot be read ({source}): check its permissions", path.display())]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("config file {}: {detail}", path.display())]
    Syntax { path: PathBuf, detail: String },
    #[error("config file {}: `{key}` names {}, which {detail}", path.display(), file.display())]
    File {
        path: PathBuf,
        key: &'static str,
        file: PathBuf,
        detail: String,
    },
    #[error("config file {}: {}", path.display(), dev_refusal(*simulators_build))]
    Dev {
        path: PathBuf,
        /// The build can drive the simulators (feature `simulators`), but the reader is not
        /// the virtual one.
        simulators_build: bool,
    },
    #[error("config file {}: {}", path.display(), camera_file_refusal(*simulators_build))]
    CameraFile {
        path: PathBuf,
        /// As for [`ConfigError::Dev`]: a simulators build, but not the virtual reader.
        simulators_build: bool,
    },
    #[error("config file {}: `{key}` {detail}", path.display())]
    Invalid {
        path: PathBuf,
        key: &'static str,
        detail: String,
    },
}

fn dev_refusal(simulators_build: bool) -> String {
    if simulators_build {
        format!(
            "[dev] (the developer panel) works only with the virtual card reader: set [reader] name = \"{VIRTUAL_READER}…\" (as `cargo xtask demo` does) or remove the [dev] section on a real desk"
        )
    } else {
        "[dev] (the developer panel and recorded camera feeds) is for the simulators, and this onshi was built without them (cargo feature `simulators`): remove the [dev] section, or use `cargo xtask demo` for a simulated desk".into()
    }
}

fn camera_file_refusal(simulators_build: bool) -> String {
    let needs = if simulators_build {
        format!(
            "the virtual card reader ([reader] name = \"{VIRTUAL_READER}…\", as `cargo xtask demo` sets)"
        )
    } else {
        "a build with the simulators (cargo feature `simulators`, as `cargo xtask demo` makes)"
            .into()
    };
    format!(
        "`[camera] source` names a video file or image sequence, which only {needs} may play; a real desk's face check needs a live camera: set source = \"0\" (or the number N of /dev/videoN), or remove [camera]"
    )
}

/// The start of the reader names of vpcd, the virtual reader the simulated card connects to
/// (`Virtual PCD 00 00`, `Virtual PCD 00 01`, ...).
pub const VIRTUAL_READER: &str = "Virtual PCD ";

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum RawLang {
    Ja,
    En,
    Zh,
    Ko,
    Vi,
    Pt,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(PathBuf),
    Many(Vec<PathBuf>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    lang: Option<RawLang>,
    #[serde(default)]
    reader: RawReader,
    #[serde(default)]
    reception: RawReception,
    camera: Option<RawCamera>,
    card_front: Option<RawCardFront>,
    #[serde(default)]
    models: RawModels,
    card: RawCard,
    centre: RawCentre,
    institution: RawInstitution,
    #[serde(default)]
    consents: RawConsents,
    dev: Option<RawDev>,
    #[serde(default)]
    history: RawHistory,
    #[serde(default)]
    staff: RawHistory,
    #[serde(default)]
    viewer: RawViewer,
    link: Option<RawLink>,
    voice: Option<RawVoice>,
    #[serde(default)]
    patient: RawPatient,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLink {
    folder: PathBuf,
    encoding: Option<String>,
    enabled: Option<bool>,
    group: Option<u32>,
    counter: Option<String>,
    journal: Option<PathBuf>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVoice {
    enabled: Option<bool>,
    volume: Option<i64>,
    open_jtalk_voice: Option<PathBuf>,
    open_jtalk_dictionary: Option<PathBuf>,
}

/// Spoken guidance (`[voice]`), for the voice worker (`runtime::voice`). Off unless the
/// section is there: a desk (or a test) without speakers stays silent without being told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoiceConfig {
    pub enabled: bool,
    /// Loudness, 0–100 %.
    pub volume: u8,
    /// Japanese by Open JTalk (`open_jtalk_voice` set); `None`: eSpeak NG says every language.
    pub open_jtalk: Option<voice::engine::OpenJtalk>,
    /// Where the sound goes: the sound card; a test or a bench writes files instead.
    pub output: voice::Output,
}

impl VoiceConfig {
    /// No `[voice]`: silent.
    pub fn off() -> VoiceConfig {
        VoiceConfig {
            enabled: false,
            volume: voice::Settings::default().volume,
            open_jtalk: None,
            output: voice::Output::Device,
        }
    }

    /// The voice brick's settings (eSpeak NG from the PATH at its default rate).
    pub fn settings(&self) -> voice::Settings {
        voice::Settings {
            open_jtalk: self.open_jtalk.clone(),
            volume: self.volume,
            ..voice::Settings::default()
        }
    }
}

/// Where Debian's `open-jtalk-mecab-naist-jdic` puts Open JTalk's dictionary.
pub const OPEN_JTALK_DICTIONARY: &str = "/var/lib/mecab/dic/open-jtalk/naist-jdic";

/// The clinic link's settings (`[link]`); the link itself is `services::link`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkConfig {
    /// The root holding `req`, `res` and `face`.
    pub folder: PathBuf,
    /// Answers and face files in Shift_JIS (`false`: UTF-8).
    pub shift_jis: bool,
    /// Run the link (the GUI desk and `onshi link`).
    pub enabled: bool,
    /// The group of the clinic system's account: files 0640, folders 0750 (else 0600 / 0700).
    pub group: Option<u32>,
    /// This counter's name in face files (PROPOSED element, see `eligibility::link`).
    pub counter: Option<String>,
    /// The link's journal (SQLite).
    pub journal: PathBuf,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawViewer {
    #[serde(default)]
    pharmacy_checkup: bool,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawHistory {
    path: Option<PathBuf>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawReader {
    name: Option<String>,
    #[serde(default)]
    kind: RawReaderKind,
}

#[derive(Deserialize, Default, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum RawReaderKind {
    #[default]
    Face,
    Generic,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawReception {
    #[serde(default)]
    flow: RawFlow,
    card_left_after_s: Option<u64>,
}

#[derive(Deserialize, Default, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum RawFlow {
    #[default]
    Seed,
    Current,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCamera {
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCardFront {
    device: Option<String>,
    images: Option<PathBuf>,
}

/// Where the card front is seen (`[card_front]`), for the card-front worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardFrontSource {
    /// `/dev/videoN`: a camera or document scanner looking at the card on the reader.
    Device(i32),
    /// An image file (a scanner's output, re-read each frame) or an image sequence with a
    /// printf pattern (`front/f_%03d.png`: the simulators and the tests). Allowed in any build:
    /// a picture of a card front yields only what the clerk could key from it, the patient's
    /// face is still matched live.
    Images(PathBuf),
}

impl CardFrontSource {
    /// A printf-numbered image sequence (played as a video) rather than one file.
    pub fn is_sequence(&self) -> bool {
        matches!(self, CardFrontSource::Images(p) if p.to_string_lossy().contains('%'))
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawModels {
    dir: Option<PathBuf>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCard {
    jpki_ca: OneOrMany,
    terminal_cert: PathBuf,
    terminal_key: PathBuf,
    kenmen_issuer: Option<PathBuf>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCentre {
    url: String,
    ca: PathBuf,
    client_cert: PathBuf,
    client_key: PathBuf,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInstitution {
    code: String,
    /// Only a 医科 / 歯科 asks; a pharmacy's `true` is kept but never asks (see
    /// `Settings::asks_prescription`), so one settings file can serve every counter.
    #[serde(default)]
    prescriptions: bool,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConsents {
    drug: Option<bool>,
    diagnosis: Option<bool>,
    checkup: Option<bool>,
    surgery: Option<bool>,
    limit: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDev {
    control: PathBuf,
    feeds: PathBuf,
}

/// The developer panel's simulator endpoints (`[dev]`): honoured only by a build with the
/// `simulators` feature (`cargo xtask demo`) and with the virtual reader, see [`dev_allowed`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DevConfig {
    /// The virtual card's control socket.
    pub control: PathBuf,
    /// A folder with one sub-folder of frames per camera feed.
    pub feeds: PathBuf,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawPatient {
    text_size: Option<TextSize>,
    contrast: Option<Contrast>,
    kiosk: Option<bool>,
    display: Option<RawDisplay>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawDisplay {
    Index(i64),
    Text(String),
}

/// The patient screen's type size (`[patient] text_size`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TextSize {
    #[default]
    Normal,
    /// About a quarter larger, for elderly patients; buttons grow with it.
    Large,
}

/// The patient screen's colours (`[patient] contrast`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Contrast {
    /// Dark text on white.
    #[default]
    Normal,
    /// White and yellow on black, for low vision and a screen in bright light.
    High,
}

/// How the patient's touch screen looks and where it opens (`[patient]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PatientConfig {
    pub text_size: TextSize,
    pub contrast: Contrast,
    /// Full screen without a window frame and without anything that closes the app. Off by
    /// default, so a developer's desk and the demo open an ordinary window.
    pub kiosk: bool,
    /// The monitor for the kiosk: its index in the order winit lists the monitors
    /// (`available_monitors()`: on X11 the RandR monitors, on Wayland the compositor's
    /// outputs, in the order they report them). An index, not a name such as `HDMI-1`,
    /// because eframe places a window on a monitor by index before the window exists, when
    /// no names can be asked for. `None`: the monitor the window manager picks.
    pub display: Option<usize>,
}

/// The loaded and checked settings.
#[derive(Clone)]
pub struct Config {
    /// The file they came from.
    pub path: PathBuf,
    pub lang: Lang,
    /// The reader to use; `None`: the first reader pcscd lists.
    pub reader: Option<String>,
    /// The camera for `face_match::VideoSource::open` (device index, or a resolved path);
    /// `None`: no face matching at this desk.
    pub camera: Option<String>,
    /// `[card_front]`: where 照合番号B is read from; `None`: the clerk keys it.
    pub card_front: Option<CardFrontSource>,
    /// Where the face models are; `None`: face_match's default folder.
    pub models_dir: Option<PathBuf>,
    /// The JPKI 利用者証明用 CA certificates (DER) the card certificate must chain to.
    pub jpki_cas: Vec<Vec<u8>>,
    /// The 特定機関 credentials for signing in face and 目視 modes.
    pub terminal: Arc<TerminalCredentials>,
    /// The 券面AP issuer's public key, which the card photo's signing key must be certified
    /// by (`[card] kenmen_issuer`); required when the desk has a camera.
    pub kenmen_issuer: Option<KenmenIssuer>,
    /// How to reach the centre (PEM files already read and checked).
    pub centre: ClientConfig,
    pub institution: InstitutionCode,
    pub offer: ConsentOffer,
    /// `[reception] flow`: which consent screens.
    pub flow: FlowKind,
    /// `[reader] kind`: a face reader, or a generic one driven from the console.
    pub reader_kind: ReaderKind,
    /// `[institution] prescriptions`: the patient picks 電子処方箋 or 紙 (医科 / 歯科 only).
    pub prescriptions: bool,
    pub dev: Option<DevConfig>,
    /// The history database (`[history] path`, default [`crate::paths::history`]).
    pub history: PathBuf,
    /// The staff accounts (`[staff] path`, default `staff.sqlite` beside the history).
    pub staff: PathBuf,
    /// `[viewer] pharmacy_checkup`: a pharmacy asks for 特定健診 (default false).
    pub pharmacy_checkup: bool,
    /// `[link]`: the clinic link, when set.
    pub link: Option<LinkConfig>,
    /// `[voice]`: spoken guidance ([`VoiceConfig::off`] without the section).
    pub voice: VoiceConfig,
    /// `[reception] card_left_after_s`: how long a card may stay on the reader after its
    /// visit before the alert (default 20 s).
    pub card_left_after: std::time::Duration,
    /// `[patient]`: the patient screen's type size, contrast and kiosk mode.
    pub patient: PatientConfig,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("path", &self.path)
            .field("lang", &self.lang)
            .field("reader", &self.reader)
            .field("camera", &self.camera)
            .field("card_front", &self.card_front)
            .field("models_dir", &self.models_dir)
            .field("centre", &self.centre.base_url)
            .field("institution", &self.institution.as_str())
            .field("offer", &self.offer)
            .field("flow", &self.flow)
            .field("reader_kind", &self.reader_kind)
            .field("prescriptions", &self.prescriptions)
            .field("dev", &self.dev)
            .field("history", &self.history)
            .field("staff", &self.staff)
            .field("pharmacy_checkup", &self.pharmacy_checkup)
            .field("link", &self.link)
            .field("voice", &self.voice)
            .field("card_left_after", &self.card_left_after)
            .field("patient", &self.patient)
            .finish_non_exhaustive()
    }
}

impl Config {
    /// Reads and checks the config at `path`, and every file it names.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(ConfigError::Missing {
                    path: path.to_path_buf(),
                });
            }
            Err(source) => {
                return Err(ConfigError::Unreadable {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        let base = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        Self::parse(&text, path, base)
    }

    /// Checks config `text` as if read from `path`; relative paths resolve against `base`.
    pub fn parse(text: &str, path: &Path, base: &Path) -> Result<Config, ConfigError> {
        let raw: Raw = toml::from_str(text).map_err(|e| ConfigError::Syntax {
            path: path.to_path_buf(),
            detail: e.to_string().trim_end().replace('\n', "\n  "),
        })?;
        let l = Loader { path, base };

        let institution: InstitutionCode = raw
            .institution
            .code
            .parse()
            .map_err(|e: eligibility::IdError| l.invalid("[institution] code", e.to_string()))?;

        let mut jpki_cas = Vec::new();
        let ca_paths = match raw.card.jpki_ca {
            OneOrMany::One(p) => vec![p],
            OneOrMany::Many(v) => v,
        };
        if ca_paths.is_empty() {
            return Err(l.invalid(
                "[card] jpki_ca",
                "is empty: name the 利用者証明用 CA certificate (DER) file".into(),
            ));
        }
        for p in ca_paths {
            let (file, der) = l.read("[card] jpki_ca", &p)?;
            reader_driver::cert::CertificateInfo::parse(&der).map_err(|_| {
                l.file_err(
                    "[card] jpki_ca",
                    &file,
                    "is not a DER X.509 certificate: convert it with `openssl x509 -outform der`",
                )
            })?;
            jpki_cas.push(der);
        }

        let cert = l.resolve(&raw.card.terminal_cert);
        let key = l.resolve(&raw.card.terminal_key);
        l.read("[card] terminal_cert", &raw.card.terminal_cert)?;
        l.read("[card] terminal_key", &raw.card.terminal_key)?;
        l.private_key("[card] terminal_key", &key)?;
        let terminal = TerminalCredentials::load(&cert, &key).map_err(|e| {
            l.file_err(
                "[card] terminal_key",
                &key,
                &format!(
                    "cannot be used ({e}): give the PKCS#8 PEM key of the terminal certificate"
                ),
            )
        })?;

        let kenmen_issuer = match &raw.card.kenmen_issuer {
            None => None,
            Some(p) => {
                let (file, der) = l.read("[card] kenmen_issuer", p)?;
                Some(KenmenIssuer::from_der(&der).ok_or_else(|| {
                    l.file_err(
                        "[card] kenmen_issuer",
                        &file,
                        "is not an RSA public key in DER: convert it with `openssl pkey -pubin -outform der`",
                    )
                })?)
            }
        };

        let url = raw.centre.url.trim().to_string();
        if !url.starts_with("https://") || url.len() <= "https://".len() {
            return Err(l.invalid(
                "[centre] url",
                format!("is {url:?}: give the centre's https:// address"),
            ));
        }
        let ca = l.resolve(&raw.centre.ca);
        let client_cert = l.resolve(&raw.centre.client_cert);
        let client_key = l.resolve(&raw.centre.client_key);
        l.read("[centre] ca", &raw.centre.ca)?;
        l.read("[centre] client_cert", &raw.centre.client_cert)?;
        l.read("[centre] client_key", &raw.centre.client_key)?;
        l.private_key("[centre] client_key", &client_key)?;
        let centre =
            ClientConfig::from_files(&url, &ca, &client_cert, &client_key, institution.clone())
                .map_err(|e| l.invalid("[centre]", e.to_string()))?;
        // Building a client parses the CA and the identity PEM: a wrong file shows now.
        eligibility::Client::new(centre.clone()).map_err(|e| {
            l.invalid(
                "[centre] ca / client_cert / client_key",
                format!("cannot be used: {e}"),
            )
        })?;

        let models_dir = raw.models.dir.as_ref().map(|d| l.resolve(d));
        let reader = raw
            .reader
            .name
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty());
        // Recorded frames would stand in for the patient's face: as [dev], only a simulated
        // desk may play them.
        let recordings = dev_allowed(cfg!(feature = "simulators"), reader.as_deref());
        let camera = match raw.camera {
            None => None,
            Some(c) => Some(l.camera(&c.source, recordings)?),
        };
        if camera.is_some() && kenmen_issuer.is_none() {
            return Err(l.invalid(
                "[card] kenmen_issuer",
                "is missing: the face check reads the card photo, whose signing key must be certified by the 券面AP issuer; give the issuer's public key (DER), or remove [camera]".into(),
            ));
        }
        if camera.is_some() {
            // Only presence here: the sha256 check of 40 MB runs in the face worker's
            // background load, so start-up stays fast; a mismatch is reported there.
            let dir = models_dir
                .clone()
                .unwrap_or_else(face_match::ModelPaths::default_dir);
            for f in [face_match::DETECTOR_FILE, face_match::RECOGNIZER_FILE] {
                if !dir.join(f).is_file() {
                    return Err(l.invalid(
                        "[models] dir",
                        format!(
                            "has no {f} in {}: run `cargo xtask setup`, set [models] dir, or remove [camera] to run without face matching",
                            dir.display()
                        ),
                    ));
                }
            }
        }

        let card_front = match &raw.card_front {
            None => None,
            Some(f) => Some(l.card_front(f)?),
        };
        if card_front.is_some() && camera.is_none() {
            return Err(l.invalid(
                "[card_front]",
                "is set but [camera] is not: 照合番号B is read only for the face check; add [camera], or remove [card_front]".into(),
            ));
        }

        let kind = institution.kind();
        let d = ConsentOffer::defaults(kind);
        // Long enough for a patient to pick up the card, short enough to catch them at the
        // counter; 0 would sound at every visit.
        let card_left_after = match raw.reception.card_left_after_s {
            None => Timeouts::default().card_left,
            Some(s @ 1..=600) => std::time::Duration::from_secs(s),
            Some(_) => {
                return Err(l.invalid(
                    "[reception] card_left_after_s",
                    "must be a number of seconds from 1 to 600 (default 20)".into(),
                ));
            }
        };
        let c = raw.consents;
        let offer = ConsentOffer {
            drug: c.drug.unwrap_or(d.drug),
            diagnosis: c.diagnosis.unwrap_or(d.diagnosis),
            checkup: c.checkup.unwrap_or(d.checkup),
            surgery: c.surgery.unwrap_or(d.surgery),
            limit: c.limit.unwrap_or(d.limit),
        };

        if raw.dev.is_some() {
            dev_allowed(cfg!(feature = "simulators"), reader.as_deref()).map_err(
                |simulators_build| ConfigError::Dev {
                    path: path.to_path_buf(),
                    simulators_build,
                },
            )?;
        }
        let dev = raw.dev.map(|d| DevConfig {
            control: l.resolve(&d.control),
            feeds: l.resolve(&d.feeds),
        });
        if let Some(d) = &dev
            && !d.feeds.is_dir()
        {
            return Err(l.file_err(
                "[dev] feeds",
                &d.feeds,
                "is not a folder: run `cargo xtask demo`, which makes it",
            ));
        }

        let history = raw
            .history
            .path
            .map(|p| l.resolve(&p))
            .unwrap_or_else(crate::paths::history);
        let link = match raw.link {
            None => None,
            Some(k) => Some(LinkConfig {
                folder: l.resolve(&k.folder),
                shift_jis: match k
                    .encoding
                    .as_deref()
                    .map(str::to_ascii_lowercase)
                    .as_deref()
                {
                    None | Some("shift_jis" | "sjis" | "shift-jis") => true,
                    Some("utf-8" | "utf8") => false,
                    Some(_) => {
                        return Err(ConfigError::Invalid {
                            path: path.to_path_buf(),
                            key: "[link] encoding",
                            detail: "must be \"shift_jis\" or \"utf-8\"".into(),
                        });
                    }
                },
                enabled: k.enabled.unwrap_or(true),
                group: k.group,
                counter: k.counter.filter(|c| !c.trim().is_empty()),
                journal: k
                    .journal
                    .map(|p| l.resolve(&p))
                    .unwrap_or_else(|| history.with_file_name("link.sqlite")),
            }),
        };
        let voice = match raw.voice {
            None => VoiceConfig::off(),
            Some(v) => l.voice(&v)?,
        };
        let patient = PatientConfig {
            text_size: raw.patient.text_size.unwrap_or_default(),
            contrast: raw.patient.contrast.unwrap_or_default(),
            kiosk: raw.patient.kiosk.unwrap_or(false),
            display: match raw.patient.display {
                None => None,
                Some(d) => {
                    Some(display_index(d).map_err(|why| l.invalid("[patient] display", why))?)
                }
            },
        };
        Ok(Config {
            path: path.to_path_buf(),
            lang: match raw.lang {
                Some(RawLang::En) => Lang::En,
                Some(RawLang::Zh) => Lang::Zh,
                Some(RawLang::Ko) => Lang::Ko,
                Some(RawLang::Vi) => Lang::Vi,
                Some(RawLang::Pt) => Lang::Pt,
                Some(RawLang::Ja) | None => Lang::Ja,
            },
            reader,
            camera,
            card_front,
            models_dir,
            jpki_cas,
            terminal: Arc::new(terminal),
            kenmen_issuer,
            centre,
            institution,
            offer,
            flow: match raw.reception.flow {
                RawFlow::Seed => FlowKind::Seed,
                RawFlow::Current => FlowKind::Current,
            },
            reader_kind: match raw.reader.kind {
                RawReaderKind::Face => ReaderKind::Face,
                RawReaderKind::Generic => ReaderKind::Generic,
            },
            prescriptions: raw.institution.prescriptions,
            dev,
            staff: raw
                .staff
                .path
                .map(|p| l.resolve(&p))
                .unwrap_or_else(|| history.with_file_name("staff.sqlite")),
            pharmacy_checkup: raw.viewer.pharmacy_checkup,
            history,
            link,
            voice,
            card_left_after,
            patient,
        })
    }

    /// What the reception flow needs of these settings.
    pub fn settings(&self) -> Settings {
        Settings {
            kind: self.institution.kind(),
            offer: self.offer,
            lang: self.lang,
            timeouts: Timeouts {
                card_left: self.card_left_after,
                ..Timeouts::default()
            },
            // A generic reader has no camera facing the patient, whatever [camera] says.
            face_available: self.camera.is_some() && self.reader_kind == ReaderKind::Face,
            card_front: self.card_front.is_some(),
            flow: self.flow,
            prescriptions: self.prescriptions,
            reader: self.reader_kind,
        }
    }
}

/// `[patient] display` as a monitor index: `1` or `"1"`; anything else says what to give.
fn display_index(d: RawDisplay) -> Result<usize, String> {
    let index = match &d {
        RawDisplay::Index(i) => usize::try_from(*i).ok(),
        RawDisplay::Text(t) => t.trim().parse::<usize>().ok(),
    };
    index.ok_or_else(|| {
        let given = match d {
            RawDisplay::Index(i) => i.to_string(),
            RawDisplay::Text(t) => format!("{t:?}"),
        };
        format!(
            "is {given}: give the patient monitor's index, 0 for the first monitor, 1 for the \
             second (the order winit lists them; names such as \"HDMI-1\" cannot be used)"
        )
    })
}

/// Whether `[dev]` may be honoured: only by a build made for the simulators, and only when
/// the desk's reader is named and is the virtual one (the first reader pcscd lists might be
/// a real one). `Err(simulators_build)` otherwise, for [`ConfigError::Dev`].
fn dev_allowed(simulators_build: bool, reader: Option<&str>) -> Result<(), bool> {
    let virtual_reader = reader.is_some_and(|r| r.starts_with(VIRTUAL_READER));
    if simulators_build && virtual_reader {
        Ok(())
    } else {
        Err(simulators_build)
    }
}

/// Resolves and reads the files a config names, with errors that point at the key.
struct Loader<'a> {
    path: &'a Path,
    base: &'a Path,
}

impl Loader<'_> {
    fn resolve(&self, p: &Path) -> PathBuf {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            self.base.join(p)
        }
    }

    fn read(&self, key: &'static str, p: &Path) -> Result<(PathBuf, Vec<u8>), ConfigError> {
        let file = self.resolve(p);
        match std::fs::read(&file) {
            Ok(b) if b.is_empty() => Err(self.file_err(key, &file, "is empty")),
            Ok(b) => Ok((file, b)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(self.file_err(
                key,
                &file,
                "does not exist: fix the path (relative paths start at the config file's folder)",
            )),
            Err(e) => Err(self.file_err(key, &file, &format!("cannot be read ({e})"))),
        }
    }

    /// Refuses a private key that other accounts may read (or write).
    fn private_key(&self, key: &'static str, file: &Path) -> Result<(), ConfigError> {
        crate::private::check_key_file(file).map_err(|e| match e {
            crate::private::KeyFileError::Open { mode } => self.file_err(
                key,
                file,
                &format!(
                    "is a private key readable by other accounts (mode {mode:o}): run `chmod 600 {}`",
                    file.display()
                ),
            ),
            e => self.file_err(key, file, &e.to_string()),
        })
    }

    /// A device number, or (where `recordings` allows, see [`dev_allowed`]) a video file or
    /// image sequence.
    fn camera(&self, source: &str, recordings: Result<(), bool>) -> Result<String, ConfigError> {
        let source = source.trim();
        if source.is_empty() {
            return Err(self.invalid(
                "[camera] source",
                "is empty: give a device number such as \"0\" or a video / image-sequence path, or remove [camera]".into(),
            ));
        }
        // `/dev/videoN` is device N.
        let index = source
            .strip_prefix("/dev/video")
            .unwrap_or(source)
            .parse::<i32>();
        if let Ok(index) = index {
            let dev = PathBuf::from(format!("/dev/video{index}"));
            if index < 0 || !dev.exists() {
                return Err(self.file_err(
                    "[camera] source",
                    &dev,
                    "does not exist: connect the camera, pick another number, or remove [camera]",
                ));
            }
            return Ok(index.to_string());
        }
        recordings.map_err(|simulators_build| ConfigError::CameraFile {
            path: self.path.to_path_buf(),
            simulators_build,
        })?;
        let path = self.resolve(Path::new(source));
        // An image sequence names its frames with a printf pattern: its folder must exist.
        let must_exist = if source.contains('%') {
            path.parent().map(Path::to_path_buf).unwrap_or_default()
        } else {
            path.clone()
        };
        if !must_exist.exists() {
            return Err(self.file_err(
                "[camera] source",
                &must_exist,
                "does not exist: give a device number, an existing video file or an image sequence such as frames/f_%03d.png",
            ));
        }
        Ok(path.to_string_lossy().into_owned())
    }

    /// `[card_front]`: exactly one of `device` (an existing `/dev/videoN`, or N) and `images`
    /// (an existing file, or a `%` sequence in an existing folder).
    fn card_front(&self, raw: &RawCardFront) -> Result<CardFrontSource, ConfigError> {
        match (&raw.device, &raw.images) {
            (Some(_), Some(_)) | (None, None) => Err(self.invalid(
                "[card_front]",
                "needs exactly one of `device` (such as \"/dev/video1\") and `images` (an image file or a sequence such as front/f_%03d.png); remove [card_front] to key 照合番号B by hand".into(),
            )),
            (Some(device), None) => {
                let d = device.trim();
                let index = match d.strip_prefix("/dev/video").unwrap_or(d).parse::<i32>() {
                    Ok(i) if i >= 0 => i,
                    _ => return Err(self.invalid(
                        "[card_front] device",
                        format!("is {d:?}: give a video device such as \"/dev/video1\" (or its number), or use `images` for image files"),
                    )),
                };
                let dev = PathBuf::from(format!("/dev/video{index}"));
                if !dev.exists() {
                    return Err(self.file_err(
                        "[card_front] device",
                        &dev,
                        "does not exist: connect the card-front camera or scanner, pick another number, or remove [card_front]",
                    ));
                }
                Ok(CardFrontSource::Device(index))
            }
            (None, Some(images)) => {
                if images.as_os_str().is_empty() {
                    return Err(self.invalid(
                        "[card_front] images",
                        "is empty: give an image file or a sequence such as front/f_%03d.png".into(),
                    ));
                }
                let path = self.resolve(images);
                let sequence = path.to_string_lossy().contains('%');
                let must_exist = if sequence {
                    path.parent().map(Path::to_path_buf).unwrap_or_default()
                } else {
                    path.clone()
                };
                if !must_exist.exists() || (!sequence && !path.is_file()) {
                    return Err(self.file_err(
                        "[card_front] images",
                        &must_exist,
                        "does not exist: give an existing image file, or a sequence such as front/f_%03d.png in an existing folder",
                    ));
                }
                Ok(CardFrontSource::Images(path))
            }
        }
    }

    fn file_err(&self, key: &'static str, file: &Path, detail: &str) -> ConfigError {
        ConfigError::File {
            path: self.path.to_path_buf(),
            key,
            file: file.to_path_buf(),
            detail: detail.to_string(),
        }
    }

    /// `[voice]`: a volume in 0–100; an Open JTalk voice and dictionary that are there.
    fn voice(&self, v: &RawVoice) -> Result<VoiceConfig, ConfigError> {
        let volume = match v.volume {
            None => VoiceConfig::off().volume,
            Some(n) => u8::try_from(n).ok().filter(|n| *n <= 100).ok_or_else(|| {
                self.invalid(
                    "[voice] volume",
                    format!("is {n}: give a loudness from 0 (silent) to 100"),
                )
            })?,
        };
        let open_jtalk = match &v.open_jtalk_voice {
            None => None,
            Some(p) => {
                let voice = self.resolve(p);
                if !voice.is_file() {
                    return Err(self.file_err(
                        "[voice] open_jtalk_voice",
                        &voice,
                        "does not exist: install an HTS voice (.htsvoice), or remove the key to speak Japanese with eSpeak NG",
                    ));
                }
                let dictionary = v
                    .open_jtalk_dictionary
                    .as_ref()
                    .map(|d| self.resolve(d))
                    .unwrap_or_else(|| PathBuf::from(OPEN_JTALK_DICTIONARY));
                if !dictionary.is_dir() {
                    return Err(self.file_err(
                        "[voice] open_jtalk_dictionary",
                        &dictionary,
                        "is not a folder: install open-jtalk-mecab-naist-jdic, or set the dictionary's folder",
                    ));
                }
                Some(voice::engine::OpenJtalk {
                    program: PathBuf::from("open_jtalk"),
                    dictionary,
                    voice,
                })
            }
        };
        if open_jtalk.is_none() && v.open_jtalk_dictionary.is_some() {
            return Err(self.invalid(
                "[voice] open_jtalk_dictionary",
                "is set without open_jtalk_voice: name the HTS voice too, or remove the key".into(),
            ));
        }
        Ok(VoiceConfig {
            enabled: v.enabled.unwrap_or(true),
            volume,
            open_jtalk,
            output: voice::Output::Device,
        })
    }

    fn invalid(&self, key: &'static str, detail: String) -> ConfigError {
        ConfigError::Invalid {
            path: self.path.to_path_buf(),
            key,
            detail,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::InstitutionKind;

    /// A folder holding a config's files under relative names, as a desk would have them.
    fn desk_dir() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let pki = Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/pki");
        std::fs::create_dir(dir.path().join("pki")).unwrap();
        for (from, to) in [
            ("jpki-auth-ca.crt.der", "pki/auth-ca.der"),
            ("tokutei-terminal.crt.der", "pki/terminal.der"),
            ("tokutei-terminal.key.pem", "pki/terminal.pem"),
            ("kenmen-issuer.pub.der", "pki/kenmen-issuer.der"),
            ("tokutei-ca.crt.pem", "centre-ca.pem"),
            ("jpki-auth-ca.crt.pem", "client.crt.pem"),
            ("jpki-auth-ca.key.pem", "client.key.pem"),
        ] {
            std::fs::copy(pki.join(from), dir.path().join(to)).unwrap();
        }
        // Private keys as an administrator installs them: readable by the desk's account only.
        for key in ["pki/terminal.pem", "client.key.pem"] {
            chmod(&dir.path().join(key), 0o600);
        }
        dir
    }

    fn chmod(path: &Path, mode: u32) {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    }

    const GOOD: &str = r#"
lang = "en"
[reader]
name = "Virtual PCD 00 00"
[card]
jpki_ca = "pki/auth-ca.der"
terminal_cert = "pki/terminal.der"
terminal_key = "pki/terminal.pem"
kenmen_issuer = "pki/kenmen-issuer.der"
[centre]
url = "https://127.0.0.1:8443"
ca = "centre-ca.pem"
client_cert = "client.crt.pem"
client_key = "client.key.pem"
[institution]
code = "1310100019"
"#;

    fn load(dir: &Path, text: &str) -> Result<Config, ConfigError> {
        let path = dir.join("config.toml");
        std::fs::write(&path, text).unwrap();
        Config::load(&path)
    }

    #[test]
    fn every_patient_language_is_a_config_spelling() {
        let dir = desk_dir();
        for lang in Lang::ALL {
            let text = GOOD.replace("lang = \"en\"", &format!("lang = \"{}\"", lang.code()));
            let cfg = load(dir.path(), &text).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(cfg.lang, lang);
        }
    }

    #[test]
    fn a_complete_config_loads_with_paths_relative_to_its_folder() {
        let dir = desk_dir();
        let cfg = load(dir.path(), GOOD).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(cfg.lang, Lang::En);
        assert_eq!(cfg.reader.as_deref(), Some("Virtual PCD 00 00"));
        assert_eq!(cfg.jpki_cas.len(), 1);
        assert_eq!(cfg.centre.base_url, "https://127.0.0.1:8443");
        let s = cfg.settings();
        assert_eq!(s.kind, InstitutionKind::Medical);
        assert_eq!(s.offer, ConsentOffer::defaults(InstitutionKind::Medical));
        assert_eq!(s.lang, Lang::En);
        // No [camera]: the patient is not offered 顔認証.
        assert!(!s.face_available);
    }

    #[test]
    fn the_card_left_alert_waits_20_s_unless_reception_says_otherwise() {
        let dir = desk_dir();
        let cfg = load(dir.path(), GOOD).unwrap();
        assert_eq!(
            cfg.settings().timeouts.card_left,
            std::time::Duration::from_secs(20)
        );
        let set = format!("{GOOD}[reception]\ncard_left_after_s = 45\n");
        let cfg = load(dir.path(), &set).unwrap();
        assert_eq!(
            cfg.settings().timeouts.card_left,
            std::time::Duration::from_secs(45)
        );
        let zero = format!("{GOOD}[reception]\ncard_left_after_s = 0\n");
        let e = load(dir.path(), &zero).expect_err("0 s is refused");
        assert!(e.to_string().contains("card_left_after_s"), "{e}");
    }

    #[test]
    fn a_pharmacy_does_not_ask_for_checkups_unless_its_config_says_so() {
        let dir = desk_dir();
        let pharmacy = GOOD.replace("1310100019", "1340100013");
        let cfg = load(dir.path(), &pharmacy).unwrap();
        assert!(!cfg.settings().offer.checkup);
        let asked = format!("{pharmacy}[consents]\ncheckup = true\nsurgery = true\n");
        let offer = load(dir.path(), &asked).unwrap().settings().offer;
        assert!(offer.checkup && offer.surgery && offer.drug && offer.limit);
    }

    #[test]
    fn the_flow_the_reader_kind_and_prescriptions_read_with_their_defaults() {
        use crate::flow::{FlowKind, ReaderKind};
        let dir = desk_dir();
        let s = load(dir.path(), GOOD).unwrap().settings();
        assert_eq!(
            (s.flow, s.reader, s.prescriptions),
            (FlowKind::Seed, ReaderKind::Face, false)
        );
        let text = GOOD
            .replace("[reader]\n", "[reader]\nkind = \"generic\"\n")
            .replace(
                "code = \"1310100019\"",
                "code = \"1310100019\"\nprescriptions = true",
            )
            + "[reception]\nflow = \"current\"\n";
        let s = load(dir.path(), &text).unwrap().settings();
        assert_eq!(s.flow, FlowKind::Current);
        assert_eq!(s.reader, ReaderKind::Generic);
        assert!(s.asks_prescription());
        assert!(
            !s.face_available,
            "a generic reader has no camera facing the patient"
        );
        let bad = format!("{GOOD}[reception]\nflow = \"2024\"\n");
        let e = load(dir.path(), &bad).unwrap_err().to_string();
        assert!(e.contains("seed") && e.contains("current"), "{e}");
    }

    #[test]
    fn the_patient_section_sets_size_contrast_and_the_kiosk_monitor() {
        let dir = desk_dir();
        let plain = load(dir.path(), GOOD).unwrap().patient;
        assert_eq!(plain, PatientConfig::default());
        assert!(
            !plain.kiosk,
            "an ordinary window unless the desk asks for a kiosk"
        );
        let text = format!(
            "{GOOD}[patient]\ntext_size = \"large\"\ncontrast = \"high\"\nkiosk = true\ndisplay = \"1\"\n"
        );
        let p = load(dir.path(), &text).unwrap().patient;
        assert_eq!(
            p,
            PatientConfig {
                text_size: TextSize::Large,
                contrast: Contrast::High,
                kiosk: true,
                display: Some(1),
            }
        );
        let text = format!("{GOOD}[patient]\ndisplay = 0\n");
        assert_eq!(load(dir.path(), &text).unwrap().patient.display, Some(0));
    }

    #[test]
    fn a_monitor_name_is_refused_with_what_to_give() {
        let dir = desk_dir();
        for bad in ["\"HDMI-1\"", "-1"] {
            let text = format!("{GOOD}[patient]\ndisplay = {bad}\n");
            let e = load(dir.path(), &text).unwrap_err().to_string();
            assert!(
                e.contains("[patient] display") && e.contains("index"),
                "{e}"
            );
        }
        let text = format!("{GOOD}[patient]\ntext_size = \"huge\"\n");
        assert!(load(dir.path(), &text).is_err());
    }

    #[test]
    fn the_link_section_reads_with_its_defaults_and_a_bad_encoding_is_named() {
        let dir = desk_dir();
        assert_eq!(load(dir.path(), GOOD).unwrap().link, None);
        let text = format!("{GOOD}[link]\nfolder = \"OQS\"\n");
        let cfg = load(dir.path(), &text).unwrap();
        let link = cfg.link.unwrap();
        assert_eq!(link.folder, dir.path().join("OQS"));
        assert!(link.shift_jis && link.enabled);
        assert_eq!((link.group, link.counter), (None, None));
        assert_eq!(link.journal, cfg.history.with_file_name("link.sqlite"));
        let text = format!(
            "{GOOD}[link]\nfolder = \"/srv/OQS\"\nencoding = \"UTF-8\"\nenabled = false\ngroup = 1001\ncounter = \"2\"\n"
        );
        let link = load(dir.path(), &text).unwrap().link.unwrap();
        assert!(!link.shift_jis && !link.enabled);
        assert_eq!(link.group, Some(1001));
        assert_eq!(link.counter.as_deref(), Some("2"));
        let text = format!("{GOOD}[link]\nfolder = \"OQS\"\nencoding = \"EUC-JP\"\n");
        let e = load(dir.path(), &text).unwrap_err().to_string();
        assert!(e.contains("[link] encoding"), "{e}");
    }

    #[test]
    fn the_history_file_is_in_the_data_folder_unless_the_config_names_one() {
        let dir = desk_dir();
        let cfg = load(dir.path(), GOOD).unwrap();
        assert_eq!(cfg.history, crate::paths::history());
        assert!(cfg.history.ends_with("onshi/history.sqlite"));
        let text = format!("{GOOD}[history]\npath = \"data/history.sqlite\"\n");
        let cfg = load(dir.path(), &text).unwrap();
        assert_eq!(cfg.history, dir.path().join("data/history.sqlite"));
    }

    #[test]
    fn a_misspelt_key_is_named() {
        let dir = desk_dir();
        let text = GOOD.replace("[reader]\nname", "[reader]\nnmae");
        let e = load(dir.path(), &text).unwrap_err().to_string();
        assert!(e.contains("nmae") && e.contains("config.toml"), "{e}");
    }

    #[test]
    fn a_missing_certificate_file_names_the_key_and_the_path() {
        let dir = desk_dir();
        std::fs::remove_file(dir.path().join("pki/auth-ca.der")).unwrap();
        let e = load(dir.path(), GOOD).unwrap_err().to_string();
        assert!(
            e.contains("[card] jpki_ca")
                && e.contains("auth-ca.der")
                && e.contains("does not exist"),
            "{e}"
        );
    }

    #[test]
    fn a_pem_given_where_a_der_certificate_belongs_is_refused() {
        let dir = desk_dir();
        let text = GOOD.replace("pki/auth-ca.der", "centre-ca.pem");
        let e = load(dir.path(), &text).unwrap_err().to_string();
        assert!(e.contains("[card] jpki_ca") && e.contains("DER"), "{e}");
    }

    #[test]
    fn a_face_desk_needs_the_card_face_issuer_and_gets_a_usable_key() {
        let dir = desk_dir();
        std::fs::create_dir(dir.path().join("feed")).unwrap();
        // A recorded camera (the only kind a test machine has) needs the simulators build.
        if cfg!(feature = "simulators") {
            let camera = "[camera]\nsource = \"feed/f_%03d.png\"\n";
            let without = GOOD.replace("kenmen_issuer = \"pki/kenmen-issuer.der\"\n", "");
            let e = load(dir.path(), &format!("{without}{camera}"))
                .unwrap_err()
                .to_string();
            assert!(
                e.contains("[card] kenmen_issuer") && e.contains("[camera]"),
                "{e}"
            );
        }
        let not_a_key = GOOD.replace("pki/kenmen-issuer.der", "pki/auth-ca.der");
        let e = load(dir.path(), &not_a_key).unwrap_err().to_string();
        assert!(
            e.contains("[card] kenmen_issuer") && e.contains("DER"),
            "{e}"
        );
        let cfg = load(dir.path(), GOOD).unwrap();
        assert!(cfg.kenmen_issuer.is_some());
    }

    #[test]
    fn a_wrong_institution_code_says_what_is_wrong() {
        let dir = desk_dir();
        let text = GOOD.replace("1310100019", "1310100018");
        let e = load(dir.path(), &text).unwrap_err();
        assert!(
            matches!(
                &e,
                ConfigError::Invalid {
                    key: "[institution] code",
                    ..
                }
            ),
            "{e}"
        );
    }

    #[test]
    fn a_centre_address_without_https_is_refused() {
        let dir = desk_dir();
        let text = GOOD.replace("https://127.0.0.1:8443", "http://127.0.0.1:8443");
        let e = load(dir.path(), &text).unwrap_err().to_string();
        assert!(e.contains("[centre] url") && e.contains("https://"), "{e}");
    }

    #[test]
    fn a_camera_sequence_in_a_missing_folder_is_refused_and_an_existing_one_turns_face_on() {
        if !cfg!(feature = "simulators") {
            // Refused before its folder is looked at: see the test below.
            return;
        }
        let dir = desk_dir();
        let text = format!("{GOOD}[camera]\nsource = \"feed/f_%03d.png\"\n");
        let e = load(dir.path(), &text).unwrap_err().to_string();
        assert!(e.contains("[camera] source") && e.contains("feed"), "{e}");
        std::fs::create_dir(dir.path().join("feed")).unwrap();
        // Models must be there too; give an empty folder to prove it is checked.
        std::fs::create_dir(dir.path().join("models")).unwrap();
        let no_models = format!("{text}[models]\ndir = \"models\"\n");
        let e = load(dir.path(), &no_models).unwrap_err().to_string();
        assert!(
            e.contains("[models] dir") && e.contains("xtask setup"),
            "{e}"
        );
        let cfg = load(dir.path(), &text);
        if face_match::ModelPaths::default_dir()
            .join(face_match::RECOGNIZER_FILE)
            .is_file()
        {
            let cfg = cfg.unwrap();
            assert!(cfg.settings().face_available);
            assert!(cfg.camera.unwrap().ends_with("feed/f_%03d.png"));
        }
    }

    #[test]
    fn without_card_front_the_clerk_keys_the_number() {
        let dir = desk_dir();
        let cfg = load(dir.path(), GOOD).unwrap();
        assert_eq!(cfg.card_front, None);
        assert!(!cfg.settings().card_front);
    }

    #[test]
    fn a_card_front_setting_names_exactly_one_existing_source() {
        let dir = desk_dir();
        let with = |front: &str| format!("{GOOD}[card_front]\n{front}");
        for front in ["", "device = \"0\"\nimages = \"front.png\"\n"] {
            let e = load(dir.path(), &with(front)).unwrap_err().to_string();
            assert!(
                e.contains("[card_front]") && e.contains("exactly one of `device`"),
                "{e}"
            );
        }
        let e = load(dir.path(), &with("device = \"/dev/video97\"\n"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("[card_front] device")
                && e.contains("/dev/video97")
                && e.contains("does not exist"),
            "{e}"
        );
        let e = load(dir.path(), &with("device = \"scanner\"\n"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("[card_front] device") && e.contains("/dev/video1"),
            "{e}"
        );
        for images in ["front.png", "front/f_%03d.png"] {
            let e = load(dir.path(), &with(&format!("images = \"{images}\"\n")))
                .unwrap_err()
                .to_string();
            assert!(
                e.contains("[card_front] images") && e.contains("does not exist"),
                "{e}"
            );
        }
        // A folder is not an image file.
        std::fs::create_dir(dir.path().join("front")).unwrap();
        let e = load(dir.path(), &with("images = \"front\"\n"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("[card_front] images"), "{e}");
    }

    #[test]
    fn a_card_front_serves_the_face_check_and_needs_a_camera() {
        let dir = desk_dir();
        std::fs::create_dir(dir.path().join("front")).unwrap();
        std::fs::write(dir.path().join("scan.png"), b"png").unwrap();
        for images in ["front/f_%03d.png", "scan.png"] {
            let text = format!("{GOOD}[card_front]\nimages = \"{images}\"\n");
            let e = load(dir.path(), &text).unwrap_err().to_string();
            assert!(e.contains("[card_front]") && e.contains("[camera]"), "{e}");
        }
        // With a camera (a recorded one needs the simulators build, and the face models).
        if !cfg!(feature = "simulators")
            || !face_match::ModelPaths::default_dir()
                .join(face_match::RECOGNIZER_FILE)
                .is_file()
        {
            return;
        }
        std::fs::create_dir(dir.path().join("feed")).unwrap();
        let text = format!(
            "{GOOD}[camera]\nsource = \"feed/f_%03d.png\"\n[card_front]\nimages = \"front/f_%03d.png\"\n"
        );
        let cfg = load(dir.path(), &text).unwrap();
        assert!(cfg.settings().card_front);
        let front = cfg.card_front.unwrap();
        assert!(front.is_sequence());
        assert_eq!(
            front,
            CardFrontSource::Images(dir.path().join("front/f_%03d.png"))
        );
    }

    #[test]
    fn a_private_key_other_accounts_can_read_is_refused_with_what_to_run() {
        let dir = desk_dir();
        for (key, file) in [
            ("[card] terminal_key", "pki/terminal.pem"),
            ("[centre] client_key", "client.key.pem"),
        ] {
            for loose in [0o644, 0o640, 0o604] {
                chmod(&dir.path().join(file), loose);
                let e = load(dir.path(), GOOD).unwrap_err().to_string();
                assert!(
                    e.contains(key) && e.contains(file) && e.contains("chmod 600"),
                    "{loose:o}: {e}"
                );
            }
            chmod(&dir.path().join(file), 0o600);
        }
        load(dir.path(), GOOD).unwrap_or_else(|e| panic!("{e}"));
    }

    #[test]
    fn a_dev_section_is_refused_unless_the_desk_runs_on_the_simulators() {
        let dir = desk_dir();
        std::fs::create_dir(dir.path().join("feeds")).unwrap();
        let dev = "[dev]\ncontrol = \"card.sock\"\nfeeds = \"feeds\"\n";
        // A real reader: the panel would drive nothing, and recorded frames would stand in
        // for the patient's face.
        let real = format!(
            "{}{dev}",
            GOOD.replace(
                "Virtual PCD 00 00",
                "ACS ACR1252 1S CL Reader [ACR1252 Reader] 00 00"
            )
        );
        let e = load(dir.path(), &real).unwrap_err();
        assert!(matches!(e, ConfigError::Dev { .. }), "{e}");
        assert!(e.to_string().contains("[dev]"), "{e}");
        // No reader named: the first one pcscd lists may be real.
        let unnamed = format!(
            "{}{dev}",
            GOOD.replace("name = \"Virtual PCD 00 00\"\n", "")
        );
        assert!(matches!(
            load(dir.path(), &unnamed).unwrap_err(),
            ConfigError::Dev { .. }
        ));
        // The virtual reader: honoured only by a build made for the simulators.
        let virtual_reader = format!("{GOOD}{dev}");
        let r = load(dir.path(), &virtual_reader);
        if cfg!(feature = "simulators") {
            assert!(r.unwrap_or_else(|e| panic!("{e}")).dev.is_some());
        } else {
            let e = r.unwrap_err();
            assert!(matches!(e, ConfigError::Dev { .. }), "{e}");
            assert!(e.to_string().contains("simulators"), "{e}");
        }
    }

    #[test]
    fn a_recorded_camera_is_refused_unless_the_desk_runs_on_the_simulators() {
        let dir = desk_dir();
        std::fs::create_dir(dir.path().join("feed")).unwrap();
        std::fs::write(dir.path().join("feed/walk.avi"), b"").unwrap();
        let real_reader = GOOD.replace(
            "Virtual PCD 00 00",
            "ACS ACR1252 1S CL Reader [ACR1252 Reader] 00 00",
        );
        for source in ["feed/f_%03d.png", "feed/walk.avi"] {
            let camera = format!("[camera]\nsource = \"{source}\"\n");
            // A real desk: recorded frames would stand in for the patient's face.
            let e = load(dir.path(), &format!("{real_reader}{camera}"))
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(
                e.contains("[camera] source") && e.contains("/dev/video"),
                "{source}: {e:?}"
            );
            // The virtual reader: only a build made for the simulators plays recordings.
            let e = load(dir.path(), &format!("{GOOD}{camera}"))
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert_eq!(
                e.contains("/dev/video"),
                !cfg!(feature = "simulators"),
                "{source}: {e:?}"
            );
        }
    }

    #[test]
    fn dev_needs_both_the_simulators_build_and_the_virtual_reader() {
        assert_eq!(dev_allowed(true, Some("Virtual PCD 00 00")), Ok(()));
        assert_eq!(dev_allowed(true, Some("Virtual PCD 00 01")), Ok(()));
        assert_eq!(dev_allowed(true, Some("ACS ACR1252 00 00")), Err(true));
        assert_eq!(dev_allowed(true, None), Err(true));
        assert_eq!(dev_allowed(false, Some("Virtual PCD 00 00")), Err(false));
        assert_eq!(dev_allowed(false, None), Err(false));
        // Both messages say what to do.
        assert!(dev_refusal(true).contains("[reader] name"));
        assert!(dev_refusal(false).contains("remove the [dev] section"));
    }

    #[test]
    fn the_printed_example_has_every_section_and_no_unknown_key() {
        let raw: Raw = toml::from_str(EXAMPLE).unwrap_or_else(|e| panic!("{e}"));
        assert!(raw.camera.is_some());
        assert_eq!(raw.institution.code, "1310100019");
    }

    #[test]
    fn spoken_guidance_is_off_without_voice_and_on_with_its_volume_when_set() {
        let dir = desk_dir();
        let cfg = load(dir.path(), GOOD).unwrap();
        assert_eq!(cfg.voice, VoiceConfig::off());
        assert!(!cfg.voice.enabled);
        let on = load(dir.path(), &format!("{GOOD}[voice]\n")).unwrap().voice;
        assert!(on.enabled);
        assert_eq!((on.volume, &on.open_jtalk), (80, &None));
        assert_eq!(on.output, voice::Output::Device);
        let text = format!("{GOOD}[voice]\nenabled = false\nvolume = 35\n");
        let quiet = load(dir.path(), &text).unwrap().voice;
        assert!(!quiet.enabled);
        assert_eq!(quiet.settings().volume, 35);
        for bad in ["101", "-1", "1000"] {
            let text = format!("{GOOD}[voice]\nvolume = {bad}\n");
            let e = load(dir.path(), &text).unwrap_err().to_string();
            assert!(
                e.contains("[voice] volume") && e.contains("0 (silent) to 100"),
                "{e}"
            );
        }
        let e = load(dir.path(), &format!("{GOOD}[voice]\nvoume = 3\n"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("voume"), "{e}");
    }

    #[test]
    fn open_jtalk_speaks_japanese_only_with_a_voice_and_a_dictionary_that_are_there() {
        let dir = desk_dir();
        let text = format!("{GOOD}[voice]\nopen_jtalk_voice = \"m001.htsvoice\"\n");
        let e = load(dir.path(), &text).unwrap_err().to_string();
        assert!(
            e.contains("[voice] open_jtalk_voice") && e.contains("eSpeak NG"),
            "{e}"
        );
        std::fs::write(dir.path().join("m001.htsvoice"), b"HTS voice").unwrap();
        std::fs::create_dir(dir.path().join("naist-jdic")).unwrap();
        let text = format!(
            "{GOOD}[voice]\nopen_jtalk_voice = \"m001.htsvoice\"\nopen_jtalk_dictionary = \"naist-jdic\"\n"
        );
        let jt = load(dir.path(), &text).unwrap().voice.open_jtalk.unwrap();
        assert_eq!(jt.voice, dir.path().join("m001.htsvoice"));
        assert_eq!(jt.dictionary, dir.path().join("naist-jdic"));
        let settings = load(dir.path(), &text).unwrap().voice.settings();
        assert_eq!(
            settings.engine_for(voice::Language::Ja),
            voice::Engine::OpenJtalk
        );
        assert_eq!(
            settings.engine_for(voice::Language::En),
            voice::Engine::EspeakNg
        );
        let text = format!(
            "{GOOD}[voice]\nopen_jtalk_voice = \"m001.htsvoice\"\nopen_jtalk_dictionary = \"nowhere\"\n"
        );
        let e = load(dir.path(), &text).unwrap_err().to_string();
        assert!(e.contains("[voice] open_jtalk_dictionary"), "{e}");
        let text = format!("{GOOD}[voice]\nopen_jtalk_dictionary = \"naist-jdic\"\n");
        let e = load(dir.path(), &text).unwrap_err().to_string();
        assert!(e.contains("without open_jtalk_voice"), "{e}");
    }

    #[test]
    fn no_config_file_is_reported_as_missing() {
        let dir = tempfile::tempdir().unwrap();
        let e = Config::load(&dir.path().join("nope.toml")).unwrap_err();
        assert!(matches!(e, ConfigError::Missing { .. }));
    }
}
