//! The card itself: applications, files, keys and the security state, answering one command
//! APDU at a time. Key counters and values persist for the life of the model (a real card keeps
//! them); verified states, terminal authentication and the pending challenge last until
//! power-off or reset.

use std::collections::BTreeMap;

use rand::RngCore;
use rsa::{Pkcs1v15Sign, RsaPrivateKey, RsaPublicKey};

use super::apdu::{Command, response, sw};
use super::files::{self, Pki};
use super::persona::Persona;
use super::terminal::{self, TaError};

pub const AID_JPKI: [u8; 10] = [0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01];
pub const AID_KENMEN: [u8; 10] = [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x02];
pub const AID_HOJO: [u8; 10] = [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08];
pub const AID_JUKI: [u8; 10] = [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x01];
pub const AID_COMMON: [u8; 10] = [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x01, 0x00];
pub const AID_ISD: [u8; 7] = [0xA0, 0x00, 0x00, 0x01, 0x51, 0x00, 0x00];

/// Retry limit we give the 券面AP keys (not known from any source).
const KENMEN_KEY_TRIES: u8 = 10;

/// The dedicated files (applications) of the card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Df {
    Mf,
    Jpki,
    Kenmen,
    Hojo,
    Juki,
    Common,
    Isd,
}

impl Df {
    /// Name used in the APDU log.
    pub fn name(self) -> &'static str {
        match self {
            Df::Mf => "mf",
            Df::Jpki => "jpki",
            Df::Kenmen => "kenmen",
            Df::Hojo => "hojo",
            Df::Juki => "juki",
            Df::Common => "common",
            Df::Isd => "isd",
        }
    }

    fn by_aid(aid: &[u8]) -> Option<Df> {
        [
            (&AID_JPKI[..], Df::Jpki),
            (&AID_KENMEN[..], Df::Kenmen),
            (&AID_HOJO[..], Df::Hojo),
            (&AID_JUKI[..], Df::Juki),
            (&AID_COMMON[..], Df::Common),
            (&AID_ISD[..], Df::Isd),
        ]
        .into_iter()
        .find(|(a, _)| *a == aid)
        .map(|(_, df)| df)
    }
}

/// Who may read a transparent EF: free, or after any one of these keys (FIDs) is verified.
#[derive(Debug, Clone)]
enum Access {
    Free,
    AnyOf(Vec<u16>),
}

#[derive(Debug, Clone)]
struct Ef {
    data: Vec<u8>,
    access: Access,
}

/// A PIN / password / 照合番号 key EF. Debug hides the value.
#[derive(Clone)]
struct Pin {
    value: Vec<u8>,
    max: u8,
    left: u8,
    verified: bool,
}

/// A private-key EF used by COMPUTE DIGITAL SIGNATURE.
#[derive(Debug, Clone)]
struct SignKey {
    key: RsaPrivateKey,
    /// The PIN EF that unlocks it; None = no credential needed.
    pin: Option<u16>,
    /// Terminal authentication also unlocks it (the JPKI auth key only).
    terminal: bool,
}

#[derive(Debug, Clone, Default)]
struct Application {
    efs: BTreeMap<u16, Ef>,
    pins: BTreeMap<u16, Pin>,
    keys: BTreeMap<u16, SignKey>,
    /// Key used by `80 2A 00 00` (P2 = 00: the AP's default key).
    default_key: Option<RsaPrivateKey>,
}

impl Application {
    fn has(&self, fid: u16) -> bool {
        self.efs.contains_key(&fid) || self.pins.contains_key(&fid) || self.keys.contains_key(&fid)
    }
}

/// What one exchange did, for the APDU log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange {
    pub response: Vec<u8>,
    /// DF the command acted in.
    pub df: Df,
    /// EF the command acted on (SFI forms resolved).
    pub ef: Option<u16>,
}

impl Exchange {
    pub fn sw(&self) -> u16 {
        let n = self.response.len();
        u16::from_be_bytes([self.response[n - 2], self.response[n - 1]])
    }
}

