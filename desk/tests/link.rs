//! The clinic link end to end: request files dropped into a real `req/` folder (Shift_JIS, as
//! clinics write them) are answered through the desk's link and central-sim over real TLS,
//! each by a file of the same name in `res/`; what cannot be read gets an error answer and
//! moves to `req/error/`; a file still being written waits; a restart with requests queued
//! while the centre was down loses none and answers none twice; a second desk is refused.
//! Rounds are driven one by one (`Link::step`), never by sleeping.

use eligibility::codes::*;
use eligibility::link::{FaceFile, FaceFileName, LinkFileName};
use eligibility::xml::{self, Encoding};
use eligibility::{Client, ClientConfig};
use onshi_desk::link::{LockError, Mode};
use onshi_desk::services::link::{Link, LinkSettings, LinkStartError};
use simulators::centre::{Config, RunningCentre, Server};
use std::path::{Path, PathBuf};
use std::sync::Arc;

const MIC: &str = "1310100019";

fn now() -> time::OffsetDateTime {
    time::macros::datetime!(2026-11-23 10:00 +09:00)
}

fn centre(dir: &Path) -> RunningCentre {
    let mut cfg = Config::new(dir);
    cfg.now = Some(now());
    Server::start(cfg).unwrap()
}

fn client(c: &RunningCentre) -> Arc<Client> {
    let cfg = ClientConfig::from_files(
        c.url(),
        c.ca_path(),
        c.client_cert_path(),
        c.client_key_path(),
        MIC.parse().unwrap(),
    )
    .unwrap();
    Arc::new(Client::new(cfg).unwrap())
}

/// A client of a centre that is not there (a closed port on loopback).
fn client_of_nothing(c: &RunningCentre) -> Arc<Client> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut cfg = ClientConfig::from_files(
        &format!("https://127.0.0.1:{port}"),
        c.ca_path(),
        c.client_cert_path(),
        c.client_key_path(),
        MIC.parse().unwrap(),
    )
    .unwrap();
    cfg.retries = 0;
    Arc::new(Client::new(cfg).unwrap())
}

fn settings(root: &Path, enc: Encoding) -> LinkSettings {
    LinkSettings {
        folder: root.to_path_buf(),
        encoding: enc,
        mode: Mode::Private,
        lang: onshi_desk::Lang::Ja,
        stable_scans: 2,
    }
}

fn start(root: &Path, journal: &Path, cl: Arc<Client>, enc: Encoding) -> Link {
    Link::start(settings(root, enc), journal, cl, MIC.parse().unwrap()).unwrap()
}

/// Writes a request as a clinic's system does: Shift_JIS with its declaration.
fn drop_request(root: &Path, name: &str, body: &str) {
    let text = format!("<?xml version=\"1.0\" encoding=\"Shift_JIS\" standalone=\"no\"?>\n{body}");
    let bytes = encoding_rs::SHIFT_JIS.encode(&text).0.into_owned();
    std::fs::write(root.join("req").join(name), bytes).unwrap();
}

fn individual(file_id: &str) -> String {
    format!(
        "<XmlMsg><MessageHeader><QualificationConfirmationDate>20261123</QualificationConfirmationDate>\
         <MedicalInstitutionCode>{MIC}</MedicalInstitutionCode>\
         <ArbitraryFileIdentifier>{file_id}</ArbitraryFileIdentifier></MessageHeader>\
         <MessageBody><QualificationConfirmSearchInfo><InsurerNumber>01130012</InsurerNumber>\
         <InsuredCardSymbol>１２３４５６７</InsuredCardSymbol>\
         <InsuredIdentificationNumber>12</InsuredIdentificationNumber>\
         <InsuredBranchNumber>00</InsuredBranchNumber><Birthdate>19800217</Birthdate>\
         <LimitApplicationCertificateRelatedConsFlg>1</LimitApplicationCertificateRelatedConsFlg>\
         </QualificationConfirmSearchInfo></MessageBody></XmlMsg>"
    )
}

