//! `cargo xtask bench app`: the app as a person meets it, release build, on the simulated desk
//! of `cargo xtask demo` (demo config: camera = the genuine feed, so the face models load).
//! Under a private Xvfb: cold start to the waiting screen (process start → the app's log line
//! for the first window's screenshot, which it takes once the waiting screen has been drawn
//! three times: an upper bound), the app's idle CPU over 30 s and its RSS with the face models
//! loaded (/proc). Then the headless card-in → 有効 run (`app_bench` example: runtime::Desk with
//! the PIN typed by the bench, n=20), card placed → the first patient screen drawn, and each
//! patient stage's draw time at 800x480 (layout + tessellation, goal ≤ 16 ms). Prints one
//! markdown table, then the speech latency from a stage change to sound per patient language
//! (the desk's `speech_bench`). Extra arguments go to the app example (`--runs N`).

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::{cargo, demo, run_ok, sim};

const COLD_RUNS: usize = 3;
const IDLE: Duration = Duration::from_secs(30);
const LINE_TIMEOUT: Duration = Duration::from_secs(60);

pub fn run(args: &[String]) -> Result<()> {
    crate::setup::run()?;
    if sim::is_running() {
        bail!(
            "the simulator is running (`cargo xtask demo --keep-sim` or `sim start`): `cargo xtask sim stop` first"
        );
    }
    let dir = demo::prepare()?;
    let app = demo::build_app()?;
    let example = [
        "build",
        "--release",
        "-q",
        "-p",
        "onshi",
        // The same features as the app just built: the library is compiled once.
        "--features",
        "simulators",
        "--example",
        "app_bench",
    ];
    run_ok(&mut cargo(&example), "building the app_bench example")?;

    let info = sim::start_with(None, &dir.join("personas"))?;
    let gui = demo::write_config(&dir, &info)
        .and_then(|config| window_rows(&app, &config, &info.pcsc_socket));
    sim::stop()?;
    let gui = gui?;

    let headless = Command::new(crate::target_dir().join("release/examples/app_bench"))
        .args(args)
        .env("OPENCV_LOG_LEVEL", "ERROR")
        .stderr(Stdio::inherit())
        .output()
        .context("running app_bench")?;
    if !headless.status.success() {
        bail!("app_bench failed");
    }
    println!();
    println!("## cargo xtask bench app (release build, {})", host());
    println!();
    println!("| measure | result | goal |");
    println!("|---|---|---|");
    for r in gui {
        println!("{r}");
    }
    print!("{}", String::from_utf8_lossy(&headless.stdout));
    // The patient also hears each stage: stage change → sound in the desk's voice worker, per
    // patient language (the same table as `cargo xtask bench voice`'s second one).
    let mut speech = cargo(&[
        "run",
        "--release",
        "-q",
        "-p",
        "onshi-desk",
        "--example",
        "speech_bench",
    ]);
    run_ok(&mut speech, "the desk's speech bench")
}

/// A private X server for the bench on a display Xvfb picks itself.
struct Xvfb {
    child: Child,
    display: String,
}

