//! The patient screen's guides in Vietnamese: step names, what each picture shows (read out by
//! assistive technology), the language row. Machine-drafted: needs a native speaker's review
//! before use at a clinic (see `mod.rs`).

use crate::flow::Step;
use crate::i18n::patient::Picture;

pub(in crate::i18n) fn step(s: Step) -> &'static str {
    match s {
        Step::Card => "Thẻ",
        Step::Identity => "Xác nhận",
        Step::Consent => "Đồng ý",
        Step::Done => "Xong",
    }
}

pub(in crate::i18n) fn step_of(s: Step) -> String {
    format!("Bước {} / {}: {}", s.number(), Step::ALL.len(), step(s))
}

pub(in crate::i18n) fn picture(p: Picture) -> &'static str {
    match p {
        Picture::CardOnReader => "Hình thẻ đặt trên máy đọc thẻ",
        Picture::Face => "Hình khuôn mặt trong khung hình bầu dục",
        Picture::PinPad => "Hình bàn phím số mã PIN",
        Picture::TakeCard => "Hình lấy thẻ khỏi máy đọc thẻ",
        Picture::Done => "Dấu kiểm: đã xong",
        Picture::Wait => "Đồng hồ cát: xin vui lòng chờ",
        Picture::Question => "Bong bóng câu hỏi",
        Picture::CameraView => "Hình camera và khung bầu dục cho khuôn mặt",
    }
}

pub(in crate::i18n) fn language_row() -> &'static str {
    "Chọn ngôn ngữ"
}
