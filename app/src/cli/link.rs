//! `onshi link`: the clinic link without a screen, the service a clinic runs under systemd. It
//! takes the `[link]` folder (refused when another desk holds it, or when `[link]` is missing or
//! disabled: exit [`exit::LINK`]), then runs the desk's own link loop
//! ([`onshi_desk::services::link::serve`], the same as inside the GUI desk) until SIGTERM or
//! SIGINT; the round under way is finished and the command exits 0. State changes go to the
//! log (tracing on stderr, counts and errors only, never a request's content).

use super::{Io, Settings, exit};
use onshi_desk::i18n::link as words;
use onshi_desk::link::NotRun;
use onshi_desk::services::link::{Control, Link, LinkSettings, PACE, serve};
use std::sync::Arc;

/// `onshi link` (its settings are `--config`'s `[link]`).
#[derive(Debug, clap::Args)]
pub struct LinkArgs {}

/// Runs the link until a stop signal; returns the exit status.
pub fn run(settings: &Settings, _args: &LinkArgs, io: &mut Io<'_>) -> u8 {
    let cfg = match settings.config() {
        Ok(cfg) => cfg,
        Err(unusable) => return unusable.report(true, io.err),
    };
    let lang = cfg.lang;
    let refuse = |io: &mut Io<'_>, why: NotRun| {
        say!(io.err, "onshi: {}", words::not_run(lang, &why));
        exit::LINK
    };
    let Some(lc) = &cfg.link else {
        return refuse(io, NotRun::NotSet);
    };
    if !lc.enabled {
        return refuse(io, NotRun::Disabled);
    }
    let client = match eligibility::Client::new(cfg.centre.clone()) {
        Ok(c) => Arc::new(c),
        Err(e) => {
            say!(io.err, "onshi: {e}");
            return exit::CENTRE;
        }
    };
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            say!(io.err, "onshi: {e}");
            return exit::DESK;
        }
    };
    let started = rt.block_on(async {
        Link::start(
            LinkSettings::from_config(lc, lang),
            &lc.journal,
            client,
            cfg.institution.clone(),
        )
    });
    let link = match started {
        Ok(l) => l,
        Err(e) => {
            tracing::warn!(error = %e, "clinic link not started");
            return refuse(io, e.not_run());
        }
    };
    say!(
        io.err,
        "onshi: {}",
        words::serving(lang, &lc.folder.display().to_string())
    );
    let _ = io.err.flush();
    let result = rt.block_on(async {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = signal(SignalKind::terminate())?;
        let mut int = signal(SignalKind::interrupt())?;
        let (stop, stop_rx) = tokio::sync::watch::channel(false);
        let service = tokio::spawn(serve(
            link,
            Control {
                stop: stop_rx,
                faces: None,
                on_state: Box::new(|_| {}),
                pace: PACE,
            },
        ));
        tokio::select! {
            _ = term.recv() => tracing::info!("SIGTERM: stopping the clinic link"),
            _ = int.recv() => tracing::info!("SIGINT: stopping the clinic link"),
        }
        let _ = stop.send(true);
        service.await.map_err(std::io::Error::other)
    });
    match result {
        Ok(()) => {
            say!(io.err, "onshi: {}", words::stopped(lang));
            exit::OK
        }
        Err(e) => {
            say!(io.err, "onshi: {e}");
            exit::DESK
        }
    }
}
