//! `cargo xtask bench face` (filled by the face issue).

pub fn run(_args: &[String]) -> anyhow::Result<()> {
    anyhow::bail!("bench face is not built yet (face issue)")
}