/// The virtual My Number Card of one persona.
#[derive(Debug, Clone)]
pub struct CardModel {
    persona_id: String,
    apps: BTreeMap<Df, Application>,
    tokutei_ca: RsaPublicKey,
    municipality_code: String,
    card_expiry: String,
    current_df: Df,
    current_ef: Option<u16>,
    terminal_authenticated: bool,
    challenge: Option<Vec<u8>>,
    quirk: Option<Quirk>,
}

/// Ways a card can misbehave that the desk must survive, switched on by tests (never by a
/// persona: a persona is a good card).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quirk {
    /// An empty VERIFY on a verified key answers `90 00` (some real cards do, [MNC-card]),
    /// instead of this model's usual `63 Cx`.
    EmptyVerifyReportsVerified,
    /// Every command is answered `61 00` ("more data"), GET RESPONSE included, for ever.
    MoreDataForever,
    /// A VERIFY with a body is answered `6C 00` ("wrong Le") and not checked.
    WrongLeToVerify,
}

fn pin(value: &str, max: u8, left: u8) -> Pin {
    Pin {
        value: value.as_bytes().to_vec(),
        max,
        left: left.min(max),
        verified: false,
    }
}

impl CardModel {
    /// Builds the card of `p` (signs the 券面AP and 入力補助AP records with the test keys).
    pub fn new(p: &Persona, pki: &Pki) -> Self {
        let t = &p.toml;
        let free = |data: Vec<u8>| Ef {
            data,
            access: Access::Free,
        };
        let needs = |data: Vec<u8>, keys: &[u16]| Ef {
            data,
            access: Access::AnyOf(keys.to_vec()),
        };

        let mut jpki = Application::default();
        jpki.efs
            .insert(0x0006, free(files::jpki_token(&t.jpki.token, &t.id)));
        let has_sign = p.sign_cert_der.is_some();
        jpki.efs.insert(
            0x0008,
            free(vec![if has_sign { 0x8F } else { 0x00 }, 0x8F, 0x00]),
        );
        jpki.efs.insert(0x000A, free(p.auth_cert_der.clone()));
        jpki.efs.insert(0x000B, free(pki.jpki_auth_ca_der.clone()));
        jpki.efs.insert(0x0002, free(pki.jpki_sign_ca_der.clone()));
        jpki.pins
            .insert(0x0018, pin(&t.jpki.auth_pin, 3, t.jpki.auth_pin_tries_left));
        jpki.keys.insert(
            0x0017,
            SignKey {
                key: p.auth_key.clone(),
                pin: Some(0x0018),
                terminal: true,
            },
        );
        if let (Some(cert), Some(key)) = (&p.sign_cert_der, &p.sign_key) {
            jpki.efs.insert(0x0001, needs(cert.clone(), &[0x001B]));
            let password = t.jpki.sign_password.clone().unwrap_or_default();
            jpki.pins.insert(
                0x001B,
                pin(&password, 5, t.jpki.sign_password_tries_left.unwrap_or(5)),
            );
            jpki.keys.insert(
                0x001A,
                SignKey {
                    key: key.clone(),
                    pin: Some(0x001B),
                    terminal: false,
                },
            );
        } else {
            // No signature certificate (child, face card): no EF 0001 / key 001A, but the
            // password EF answers as blocked (inferred; it also lets OpenSC's JPKI driver,
            // which queries both PINs, bind to the card).
            jpki.pins.insert(0x001B, pin("", 5, 0));
        }

        let (a, b) = (0x0013, 0x0012);
        let mut kenmen = Application::default();
        kenmen
            .efs
            .insert(0x0001, needs(files::kenmen_age(p, pki), &[0x0011]));
        kenmen
            .efs
            .insert(0x0002, needs(files::kenmen_face(p, pki).file, &[a, b]));
        kenmen.efs.insert(0x0003, free(files::kenmen_basic(p)));
        let ap_public = pki.kenmen_ap.to_public_key();
        kenmen.efs.insert(
            0x0004,
            free(files::cv_certificate(
                &pki.kenmen_issuer,
                &files::KENMEN_ISSUER_KEY_ID,
                &files::KENMEN_AP_KEY_ID,
                &ap_public,
            )),
        );
        kenmen
            .efs
            .insert(0x0005, needs(files::kenmen_number_image(p, pki), &[a]));
        kenmen.efs.insert(0x0006, needs(vec![0xFF; 16], &[a, b]));
        let number = p.synthetic_individual_number();
        kenmen.pins.insert(
            0x0011,
            pin(&p.birth_key(), KENMEN_KEY_TRIES, KENMEN_KEY_TRIES),
        );
        kenmen.pins.insert(
            0x0012,
            pin(
                &p.verification_number_b(),
                KENMEN_KEY_TRIES,
                KENMEN_KEY_TRIES,
            ),
        );
        kenmen
            .pins
            .insert(0x0013, pin(&number, KENMEN_KEY_TRIES, KENMEN_KEY_TRIES));
        kenmen.default_key = Some(pki.kenmen_card.clone());

        // 入力補助AP: its PIN is set to the auth PIN (cards are usually issued so); blocked on a
        // face card, where no PIN is set.
        let h = files::hojo(p, pki);
        let (pn, ha, hb) = (0x0011, 0x0014, 0x0015);
        let mut hojo = Application::default();
        hojo.efs.insert(0x0001, needs(h.ef0001, &[pn, ha]));
        hojo.efs.insert(0x0002, needs(h.ef0002, &[pn, hb]));
        hojo.efs.insert(0x0003, needs(h.ef0003, &[pn, ha, hb]));
        hojo.efs.insert(
            0x0004,
            free(files::cv_certificate(
                &pki.kenmen_issuer,
                &files::HOJO_ISSUER_KEY_ID,
                &files::HOJO_AP_KEY_ID,
                &ap_public,
            )),
        );
        hojo.efs.insert(0x0005, free(h.ef0005));
        hojo.efs.insert(0x0006, needs(h.ef0006, &[pn, ha, hb]));
        hojo.efs.insert(0x0007, needs(h.ef0007, &[pn, ha, hb]));
        let hojo_left = if t.jpki.face_card { 0 } else { 3 };
        hojo.pins.insert(pn, pin(&t.jpki.auth_pin, 3, hojo_left));
        hojo.pins.insert(0x0012, pin("", 3, 0));
        hojo.pins
            .insert(ha, pin(&number, KENMEN_KEY_TRIES, KENMEN_KEY_TRIES));
        hojo.pins.insert(
            hb,
            pin(
                &p.verification_number_b(),
                KENMEN_KEY_TRIES,
                KENMEN_KEY_TRIES,
            ),
        );

        let mut apps = BTreeMap::new();
        apps.insert(Df::Mf, Application::default());
        apps.insert(Df::Jpki, jpki);
        apps.insert(Df::Kenmen, kenmen);
        apps.insert(Df::Hojo, hojo);
        apps.insert(Df::Juki, Application::default());
        apps.insert(Df::Common, Application::default());
        apps.insert(Df::Isd, Application::default());
        CardModel {
            persona_id: t.id.clone(),
            apps,
            tokutei_ca: pki.tokutei_ca.clone(),
            municipality_code: t.municipality_code.clone(),
            card_expiry: p.card_expiry.yyyymmdd(),
            current_df: Df::Mf,
            current_ef: None,
            terminal_authenticated: false,
            challenge: None,
            quirk: None,
        }
    }

