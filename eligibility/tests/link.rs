//! The clinic link's files: hand-written request files (Shift_JIS as clinics send them, and
//! UTF-8) read into the typed requests a clerk's check would send; every answer layout written
//! in both encodings compared byte for byte with golden files (`UPDATE_SNAPSHOTS=1` rewrites
//! them; review the diff) and read back; face files hold at most one result.

use eligibility::codes::*;
use eligibility::link::{self, *};
use eligibility::xml::{self, Encoding};
use std::path::PathBuf;

fn dir(sub: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/link")
        .join(sub)
}

fn parse_file(sub: &str, name: &str) -> Result<ParsedRequest, LinkError> {
    let bytes = std::fs::read(dir(sub).join(name)).unwrap();
    parse_request(&LinkFileName::parse(name).unwrap(), &bytes)
}

fn ours() -> eligibility::InstitutionCode {
    "1310000011".parse().unwrap()
}

#[test]
fn individual_request_in_shift_jis_reads_as_the_clerk_s_check() {
    let p = parse_file("req", "OQSsiquc01req_20261123PT000123.xml").unwrap();
    assert_eq!(p.kind, Kind::Individual);
    assert_eq!(p.encoding, Encoding::ShiftJis);
    assert_eq!(p.file_id.as_deref(), Some("PT000123-1123"));
    p.check_institution(&ours()).unwrap();
    let expected =
        eligibility::Client::search_from_text("06139992", "12-34", "4260", "01", "20010327", true)
            .unwrap();
    match p.request {
        LinkRequest::Individual { date, search } => {
            assert_eq!(date, Some(time::macros::date!(2026 - 11 - 23)));
            assert_eq!(search, expected);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_same_request_in_utf8_reads_the_same() {
    let a = parse_file("req", "OQSsiquc01req_20261123PT000123.xml").unwrap();
    let b = parse_file("req-utf8", "OQSsiquc01req_20261123PT000123.xml").unwrap();
    assert_eq!(b.encoding, Encoding::Utf8);
    assert_eq!(a.request, b.request);
    let a = parse_file("req", "OQSmuimm01req_202611230001.xml").unwrap();
    let b = parse_file("req-utf8", "OQSmuimm01req_202611230001.xml").unwrap();
    assert_eq!(a.request, b.request);
}

#[test]
fn bulk_upload_keeps_every_row_with_its_identifier() {
    let p = parse_file("req", "OQSmuquc01req_202611230001.xml").unwrap();
    assert_eq!(p.file_id.as_deref(), Some("予約20261124"));
    let LinkRequest::BulkUpload { date, rows } = p.request else {
        panic!()
    };
    assert_eq!(date, Some(time::macros::date!(2026 - 11 - 24)));
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].arbitrary_identifier.as_deref(), Some("00123"));
    assert_eq!(rows[1].insurer_number.digits(), "138057");
    assert_eq!(
        rows[1].insured_card_symbol.as_ref().unwrap().as_str(),
        "練１"
    );
    assert_eq!(rows[1].insured_branch_number, None);
    assert_eq!(rows[1].limit_consent, LimitConsent::Agreed);
}

#[test]
fn download_drug_checkup_and_registration_requests_read() {
    let p = parse_file("req", "OQSmuquc02req_202611230001.xml").unwrap();
    assert_eq!(
        p.request,
        LinkRequest::BulkDownload {
            reception: "R20261123101502000001".into()
        }
    );
    let p = parse_file("req", "YZKsiquc01req_022611231015000123.xml").unwrap();
    let LinkRequest::MedicalInfo(q) = p.request else {
        panic!()
    };
    assert_eq!(q.kind, MedicalInfoKind::Drug);
    assert_eq!(q.months, Some(("202312".into(), "202611".into())));
    assert_eq!(q.birth, None, "OQSDrug2's requests carry no birth date");
    assert_eq!(q.number.as_str(), "4260");
    assert!(!q.with_treatments);
    assert_eq!(q.treatment, MedicalTreatmentFlag::Outpatient);
    let p = parse_file("req", "TKKsiquc01req_022611231015000123.xml").unwrap();
    let LinkRequest::MedicalInfo(q) = p.request else {
        panic!()
    };
    assert_eq!((q.kind, q.months), (MedicalInfoKind::Checkup, None));

    let p = parse_file("req", "OQSsiimm01req_202611230001.xml").unwrap();
    let LinkRequest::RefNo { rows } = p.request else {
        panic!()
    };
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].reference_number.as_str(), "000123");
    let p = parse_file("req", "OQSmuimm01req_202611230001.xml").unwrap();
    let LinkRequest::RefNo { rows } = p.request else {
        panic!()
    };
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1].insurer.digits(), "138057", "space-padded to 8");
    assert_eq!(rows[1].birth.unwrap().wire(), "19540610");
}

