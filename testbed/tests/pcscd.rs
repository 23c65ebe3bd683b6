//! The private pcscd starts, runs beside another one, survives a crash by restarting, and
//! cleans up after itself.

use testbed::{Pcscd, process_alive, tcp_listening};

#[test]
fn two_private_pcscds_run_side_by_side_and_clean_up() {
    let a = Pcscd::start().expect("first pcscd");
    let b = Pcscd::start().expect("second pcscd");
    assert_ne!(a.port(), b.port());
    assert_ne!(a.socket(), b.socket());
    for p in [&a, &b] {
        assert!(p.socket().exists(), "socket at {}", p.socket().display());
        assert!(tcp_listening(p.port()), "vpcd listens on {}", p.port());
    }
    let (dir, pid) = (a.dir().to_path_buf(), a.pid());
    drop(a);
    assert!(!process_alive(pid), "pcscd stopped on drop");
    assert!(!dir.exists(), "its folder removed");
    assert!(tcp_listening(b.port()), "the other one is untouched");
}

#[test]
fn restarts_after_a_crash_on_the_same_socket_and_port() {
    let mut p = Pcscd::start().expect("pcscd");
    let (port, socket, old) = (p.port(), p.socket(), p.pid());
    p.kill();
    assert!(!process_alive(old));
    assert!(!tcp_listening(port), "vpcd gone with pcscd");
    p.restart().expect("restart after SIGKILL");
    assert_ne!(p.pid(), old);
    assert_eq!(p.socket(), socket);
    assert!(tcp_listening(port));
}
