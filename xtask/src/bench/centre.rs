//! `cargo xtask bench centre` (filled by the centre issue).

pub fn run(_args: &[String]) -> anyhow::Result<()> {
    anyhow::bail!("bench centre is not built yet (centre issue)")
}