fn request_of(kind: Kind, body: &str) -> Result<ParsedRequest, LinkError> {
    let name = LinkFileName::request(kind, "t1").unwrap();
    parse_request(&name, body.as_bytes())
}

const HEADER: &str =
    "<MessageHeader><MedicalInstitutionCode>1310000011</MedicalInstitutionCode></MessageHeader>";

#[test]
fn each_fault_of_a_request_has_its_code() {
    let code = |r: Result<ParsedRequest, LinkError>| r.unwrap_err().code();
    assert_eq!(code(request_of(Kind::Individual, "not xml <")), "LNK-E0011");
    assert_eq!(
        code(request_of(
            Kind::Individual,
            "<?xml version=\"1.0\" encoding=\"EBCDIC\"?><XmlMsg/>"
        )),
        "LNK-E0010"
    );
    assert_eq!(
        code(parse_request(
            &LinkFileName::request(Kind::Individual, "t").unwrap(),
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><XmlMsg>\xff</XmlMsg>"
        )),
        "LNK-E0010"
    );
    let missing = request_of(
        Kind::Individual,
        &format!("<XmlMsg>{HEADER}<MessageBody/></XmlMsg>"),
    );
    assert_eq!(
        missing,
        Err(LinkError::Missing {
            element: "QualificationConfirmSearchInfo",
            row: None
        })
    );
    let bad_digit = request_of(
        Kind::Individual,
        &format!(
            "<XmlMsg>{HEADER}<MessageBody><QualificationConfirmSearchInfo>\
             <InsurerNumber>06139993</InsurerNumber><InsuredIdentificationNumber>1\
             </InsuredIdentificationNumber><Birthdate>20010327</Birthdate>\
             </QualificationConfirmSearchInfo></MessageBody></XmlMsg>"
        ),
    );
    assert!(
        matches!(
            bad_digit,
            Err(LinkError::Invalid {
                element: "InsurerNumber",
                row: None,
                reason: Some(eligibility::Reason::CheckDigit { .. })
            })
        ),
        "{bad_digit:?}"
    );
    let bad_row = request_of(
        Kind::BulkUpload,
        &format!(
            "<XmlMsg>{HEADER}<MessageBody><QualificationConfirmSearchInfo>\
             <InsurerNumber>06139992</InsurerNumber><InsuredIdentificationNumber>1\
             </InsuredIdentificationNumber><Birthdate>20010327</Birthdate>\
             </QualificationConfirmSearchInfo><QualificationConfirmSearchInfo>\
             <InsurerNumber>06139992</InsurerNumber><InsuredIdentificationNumber>1\
             </InsuredIdentificationNumber><Birthdate>20011327</Birthdate>\
             </QualificationConfirmSearchInfo></MessageBody></XmlMsg>"
        ),
    );
    assert!(
        matches!(
            bad_row,
            Err(LinkError::Invalid {
                element: "Birthdate",
                row: Some(2),
                ..
            })
        ),
        "{bad_row:?}"
    );
    assert_eq!(
        request_of(
            Kind::BulkUpload,
            &format!("<XmlMsg>{HEADER}<MessageBody/></XmlMsg>")
        ),
        Err(LinkError::Rows {
            max: 10_000,
            got: 0
        })
    );
    let pdf = "<XmlMsg><MessageHeader><MedicalInstitutionCode>1310000011</MedicalInstitutionCode>\
         <InsurerNumber>06139992</InsurerNumber><InsuredPersonIdentificationNumber>4260\
         </InsuredPersonIdentificationNumber></MessageHeader><MessageBody>\
         <FileCategory>1</FileCategory></MessageBody></XmlMsg>";
    assert_eq!(code(request_of(Kind::Drug, pdf)), "LNK-E0018");
    let two = format!(
        "<XmlMsg>{HEADER}<MessageBody>{r}{r}</MessageBody></XmlMsg>",
        r = "<ReferenceNumberRegistrationInfo><ReferenceNumber>1</ReferenceNumber>\
             <InsurerNumber>06139992</InsurerNumber><InsuredIdentificationNumber>4260\
             </InsuredIdentificationNumber></ReferenceNumberRegistrationInfo>"
    );
    assert_eq!(
        request_of(Kind::RefNoSingle, &two),
        Err(LinkError::Rows { max: 1, got: 2 })
    );
    assert!(request_of(Kind::RefNoBulk, &two).is_ok());
    let long = two.replacen(
        "<ReferenceNumber>1<",
        &format!("<ReferenceNumber>{}<", "9".repeat(51)),
        1,
    );
    assert!(matches!(
        request_of(Kind::RefNoBulk, &long),
        Err(LinkError::Invalid {
            element: "ReferenceNumber",
            row: Some(1),
            ..
        })
    ));
    let other = LinkFileName::parse("OQSmuhvq01req_2026112300001.xml").unwrap();
    assert_eq!(
        parse_request(&other, b"<XmlMsg/>"),
        Err(LinkError::UnknownKind)
    );
    let p = parse_file("req", "OQSsiquc01req_20261123PT000123.xml").unwrap();
    assert_eq!(
        p.check_institution(&"1310000029".parse().unwrap()),
        Err(LinkError::OtherInstitution)
    );
}