impl Xvfb {
    fn start() -> Result<Xvfb> {
        // `-displayfd 1`: Xvfb writes its display number to stdout once it accepts clients.
        let mut child = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .context("starting Xvfb (cargo xtask setup installs it)")?;
        let mut line = String::new();
        let out = child.stdout.take().context("Xvfb stdout")?;
        BufReader::new(out).read_line(&mut line)?;
        let n: u32 = line.trim().parse().context("Xvfb did not start")?;
        Ok(Xvfb {
            child,
            display: format!(":{n}"),
        })
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The app started on the bench's X server, its stderr lines on a channel.
struct App {
    child: Child,
    lines: Receiver<String>,
    started: Instant,
}

impl App {
    fn start(bin: &Path, config: &Path, pcsc: &Path, x: &Xvfb, extra: &[&str]) -> Result<App> {
        let xdg = crate::target_dir().join("bench-app-xdg");
        fs::create_dir_all(&xdg)?;
        let started = Instant::now();
        let mut child = Command::new(bin)
            .arg("--config")
            .arg(config)
            .args(extra)
            .env(testbed::SOCKET_ENV, pcsc)
            .env("DISPLAY", &x.display)
            .env("WINIT_X11_SCALE_FACTOR", "1")
            .env("XDG_RUNTIME_DIR", &xdg)
            .env("RUST_LOG", "info")
            .env("OPENCV_LOG_LEVEL", "ERROR")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .context("starting onshi")?;
        let err = child.stderr.take().context("onshi stderr")?;
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Ok(App {
            child,
            lines,
            started,
        })
    }

    /// Time from start until a log line containing `text`.
    fn wait_line(&self, text: &str) -> Result<Duration> {
        let end = Instant::now() + LINE_TIMEOUT;
        loop {
            let left = end.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(l) if l.contains(text) => return Ok(self.started.elapsed()),
                Ok(_) => {}
                Err(_) => bail!("onshi did not log `{text}` within {LINE_TIMEOUT:?}"),
            }
        }
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for App {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn window_rows(bin: &Path, config: &Path, pcsc: &Path) -> Result<Vec<String>> {
    let x = Xvfb::start()?;
    let shots = crate::target_dir().join("bench-app-shot");
    let shot_arg = shots.display().to_string();
    let mut cold = Vec::new();
    for _ in 0..COLD_RUNS {
        let app = App::start(bin, config, pcsc, &x, &["--screenshot", &shot_arg])?;
        cold.push(app.wait_line("screenshot written")?);
    }
    cold.sort();

    let app = App::start(bin, config, pcsc, &x, &[])?;
    let models = app.wait_line("face models loaded")?;
    let t0 = cpu_ticks(app.pid())?;
    let w0 = Instant::now();
    std::thread::sleep(IDLE);
    let busy = (cpu_ticks(app.pid())? - t0) as f64 / clock_ticks();
    let idle_cpu = 100.0 * busy / w0.elapsed().as_secs_f64();
    let rss = vm_rss_kib(app.pid())? as f64 / 1024.0;

    let ms = |d: Duration| format!("{:.0} ms", d.as_secs_f64() * 1000.0);
    Ok(vec![
        format!(
            "| cold start → waiting screen drawn (to its screenshot; {COLD_RUNS} runs) | min {} · median {} · max {} | ≤ 1.5 s |",
            ms(cold[0]),
            ms(cold[COLD_RUNS / 2]),
            ms(cold[COLD_RUNS - 1])
        ),
        format!(
            "| face models loaded (background, after start) | {} | |",
            ms(models)
        ),
        format!(
            "| idle CPU of onshi, waiting screen, {} s | {idle_cpu:.2} % of one core | ≤ 1 % |",
            IDLE.as_secs()
        ),
        format!("| RSS with the face models loaded (VmRSS) | {rss:.0} MB | ≤ 250 MB |"),
    ])
}

/// utime + stime of a process, in clock ticks (/proc/PID/stat fields 14 and 15).
fn cpu_ticks(pid: u32) -> Result<u64> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat"))?;
    // The command name may hold spaces: fields are counted after its closing parenthesis.
    let rest = &stat[stat.rfind(')').context("/proc stat")? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    Ok(f[11].parse::<u64>()? + f[12].parse::<u64>()?)
}

fn clock_ticks() -> f64 {
    // SAFETY: sysconf has no preconditions.
    (unsafe { libc::sysconf(libc::_SC_CLK_TCK) }) as f64
}

fn vm_rss_kib(pid: u32) -> Result<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status"))?;
    let line = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .context("VmRSS")?;
    Ok(line.split_whitespace().nth(1).context("VmRSS")?.parse()?)
}

fn host() -> String {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let model = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, m)| m.trim().to_string())
        })
        .unwrap_or_default();
    format!("{cpus} CPUs, {model}; Xvfb + Mesa llvmpipe")
}
