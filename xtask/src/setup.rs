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
];

pub fn run() -> Result<()> {
    ensure_packages(PACKAGES)?;
    // --- face: models ---
    Ok(())
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
        let out = cmd.output().context("apt-get could not be started: is this Debian?")?;
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
