//! `cargo xtask setup`: installs what the project needs on Debian 12, only where missing, so
//! that a fresh machine and CI get the same parts. Quiet when everything is present.

use anyhow::{Context, Result, bail};
use std::process::Command;

/// Debian packages, by the issue that needs them. Keep each list sorted.
const PACKAGES: &[&str] = &[
    // card: pcscd + vpcd driver, client headers, peer tools, JPEG 2000 tools for personas
    "libopenjp2-tools",
    "libpcsclite-dev",
    "opensc",
    "openssl",
    "pcsc-tools",
    "pcscd",
    "pkg-config",
    "vsmartcard-vpcd",
    // --- centre ---
    // --- face ---
    "clang",
    "libclang-dev",
    "libopencv-dev",
    "python3-pip",
    // --- card front: Tesseract 5 (C API + headers) with its Japanese and English data ---
    "libtesseract-dev",
    "tesseract-ocr-eng",
    "tesseract-ocr-jpn",
    // --- app: GL for the glow renderer, wayland-client.pc for winit's build (even X11-only),
    // Xvfb + xauth for the smoke test, ImageMagick and xdotool for README screenshots ---
    "imagemagick",
    "libegl1",
    "libgl1-mesa-dri",
    "libwayland-dev",
    "libxkbcommon-dev",
    // the patient screen in Chinese, Korean and Vietnamese (Noto Sans CJK, read at start-up)
    "fonts-noto-cjk",
    // the screen tests (egui_kittest) render headless on Vulkan lavapipe (GL llvmpipe else)
    "mesa-vulkan-drivers",
    "xauth",
    "xdotool",
    "xvfb",
    // --- patient counter: spoken guidance (eSpeak NG speaks all six patient languages;
    // ALSA's aplay plays it on a desk with a sound card). Not Open JTalk: `open-jtalk` and
    // its dictionary are in Debian main, but its only HTS voice
    // (hts-voice-nitech-jp-atr503-m001) is in non-free, outside the configured sources, and
    // Open JTalk without a voice cannot speak (README, `[voice]`) ---
    "alsa-utils",
    "espeak-ng",
    // the generic reader's printed consent form is checked by a real PDF reader (poppler)
    "poppler-utils",
];

pub fn run() -> Result<()> {
    ensure_packages(PACKAGES)?;
    ensure_nextest()?;
    ensure_jpki_cli()?;
    // --- face: models ---
    crate::models::ensure()?;
    crate::faces::ensure()?;
    Ok(())
}

/// jpki-cli, the independent reader the peer checks and `bench card` compare against, built
/// from crates.io into `.onshi/tools` (pinned version, its own lock file).
const JPKI_CLI_VERSION: &str = "0.4.3";

fn ensure_jpki_cli() -> Result<()> {
    let root = testbed::workspace_root().join(".onshi").join("tools");
    if root.join("bin").join("jpki-cli").exists() {
        return Ok(());
    }
    eprintln!("setup: building jpki-cli {JPKI_CLI_VERSION} from crates.io (peer checks)");
    let mut install = crate::cargo(&["install", "--quiet", "--locked", "jpki-cli"]);
    install
        .args(["--version", JPKI_CLI_VERSION, "--root"])
        .arg(&root);
    crate::run_ok(&mut install, "cargo install jpki-cli")?;
    Ok(())
}

/// cargo-nextest, the runner of `cargo xtask test` (a hang timeout, one process per test), from
/// crates.io, at least the version `.config/nextest.toml` requires. There is no fallback to
/// `cargo test`: it has neither the timeout nor the flaky-test rule.
pub fn ensure_nextest() -> Result<()> {
    let required = required_nextest()?;
    let found = nextest_version();
    if found.is_some_and(|v| v >= required) {
        return Ok(());
    }
    let want = required.map(|n| n.to_string()).join(".");
    match found {
        Some(v) => eprintln!(
            "setup: cargo-nextest {} is older than {want}: updating it from crates.io",
            v.map(|n| n.to_string()).join(".")
        ),
        None => eprintln!("setup: installing cargo-nextest from crates.io (the test runner)"),
    }
    let mut install = crate::cargo(&["install", "--quiet", "--locked", "cargo-nextest"]);
    crate::run_ok(&mut install, "cargo install cargo-nextest")?;
    match nextest_version() {
        Some(v) if v >= required => Ok(()),
        Some(v) => bail!(
            "cargo nextest still reports {} after the install, {want} is required: remove the \
             older cargo-nextest that comes first on PATH",
            v.map(|n| n.to_string()).join(".")
        ),
        None => bail!(
            "cargo-nextest was installed but `cargo nextest` does not run: is ~/.cargo/bin on PATH?"
        ),
    }
}

/// `nextest-version.required` of `.config/nextest.toml`.
fn required_nextest() -> Result<[u64; 3]> {
    let path = testbed::workspace_root().join(".config/nextest.toml");
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let doc: toml::Table = text
        .parse()
        .with_context(|| format!("{} is not TOML", path.display()))?;
    let v = doc
        .get("nextest-version")
        .and_then(|v| v.get("required"))
        .and_then(toml::Value::as_str)
        .with_context(|| format!("{} names no nextest-version.required", path.display()))?;
    parse_version(v).with_context(|| format!("nextest-version {v:?} is not x.y.z"))
}

/// The version `cargo nextest --version` prints, if it runs.
fn nextest_version() -> Option<[u64; 3]> {
    let out = crate::cargo(&["nextest", "--version"]).output().ok()?;
    if !out.status.success() {
        return None;
    }
    // "cargo-nextest 0.9.143 (60fa45f63 2026-08-04)"
    let text = String::from_utf8_lossy(&out.stdout);
    parse_version(text.split_whitespace().nth(1)?)
}

fn parse_version(s: &str) -> Option<[u64; 3]> {
    let mut parts = s.split('.').map(|p| p.parse::<u64>().ok());
    let v = [parts.next()??, parts.next()??, parts.next()??];
    parts.next().is_none().then_some(v)
}

fn installed(pkg: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", pkg])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
        .unwrap_or(false)
}

pub fn ensure_packages(pkgs: &[&str]) -> Result<()> {
    let missing: Vec<&str> = pkgs.iter().copied().filter(|p| !installed(p)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    eprintln!("setup: installing {}", missing.join(" "));
    let sudo = if unsafe_is_root() { None } else { Some("sudo") };
    let apt = |args: &[&str]| -> Result<()> {
        let mut cmd = match sudo {
            Some(s) => {
                let mut c = Command::new(s);
                c.arg("apt-get");
                c
            }
            None => Command::new("apt-get"),
        };
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        let out = cmd
            .output()
            .context("apt-get could not be started: is this Debian?")?;
        if !out.status.success() {
            bail!(
                "apt-get {} failed:\n{}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Ok(())
    };
    apt(&["update", "-qq"])?;
    let mut args = vec!["install", "-y", "-qq", "--no-install-recommends"];
    args.extend(missing.iter().copied());
    apt(&args)?;
    Ok(())
}

fn unsafe_is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::parse_version;

    #[test]
    fn nextest_versions_compare_by_number_not_by_text() {
        let v = |s| parse_version(s).unwrap();
        assert!(v("0.9.143") >= v("0.9.143"));
        assert!(v("0.9.99") < v("0.9.143"), "99 < 143 although '9' > '1'");
        assert!(v("0.10.0") > v("0.9.143"));
        assert_eq!(parse_version("0.9"), None);
        assert_eq!(
            parse_version("0.9.143-rc.1"),
            None,
            "an unknown form installs a release"
        );
    }
}
