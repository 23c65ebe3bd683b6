//! History search over 100,000 checks (goal ≤ 50 ms a search): fills a fresh SQLite file in a
//! temporary folder with a year of synthetic checks (half-width kana names as the centre sends
//! them, 85 % 有効), then times the clerk's searches and prints a table. Run with
//! `cargo run -p onshi --release --example history_bench [ROWS]`.

use onshi_desk::history::{
    CheckRecord, Consent, ConsentKind, History, Method, Outcome, Person, Query,
};
use std::time::{Duration, Instant};
use time::OffsetDateTime;

const FAMILY: &[&str] = &[
    "ｻﾄｳ",
    "ｽｽﾞｷ",
    "ﾀｶﾊｼ",
    "ﾀﾅｶ",
    "ﾜﾀﾅﾍﾞ",
    "ｲﾄｳ",
    "ﾔﾏﾓﾄ",
    "ﾅｶﾑﾗ",
    "ｺﾊﾞﾔｼ",
    "ｶﾄｳ",
    "ﾖｼﾀﾞ",
    "ﾔﾏﾀﾞ",
    "ｻｻｷ",
    "ﾔﾏｸﾞﾁ",
    "ﾏﾂﾓﾄ",
    "ｲﾉｳｴ",
    "ｷﾑﾗ",
    "ﾊﾔｼ",
    "ｼﾐｽﾞ",
    "ﾔﾏｻﾞｷ",
    "ﾓﾘ",
    "ｱﾍﾞ",
    "ｲｹﾀﾞ",
    "ﾊｼﾓﾄ",
    "ﾔﾏｼﾀ",
    "ｲｼｶﾜ",
    "ﾅｶｼﾞﾏ",
    "ﾏｴﾀﾞ",
    "ﾌｼﾞﾀ",
    "ｵｶﾞﾜ",
    "ｺﾞﾄｳ",
    "ｵｶﾀﾞ",
    "ﾊｾｶﾞﾜ",
    "ﾑﾗｶﾐ",
    "ｺﾝﾄﾞｳ",
    "ｲｼｲ",
    "ｻｶﾓﾄ",
    "ｴﾝﾄﾞｳ",
    "ｱｵｷ",
    "ﾌｼﾞｲ",
    "ﾆｼﾑﾗ",
    "ﾌｸﾀﾞ",
];
const GIVEN: &[&str] = &[
    "ﾊﾅｺ",
    "ﾀﾛｳ",
    "ｲﾁﾛｳ",
    "ｻｸﾗ",
    "ﾐｻｷ",
    "ｹﾝｲﾁ",
    "ﾚﾝ",
    "ﾏｺﾄ",
    "ﾖｳｺ",
    "ﾋﾅ",
    "ﾀﾀﾞｼ",
    "ﾕｲ",
    "ｿﾗ",
    "ｳﾐ",
    "ﾊﾙﾄ",
    "ﾕｳﾄ",
    "ﾒｲ",
    "ｱｵｲ",
    "ﾂﾑｷﾞ",
    "ﾐｵ",
    "ｿｳﾀ",
    "ﾘｸ",
    "ﾕｷ",
    "ﾄﾒ",
];

/// A small deterministic generator: the same rows every run, no dependency.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[self.next() as usize % v.len()]
    }
}

fn row(g: &mut Lcg, now: OffsetDateTime, i: usize) -> CheckRecord {
    let age = Duration::from_secs(g.next() % (365 * 86_400));
    let outcome = match g.next() % 100 {
        0..85 => Outcome::Valid,
        85..95 => Outcome::Invalid,
        _ => Outcome::Error,
    };
    CheckRecord {
        at: now - age,
        method: Method::ALL[g.next() as usize % Method::ALL.len()],
        outcome,
        reason_code: (outcome != Outcome::Valid).then(|| "not-found".into()),
        reason_message: None,
        person: Person {
            name: Some(format!("患者　{i}")),
            name_kana: Some(format!("{} {}", g.pick(FAMILY), g.pick(GIVEN))),
            birth_date: Some(format!("19{:02}0101", g.next() % 100)),
            sex: Some(((g.next() % 2) + 1).to_string()),
            insurer_number: Some("01130012".into()),
            insurer_name: Some("全国健康保険協会東京支部".into()),
            card_symbol: Some(format!("{}", g.next() % 10_000_000)),
            card_number: Some(i.to_string()),
            branch: Some("00".into()),
            personal_family: Some("1".into()),
            contribution_ratio: Some("030".into()),
            valid_until: None,
            limit_category: None,
            ..Person::default()
        },
        consents: vec![Consent {
            kind: ConsentKind::Drug,
            agreed: g.next().is_multiple_of(2),
            at: None,
        }],
    }
}