    /// Switches a misbehaviour on or off (see [`Quirk`]).
    pub fn set_quirk(&mut self, quirk: Option<Quirk>) {
        self.quirk = quirk;
    }

    /// Replaces the 券面AP card face (EF 0002) with a forged one: `photo` spliced in as a DF27
    /// ahead of the genuine objects, the offset table rewritten to point at the genuine ones,
    /// so that the signature over the ranges the table gives still verifies. What a forger
    /// who cannot sign would do; a desk that reads "the first DF27" shows the forged photo.
    pub fn splice_card_face_photo(&mut self, photo: &[u8]) {
        let ef = self
            .apps
            .get_mut(&Df::Kenmen)
            .and_then(|a| a.efs.get_mut(&0x0002))
            .expect("the 券面AP has EF 0002");
        ef.data = files::splice_photo_first(&ef.data, photo);
    }

    pub fn persona_id(&self) -> &str {
        &self.persona_id
    }

    /// Power-on, power-off and reset all bring the card here: MF current, nothing verified.
    pub fn reset(&mut self) {
        self.current_df = Df::Mf;
        self.current_ef = None;
        self.terminal_authenticated = false;
        self.challenge = None;
        for app in self.apps.values_mut() {
            for pin in app.pins.values_mut() {
                pin.verified = false;
            }
        }
    }

