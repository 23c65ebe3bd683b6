//! Coverage-guided fuzz targets for every parser of untrusted input: what the centre sends
//! (XmlMsg), what a card sends (TLV, the card face, response APDUs, certificates, the JP2
//! photo), what the card-front camera's OCR reads and an image file given as the card front,
//! what a clerk or a clinic's file brings (identifiers, the 一括照会 CSV, kana, the centre's
//! times, the clinic link's file names and request files) and, on the simulators' side, what
//! pcscd and a test script send (command APDUs, the vpcd stream, terminal DER, admin queries).
//! Each target takes bytes and returns;
//! an error is a normal outcome, a panic or a crash is a bug. [`targets`] is the table that
//! `cargo xtask fuzz` runs under AFL++ (one harness binary per dependency group, so a target of
//! the wire format does not link egui or OpenCV) and that the replay test feeds every file of
//! `corpus/<target>/` and `regressions/<target>/` through.

mod wire;

/// Which crates a target needs: one harness binary (`fuzz-<group>`) per group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Eligibility,
    Card,
    Face,
    Front,
    App,
    Sim,
}

impl Group {
    /// The harness binary of this group.
    pub fn binary(self) -> &'static str {
        match self {
            Group::Eligibility => "fuzz-eligibility",
            Group::Card => "fuzz-card",
            Group::Face => "fuzz-face",
            Group::Front => "fuzz-front",
            Group::App => "fuzz-app",
            Group::Sim => "fuzz-sim",
        }
    }

    /// The crate feature that brings the group in (none for the wire format).
    pub fn feature(self) -> Option<&'static str> {
        match self {
            Group::Eligibility => None,
            Group::Card => Some("card"),
            Group::Face => Some("face"),
            Group::Front => Some("front"),
            Group::App => Some("app"),
            Group::Sim => Some("sim"),
        }
    }
}

/// One fuzz target.
#[derive(Clone, Copy)]
pub struct Target {
    /// Also the name of its `corpus/` and `regressions/` folders.
    pub name: &'static str,
    pub group: Group,
    pub run: fn(&[u8]),
}

/// Every target of the groups this build has, in the order `cargo xtask fuzz` runs them.
pub fn targets() -> Vec<Target> {
    let t = |name, group, run| Target { name, group, run };
    #[allow(unused_mut)]
    let mut all = vec![
        t(
            "xml_encoding",
            Group::Eligibility,
            wire::encoding as fn(&[u8]),
        ),
        t("xml_reply", Group::Eligibility, wire::reply),
        t("xml_request", Group::Eligibility, wire::request),
        t("ids", Group::Eligibility, wire::ids),
        t("link_name", Group::Eligibility, wire::link_name),
        t("link_request", Group::Eligibility, wire::link_request),
    ];
    #[cfg(feature = "card")]
    {
        use reader_driver::fuzzing as card;
        all.push(t("card_tlv", Group::Card, card::tlv));
        all.push(t("card_face", Group::Card, card::card_face));
        all.push(t("card_response", Group::Card, card::response));
        all.push(t("card_certificate", Group::Card, card::certificate));
    }
    #[cfg(feature = "face")]
    all.push(t("photo_jp2", Group::Face, face_match::fuzzing::photo));
    #[cfg(feature = "front")]
    {
        use card_front::fuzzing as front;
        all.push(t("front_text", Group::Front, front::text));
        all.push(t("front_image", Group::Front, front::image));
    }
    #[cfg(feature = "app")]
    {
        use onshi_desk::fuzzing as app;
        all.push(t("csv_import", Group::App, app::csv_import));
        all.push(t("kana", Group::App, app::kana));
        all.push(t("centre_time", Group::App, app::centre_time));
        all.push(t("link_echo", Group::App, app::link_echo));
        all.push(t("speech_wav", Group::App, voice::fuzzing::wav));
    }
    #[cfg(feature = "sim")]
    {
        use simulators::fuzzing as sim;
        all.push(t("sim_apdu", Group::Sim, sim::apdu));
        all.push(t("sim_vpcd", Group::Sim, sim::vpcd));
        all.push(t("sim_terminal_der", Group::Sim, sim::terminal));
        all.push(t("sim_admin_query", Group::Sim, sim::admin_query));
    }
    all
}

/// The target a harness of `group` runs: the one `ONSHI_FUZZ_TARGET` names. Exits with a
/// message naming the choices when it names none of this group.
pub fn chosen(group: Group) -> fn(&[u8]) {
    let wanted = std::env::var("ONSHI_FUZZ_TARGET").unwrap_or_default();
    let mine: Vec<Target> = targets().into_iter().filter(|t| t.group == group).collect();
    match mine.iter().find(|t| t.name == wanted) {
        Some(t) => t.run,
        None => {
            let names: Vec<&str> = mine.iter().map(|t| t.name).collect();
            eprintln!(
                "set ONSHI_FUZZ_TARGET to one of: {} (got {wanted:?})",
                names.join(", ")
            );
            std::process::exit(2);
        }
    }
}