// ------------------------------------------------------------------ answers (golden files)

fn golden(name: &str, enc: Encoding, bytes: &[u8]) {
    let suffix = match enc {
        Encoding::Utf8 => "utf8",
        Encoding::ShiftJis => "sjis",
    };
    let path = dir("golden").join(format!("{name}.{suffix}.xml"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        return;
    }
    let want = std::fs::read(&path)
        .unwrap_or_else(|_| panic!("{} missing: run with UPDATE_SNAPSHOTS=1", path.display()));
    assert!(
        want == bytes,
        "{} differs from what is written now (UPDATE_SNAPSHOTS=1 rewrites it)",
        path.display()
    );
    // The declaration and CharacterCodeIdentifier say the same encoding.
    assert_eq!(xml::detect_encoding(bytes).unwrap(), enc);
}

fn both<M: Answer + Clone>(name: &str, msg: &M) -> [Vec<u8>; 2] {
    [Encoding::Utf8, Encoding::ShiftJis].map(|enc| {
        let b = encode_answer(msg.clone(), enc).unwrap();
        golden(name, enc, &b);
        b
    })
}

fn header() -> xml::ResponseHeader {
    xml::ResponseHeader {
        process_execution_time: Some("20261123101502".into()),
        qualification_confirmation_date: Some("20261123".into()),
        medical_institution_code: Some("1310000011".into()),
        segment_of_result: Some(SegmentOfResult::Normal),
        ..Default::default()
    }
}

/// A 70–74 高齢受給者 on 国保 with every group a face file can carry.
fn full_result() -> xml::ResultOfQualificationConfirmation {
    let s = |v: &str| Some(v.to_string());
    xml::ResultOfQualificationConfirmation {
        insured_card_classification: Some(InsuredCardClassification::General),
        insurer_number: s("  138057"),
        insured_card_symbol: s("練１"),
        insured_identification_number: s("5001"),
        personal_family_classification: Some(PersonalFamily::Insured),
        name: s("髙橋　𠮷男"),
        name_kana: s("ﾀｶﾊｼ ﾖｼｵ"),
        sex1: Some(Sex::Male),
        birthdate: s("19540610"),
        address: s("東京都練馬区豊玉北６丁目１２番１号"),
        post_number: s("176-8501"),
        qualification_date: s("20190401"),
        insured_certificate_issuance_date: s("20260715"),
        insured_card_valid_date: s("20260801"),
        insured_card_expiration_date: s("20270731"),
        insurer_name: s("練馬区"),
        elderly_recipient: Some(xml::ElderlyRecipientCertificateInfo {
            date: s("20260715"),
            valid_start_date: s("20260801"),
            valid_end_date: s("20270731"),
            contribution_ratio: s("020"),
        }),
        limit_consent: Some(LimitConsent::Agreed),
        limit_consent_time: s("20261123101455"),
        limit_info: Some(xml::LimitApplicationCertificateRelatedInfo {
            classification: Some(LimitCertificateClass::Limit),
            category: Some(LimitCategory::B04),
            date: s("20260801"),
            valid_start_date: s("20260801"),
            valid_end_date: s("20270731"),
            long_term_date: None,
        }),
        specific_diseases_consent: Some(ConsentFlag::Yes),
        specific_diseases_consent_time: s("20261123101455"),
        specific_diseases: Some(xml::SpecificDiseasesCertificateList {
            items: vec![xml::SpecificDiseasesCertificateInfo {
                category: Some(SpecificDisease::Dialysis),
                date: s("20240501"),
                valid_start_date: s("20240501"),
                valid_end_date: None,
                self_pay: s("10000"),
            }],
        }),
        checkups_consent: Some(ConsentFlag::Yes),
        checkups_consent_time: s("20261123101455"),
        checkups_available_time: s("20261124101455"),
        pharmacists_consent: Some(ConsentFlag::Yes),
        pharmacists_consent_time: s("20261123101455"),
        pharmacists_available_time: s("20261124101455"),
        diagnosis_consent: Some(ConsentFlag::No),
        operation_consent: Some(ConsentFlag::No),
        reference_number: s("000456"),
        ..Default::default()
    }
}

fn card_reply(results: Vec<xml::ResultOfQualificationConfirmation>) -> xml::QualificationResponse {
    xml::QualificationResponse {
        header: header(),
        body: xml::QualificationResultBody {
            result_list: Some(xml::ResultList { items: results }),
            processing_result_status: Some(ProcessingResultStatus::Normal),
            qualification_validity: Some(QualificationValidity::Valid),
            prescription_issue_select: Some(PrescriptionIssue::Electronic),
            ..Default::default()
        },
    }
}

fn counter() -> xml::DeskCounter {
    xml::DeskCounter {
        counter_id: "uketsuke-2".into(),
        reader_name: Some("Virtual PCD 00 00".into()),
    }
}

#[test]
fn face_file_of_a_valid_visit_matches_its_golden_files_and_reads_back() {
    let faces = FaceFile::from_result(card_reply(vec![full_result()]), Some(counter()));
    assert_eq!(faces.len(), 1);
    let f = &faces[0];
    assert_eq!(
        f.header().reference_classification,
        Some(ReferenceClassification::Card)
    );
    for enc in [Encoding::Utf8, Encoding::ShiftJis] {
        let b = f.to_bytes(enc).unwrap();
        golden("face_valid", enc, &b);
        let back = FaceFile::read(&b).unwrap();
        assert_eq!(back.header().character_code_identifier, Some(enc.code()));
        assert_eq!(back.result(), Some(&full_result()));
        assert_eq!(back.header().desk_counter, Some(counter()));
        // The rare 𠮷 is outside Windows-31J: a character reference in Shift_JIS, the same
        // name once read.
        assert_eq!(back.result().unwrap().name.as_deref(), Some("髙橋　𠮷男"));
    }
}

#[test]
fn face_file_of_an_error_visit_has_no_result_and_no_counter_when_none_is_set() {
    let mut r = card_reply(vec![]);
    r.body.result_list = None;
    r.body.processing_result_status = Some(ProcessingResultStatus::Error);
    r.body.processing_result_code = Some("SIM-E0220".into());
    r.body.processing_result_message =
        Some("このカードは健康保険証としての利用登録がされていません。".into());
    r.body.qualification_validity = None;
    r.body.prescription_issue_select = None;
    let faces = FaceFile::from_result(r, None);
    assert_eq!(faces.len(), 1);
    for enc in [Encoding::Utf8, Encoding::ShiftJis] {
        let b = faces[0].to_bytes(enc).unwrap();
        golden("face_error", enc, &b);
        assert!(!String::from_utf8_lossy(&b).contains("OnshiDeskCounter"));
        assert!(FaceFile::read(&b).unwrap().result().is_none());
    }
}

#[test]
fn several_results_become_several_face_files_and_a_file_with_two_is_refused() {
    let mut second = full_result();
    second.insurer_number = Some("39130018".into());
    let reply = card_reply(vec![full_result(), second.clone()]);
    let faces = FaceFile::from_result(reply.clone(), None);
    assert_eq!(faces.len(), 2);
    assert_eq!(faces[1].result(), Some(&second));
    for f in &faces {
        let b = f.to_bytes(Encoding::Utf8).unwrap();
        let text = String::from_utf8(b).unwrap();
        assert_eq!(
            text.matches("<ResultOfQualificationConfirmation>").count(),
            1
        );
    }
    let two = xml::to_xml(&reply, Encoding::Utf8).unwrap();
    assert!(FaceFile::read(&two).is_err());
}

#[test]
fn each_res_layout_matches_its_golden_files_in_both_encodings() {
    // OQSsiquc01res: the individual query's answer, with the echo of the search.
    let mut ind = card_reply(vec![full_result()]);
    ind.header.reference_classification = Some(ReferenceClassification::InsuranceCard);
    ind.header.arbitrary_file_identifier = Some("PT000123-1123".into());
    ind.body.prescription_issue_select = None;
    ind.body.search = Some(xml::SearchInfoRaw {
        insurer_number: Some("  138057".into()),
        insured_card_symbol: Some("練１".into()),
        insured_identification_number: Some("5001".into()),
        birthdate: Some("19540610".into()),
        limit_consent: Some("1".into()),
        ..Default::default()
    });
    for (enc, b) in [Encoding::Utf8, Encoding::ShiftJis]
        .into_iter()
        .zip(both("siquc01res", &ind))
    {
        let back: xml::QualificationResponse = xml::from_xml(&b).unwrap();
        assert_eq!(back.header.character_code_identifier, Some(enc.code()));
        assert_eq!(back.body, ind.body);
    }

    // OQSmuquc01res: the receipt.
    let receipt = xml::BulkReceipt {
        header: xml::ResponseHeader {
            arbitrary_file_identifier: Some("予約20261124".into()),
            ..header()
        },
        body: xml::BulkReceiptBody {
            reception_number: Some("R20261123101502000001".into()),
            reception_date_time: Some("20261123101502".into()),
        },
    };
    for b in both("muquc01res", &receipt) {
        let back: xml::BulkReceipt = xml::from_xml(&b).unwrap();
        assert_eq!(back.body, receipt.body);
    }

    // OQSmuquc02res: done, and still 処理中.
    let unit = xml::BulkConfirmUnit {
        search: Some(xml::SearchInfoRaw {
            insurer_number: Some("  138057".into()),
            insured_identification_number: Some("5001".into()),
            birthdate: Some("19540610".into()),
            arbitrary_identifier: Some("00456".into()),
            ..Default::default()
        }),
        processing_result_status: Some(ProcessingResultStatus::Normal),
        qualification_validity: Some(QualificationValidity::Valid),
        result: Some(xml::ResultOfQualificationConfirmation {
            limit_certificate_changed: Some("0".into()),
            ..full_result()
        }),
        reference_number: Some("000456".into()),
        ..Default::default()
    };
    let mut h = header();
    h.reception_number = Some("R20261123101502000001".into());
    h.number_of_processing_result = Some("1".into());
    h.number_of_normal_processing = Some("1".into());
    h.number_of_error = Some("0".into());
    let done = xml::BulkResult {
        header: h.clone(),
        body: xml::BulkResultBody { units: vec![unit] },
    };
    for b in both("muquc02res", &done) {
        let back: xml::BulkResult = xml::from_xml(&b).unwrap();
        assert_eq!(back.body, done.body);
    }
    let processing = xml::BulkResult {
        header: xml::ResponseHeader {
            segment_of_result: Some(SegmentOfResult::Processing),
            number_of_processing_result: None,
            number_of_normal_processing: None,
            number_of_error: None,
            ..h
        },
        body: Default::default(),
    };
    both("muquc02res_processing", &processing);

    // YZKsiquc01res / TKKsiquc01res.
    let drug = xml::DrugResult {
        header: xml::MedicalInfoResponseHeader {
            process_execution_time: Some("20261123101502".into()),
            medical_institution_code: Some("1310000011".into()),
            result_code: Some("1".into()),
            qua_inf: Some(xml::QuaInf {
                name: Some("髙橋　𠮷男".into()),
                kana_name: Some("ﾀｶﾊｼ ﾖｼｵ".into()),
                birth: Some("19540610".into()),
                adm_gend_code: Some("1".into()),
            }),
            ..Default::default()
        },
        body: xml::DrugResultBody {
            months: vec![xml::MeTrMonthInf {
                month: Some("202611".into()),
                institution_code: Some("1310000011".into()),
                institution_name: Some("オン資クリニック".into()),
                dates: Some(xml::DiDateInfs {
                    items: vec![xml::DiDateInf {
                        di_date: Some("20261105".into()),
                        pr_date: Some("20261105".into()),
                    }],
                }),
                drugs: Some(xml::DrugInfs {
                    items: vec![xml::DrugInf {
                        code: Some("620004372".into()),
                        name: Some("アムロジピン錠５ｍｇ".into()),
                        ingredient: Some("アムロジピンベシル酸塩".into()),
                        quantity: Some("1".into()),
                        unit: Some("錠".into()),
                        usage: Some("1日1回朝食後".into()),
                        times: Some("28".into()),
                    }],
                }),
                ..Default::default()
            }],
        },
    };
    for b in both("yzksiquc01res", &drug) {
        let back: xml::DrugResult = xml::from_xml(&b).unwrap();
        assert_eq!(back, drug);
    }
    let checkup = xml::CheckupResult {
        header: xml::MedicalInfoResponseHeader {
            qua_inf: None,
            qualifications_info: Some(xml::QualificationsInfo {
                name: Some("髙橋　𠮷男".into()),
                kanas_name: Some("ﾀｶﾊｼ ﾖｼｵ".into()),
                birthday: Some("19540610".into()),
                administrative_gender_code: Some("1".into()),
            }),
            ..drug.header.clone()
        },
        body: xml::CheckupResultBody {
            checkups: vec![xml::SpecificHealthCheckupInfo {
                effective_time: Some("20250612".into()),
                items: Some(xml::HealthCheckupItems {
                    items: vec![xml::HealthCheckupItem {
                        item_code: Some("3D046000001906202".into()),
                        item_name: Some("HbA1c".into()),
                        data_type: Some("PQ".into()),
                        data_value: Some("5.6".into()),
                        unit: Some("%".into()),
                    }],
                }),
            }],
        },
    };
    for b in both("tkksiquc01res", &checkup) {
        let back: xml::CheckupResult = xml::from_xml(&b).unwrap();
        assert_eq!(back, checkup);
    }

    // OQSsiimm01res / OQSmuimm01res.
    let reg = xml::RefNoResponse {
        header: xml::ResponseHeader {
            qualification_confirmation_date: None,
            arbitrary_file_identifier: Some("REG-BULK-1".into()),
            number_of_processing_result: Some("2".into()),
            number_of_normal_processing: Some("1".into()),
            number_of_error: Some("1".into()),
            ..header()
        },
        body: xml::RefNoResultBody {
            processing_result_status: Some(ProcessingResultStatus::Error),
            units: vec![
                xml::RefNoResultUnit {
                    reference_number: Some("000123".into()),
                    processing_result_status: Some(ProcessingResultStatus::Normal),
                    ..Default::default()
                },
                xml::RefNoResultUnit {
                    reference_number: Some("000456".into()),
                    processing_result_status: Some(ProcessingResultStatus::Error),
                    processing_result_code: Some("SIM-E0402".into()),
                    processing_result_message: Some("該当する資格がありません。".into()),
                },
            ],
        },
    };
    for b in both("muimm01res", &reg) {
        let back: xml::RefNoResponse = xml::from_xml(&b).unwrap();
        assert_eq!(back.body, reg.body);
    }
    let single = xml::RefNoResponse {
        header: xml::ResponseHeader {
            qualification_confirmation_date: None,
            arbitrary_file_identifier: Some("REG-000123".into()),
            ..header()
        },
        body: xml::RefNoResultBody {
            processing_result_status: Some(ProcessingResultStatus::Normal),
            units: reg.body.units[..1].to_vec(),
        },
    };
    for b in both("siimm01res", &single) {
        let back: xml::RefNoResponse = xml::from_xml(&b).unwrap();
        assert_eq!(back.body, single.body);
    }
}

#[test]
fn error_answers_carry_the_code_and_the_desk_s_message() {
    let echo = link::Echo {
        institution: Some("1310000011".into()),
        file_id: Some("PT000123-1123".into()),
    };
    let err = LinkError::Missing {
        element: "Birthdate",
        row: None,
    };
    let msg = "生年月日がありません。";
    for enc in [Encoding::Utf8, Encoding::ShiftJis] {
        let b = error_answer(&err, msg, &echo, "20261123101502", enc).unwrap();
        golden("error_res", enc, &b);
        let back: xml::OutcomeResponse = xml::from_xml(&b).unwrap();
        assert_eq!(
            back.header.segment_of_result,
            Some(SegmentOfResult::Abnormal)
        );
        assert_eq!(back.header.error_code.as_deref(), Some("LNK-E0012"));
        assert_eq!(back.header.error_message.as_deref(), Some(msg));
        assert_eq!(back.header.character_code_identifier, Some(enc.code()));
        let b = medical_error_answer(&err, msg, &echo, "20261123101502", enc).unwrap();
        golden("error_res_medical", enc, &b);
        let back: xml::DrugResult = xml::from_xml(&b).unwrap();
        assert_eq!(back.header.result_code.as_deref(), Some("2"));
        assert_eq!(
            back.header.message_contents.as_deref(),
            Some("LNK-E0012 生年月日がありません。")
        );
    }
}

/// The centre states a ratio only where the card does: the clinic's ratio comes from the card,
/// then the 高齢受給者証, then the law's age rule.
#[test]
fn copay_ratio_follows_the_card_then_the_elderly_certificate_then_the_age_rule() {
    use eligibility::client::copay_ratio;
    let on = time::macros::date!(2026 - 11 - 23);
    let base = |birth: &str| xml::ResultOfQualificationConfirmation {
        birthdate: Some(birth.into()),
        ..Default::default()
    };
    let late = xml::ResultOfQualificationConfirmation {
        insured_partial_contribution_ratio: Some("010".into()),
        ..base("19440310")
    };
    assert_eq!(copay_ratio(&late, on).as_deref(), Some("010"));
    let elderly = xml::ResultOfQualificationConfirmation {
        elderly_recipient: Some(xml::ElderlyRecipientCertificateInfo {
            contribution_ratio: Some("020".into()),
            ..Default::default()
        }),
        ..base("19540615")
    };
    assert_eq!(copay_ratio(&elderly, on).as_deref(), Some("020"));
    let preschool = xml::ResultOfQualificationConfirmation {
        preschool_classification: Some("1".into()),
        ..base("20220202")
    };
    assert_eq!(copay_ratio(&preschool, on).as_deref(), Some("020"));
    assert_eq!(copay_ratio(&base("19800217"), on).as_deref(), Some("030"));
    let welfare = xml::ResultOfQualificationConfirmation {
        insured_card_classification: Some(InsuredCardClassification::MedicalAssistance),
        ..base("19800217")
    };
    assert_eq!(copay_ratio(&welfare, on).as_deref(), Some("000"));
    // 70 the day before: still 69 → 3割; 70 without a certificate: unknown.
    assert_eq!(copay_ratio(&base("19561124"), on).as_deref(), Some("030"));
    assert_eq!(copay_ratio(&base("19561123"), on), None);
    assert_eq!(
        copay_ratio(&xml::ResultOfQualificationConfirmation::default(), on),
        None
    );
}
