//! `cargo xtask cycles [--strict] [CRATE_DIR...]`: fails when the modules of a crate import each
//! other in a circle, so that the layers of `desk` and the thin `app` stay layers. It reads every
//! `.rs` under `<crate>/src` (a small lexer drops comments, doc comments, strings and char
//! literals), maps each file to its module path (`lib.rs`, or `main.rs` alone, is the root; `a.rs`
//! and `a/mod.rs` are `a`; `a/b.rs` is `a::b`), and collects the paths the code names: `use` trees
//! (grouped, nested, `self`, `as`), `crate::`, `super::` and `self::` paths in code, and paths that
//! start with a child module or with a name a `use` bound. Two graphs come out: files (an edge
//! from a file to the file that defines what it names) and top-level modules (the same edges, each
//! end cut to its first segment, the root's own items being `crate`). Every strongly connected
//! component larger than one node (Tarjan) is reported, with cycles through all its members
//! printed as `a → b → a`, each edge with one `file:line` that makes it.
//!
//! The rules, and why. (1) A re-export is a door, not a dependency: `crate::batch::Import`, where
//! `batch/mod.rs` says `pub use import::Import`, is an edge to `batch/import.rs`, so a cycle that
//! merely passes through a facade is still found, and one that the facade's shape alone would
//! make is not. (2) A module naming its own descendants (`mod x;`, `pub use x::…`,
//! `pub use self::x`, and its own code calling a child) is no edge, while a child naming its parent
//! (`super::`) is: a parent and its children are one unit, the parent is the only door to them,
//! and children sharing the parent's private types through `super::` is how Rust means them to be
//! written (`i18n/mod.rs` dispatching to `ja.rs`, which uses `super::Text`); the layers are
//! between units. A child that reaches its parent while the parent reaches out to a module that
//! reaches the child is still a cycle. `--strict` counts a parent's own code using a child too
//! (re-exports stay no edge): it then also reports every `mod.rs` that both calls its children and
//! is used by them. (3) A name re-exported from another crate (`pub use eligibility::Lang`) is that
//! crate's: no edge. (4) Test code is left out: `#[cfg(test)]` items (the `mod tests { }` blocks)
//! and files named `tests.rs` or declared `#[cfg(test)] mod x;`. Nothing in the crate names a test
//! module, so as its own node it could never be on a cycle; folded into the file around it, its
//! cross-layer fixtures would invent cycles the shipped code does not have. (5) Beside a `lib.rs`,
//! `main.rs` and `src/bin/` are other crates that reach the library only by its name and that the
//! library cannot name: they are skipped. Limits: `#[path]`, paths built by macros, and names
//! reached only through a glob re-export (`pub use x::*`: the edge stops at the facade).

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// `cargo xtask cycles [--strict] [CRATE_DIR...]`: checks each crate; fails if any has a cycle.
pub fn run(args: &[String]) -> Result<()> {
    let root = testbed::workspace_root();
    let strict = args.iter().any(|a| a == "--strict");
    let args: Vec<&String> = args.iter().filter(|a| *a != "--strict").collect();
    let dirs: Vec<PathBuf> = if args.is_empty() {
        default_dirs(&root)
    } else {
        // A directory given on the command line is taken from where the command runs, then
        // from the workspace (`cargo xtask cycles app` works from any folder).
        args.iter()
            .map(|a| {
                let p = PathBuf::from(a);
                if p.exists() { p } else { root.join(a) }
            })
            .collect()
    };
    let mut failed = Vec::new();
    for dir in &dirs {
        let report = check(dir, strict)?;
        print!("{}", report.render());
        if !report.is_clean() {
            failed.push(report.name.clone());
        }
    }
    if !failed.is_empty() {
        bail!(
            "import cycles between the modules of: {}",
            failed.join(", ")
        );
    }
    Ok(())
}

/// The crates checked when none is named: `desk` and `app`, those that exist (before the `desk`
/// crate is split out of it, `app` alone).
fn default_dirs(root: &Path) -> Vec<PathBuf> {
    let dirs: Vec<PathBuf> = ["desk", "app"]
        .iter()
        .map(|d| root.join(d))
        .filter(|d| d.join("src").is_dir())
        .collect();
    if dirs.is_empty() {
        vec![root.join("app")]
    } else {
        dirs
    }
}

/// What one crate's check found.
#[derive(Debug)]
pub struct Report {
    /// The crate's folder as given, for the headline.
    pub name: String,
    pub files: usize,
    /// Cycles between top-level modules (`crate` is the root file's own items).
    pub top: Vec<Scc>,
    /// Cycles between files, named by module path.
    pub file: Vec<Scc>,
}

/// One strongly connected component and cycles that together pass through all its members.
#[derive(Debug)]
pub struct Scc {
    pub members: Vec<String>,
    pub cycles: Vec<Vec<Step>>,
}

/// One edge of a printed cycle and a place that makes it.
#[derive(Debug, Clone)]
pub struct Step {
    pub from: String,
    pub to: String,
    /// `src/a/b.rs:12`
    pub at: String,
}