    pub fn terminal_authenticated(&self) -> bool {
        self.terminal_authenticated
    }

    fn app(&self) -> &Application {
        &self.apps[&self.current_df]
    }

    fn app_mut(&mut self) -> &mut Application {
        self.apps
            .get_mut(&self.current_df)
            .expect("every DF has an application")
    }

    fn verified(&self, fid: u16) -> bool {
        self.app().pins.get(&fid).is_some_and(|p| p.verified)
    }

    /// Answers one command APDU.
    pub fn transmit(&mut self, apdu: &[u8]) -> Exchange {
        let mut ef = None;
        if self.quirk == Some(Quirk::MoreDataForever) {
            return Exchange {
                response: response(&[0x5A], 0x6100),
                df: self.current_df,
                ef,
            };
        }
        if self.quirk == Some(Quirk::WrongLeToVerify)
            && let Some(c) = Command::parse(apdu)
            && c.ins == 0x20
            && !c.data.is_empty()
        {
            return Exchange {
                response: response(&[], 0x6C00),
                df: self.current_df,
                ef: self.current_ef,
            };
        }
        let (data, status) = match Command::parse(apdu) {
            None => (Vec::new(), sw::WRONG_LENGTH),
            Some(c) if c.cla & 0x0C != 0 => (Vec::new(), sw::SM_NOT_SUPPORTED),
            Some(c) if c.cla != 0x00 && c.cla != 0x80 => (Vec::new(), sw::CLA_NOT_SUPPORTED),
            Some(c) => match c.ins {
                0xA4 => self.select(&c, &mut ef),
                0xB0 => self.read_binary(&c, &mut ef),
                0x20 => self.verify(&c, &mut ef),
                0x24 => self.change_reference_data(&c, &mut ef),
                0x2A => self.compute_signature(&c, &mut ef),
                0x84 => self.get_challenge(&c),
                0xA2 => self.terminal_authenticate(&c),
                0xCA => self.get_data(&c),
                _ => (Vec::new(), sw::INS_NOT_SUPPORTED),
            },
        };
        Exchange {
            response: response(&data, status),
            df: self.current_df,
            ef,
        }
    }

    fn select(&mut self, c: &Command, ef: &mut Option<u16>) -> (Vec<u8>, u16) {
        match (c.p1, c.data.len()) {
            (0x04, _) => {
                if c.p2 != 0x0C && c.p2 != 0x00 {
                    return (vec![], sw::WRONG_P1P2);
                }
                match Df::by_aid(c.data) {
                    Some(df) => {
                        self.current_df = df;
                        self.current_ef = None;
                        (vec![], sw::OK)
                    }
                    None => (vec![], sw::FILE_NOT_FOUND),
                }
            }
            // SELECT MF: refused right after reset, a no-op once an application is selected.
            (0x00, 0) => {
                if self.current_df == Df::Mf {
                    (vec![], sw::WRONG_P1P2)
                } else {
                    (vec![], sw::OK)
                }
            }
            (0x00 | 0x02, 2) => {
                let fid = u16::from_be_bytes([c.data[0], c.data[1]]);
                *ef = Some(fid);
                if fid != 0x3F00 && self.app().has(fid) {
                    self.current_ef = Some(fid);
                    (vec![], sw::OK)
                } else {
                    (vec![], sw::FILE_NOT_FOUND)
                }
            }
            (0x00 | 0x02, _) => (vec![], sw::WRONG_LENGTH),
            _ => (vec![], sw::WRONG_P1P2),
        }
    }

