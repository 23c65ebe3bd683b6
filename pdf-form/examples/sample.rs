//! Writes a sample consent form to the path given (to look at the layout).
use pdf_form::{Form, Item, render};

fn main() {
    let out = std::env::args().nth(1).unwrap_or_else(|| "form.pdf".into());
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let font = std::fs::read(root.join("assets/fonts/BIZUDPGothic-Regular.ttf")).expect("font");
    let form = Form {
        items: vec![
            Item::Title("オンライン資格確認 同意書（見本）".into()),
            Item::Field { label: "氏名".into(), value: "見本 花子".into() },
            Item::Field { label: "日付".into(), value: "2026年12月5日".into() },
            Item::Gap,
            Item::Text("マイナンバーカードによる本人確認のあと、次の情報を医師・薬剤師などが見ることについて、同意する項目に印をつけてください。".into()),
            Item::Checkbox("薬剤情報・診療情報・手術情報".into()),
            Item::Checkbox("特定健診情報".into()),
            Item::Gap,
            Item::Signature("署名".into()),
        ],
    };
    std::fs::write(&out, render(&form, &font).expect("form")).expect("write");
}