impl Report {
    pub fn is_clean(&self) -> bool {
        self.top.is_empty() && self.file.is_empty()
    }

    pub fn render(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "== import cycles in {} ({} files)",
            self.name, self.files
        );
        for (what, sccs) in [("top-level modules", &self.top), ("files", &self.file)] {
            if sccs.is_empty() {
                let _ = writeln!(s, "{what}: no cycle");
                continue;
            }
            let _ = writeln!(s, "{what}: {} cycle(s)", sccs.len());
            for scc in sccs {
                let _ = writeln!(
                    s,
                    "  {} modules: {}",
                    scc.members.len(),
                    scc.members.join(", ")
                );
                for cycle in &scc.cycles {
                    let _ = writeln!(s, "    {}", path_text(cycle));
                    for step in cycle {
                        let _ = writeln!(s, "      {} → {}  {}", step.from, step.to, step.at);
                    }
                }
            }
        }
        s
    }
}

/// `a → b → c → a`
pub fn path_text(cycle: &[Step]) -> String {
    let mut s = cycle[0].from.clone();
    for step in cycle {
        s.push_str(" → ");
        s.push_str(&step.to);
    }
    s
}

/// Reads `<crate_dir>/src` and finds its import cycles (`strict`: see the module doc, rule 2).
pub fn check(crate_dir: &Path, strict: bool) -> Result<Report> {
    let src = crate_dir.join("src");
    if !src.is_dir() {
        bail!("{} has no src folder", crate_dir.display());
    }
    let mut paths = Vec::new();
    collect_rs(&src, &mut paths)?;
    paths.sort();
    let has_lib = src.join("lib.rs").is_file();

    let mut files = Vec::new();
    for p in paths {
        let rel = p.strip_prefix(&src).expect("under src").to_path_buf();
        let Some(module) = module_of(&rel, has_lib) else {
            continue;
        };
        let text =
            fs::read_to_string(&p).with_context(|| format!("cannot read {}", p.display()))?;
        let shown = Path::new("src").join(&rel).display().to_string();
        files.push(scan(&shown, module, &text));
    }

    // Files that only tests compile: named tests.rs, or declared `#[cfg(test)] mod x;`.
    let test_only: BTreeSet<Vec<String>> = files
        .iter()
        .flat_map(|f| f.test_mods.iter().cloned())
        .collect();
    files.retain(|f| {
        f.module.last().is_none_or(|m| m != "tests")
            && !test_only
                .iter()
                .any(|t| f.module.len() >= t.len() && f.module[..t.len()] == t[..])
    });

    let graph = Graph::build(&files, strict);
    let name = crate_dir.display().to_string();
    let name = name
        .strip_prefix(&format!("{}/", testbed::workspace_root().display()))
        .map(str::to_string)
        .unwrap_or(name);
    Ok(Report {
        name,
        files: files.len(),
        top: graph.sccs(true),
        file: graph.sccs(false),
    })
}

fn collect_rs(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))? {
        let p = entry?.path();
        if p.is_dir() {
            collect_rs(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
    Ok(())
}

/// The module path of a file under `src` (`[]` for the root); `None` for the files of other
/// crates (`main.rs` beside a `lib.rs`, `bin/`).
fn module_of(rel: &Path, has_lib: bool) -> Option<Vec<String>> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|c| c.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop()?;
    let stem = last.strip_suffix(".rs")?.to_string();
    if parts.is_empty() {
        match stem.as_str() {
            "lib" => return Some(vec![]),
            "main" if has_lib => return None,
            "main" => return Some(vec![]),
            _ => {}
        }
    }
    if parts.first().is_some_and(|p| p == "bin") {
        return None;
    }
    if stem != "mod" {
        parts.push(stem);
    }
    Some(parts)
}

// ---- lexing ----

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    /// `::`
    Sep,
    Punct(char),
    /// Literals and lifetimes: present so that neighbours are not taken for paths.
    Other,
}