fn medical() -> String {
    format!(
        "<XmlMsg><MessageHeader><MedicalInstitutionCode>{MIC}</MedicalInstitutionCode>\
         <InsurerNumber>01130012</InsurerNumber><InsuranceCardSymbol>1234567</InsuranceCardSymbol>\
         <InsuredPersonIdentificationNumber>12</InsuredPersonIdentificationNumber>\
         <BranchNumber>00</BranchNumber><ArbitraryFileIdentifier>000123</ArbitraryFileIdentifier>\
         </MessageHeader><MessageBody><StartDate>202312</StartDate><EndDate>202611</EndDate>\
         <FileCategory>2</FileCategory><PrDiInfClassification>1</PrDiInfClassification>\
         <MedicalTreatmentFlag>1</MedicalTreatmentFlag></MessageBody></XmlMsg>"
    )
}

fn refno(no: &str) -> String {
    format!(
        "<XmlMsg><MessageHeader><MedicalInstitutionCode>{MIC}</MedicalInstitutionCode>\
         </MessageHeader><MessageBody><ReferenceNumberRegistrationInfo>\
         <ReferenceNumber>{no}</ReferenceNumber><InsurerNumber>01130012</InsurerNumber>\
         <InsuredCardSymbol>1234567</InsuredCardSymbol>\
         <InsuredIdentificationNumber>12</InsuredIdentificationNumber>\
         <InsuredBranchNumber>00</InsuredBranchNumber></ReferenceNumberRegistrationInfo>\
         </MessageBody></XmlMsg>"
    )
}

fn res(root: &Path, req: &str) -> Option<Vec<u8>> {
    let answer = LinkFileName::parse(req).unwrap().answer().to_string();
    std::fs::read(root.join("res").join(answer)).ok()
}

fn files(dir: PathBuf) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().into_string().unwrap())
        .collect();
    v.sort();
    v
}

/// A centre, a link folder and the link serving it in UTF-8 (the folder and the centre live
/// as long as the first two values).
fn desk_in_utf8() -> (tempfile::TempDir, RunningCentre, PathBuf, Link) {
    let d = tempfile::tempdir().unwrap();
    let c = centre(&d.path().join("centre"));
    let root = d.path().join("OQS");
    let link = start(
        &root,
        &d.path().join("link.sqlite"),
        client(&c),
        Encoding::Utf8,
    );
    (d, c, root, link)
}

