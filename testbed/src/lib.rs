//! Starts and stops the simulated desk for tests, benchmarks and developers: a private pcscd
//! (its own mount namespace, so its `/run/pcscd` socket is ours alone, and its own vpcd port)
//! with Debian's vpcd driver, which the virtual card connects to. Several can run at once, next
//! to a system pcscd. Clients find it through `PCSCLITE_CSOCK_NAME`.
//!
//! std and libc only: `cargo xtask` uses this before any system library is installed.

use std::fs;
use std::io;
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The vpcd driver shipped by Debian's vsmartcard-vpcd.
pub const VPCD_DRIVER: &str = "/usr/lib/pcsc/drivers/serial/libifdvpcd.so";
/// The name pcscd gives the first vpcd slot.
pub const READER_SLOT0: &str = "Virtual PCD 00 00";
/// The environment variable the PC/SC client library reads for the socket path.
pub const SOCKET_ENV: &str = "PCSCLITE_CSOCK_NAME";

const READY_TIMEOUT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(10);

/// A private pcscd. Stopped (SIGTERM) on drop unless detached.
pub struct Pcscd {
    dir: PathBuf,
    port: u16,
    child: Option<Child>,
    pid: u32,
    detached: bool,
    /// Whether the vpcd reader is configured (see [`Pcscd::start_without_reader`]).
    reader: bool,
}

impl Pcscd {
    /// Starts a pcscd in a fresh folder under the system temp dir, on a free vpcd port pair.
    pub fn start() -> io::Result<Pcscd> {
        let dir = unique_dir("onshi-pcscd")?;
        Self::start_in(&dir, free_port_pair()?)
    }

    /// Starts a pcscd whose files live in `dir` and whose vpcd slots listen on `port` and `port+1`.
    pub fn start_in(dir: &Path, port: u16) -> io::Result<Pcscd> {
        Self::launch(dir, Some(port))
    }

    /// Starts a pcscd with no reader configured at all (no vpcd), in a fresh folder: what a
    /// desk whose reader is unplugged sees.
    pub fn start_without_reader() -> io::Result<Pcscd> {
        Self::launch(&unique_dir("onshi-pcscd")?, None)
    }

    fn launch(dir: &Path, vpcd_port: Option<u16>) -> io::Result<Pcscd> {
        check_installed()?;
        let run = dir.join("run");
        let conf = dir.join("conf");
        fs::create_dir_all(&run)?;
        fs::create_dir_all(&conf)?;
        fs::create_dir_all("/run/pcscd")?;
        // A previous pcscd killed with SIGKILL leaves these behind and the next one refuses to start.
        let _ = fs::remove_file(run.join("pcscd.pid"));
        let _ = fs::remove_file(run.join("pcscd.comm"));
        if let Some(port) = vpcd_port {
            fs::write(
                conf.join("vpcd"),
                format!(
                    "FRIENDLYNAME \"Virtual PCD\"\nDEVICENAME   /dev/null:{port}\nLIBPATH      {VPCD_DRIVER}\nCHANNELID    {port}\n"
                ),
            )?;
        }
        let log = fs::File::create(dir.join("pcscd.log"))?;
        let script = format!(
            "mount --bind '{}' /run/pcscd && exec pcscd --foreground --config '{}'",
            run.display(),
            conf.display()
        );
        let mut cmd = Command::new("unshare");
        cmd.args(["--mount", "--propagation", "private", "sh", "-c", &script])
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log);
        detach_session(&mut cmd);
        let child = cmd.spawn().map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("cannot run unshare for a private pcscd: {e}"),
            )
        })?;
        let pid = child.id();
        let mut me = Pcscd {
            dir: dir.to_path_buf(),
            port: vpcd_port.unwrap_or(0),
            child: Some(child),
            pid,
            detached: false,
            reader: vpcd_port.is_some(),
        };
        me.wait_ready()?;
        Ok(me)
    }

    /// Waits until the socket exists and vpcd listens on its port (read from /proc, so that
    /// checking does not itself look like a card being inserted).
    fn wait_ready(&mut self) -> io::Result<()> {
        let deadline = Instant::now() + READY_TIMEOUT;
        loop {
            if self.socket().exists() && (!self.reader || tcp_listening(self.port)) {
                return Ok(());
            }
            if let Some(child) = self.child.as_mut()
                && let Some(status) = child.try_wait()?
            {
                return Err(io::Error::other(format!(
                    "pcscd exited ({status}) before it was ready; its log:\n{}",
                    fs::read_to_string(self.dir.join("pcscd.log")).unwrap_or_default()
                )));
            }
            if Instant::now() > deadline {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!(
                        "pcscd did not become ready in {READY_TIMEOUT:?}; its log:\n{}",
                        fs::read_to_string(self.dir.join("pcscd.log")).unwrap_or_default()
                    ),
                ));
            }
            std::thread::sleep(POLL);
        }
    }

    /// The client socket: put it in `PCSCLITE_CSOCK_NAME`.
    pub fn socket(&self) -> PathBuf {
        self.dir.join("run").join("pcscd.comm")
    }

    /// Where the virtual card connects for the first reader slot.
    pub fn vpcd_addr(&self) -> SocketAddr {
        SocketAddr::from((Ipv4Addr::LOCALHOST, self.port))
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// Points this process's PC/SC client library at this pcscd. Call before the first PC/SC
    /// call of the process, while it has one thread (the client library caches the path).
    pub fn export_env(&self) {
        // SAFETY: called at start-up of a test or tool, before other threads exist.
        unsafe { std::env::set_var(SOCKET_ENV, self.socket()) };
    }

    /// Stops pcscd cleanly (SIGTERM) and waits for it.
    pub fn stop(&mut self) {
        self.signal(libc::SIGTERM);
    }

    /// Kills pcscd without warning (SIGKILL), as a crash would.
    pub fn kill(&mut self) {
        self.signal(libc::SIGKILL);
    }

    fn signal(&mut self, sig: i32) {
        // SAFETY: plain kill(2) on a pid we started.
        unsafe { libc::kill(self.pid as i32, sig) };
        if let Some(mut c) = self.child.take() {
            let _ = c.wait();
        } else {
            let deadline = Instant::now() + READY_TIMEOUT;
            while process_alive(self.pid) && Instant::now() < deadline {
                std::thread::sleep(POLL);
            }
        }
    }

    /// Starts pcscd again in the same folder and on the same port, after `stop` or `kill`.
    pub fn restart(&mut self) -> io::Result<()> {
        let again = Pcscd::launch(&self.dir, self.reader.then_some(self.port))?;
        let mut again = std::mem::ManuallyDrop::new(again);
        self.child = again.child.take();
        self.pid = again.pid;
        Ok(())
    }

    /// Leaves pcscd running after this value is dropped (for `cargo xtask sim start`).
    pub fn detach(mut self) -> u32 {
        self.detached = true;
        self.child.take();
        self.pid
    }
}

