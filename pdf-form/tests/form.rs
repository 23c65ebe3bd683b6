//! The form as a real PDF reader sees it: poppler's `pdftotext` and `pdfinfo` (installed by
//! `cargo xtask setup`) read back the Japanese text, the filled-in name and the page count.

use pdf_form::{Form, FormError, Item, render};
use std::process::Command;

fn font() -> Vec<u8> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    std::fs::read(root.join("assets/fonts/BIZUDPGothic-Regular.ttf")).unwrap()
}

fn poppler(tool: &str, pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("form.pdf");
    std::fs::write(&path, pdf).unwrap();
    let mut cmd = Command::new(tool);
    if tool == "pdftotext" {
        cmd.args(["-enc", "UTF-8"]).arg(&path).arg("-");
    } else {
        cmd.arg(&path);
    }
    let out = cmd.output().unwrap_or_else(|e| panic!("{tool}: {e}"));
    assert!(
        out.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn pages(pdf: &[u8]) -> usize {
    let info = poppler("pdfinfo", pdf);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in {info}"))
}

fn consent(name: &str) -> Form {
    Form {
        items: vec![
            Item::Title("オンライン資格確認 同意書".into()),
            Item::Field {
                label: "氏名".into(),
                value: name.into(),
            },
            Item::Field {
                label: "日付".into(),
                value: "2026年12月5日".into(),
            },
            Item::Gap,
            Item::Text("同意する項目に印をつけてください。".into()),
            Item::Checkbox("薬剤情報・診療情報・手術情報の提供に同意する".into()),
            Item::Checkbox("特定健診情報の提供に同意する".into()),
            Item::Signature("署名".into()),
        ],
    }
}

#[test]
fn the_printed_form_reads_back_with_the_patients_name_and_every_item() {
    let pdf = render(&consent("山﨑 トメ"), &font()).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = poppler("pdftotext", &pdf);
    for want in [
        "オンライン資格確認 同意書",
        "氏名: 山﨑 トメ",
        "2026年12月5日",
        "薬剤情報・診療情報・手術情報の提供に同意する",
        "特定健診情報の提供に同意する",
        "署名",
    ] {
        assert!(text.contains(want), "{want:?} not in {text:?}");
    }
    assert_eq!(pages(&pdf), 1);
}

#[test]
fn a_long_form_wraps_at_the_margin_and_goes_on_to_a_second_page() {
    let mut form = consent("Maria Silva");
    let sentence = "Leia com atenção antes de assinar este formulário de consentimento. ";
    for _ in 0..60 {
        form.items.push(Item::Text(sentence.repeat(3)));
    }
    let pdf = render(&form, &font()).unwrap();
    assert!(pages(&pdf) >= 2);
    let text = poppler("pdftotext", &pdf);
    // Wrapped at spaces: no word is cut in two at a line end.
    for line in text
        .lines()
        .filter(|l| l.starts_with("Leia") || l.contains("atenção"))
    {
        for word in line.split_whitespace() {
            assert!(sentence.contains(word), "cut word {word:?} in {line:?}");
        }
    }
}

#[test]
fn a_character_the_font_lacks_is_refused_without_saying_which() {
    match render(&consent("\u{E000}\u{E001}"), &font()) {
        Err(FormError::MissingGlyphs { count }) => assert_eq!(count, 2),
        other => panic!("{:?}", other.map(|b| b.len())),
    }
    assert!(matches!(
        render(&consent("x"), b"not a font"),
        Err(FormError::Font)
    ));
}