    fn read_binary(&mut self, c: &Command, ef: &mut Option<u16>) -> (Vec<u8>, u16) {
        let (fid, offset) = if c.p1 & 0x80 != 0 {
            if c.p1 & 0x60 != 0 {
                return (vec![], sw::WRONG_P1P2);
            }
            let fid = u16::from(c.p1 & 0x1F);
            *ef = Some(fid);
            if !self.app().efs.contains_key(&fid) {
                return (vec![], sw::FILE_NOT_FOUND);
            }
            self.current_ef = Some(fid);
            (fid, usize::from(c.p2))
        } else {
            let Some(fid) = self.current_ef else {
                return (vec![], sw::NO_CURRENT_EF);
            };
            *ef = Some(fid);
            (fid, usize::from(u16::from_be_bytes([c.p1, c.p2])))
        };
        let Some(file) = self.app().efs.get(&fid) else {
            return (vec![], sw::INCOMPATIBLE_FILE);
        };
        if let Access::AnyOf(keys) = &file.access
            && !keys.iter().any(|k| self.verified(*k))
        {
            return (vec![], sw::SECURITY_NOT_SATISFIED);
        }
        if offset >= file.data.len() {
            return (vec![], sw::OFFSET_BEYOND_END);
        }
        // One vpcd message carries at most 65535 bytes: data plus the status word.
        let n = c.le.unwrap_or(256).min(file.data.len() - offset).min(65533);
        (file.data[offset..offset + n].to_vec(), sw::OK)
    }

    /// Resolves P2 (`80` = current EF, `80|SFI`) to a key FID of the current DF.
    fn key_ref(&self, p2: u8, exists: impl Fn(&Application, u16) -> bool) -> Result<u16, u16> {
        match p2 {
            0x80 => {
                let fid = self.current_ef.ok_or(sw::NO_CURRENT_EF)?;
                if exists(self.app(), fid) {
                    Ok(fid)
                } else {
                    Err(sw::INCOMPATIBLE_FILE)
                }
            }
            0x81..=0x9F => {
                let fid = u16::from(p2 & 0x1F);
                if exists(self.app(), fid) {
                    Ok(fid)
                } else {
                    Err(sw::DATA_NOT_FOUND)
                }
            }
            _ => Err(sw::WRONG_P1P2),
        }
    }

    fn verify(&mut self, c: &Command, ef: &mut Option<u16>) -> (Vec<u8>, u16) {
        if c.p1 != 0x00 {
            return (vec![], sw::WRONG_P1P2);
        }
        let fid = match self.key_ref(c.p2, |a, f| a.pins.contains_key(&f)) {
            Ok(f) => f,
            Err(s) => return (vec![], s),
        };
        *ef = Some(fid);
        let reports_verified = self.quirk == Some(Quirk::EmptyVerifyReportsVerified);
        let pin = self.app_mut().pins.get_mut(&fid).expect("resolved above");
        if c.data.is_empty() {
            // Retry query: costs nothing.
            if pin.verified && reports_verified {
                return (vec![], sw::OK);
            }
            return (vec![], sw::tries_left(pin.left));
        }
        if pin.left == 0 {
            return (vec![], sw::BLOCKED);
        }
        if !pin.value.is_empty() && pin.value == c.data {
            pin.left = pin.max;
            pin.verified = true;
            (vec![], sw::OK)
        } else {
            pin.left -= 1;
            pin.verified = false;
            (vec![], sw::tries_left(pin.left))
        }
    }

    fn change_reference_data(&mut self, c: &Command, ef: &mut Option<u16>) -> (Vec<u8>, u16) {
        if c.p1 != 0x01 {
            return (vec![], sw::WRONG_P1P2);
        }
        let fid = match self.key_ref(c.p2, |a, f| a.pins.contains_key(&f)) {
            Ok(f) => f,
            Err(s) => return (vec![], s),
        };
        *ef = Some(fid);
        let pin = self.app_mut().pins.get_mut(&fid).expect("resolved above");
        if pin.left == 0 {
            return (vec![], sw::BLOCKED);
        }
        if !pin.verified {
            return (vec![], sw::SECURITY_NOT_SATISFIED);
        }
        if c.data.is_empty() || c.data.len() > 16 {
            return (vec![], sw::WRONG_DATA);
        }
        pin.value = c.data.to_vec();
        (vec![], sw::OK)
    }

