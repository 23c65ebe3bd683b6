//! What the app's tests and examples share: the settings file of a desk on central-sim (the
//! test PKI, the centre's address and client certificate, the history in the desk's folder),
//! written as an integrator would write it and loaded by the app's own `Config::load`.
#![allow(dead_code)] // the app's tests, its examples and the e2e crate each use their own part

use onshi_desk::config::Config;
use simulators::centre::RunningCentre;
use std::path::{Path, PathBuf};

/// What differs between the desks of the tests; `Default` is the centre's default clinic.
pub struct Desk<'a> {
    /// `lang = ...` at the top.
    pub lang: &'a str,
    /// The file's name in the desk's folder.
    pub file: &'a str,
    /// Another address for the centre (e.g. a closed port).
    pub url: Option<&'a str>,
    /// Another institution: (医療機関コード, client certificate, client key).
    pub institution: Option<(&'a str, &'a Path, &'a Path)>,
    /// More sections ([reader], [camera], [staff], [viewer], [dev], ...), as TOML.
    pub extra: &'a str,
}

impl Default for Desk<'_> {
    fn default() -> Self {
        Desk {
            lang: "ja",
            file: "config.toml",
            url: None,
            institution: None,
            extra: "",
        }
    }
}

/// A file of the repository.
pub fn workspace(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(rel)
}

/// The test PKI's terminal key copied into `dir/pki` with mode 0600, as an administrator
/// installs a private key (the desk refuses a key other accounts can read, and the
/// repository's copy is 0644).
pub fn private_terminal_key(dir: &Path) -> PathBuf {
    use std::io::Write as _;
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let to = dir.join("pki").join("tokutei-terminal.key.pem");
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    let key = std::fs::read(workspace("assets/pki/tokutei-terminal.key.pem")).unwrap();
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&to)
        .unwrap();
    f.write_all(&key).unwrap();
    f.set_permissions(std::fs::Permissions::from_mode(0o600))
        .unwrap();
    to
}

/// Writes the settings of `desk` on `centre` into `dir`; the history (and so the batch store
/// and staff accounts) is `dir/history.sqlite`.
pub fn write_config(dir: &Path, centre: &RunningCentre, desk: &Desk<'_>) -> PathBuf {
    let pki = workspace("assets/pki");
    let (code, cert, key) = desk.institution.unwrap_or((
        centre.default_institution(),
        centre.client_cert_path(),
        centre.client_key_path(),
    ));
    let text = format!(
        r#"lang = {lang:?}
[card]
jpki_ca = {ca:?}
terminal_cert = {tc:?}
terminal_key = {tk:?}
kenmen_issuer = {ki:?}
[centre]
url = {url:?}
ca = {cca:?}
client_cert = {cert:?}
client_key = {key:?}
[institution]
code = {code:?}
[history]
path = "history.sqlite"
{extra}
"#,
        lang = desk.lang,
        ca = pki.join("jpki-auth-ca.crt.der"),
        tc = pki.join("tokutei-terminal.crt.der"),
        tk = private_terminal_key(dir),
        ki = pki.join("kenmen-issuer.pub.der"),
        url = desk.url.unwrap_or(centre.url()),
        cca = centre.ca_path(),
        extra = desk.extra,
    );
    let path = dir.join(desk.file);
    std::fs::write(&path, text).unwrap();
    path
}

/// [`write_config`], then loaded as `onshi --config` loads it.
pub fn load_config(dir: &Path, centre: &RunningCentre, desk: &Desk<'_>) -> Config {
    let path = write_config(dir, centre, desk);
    Config::load(&path).unwrap_or_else(|e| panic!("{e}"))
}

/// Waits (at most 60 s) until `ready` gives a value: for files another thread or process
/// writes, whose appearance is the only signal there is. `None` when the time runs out.
pub fn until<T>(mut ready: impl FnMut() -> Option<T>) -> Option<T> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        if let Some(v) = ready() {
            return Some(v);
        }
        if std::time::Instant::now() > deadline {
            return None;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}