/// Two rounds: the first sees the files, the second finds them unchanged and answers.
async fn two_rounds(link: &mut Link) {
    link.step(now()).await;
    link.step(now()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_request_kind_is_answered_in_res_under_its_own_name() {
    let d = tempfile::tempdir().unwrap();
    let c = centre(&d.path().join("centre"));
    let cl = client(&c);
    let root = d.path().join("OQS");
    let mut link = start(
        &root,
        &d.path().join("link.sqlite"),
        cl.clone(),
        Encoding::ShiftJis,
    );

    // A result the desk got goes to face/ as a face file in the set encoding.
    let e = cl
        .check_insurance_card(
            &Client::search_from_text("01130012", "1234567", "12", "00", "19800217", true).unwrap(),
            None,
        )
        .await
        .unwrap();
    let names = link
        .face(FaceFile::from_result(e.response, None), now())
        .unwrap();
    assert_eq!(names.len(), 1);
    FaceFileName::parse(&names[0]).unwrap();
    let face = std::fs::read(root.join("face").join(&names[0])).unwrap();
    let f = FaceFile::read(&face).unwrap();
    assert_eq!(
        f.header().character_code_identifier,
        Some(CharacterCode::ShiftJis)
    );

    // 照会番号 first, in its own round: requests of one round go in name order, and the
    // 一括照会 below must find it registered.
    drop_request(&root, "OQSsiimm01req_202611230001.xml", &refno("000123"));
    two_rounds(&mut link).await;
    let r: xml::RefNoResponse =
        xml::from_xml(&res(&root, "OQSsiimm01req_202611230001.xml").unwrap()).unwrap();
    assert_eq!(
        r.body.processing_result_status,
        Some(ProcessingResultStatus::Normal)
    );

    drop_request(
        &root,
        "OQSsiquc01req_PT000123.xml",
        &individual("PT000123-1123"),
    );
    drop_request(&root, "YZKsiquc01req_022611231000000123.xml", &medical());
    drop_request(
        &root,
        "TKKsiquc01req_022611231000000123.xml",
        &medical().replace("<StartDate>202312</StartDate><EndDate>202611</EndDate>", ""),
    );
    let upload = format!(
        "<XmlMsg><MessageHeader><MedicalInstitutionCode>{MIC}</MedicalInstitutionCode>\
         </MessageHeader><MessageBody>{row}{row}</MessageBody></XmlMsg>",
        row = "<QualificationConfirmSearchInfo><InsurerNumber>01130012</InsurerNumber>\
               <InsuredCardSymbol>1234567</InsuredCardSymbol>\
               <InsuredIdentificationNumber>12</InsuredIdentificationNumber>\
               <Birthdate>19800217</Birthdate></QualificationConfirmSearchInfo>"
    );
    drop_request(&root, "OQSmuquc01req_202611230001.xml", &upload);
    two_rounds(&mut link).await;
    assert_eq!(
        files(root.join("req")),
        Vec::<String>::new(),
        "every request taken"
    );

    // The individual query: the centre's answer, in Shift_JIS as set, with the file id and
    // the 照会番号 just registered.
    let a = res(&root, "OQSsiquc01req_PT000123.xml").unwrap();
    assert_eq!(xml::detect_encoding(&a).unwrap(), Encoding::ShiftJis);
    let q: xml::QualificationResponse = xml::from_xml(&a).unwrap();
    assert_eq!(
        q.header.character_code_identifier,
        Some(CharacterCode::ShiftJis)
    );
    assert_eq!(
        q.header.arbitrary_file_identifier.as_deref(),
        Some("PT000123-1123")
    );
    assert_eq!(
        q.body.qualification_validity,
        Some(QualificationValidity::Valid)
    );
    let item = &q.body.result_list.as_ref().unwrap().items[0];
    assert_eq!(item.name.as_deref(), Some("試験　花子"));
    assert_eq!(item.reference_number.as_deref(), Some("000123"));
    // Drug and checkup information without a consent on this visit: the centre's refusal,
    // passed on in the answer's own layout.
    let dr: xml::DrugResult =
        xml::from_xml(&res(&root, "YZKsiquc01req_022611231000000123.xml").unwrap()).unwrap();
    assert_eq!(dr.header.result_code.as_deref(), Some("2"));
    let ck: xml::CheckupResult =
        xml::from_xml(&res(&root, "TKKsiquc01req_022611231000000123.xml").unwrap()).unwrap();
    assert_eq!(ck.header.result_code.as_deref(), Some("2"));
    // 一括照会: the receipt, then downloads until the result is there (each poll is a new
    // request name, as the clinic's system sends them).
    let receipt: xml::BulkReceipt =
        xml::from_xml(&res(&root, "OQSmuquc01req_202611230001.xml").unwrap()).unwrap();
    let rec = receipt.body.reception_number.unwrap();
    let mut done = None;
    for i in 0..200 {
        let name = format!("OQSmuquc02req_2026112300{i:03}.xml");
        drop_request(
            &root,
            &name,
            &format!(
                "<XmlMsg><MessageHeader><MedicalInstitutionCode>{MIC}</MedicalInstitutionCode>\
                 </MessageHeader><MessageBody><ReceptionNumber>{rec}</ReceptionNumber>\
                 </MessageBody></XmlMsg>"
            ),
        );
        two_rounds(&mut link).await;
        let r: xml::BulkResult = xml::from_xml(&res(&root, &name).unwrap()).unwrap();
        if r.header.segment_of_result == Some(SegmentOfResult::Normal) {
            done = Some(r);
            break;
        }
        assert_eq!(
            r.header.segment_of_result,
            Some(SegmentOfResult::Processing)
        );
    }
    let done = done.expect("the batch finished");
    assert_eq!(done.body.units.len(), 2);
    assert_eq!(
        done.body.units[0].reference_number.as_deref(),
        Some("000123")
    );
    assert_eq!(link.state().queued, 0);
    assert_eq!(link.state().unwritten, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_requests_get_an_error_answer_and_move_to_req_error_and_names_are_answered_once() {
    let (_d, _c, root, mut link) = desk_in_utf8();
    drop_request(&root, "OQSsiquc01req_broken.xml", "<XmlMsg><MessageHeader>");
    drop_request(&root, "OQSmuhvq01req_2026112300001.xml", &individual("x"));
    drop_request(
        &root,
        "OQSsiquc01req_other.xml",
        &individual("x").replace(MIC, "1340100013"),
    );
    drop_request(&root, "OQSsiquc01req_once.xml", &individual("first"));
    two_rounds(&mut link).await;
    let code = |name: &str| {
        let r: xml::OutcomeResponse = xml::from_xml(&res(&root, name).unwrap()).unwrap();
        assert_eq!(r.header.segment_of_result, Some(SegmentOfResult::Abnormal));
        assert!(r.header.error_message.is_some_and(|m| !m.is_empty()));
        r.header.error_code.unwrap()
    };
    assert_eq!(code("OQSsiquc01req_broken.xml"), "LNK-E0011");
    assert_eq!(code("OQSmuhvq01req_2026112300001.xml"), "LNK-E0002");
    assert_eq!(code("OQSsiquc01req_other.xml"), "LNK-E0020");
    assert_eq!(
        files(root.join("req").join("error")),
        [
            "OQSmuhvq01req_2026112300001.xml",
            "OQSsiquc01req_broken.xml",
            "OQSsiquc01req_other.xml"
        ]
    );
    let first = res(&root, "OQSsiquc01req_once.xml").unwrap();
    // The same name again: refused, moved aside, the first answer untouched.
    drop_request(&root, "OQSsiquc01req_once.xml", &individual("second"));
    two_rounds(&mut link).await;
    assert_eq!(res(&root, "OQSsiquc01req_once.xml").unwrap(), first);
    assert!(root.join("req/error/OQSsiquc01req_once.xml").exists());
    assert_eq!(files(root.join("req")), Vec::<String>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_still_being_written_is_not_read_until_it_stops_changing() {
    let (_d, _c, root, mut link) = desk_in_utf8();
    let full = individual("slow");
    let path = root.join("req").join("OQSsiquc01req_slow.xml");
    std::fs::write(&path, &full.as_bytes()[..40]).unwrap();
    link.step(now()).await;
    std::fs::write(&path, &full.as_bytes()[..120]).unwrap();
    link.step(now()).await;
    assert!(
        res(&root, "OQSsiquc01req_slow.xml").is_none(),
        "half a file was read"
    );
    assert_eq!(link.state().arriving, 1);
    std::fs::write(&path, full.as_bytes()).unwrap();
    link.step(now()).await;
    assert!(res(&root, "OQSsiquc01req_slow.xml").is_none());
    link.step(now()).await;
    let q: xml::QualificationResponse =
        xml::from_xml(&res(&root, "OQSsiquc01req_slow.xml").unwrap()).unwrap();
    assert_eq!(
        q.body.qualification_validity,
        Some(QualificationValidity::Valid)
    );
    assert!(files(root.join("req").join("error")).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_queued_while_the_centre_is_down_survive_a_restart_and_are_answered_once() {
    let d = tempfile::tempdir().unwrap();
    let c = centre(&d.path().join("centre"));
    let root = d.path().join("OQS");
    let journal = d.path().join("link.sqlite");
    let names: Vec<String> = (0..5).map(|i| format!("OQSsiquc01req_q{i}.xml")).collect();
    {
        let mut link = start(&root, &journal, client_of_nothing(&c), Encoding::Utf8);
        for n in &names {
            drop_request(&root, n, &individual(n));
        }
        two_rounds(&mut link).await;
        link.step(now()).await;
        let s = link.state();
        assert_eq!(s.queued, 5, "{s:?}");
        assert!(s.last_error.is_some(), "the console says why");
        assert!(files(root.join("res")).is_empty());
        assert!(files(root.join("req")).is_empty(), "taken into the journal");
    } // the desk stops
    let mut link = start(&root, &journal, client(&c), Encoding::Utf8);
    link.step(now()).await;
    for n in &names {
        let q: xml::QualificationResponse = xml::from_xml(&res(&root, n).unwrap()).unwrap();
        assert_eq!(
            q.header.arbitrary_file_identifier.as_deref(),
            Some(n.as_str())
        );
    }
    assert_eq!(files(root.join("res")).len(), 5);
    assert_eq!(link.state(), Default::default());
    link.step(now()).await;
    assert_eq!(files(root.join("res")).len(), 5, "nothing answered twice");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_desk_on_the_same_folder_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let c = centre(&d.path().join("centre"));
    let root = d.path().join("OQS");
    let _first = start(
        &root,
        &d.path().join("a.sqlite"),
        client(&c),
        Encoding::Utf8,
    );
    let second = Link::start(
        settings(&root, Encoding::Utf8),
        &d.path().join("b.sqlite"),
        client(&c),
        MIC.parse().unwrap(),
    );
    assert!(matches!(
        second,
        Err(LinkStartError::Lock(LockError::Busy { pid: Some(p) })) if p == std::process::id()
    ));
}

/// `chattr +i` on a folder: even root cannot create a file in it (the tests run as root, for
/// whom a 0500 folder is still writable), as on a share that went read-only or full.
fn immutable(dir: &Path, on: bool) {
    let st = std::process::Command::new("chattr")
        .arg(if on { "+i" } else { "-i" })
        .arg(dir)
        .status()
        .expect("chattr (e2fsprogs) runs");
    assert!(st.success(), "chattr on {}", dir.display());
}

/// Takes the immutable flag off when the test ends, whatever happens (or the temp folder
/// could not be removed).
struct Unfreeze(Vec<PathBuf>);
impl Drop for Unfreeze {
    fn drop(&mut self) {
        for d in &self.0 {
            immutable(d, false);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_and_face_files_for_a_folder_that_refuses_them_wait_and_are_written_once_it_takes_them()
 {
    let (d, c, root, mut link) = desk_in_utf8();
    let _ = &d;
    let cl = client(&c);
    let (res_dir, face_dir) = (root.join("res"), root.join("face"));
    immutable(&res_dir, true);
    immutable(&face_dir, true);
    let guard = Unfreeze(vec![res_dir.clone(), face_dir.clone()]);

    // A request is answered by the centre, but res/ takes nothing: the answer waits.
    let name = "OQSsiquc01req_ro1.xml";
    drop_request(&root, name, &individual(name));
    two_rounds(&mut link).await;
    // A card visit's face file while face/ takes nothing: it waits too, nothing is lost.
    let e = cl
        .check_insurance_card(
            &Client::search_from_text("01130012", "1234567", "12", "00", "19800217", true).unwrap(),
            None,
        )
        .await
        .unwrap();
    let faces = link
        .face(FaceFile::from_result(e.response, None), now())
        .unwrap();
    let s = link.state();
    assert_eq!(s.unwritten, 2, "{s:?}");
    assert!(s.last_error.is_some(), "the console says why: {s:?}");
    assert!(files(res_dir.clone()).is_empty());
    assert!(files(face_dir.clone()).is_empty());

    // The folders take files again: the next round writes both, once.
    drop(guard);
    link.step(now()).await;
    assert!(res(&root, name).is_some(), "the answer is written");
    assert_eq!(files(face_dir.clone()), faces);
    assert_eq!(link.state(), Default::default());
    link.step(now()).await;
    assert_eq!(files(res_dir).len(), 1, "nothing written twice");
    assert_eq!(files(face_dir).len(), 1);
}