/// Tokens with their line numbers; comments, strings and chars are dropped or opaque, so that a
/// path in prose or in a message is never taken for an import.
fn lex(text: &str) -> Vec<(Tok, usize)> {
    let c: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    let ident_start = |ch: char| ch.is_alphabetic() || ch == '_';
    let ident_char = |ch: char| ch.is_alphanumeric() || ch == '_';
    while i < c.len() {
        let ch = c[i];
        let next = c.get(i + 1).copied().unwrap_or('\0');
        if ch == '\n' {
            line += 1;
            i += 1;
        } else if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && next == '/' {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '/' && next == '*' {
            // Block comments nest in Rust.
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if c[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
        } else if ch == '"' {
            let start = line;
            i = skip_string(&c, i + 1, &mut line);
            out.push((Tok::Other, start));
        } else if ch == '\'' {
            if next == '\\' {
                // An escaped char ('\'', '\n', '\u{..}'): past the escape, up to the quote.
                i += 3;
                while i < c.len() && c[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if c.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                // A lifetime or a label.
                i += 1;
                while i < c.len() && ident_char(c[i]) {
                    i += 1;
                }
            }
            out.push((Tok::Other, line));
        } else if ident_start(ch) {
            // Prefixed literals first: r"", r#""#, b"", br"", c"", cr"", b'x'.
            let mut j = i;
            while j < c.len() && j - i < 2 && matches!(c[j], 'r' | 'b' | 'c') {
                j += 1;
            }
            let prefix: String = c[i..j].iter().collect();
            let raw = prefix.ends_with('r');
            if j > i && matches!(prefix.as_str(), "r" | "b" | "c" | "br" | "cr") {
                let mut hashes = 0;
                let mut k = j;
                while raw && c.get(k) == Some(&'#') {
                    hashes += 1;
                    k += 1;
                }
                if c.get(k) == Some(&'"') {
                    let start = line;
                    i = if raw {
                        skip_raw_string(&c, k + 1, hashes, &mut line)
                    } else {
                        skip_string(&c, k + 1, &mut line)
                    };
                    out.push((Tok::Other, start));
                    continue;
                }
                if prefix == "b" && c.get(k) == Some(&'\'') {
                    i = k + 1;
                    while i < c.len() && c[i] != '\'' {
                        i += if c[i] == '\\' { 2 } else { 1 };
                    }
                    i += 1;
                    out.push((Tok::Other, line));
                    continue;
                }
                if prefix == "r" && hashes == 1 && c.get(k).is_some_and(|&x| ident_start(x)) {
                    // A raw identifier, r#type: the name without its prefix.
                    i = k;
                }
            }
            let s = i;
            while i < c.len() && ident_char(c[i]) {
                i += 1;
            }
            out.push((Tok::Ident(c[s..i].iter().collect()), line));
        } else if ch.is_ascii_digit() {
            while i < c.len() && ident_char(c[i]) {
                i += 1;
            }
            out.push((Tok::Other, line));
        } else if ch == ':' && next == ':' {
            out.push((Tok::Sep, line));
            i += 2;
        } else {
            out.push((Tok::Punct(ch), line));
            i += 1;
        }
    }
    out
}

/// From just after the opening quote to just after the closing one.
fn skip_string(c: &[char], mut i: usize, line: &mut usize) -> usize {
    while i < c.len() {
        match c[i] {
            '\\' => {
                if c.get(i + 1) == Some(&'\n') {
                    *line += 1;
                }
                i += 2;
            }
            '"' => return i + 1,
            '\n' => {
                *line += 1;
                i += 1;
            }
            _ => i += 1,
        }
    }
    i
}

fn skip_raw_string(c: &[char], mut i: usize, hashes: usize, line: &mut usize) -> usize {
    while i < c.len() {
        if c[i] == '"' && (0..hashes).all(|h| c.get(i + 1 + h) == Some(&'#')) {
            return i + 1 + hashes;
        }
        if c[i] == '\n' {
            *line += 1;
        }
        i += 1;
    }
    i
}

// ---- scanning one file ----

/// A path named in a file, before it is resolved against the crate's modules.
#[derive(Debug, Clone)]
struct Mention {
    line: usize,
    /// The module the mention sits in (the file's, or an inline `mod x { }` inside it).
    at: Vec<String>,
    segments: Vec<String>,
    kind: Kind,
}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Code,
    /// A `use` leaf: the name it binds (`None` for a glob) and whether it is `pub` (any
    /// `pub(...)` too), i.e. a re-export.
    Use {
        bind: Option<String>,
        public: bool,
    },
}

#[derive(Debug)]
struct FileScan {
    shown: String,
    module: Vec<String>,
    mentions: Vec<Mention>,
    /// Inline modules (`mod x { }`) declared here, by full path.
    inline_mods: Vec<Vec<String>>,
    /// Child files declared `#[cfg(test)] mod x;`, by full path.
    test_mods: Vec<Vec<String>>,
}

fn scan(shown: &str, module: Vec<String>, text: &str) -> FileScan {
    let toks = lex(text);
    let mut f = FileScan {
        shown: shown.to_string(),
        module: module.clone(),
        mentions: Vec::new(),
        inline_mods: Vec::new(),
        test_mods: Vec::new(),
    };
    // One entry per open bracket: the inline module it opens, if any.
    let mut stack: Vec<Option<String>> = Vec::new();
    let here = |stack: &[Option<String>]| {
        let mut m = module.clone();
        m.extend(stack.iter().flatten().cloned());
        m
    };
    let ident = |i: usize| match toks.get(i) {
        Some((Tok::Ident(s), _)) => Some(s.as_str()),
        _ => None,
    };
    let punct = |i: usize, p: char| matches!(toks.get(i), Some((Tok::Punct(q), _)) if *q == p);
    let sep = |i: usize| matches!(toks.get(i), Some((Tok::Sep, _)));
    let mut test_attr = false;
    let mut i = 0;
    while i < toks.len() {
        // Attributes: skipped whole; a cfg that needs `test` marks the next item test-only.
        if punct(i, '#') && (punct(i + 1, '[') || (punct(i + 1, '!') && punct(i + 2, '['))) {
            let open = if punct(i + 1, '[') { i + 1 } else { i + 2 };
            let close = matching(&toks, open);
            let inner = &toks[open + 1..close];
            let is = |w: &str| inner.iter().any(|(t, _)| *t == Tok::Ident(w.into()));
            if inner.first().map(|t| &t.0) == Some(&Tok::Ident("cfg".into()))
                && is("test")
                && !is("not")
            {
                test_attr = true;
            }
            i = close + 1;
            continue;
        }
        if test_attr {
            test_attr = false;
            if ident(i) == Some("mod")
                && let Some(name) = ident(i + 1)
                && punct(i + 2, ';')
            {
                let mut m = here(&stack);
                m.push(name.to_string());
                f.test_mods.push(m);
            }
            i = item_end(&toks, i);
            continue;
        }
        // Visibility with a path in it, `pub(in crate::a)`: not a mention.
        if ident(i) == Some("pub") && punct(i + 1, '(') {
            i = matching(&toks, i + 1) + 1;
            continue;
        }
        match &toks[i].0 {
            Tok::Punct('{' | '(' | '[') => {
                stack.push(None);
                i += 1;
                continue;
            }
            Tok::Punct('}' | ')' | ']') => {
                stack.pop();
                i += 1;
                continue;
            }
            _ => {}
        }
        if ident(i) == Some("mod")
            && let Some(name) = ident(i + 1)
            && punct(i + 2, '{')
        {
            let mut m = here(&stack);
            m.push(name.to_string());
            f.inline_mods.push(m);
            stack.push(Some(name.to_string()));
            i += 3;
            continue;
        }
        if ident(i) == Some("use") && !sep(i.wrapping_sub(1)) {
            let public = i > 0
                && (ident(i - 1) == Some("pub")
                    || (punct(i - 1, ')') && {
                        let mut k = i - 1;
                        while k > 0 && !punct(k, '(') {
                            k -= 1;
                        }
                        k > 0 && ident(k - 1) == Some("pub")
                    }));
            let at = here(&stack);
            let mut leaves = Vec::new();
            let end = use_tree(&toks, i + 1, Vec::new(), &mut leaves);
            for (segments, bind, line) in leaves {
                f.mentions.push(Mention {
                    line,
                    at: at.clone(),
                    segments,
                    kind: Kind::Use { bind, public },
                });
            }
            i = end;
            continue;
        }
        // A path in code: an identifier followed by `::`, not itself the tail of a path and not
        // `$crate` in a macro. Which first segments count is decided when resolving.
        if let Some(first) = ident(i)
            && sep(i + 1)
            && !sep(i.wrapping_sub(1))
            && !punct(i.wrapping_sub(1), '$')
        {
            let line = toks[i].1;
            let mut segments = vec![first.to_string()];
            let mut k = i + 1;
            while sep(k)
                && let Some(s) = ident(k + 1)
            {
                segments.push(s.to_string());
                k += 2;
            }
            f.mentions.push(Mention {
                line,
                at: here(&stack),
                segments,
                kind: Kind::Code,
            });
            i = k;
            continue;
        }
        i += 1;
    }
    f
}

/// The index of the bracket closing the one at `open` (or the last token).
fn matching(toks: &[(Tok, usize)], open: usize) -> usize {
    let mut depth = 0usize;
    for (k, (t, _)) in toks.iter().enumerate().skip(open) {
        match t {
            Tok::Punct('{' | '(' | '[') => depth += 1,
            Tok::Punct('}' | ')' | ']') => {
                depth -= 1;
                if depth == 0 {
                    return k;
                }
            }
            _ => {}
        }
    }
    toks.len().saturating_sub(1)
}

/// Just past the item starting at `i`: its `;`, or the `}` closing its first brace block.
fn item_end(toks: &[(Tok, usize)], mut i: usize) -> usize {
    while i < toks.len() {
        match toks[i].0 {
            Tok::Punct(';') => return i + 1,
            Tok::Punct('{') => return matching(toks, i) + 1,
            Tok::Punct('(' | '[') => i = matching(toks, i) + 1,
            Tok::Punct('}' | ')' | ']') => return i,
            _ => i += 1,
        }
    }
    i
}

/// Parses a use tree from `i` with the segments before it; pushes each leaf (full path, the
/// name it binds, line) and returns the index just past the tree (past the `;` at top level).
fn use_tree(
    toks: &[(Tok, usize)],
    mut i: usize,
    mut prefix: Vec<String>,
    out: &mut Vec<(Vec<String>, Option<String>, usize)>,
) -> usize {
    let top = prefix.is_empty();
    if top && matches!(toks.get(i), Some((Tok::Sep, _))) {
        // `use ::name`: rooted at an extern crate, never this one.
        prefix.push("::".into());
        i += 1;
    }
    while i < toks.len() {
        let line = toks[i].1;
        match &toks[i].0 {
            Tok::Punct('{') => {
                i += 1;
                while i < toks.len() && !matches!(toks[i].0, Tok::Punct('}')) {
                    if matches!(toks[i].0, Tok::Punct(',')) {
                        i += 1;
                        continue;
                    }
                    i = use_tree(toks, i, prefix.clone(), out);
                }
                i += 1;
                break;
            }
            Tok::Punct('*') => {
                out.push((prefix.clone(), None, line));
                i += 1;
                break;
            }
            Tok::Ident(name) => {
                if matches!(toks.get(i + 1), Some((Tok::Sep, _))) {
                    prefix.push(name.clone());
                    i += 2;
                    continue;
                }
                let mut bind = if name == "self" {
                    prefix.last().cloned().unwrap_or_default()
                } else {
                    name.clone()
                };
                let mut path = prefix.clone();
                if name != "self" {
                    path.push(name.clone());
                }
                i += 1;
                if matches!(toks.get(i), Some((Tok::Ident(a), _)) if a == "as") {
                    if let Some((Tok::Ident(alias), _)) = toks.get(i + 1) {
                        bind = alias.clone();
                    }
                    i += 2;
                }
                out.push((path, Some(bind), line));
                break;
            }
            _ => break,
        }
    }
    if top {
        while i < toks.len() && !matches!(toks[i].0, Tok::Punct(';')) {
            i += 1;
        }
        i += 1;
    }
    i
}

// ---- resolving and the graphs ----

/// Where a name leads once re-exports are followed.
#[derive(Debug, Clone)]
enum Target {
    Crate(Vec<String>),
    /// Another crate's item, forwarded: no edge.
    External,
}

struct Graph {
    /// Module path of each file node, and its shown path.
    nodes: Vec<(Vec<String>, String)>,
    /// (from, to) file indices → the first place that makes the edge.
    edges: BTreeMap<(usize, usize), String>,
}

fn show(m: &[String]) -> String {
    if m.is_empty() {
        "crate".into()
    } else {
        m.join("::")
    }
}

impl Graph {
    fn build(files: &[FileScan], strict: bool) -> Graph {
        let file_index: HashMap<Vec<String>, usize> = files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.module.clone(), i))
            .collect();
        let mut modules: BTreeSet<Vec<String>> = file_index.keys().cloned().collect();
        for f in files {
            modules.extend(f.inline_mods.iter().cloned());
        }
        let is_child = |at: &[String], name: &str| {
            let mut m = at.to_vec();
            m.push(name.to_string());
            modules.contains(&m)
        };

        // A path as written → an absolute crate path, if it names this crate.
        let absolute = |m: &Mention, aliases: &HashMap<String, Vec<String>>| {
            let seg = &m.segments;
            let first = seg.first()?.as_str();
            let mut base = match first {
                "crate" => vec![],
                "self" => m.at.clone(),
                "super" => {
                    let mut b = m.at.clone();
                    let mut k = 0;
                    while seg.get(k).is_some_and(|s| s == "super") {
                        b.pop()?;
                        k += 1;
                    }
                    b.extend(seg[k..].iter().cloned());
                    return Some(b);
                }
                _ if is_child(&m.at, first) => {
                    let mut b = m.at.clone();
                    b.push(first.to_string());
                    b
                }
                _ => {
                    let mut b = aliases.get(first)?.clone();
                    b.extend(seg[1..].iter().cloned());
                    return Some(b);
                }
            };
            base.extend(seg[1..].iter().cloned());
            Some(base)
        };

        // Pass 1: the names each file's `use`s bind to crate paths (without aliases), and each
        // module's re-exports.
        let mut aliases: Vec<HashMap<String, Vec<String>>> = Vec::new();
        let mut reexports: HashMap<Vec<String>, HashMap<String, Target>> = HashMap::new();
        for f in files {
            let mut a = HashMap::new();
            for m in &f.mentions {
                let Kind::Use { bind, public } = &m.kind else {
                    continue;
                };
                let abs = absolute(m, &HashMap::new());
                if let (Some(b), Some(p)) = (bind, &abs) {
                    a.insert(b.clone(), p.clone());
                }
                if *public && let Some(b) = bind {
                    let t = abs.map(Target::Crate).unwrap_or(Target::External);
                    reexports
                        .entry(m.at.clone())
                        .or_default()
                        .insert(b.clone(), t);
                }
            }
            aliases.push(a);
        }

        // A crate path → the file that defines it, following re-exports.
        let defining_file = |mut p: Vec<String>| -> Option<usize> {
            for _ in 0..32 {
                let q = (0..=p.len()).rev().find(|&k| modules.contains(&p[..k]))?;
                if q < p.len()
                    && let Some(t) = reexports.get(&p[..q]).and_then(|r| r.get(&p[q]))
                {
                    match t {
                        Target::External => return None,
                        Target::Crate(t) => {
                            let mut next = t.clone();
                            next.extend(p[q + 1..].iter().cloned());
                            p = next;
                            continue;
                        }
                    }
                }
                let f = (0..=q).rev().find_map(|k| file_index.get(&p[..k]))?;
                return Some(*f);
            }
            None
        };

        let mut edges = BTreeMap::new();
        for (from, f) in files.iter().enumerate() {
            for m in &f.mentions {
                let Some(abs) = absolute(m, &aliases[from]) else {
                    continue;
                };
                let Some(to) = defining_file(abs) else {
                    continue;
                };
                let target = &files[to].module;
                let reexport = matches!(m.kind, Kind::Use { public: true, .. });
                let descendant =
                    target.len() > f.module.len() && target[..f.module.len()] == f.module[..];
                // A module naming its own descendants is no edge (module doc, rule 2).
                if to == from || (descendant && (reexport || !strict)) {
                    continue;
                }
                edges
                    .entry((from, to))
                    .or_insert_with(|| format!("{}:{}", f.shown, m.line));
            }
        }
        Graph {
            nodes: files
                .iter()
                .map(|f| (f.module.clone(), f.shown.clone()))
                .collect(),
            edges,
        }
    }

    /// The components of more than one node, of the file graph or of the top-level one.
    fn sccs(&self, top: bool) -> Vec<Scc> {
        let name = |i: usize| {
            let m = &self.nodes[i].0;
            if top {
                show(&m[..m.len().min(1)])
            } else {
                show(m)
            }
        };
        let names: BTreeSet<String> = (0..self.nodes.len()).map(name).collect();
        let names: Vec<String> = names.into_iter().collect();
        let id = |s: &str| names.binary_search_by(|n| n.as_str().cmp(s)).unwrap();
        let mut adj: BTreeMap<(usize, usize), String> = BTreeMap::new();
        for ((a, b), at) in &self.edges {
            let (x, y) = (id(&name(*a)), id(&name(*b)));
            if x != y {
                adj.entry((x, y)).or_insert_with(|| at.clone());
            }
        }
        let mut out_edges = vec![Vec::new(); names.len()];
        for &(x, y) in adj.keys() {
            out_edges[x].push(y);
        }
        let mut sccs = Vec::new();
        for comp in tarjan(&out_edges) {
            if comp.len() < 2 {
                continue;
            }
            let inside: BTreeSet<usize> = comp.iter().copied().collect();
            let mut covered = BTreeSet::new();
            let mut cycles = Vec::new();
            for &v in &inside {
                if covered.contains(&v) {
                    continue;
                }
                let Some(path) = shortest_cycle(&out_edges, &inside, v) else {
                    continue;
                };
                covered.extend(path.iter().copied());
                let steps = path
                    .iter()
                    .zip(path.iter().cycle().skip(1))
                    .map(|(&a, &b)| Step {
                        from: names[a].clone(),
                        to: names[b].clone(),
                        at: adj[&(a, b)].clone(),
                    })
                    .collect();
                cycles.push(steps);
            }
            sccs.push(Scc {
                members: inside.iter().map(|&v| names[v].clone()).collect(),
                cycles,
            });
        }
        sccs.sort_by(|a, b| a.members.cmp(&b.members));
        sccs
    }
}