    fn compute_signature(&mut self, c: &Command, ef: &mut Option<u16>) -> (Vec<u8>, u16) {
        if c.p1 != 0x00 {
            return (vec![], sw::WRONG_P1P2); // P1 01-05 (card-side hashing) not modelled
        }
        if c.data.is_empty() {
            return (vec![], sw::WRONG_LENGTH);
        }
        if c.data.len() > 245 {
            return (vec![], sw::CONDITIONS_NOT_SATISFIED);
        }
        let key = if c.p2 == 0x00 {
            match &self.app().default_key {
                Some(k) => k.clone(),
                None => return (vec![], sw::WRONG_P1P2),
            }
        } else {
            let fid = match self.key_ref(c.p2, |a, f| a.keys.contains_key(&f)) {
                Ok(f) => f,
                Err(s) => return (vec![], s),
            };
            *ef = Some(fid);
            let k = &self.app().keys[&fid];
            let allowed = k.pin.is_none_or(|p| self.verified(p))
                || (k.terminal && self.terminal_authenticated);
            if !allowed {
                return (vec![], sw::SECURITY_NOT_SATISFIED);
            }
            k.key.clone()
        };
        match key.sign(Pkcs1v15Sign::new_unprefixed(), c.data) {
            Ok(sig) => (sig, sw::OK),
            Err(_) => (vec![], sw::CONDITIONS_NOT_SATISFIED),
        }
    }

    fn get_challenge(&mut self, c: &Command) -> (Vec<u8>, u16) {
        if c.p1 != 0 || c.p2 != 0 {
            return (vec![], sw::WRONG_P1P2);
        }
        if c.extended {
            return (vec![], sw::CONDITIONS_NOT_SATISFIED);
        }
        let Some(n) = c.le else {
            return (vec![], sw::WRONG_LENGTH);
        };
        let mut challenge = vec![0u8; n];
        rand::thread_rng().fill_bytes(&mut challenge);
        self.challenge = Some(challenge.clone());
        (challenge, sw::OK)
    }

    fn terminal_authenticate(&mut self, c: &Command) -> (Vec<u8>, u16) {
        if c.p1 != 0 || c.p2 != 0 {
            return (vec![], sw::WRONG_P1P2);
        }
        if self.current_df != Df::Jpki {
            return (vec![], sw::CONDITIONS_NOT_SATISFIED);
        }
        let Some(challenge) = self.challenge.take() else {
            return (vec![], sw::CONDITIONS_NOT_SATISFIED);
        };
        match terminal::check(c.data, &challenge, &self.tokutei_ca) {
            Ok(()) => {
                self.terminal_authenticated = true;
                (vec![], sw::OK)
            }
            Err(TaError::Malformed) => (vec![], sw::WRONG_DATA),
            Err(TaError::Rejected) => (vec![], sw::SECURITY_NOT_SATISFIED),
        }
    }

    fn get_data(&mut self, c: &Command) -> (Vec<u8>, u16) {
        if self.current_df != Df::Mf && self.current_df != Df::Isd {
            return (vec![], sw::DATA_NOT_FOUND);
        }
        let value = match (c.p1, c.p2) {
            (0x00, 0xF0) => self.municipality_code.as_bytes().to_vec(),
            (0x00, 0xF2) => self.card_expiry.as_bytes().to_vec(),
            _ => return (vec![], sw::DATA_NOT_FOUND),
        };
        let n = c.le.unwrap_or(256).min(value.len());
        (value[..n].to_vec(), sw::OK)
    }
}

impl std::fmt::Debug for Pin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Pin {{ value: **, max: {}, left: {}, verified: {} }}",
            self.max, self.left, self.verified
        )
    }
}