impl Drop for Pcscd {
    fn drop(&mut self) {
        if !self.detached {
            self.stop();
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Puts the child in its own session so it outlives the terminal that started `cargo xtask`.
pub fn detach_session(cmd: &mut Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: setsid is async-signal-safe and touches no memory.
    unsafe {
        cmd.pre_exec(|| {
            libc::setsid();
            Ok(())
        });
    }
}

pub fn process_alive(pid: u32) -> bool {
    // SAFETY: signal 0 only checks that the process exists. A zombie counts as gone.
    let exists = unsafe { libc::kill(pid as i32, 0) } == 0;
    exists
        && fs::read_to_string(format!("/proc/{pid}/stat"))
            .map(|s| {
                !s.rsplit(')')
                    .next()
                    .unwrap_or("")
                    .trim_start()
                    .starts_with('Z')
            })
            .unwrap_or(false)
}

/// Sends SIGTERM to `pid` and waits (bounded) until it is gone.
pub fn terminate(pid: u32) {
    // SAFETY: plain kill(2).
    unsafe { libc::kill(pid as i32, libc::SIGTERM) };
    let deadline = Instant::now() + READY_TIMEOUT;
    while process_alive(pid) && Instant::now() < deadline {
        std::thread::sleep(POLL);
    }
}

fn check_installed() -> io::Result<()> {
    for (what, path) in [
        ("pcscd", "/usr/sbin/pcscd"),
        ("vsmartcard-vpcd", VPCD_DRIVER),
        ("unshare (util-linux)", "/usr/bin/unshare"),
    ] {
        if !Path::new(path).exists() {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!("{what} is not installed ({path} missing): run `cargo xtask setup`"),
            ));
        }
    }
    Ok(())
}

/// A fresh folder `<tmp>/<prefix>-<pid>-<n>`.
pub fn unique_dir(prefix: &str) -> io::Result<PathBuf> {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!(
        "{prefix}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// A port `p` with `p` and `p+1` free on all interfaces (vpcd binds 0.0.0.0 for its two slots).
pub fn free_port_pair() -> io::Result<u16> {
    for _ in 0..50 {
        let a = TcpListener::bind((Ipv4Addr::UNSPECIFIED, 0))?;
        let p = a.local_addr()?.port();
        if p < u16::MAX && TcpListener::bind((Ipv4Addr::UNSPECIFIED, p + 1)).is_ok() {
            return Ok(p);
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AddrInUse,
        "no free pair of TCP ports for vpcd",
    ))
}

/// True when something listens on TCP `port` (IPv4 or IPv6), per /proc/net/tcp{,6}.
pub fn tcp_listening(port: u16) -> bool {
    let want = format!(":{port:04X}");
    ["/proc/net/tcp", "/proc/net/tcp6"].iter().any(|f| {
        fs::read_to_string(f)
            .map(|t| {
                t.lines().skip(1).any(|l| {
                    let cols: Vec<&str> = l.split_whitespace().collect();
                    cols.len() > 3 && cols[1].ends_with(&want) && cols[3] == "0A"
                })
            })
            .unwrap_or(false)
    })
}

/// The workspace root (the folder with the top Cargo.toml), from this crate's location.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("testbed sits in the workspace")
        .to_path_buf()
}