/// Tarjan's strongly connected components (recursive: module graphs are small).
fn tarjan(adj: &[Vec<usize>]) -> Vec<Vec<usize>> {
    struct T<'a> {
        adj: &'a [Vec<usize>],
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on_stack: Vec<bool>,
        stack: Vec<usize>,
        next: usize,
        out: Vec<Vec<usize>>,
    }
    fn visit(t: &mut T, v: usize) {
        t.index[v] = Some(t.next);
        t.low[v] = t.next;
        t.next += 1;
        t.stack.push(v);
        t.on_stack[v] = true;
        for &w in &t.adj[v] {
            match t.index[w] {
                None => {
                    visit(t, w);
                    t.low[v] = t.low[v].min(t.low[w]);
                }
                Some(iw) if t.on_stack[w] => t.low[v] = t.low[v].min(iw),
                _ => {}
            }
        }
        if Some(t.low[v]) == t.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on_stack[w] = false;
                comp.push(w);
                if w == v {
                    break;
                }
            }
            t.out.push(comp);
        }
    }
    let n = adj.len();
    let mut t = T {
        adj,
        index: vec![None; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        stack: Vec::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in 0..n {
        if t.index[v].is_none() {
            visit(&mut t, v);
        }
    }
    t.out
}

/// The nodes of a shortest cycle through `v` inside one component, starting at `v`.
fn shortest_cycle(adj: &[Vec<usize>], inside: &BTreeSet<usize>, v: usize) -> Option<Vec<usize>> {
    let mut prev: HashMap<usize, usize> = HashMap::new();
    let mut queue = VecDeque::from([v]);
    while let Some(x) = queue.pop_front() {
        for &y in &adj[x] {
            if !inside.contains(&y) {
                continue;
            }
            if y == v {
                let mut path = vec![x];
                let mut cur = x;
                while cur != v {
                    cur = prev[&cur];
                    path.push(cur);
                }
                path.reverse();
                return Some(path);
            }
            if y != v && !prev.contains_key(&y) {
                prev.insert(y, x);
                queue.push_back(y);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fake crate in a fresh folder under the system temp dir, removed on drop.
    struct Tree(PathBuf);

    impl Tree {
        fn new(files: &[(&str, &str)]) -> Tree {
            use std::sync::atomic::{AtomicUsize, Ordering};
            static N: AtomicUsize = AtomicUsize::new(0);
            let dir = std::env::temp_dir().join(format!(
                "xtask-cycles-{}-{}",
                std::process::id(),
                N.fetch_add(1, Ordering::SeqCst)
            ));
            let _ = fs::remove_dir_all(&dir);
            for (path, text) in files {
                let p = dir.join("src").join(path);
                fs::create_dir_all(p.parent().unwrap()).unwrap();
                fs::write(p, text).unwrap();
            }
            Tree(dir)
        }

        fn check(&self) -> Report {
            check(&self.0, false).unwrap()
        }
    }

    impl Drop for Tree {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn cycles(sccs: &[Scc]) -> Vec<String> {
        sccs.iter()
            .flat_map(|s| s.cycles.iter().map(|c| path_text(c)))
            .collect()
    }

    #[test]
    fn a_three_module_cycle_is_found_with_its_path_and_places() {
        let t = Tree::new(&[
            ("lib.rs", "pub mod a;\npub mod b;\npub mod c;\n"),
            ("a.rs", "use std::fmt;\nuse crate::b::Thing;\n"),
            (
                "b.rs",
                "pub struct Thing;\nfn f() {\n    crate::c::go();\n}\n",
            ),
            ("c/mod.rs", "mod d;\npub use d::go;\n"),
            (
                "c/d.rs",
                "pub fn go() {\n    let _ = super::super::a::X;\n}\n",
            ),
        ]);
        let r = t.check();
        assert!(!r.is_clean());
        assert_eq!(cycles(&r.top), vec!["a → b → c → a"]);
        assert_eq!(cycles(&r.file), vec!["a → b → c::d → a"]);
        let steps = &r.file[0].cycles[0];
        let at: Vec<&str> = steps.iter().map(|s| s.at.as_str()).collect();
        assert_eq!(at, ["src/a.rs:2", "src/b.rs:3", "src/c/d.rs:2"]);
        let text = r.render();
        assert!(text.contains("a → b  src/a.rs:2"), "{text}");
    }

    #[test]
    fn a_facade_re_exporting_its_children_is_no_cycle() {
        let t = Tree::new(&[
            (
                "lib.rs",
                "pub mod store;\npub mod user;\npub use store::Store;\n",
            ),
            (
                "store/mod.rs",
                "mod disk;\nmod row;\npub use disk::Disk;\npub use self::row::{self, Row};\n\
                 pub(crate) use row::Key as RowKey;\npub struct Store;\n",
            ),
            (
                "store/disk.rs",
                "use super::Store;\nuse crate::store::RowKey;\n",
            ),
            (
                "store/row.rs",
                "pub struct Row;\nuse super::Store;\nuse crate::Store as S;\n",
            ),
            (
                "user.rs",
                "use crate::store::{Disk, Row};\nuse crate::Store;\n",
            ),
        ]);
        let r = t.check();
        assert!(r.is_clean(), "{}", r.render());
        // Strict counts a parent's code using a child, never its re-exports.
        let r = check(&t.0, true).unwrap();
        assert!(r.is_clean(), "{}", r.render());
    }

    #[test]
    fn super_inside_an_inline_module_counts_from_that_module() {
        let t = Tree::new(&[
            ("lib.rs", "pub mod a;\npub mod b;\n"),
            (
                "a.rs",
                "pub mod inner {\n    pub fn f() {\n        super::super::b::g()\n    }\n}\n",
            ),
            ("b.rs", "pub fn g() {}\nfn h() { crate::a::inner::f() }\n"),
        ]);
        let r = t.check();
        assert_eq!(cycles(&r.file), vec!["a → b → a"]);
        assert_eq!(r.file[0].cycles[0][0].at, "src/a.rs:3");
    }

    #[test]
    fn a_cycle_through_a_facade_reaches_the_file_behind_it() {
        // user names `crate::store::Row`, which the facade forwards to store/row.rs; row uses
        // user back. The facade itself is on no cycle.
        let t = Tree::new(&[
            ("lib.rs", "pub mod store;\npub mod user;\n"),
            ("store/mod.rs", "mod row;\npub use self::row::Row;\n"),
            (
                "store/row.rs",
                "pub struct Row;\nfn f() { crate::user::go() }\n",
            ),
            ("user.rs", "pub fn go() {}\nfn h(_: crate::store::Row) {}\n"),
        ]);
        let r = t.check();
        assert_eq!(cycles(&r.file), vec!["store::row → user → store::row"]);
        assert_eq!(cycles(&r.top), vec!["store → user → store"]);
    }

    #[test]
    fn a_parent_calling_its_child_is_a_cycle_only_when_strict() {
        let t = Tree::new(&[
            ("lib.rs", "pub mod m;\n"),
            (
                "m/mod.rs",
                "mod child;\npub struct Shared;\nfn run() { child::work() }\n",
            ),
            ("m/child.rs", "use super::Shared;\npub fn work() {}\n"),
        ]);
        assert!(t.check().is_clean(), "{}", t.check().render());
        let r = check(&t.0, true).unwrap();
        assert_eq!(cycles(&r.file), vec!["m → m::child → m"]);
        assert_eq!(r.file[0].cycles[0][0].at, "src/m/mod.rs:3");
        // Inside one top-level module: not a cycle between top-level modules.
        assert!(r.top.is_empty());
    }

    #[test]
    fn a_child_using_super_is_an_edge_to_its_parent() {
        // m's own code calls out to `other`, which calls m's child: other → m::child → m →
        // other, through the child's `super::`.
        let t = Tree::new(&[
            ("lib.rs", "pub mod m;\npub mod other;\n"),
            (
                "m/mod.rs",
                "pub mod child;\npub fn shared() { crate::other::f() }\n",
            ),
            ("m/child.rs", "pub fn work() { super::shared() }\n"),
            (
                "other.rs",
                "pub fn f() {}\nfn g() { crate::m::child::work() }\n",
            ),
        ]);
        let r = t.check();
        assert_eq!(cycles(&r.file), vec!["m → other → m::child → m"]);
        assert_eq!(r.file[0].cycles[0][2].at, "src/m/child.rs:1");
    }

    #[test]
    fn comments_strings_and_tests_are_ignored() {
        let t = Tree::new(&[
            ("lib.rs", "pub mod a;\npub mod b;\n"),
            (
                "a.rs",
                r####"//! Uses crate::b::X, says the doc.
/// crate::b::f() in a doc comment
// use crate::b;
/* crate::b::f(); /* nested crate::b */ still comment crate::b */
fn f<'a>(s: &'a str) -> char {
    let _ = "crate::b::f()";
    let _ = "escaped \" crate::b::f()";
    let _ = r#"raw "crate::b::f()" "#;
    let _ = b"crate::b";
    let _ = '"';
    let _ = '\'';
    'x'
}
#[cfg(test)]
mod tests {
    use crate::b::f;
}
#[cfg(test)]
use crate::b::X;
#[cfg(test)]
mod more;
"####,
            ),
            ("a/more.rs", "use crate::b::f;\n"),
            ("a/tests.rs", "use crate::b::f;\n"),
            (
                "b.rs",
                "pub fn f() {}\npub struct X;\nfn g() { crate::a::f(\"x\"); }\n",
            ),
        ]);
        let r = t.check();
        assert!(r.is_clean(), "{}", r.render());
        // The same files with one real mention after all the noise: now it is a cycle, and
        // its line is counted through the comments and strings above it.
        let t2 = Tree::new(&[
            ("lib.rs", "pub mod a;\npub mod b;\n"),
            (
                "a.rs",
                "/* crate::b\n */ let s = \"x\ny\";\nuse crate::b;\n",
            ),
            ("b.rs", "fn g() { crate::a::f(); }\n"),
        ]);
        let r = t2.check();
        assert_eq!(r.file[0].cycles[0][0].at, "src/a.rs:4");
    }

    #[test]
    fn grouped_and_nested_use_trees_are_parsed() {
        let t = Tree::new(&[
            ("lib.rs", "pub mod a;\npub mod b;\npub mod c;\npub mod d;\n"),
            (
                "a.rs",
                "use crate::{\n    c::Thing,\n    d::{self as dd, Other},\n};\nfn f() { dd::go() }\n",
            ),
            ("b.rs", "use std::{fmt, io};\n"),
            ("c.rs", "pub struct Thing;\nuse crate::{b::{}, a::f};\n"),
            ("d.rs", "pub fn go() {}\npub struct Other;\n"),
        ]);
        let r = t.check();
        assert_eq!(cycles(&r.top), vec!["a → c → a"]);
        assert_eq!(r.top[0].cycles[0][0].at, "src/a.rs:2");
        assert_eq!(r.top[0].cycles[0][1].at, "src/c.rs:2");
    }

    #[test]
    fn an_alias_bound_by_use_is_followed_in_code() {
        // `use crate::b;` then `b::f()`: the edge goes where `f` is defined, through b's
        // re-export, so a cycle with b/inner is found.
        let t = Tree::new(&[
            ("lib.rs", "pub mod a;\npub mod b;\n"),
            (
                "a.rs",
                "use crate::b as bee;\npub fn g() {}\nfn h() { bee::f() }\n",
            ),
            ("b/mod.rs", "mod inner;\npub use inner::f;\n"),
            ("b/inner.rs", "pub fn f() { crate::a::g() }\n"),
        ]);
        let r = t.check();
        assert_eq!(cycles(&r.file), vec!["a → b::inner → a"]);
        assert_eq!(r.file[0].cycles[0][0].at, "src/a.rs:3");
    }

    #[test]
    fn tarjan_splits_components() {
        let adj = vec![vec![1], vec![0, 2], vec![3], vec![2], vec![]];
        let mut comps: Vec<Vec<usize>> = tarjan(&adj)
            .into_iter()
            .map(|mut c| {
                c.sort();
                c
            })
            .collect();
        comps.sort();
        assert_eq!(comps, vec![vec![0, 1], vec![2, 3], vec![4]]);
    }
}
