//! Every committed seed (`corpus/<target>/`) and every input that once crashed a target
//! (`regressions/<target>/`) goes through its target again on each test run, so a parser bug
//! that was fixed stays fixed without cargo-afl. A panic is reported with the file's name.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.file_name().is_none_or(|n| n != "README.md"))
        .collect();
    out.sort();
    out
}

#[test]
fn every_corpus_and_regression_file_runs_through_its_target_without_a_panic() {
    let mut failures = Vec::new();
    let mut ran = 0;
    for t in onshi_fuzz::targets() {
        let seeds = files(&root().join("corpus").join(t.name));
        assert!(!seeds.is_empty(), "target {} has no seed corpus", t.name);
        let crashes = files(&root().join("regressions").join(t.name));
        for f in seeds.iter().chain(&crashes) {
            let data = std::fs::read(f).unwrap();
            let run = t.run;
            if std::panic::catch_unwind(|| run(&data)).is_err() {
                failures.push(f.strip_prefix(root()).unwrap().display().to_string());
            }
            ran += 1;
        }
    }
    assert!(ran > 0);
    assert!(failures.is_empty(), "these inputs panic: {failures:#?}");
}

#[test]
fn every_corpus_folder_belongs_to_a_target() {
    let names: Vec<&str> = onshi_fuzz::targets().iter().map(|t| t.name).collect();
    for kind in ["corpus", "regressions"] {
        let Ok(dirs) = std::fs::read_dir(root().join(kind)) else {
            continue;
        };
        for d in dirs.filter_map(Result::ok).filter(|d| d.path().is_dir()) {
            let name = d.file_name().to_string_lossy().into_owned();
            assert!(
                names.contains(&name.as_str()),
                "{kind}/{name} names no target"
            );
        }
    }
}

/// `cargo xtask fuzz` cannot link this crate (xtask builds before any system library is
/// installed), so it keeps its own table of targets and harnesses: it must match.
#[test]
fn xtask_runs_every_target_with_its_harness() {
    let xtask = std::fs::read_to_string(root().join("../xtask/src/fuzz.rs")).unwrap();
    for t in onshi_fuzz::targets() {
        let row = format!("(\"{}\", \"{}\")", t.name, t.group.binary());
        assert!(xtask.contains(&row), "xtask/src/fuzz.rs lacks {row}");
    }
}
