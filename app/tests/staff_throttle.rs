//! The login throttle holds across processes: several desks (or `onshi` commands) logging in
//! to the same staff file at once get no more password checks than the failures counted.

use onshi_desk::history::History;
use onshi_desk::history::audit::Event;
use onshi_desk::staff::{Accounts, StaffError, THROTTLE_AFTER};
use std::sync::{Arc, Barrier};
use time::OffsetDateTime;

#[test]
fn parallel_guesses_after_the_allowed_failures_are_refused_unchecked() {
    let dir = tempfile::tempdir().unwrap();
    let staff = dir.path().join("staff.db");
    let history = dir.path().join("history.db");
    let t0 = OffsetDateTime::from_unix_timestamp(1_780_000_000).unwrap();
    let open = || {
        Accounts::open(&staff, &history)
            .unwrap()
            .with_clock(Arc::new(move || t0))
    };
    let mut first = open();
    first
        .add_first_admin("kanri", b"admin pass phrase")
        .unwrap();

    // One wrong guess short of the wait.
    for _ in 1..THROTTLE_AFTER {
        assert!(matches!(
            first.login("kanri", b"wrong"),
            Err(StaffError::WrongLogin)
        ));
    }
    drop(first);

    // Eight processes guess at the same moment: only one guess may be checked.
    const N: usize = 8;
    let start = Arc::new(Barrier::new(N));
    let threads: Vec<_> = (0..N)
        .map(|i| {
            let start = start.clone();
            let accounts = open();
            std::thread::spawn(move || {
                start.wait();
                accounts.login("kanri", format!("guess {i}").as_bytes())
            })
        })
        .collect();
    for t in threads {
        let r = t.join().unwrap();
        assert!(matches!(r, Err(StaffError::Throttled { .. })), "{r:?}");
    }
    let events: Vec<Event> = History::open(&history)
        .unwrap()
        .staff_events_between(t0 - time::Duration::days(1), t0 + time::Duration::days(1))
        .unwrap()
        .into_iter()
        .map(|e| e.event)
        .collect();
    let count = |ev: Event| events.iter().filter(|e| **e == ev).count();
    assert_eq!(
        count(Event::LoginFailed),
        THROTTLE_AFTER as usize,
        "one checked guess beyond the allowed failures: {events:?}"
    );
    assert_eq!(count(Event::LoginThrottled), N - 1, "{events:?}");
}