/// Median and worst of `n` runs of `f`, and how many checks it found.
fn time_it(n: usize, mut f: impl FnMut() -> usize) -> (Duration, Duration, usize) {
    let mut times = Vec::with_capacity(n);
    let mut found = 0;
    for _ in 0..n {
        let t = Instant::now();
        found = f();
        times.push(t.elapsed());
    }
    times.sort();
    (times[n / 2], times[n - 1], found)
}

fn main() -> anyhow::Result<()> {
    let rows: usize = std::env::args()
        .nth(1)
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(100_000);
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("history.sqlite");
    let mut h = History::open(&path)?;
    let now = OffsetDateTime::now_utc();
    let mut g = Lcg(20261124);
    let t = Instant::now();
    for start in (0..rows).step_by(10_000) {
        let batch: Vec<CheckRecord> = (start..rows.min(start + 10_000))
            .map(|i| row(&mut g, now, i))
            .collect();
        h.record_all(&batch)?;
    }
    let fill = t.elapsed();
    let t = Instant::now();
    h.record(&row(&mut g, now, rows))?;
    let one = t.elapsed();
    let size = std::fs::metadata(&path)?.len()
        + std::fs::metadata(dir.path().join("history.sqlite-wal"))
            .map(|m| m.len())
            .unwrap_or(0);

    // As after a day's closing of the desk (History runs it when dropped).
    let t = Instant::now();
    h.optimize()?;
    let optimize = t.elapsed();

    let today = onshi_desk::history::day_in_japan(now);
    let q = |f: &dyn Fn(&mut Query)| {
        let mut q = Query::default();
        f(&mut q);
        q
    };
    let searches: Vec<(&str, Query)> = vec![
        ("today's list", Query::day(today)),
        (
            "kana ｻ (wide prefix, 500 newest)",
            q(&|q| q.kana_prefix = Some("さ".into())),
        ),
        (
            "kana ﾔﾏｻﾞｷ ﾄ (narrow)",
            q(&|q| q.kana_prefix = Some("ヤマザキ　ト".into())),
        ),
        (
            "last 30 days",
            q(&|q| {
                q.from = Some(today - time::Duration::days(30));
                q.to = Some(today);
            }),
        ),
        ("outcome エラー", q(&|q| q.outcome = Some(Outcome::Error))),
        (
            "kana ｽｽﾞｷ + 無効 + this year",
            q(&|q| {
                q.kana_prefix = Some("すずき".into());
                q.outcome = Some(Outcome::Invalid);
                q.from = Some(today - time::Duration::days(365));
            }),
        ),
        ("no filter (500 newest)", Query::default()),
    ];

    println!(
        "history: {rows} checks, {:.1} MB on disk",
        size as f64 / 1e6
    );
    println!(
        "fill: {:.2} s in 10,000-row transactions; one check (one fsync, FULL): {:.2} ms",
        fill.as_secs_f64(),
        one.as_secs_f64() * 1e3
    );
    println!("PRAGMA optimize: {:.0} ms", optimize.as_secs_f64() * 1e3);
    println!();
    println!("| search | found | median ms | worst ms |");
    println!("|---|---:|---:|---:|");
    for (name, query) in &searches {
        if std::env::var_os("PLAN").is_some() {
            println!("plan of {name}: {:?}", h.plan(query)?);
        }
        let (med, worst, found) = time_it(21, || h.search(query).map(|v| v.len()).unwrap_or(0));
        println!(
            "| {name} | {found} | {:.2} | {:.2} |",
            med.as_secs_f64() * 1e3,
            worst.as_secs_f64() * 1e3
        );
    }
    Ok(())
}
