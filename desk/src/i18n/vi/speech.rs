//! Spoken guidance in Vietnamese (eSpeak NG's `vi` voice): the English sentences of `en/speech.rs` translated, numbers
//! written as words so that no sentence holds a digit. Machine-drafted like the rest of this
//! catalogue: it needs a native speaker's review before use at a clinic (see `mod.rs`).

use crate::flow::Question;
use crate::i18n::speech::Cue;
use face_match::Guidance;

pub(in crate::i18n) fn say(c: Cue) -> &'static str {
    match c {
        Cue::PlaceCard => "Xin vui lòng đặt thẻ My Number lên máy đọc thẻ.",
        Cue::VisitEnded => "Lần tiếp nhận trước đã kết thúc. Xin vui lòng đặt lại thẻ.",
        Cue::ChooseMethod { pin: true } => {
            "Xin vui lòng chọn cách xác nhận danh tính: nhận diện khuôn mặt, hoặc mã PIN."
        }
        Cue::ChooseMethod { pin: false } => {
            "Xin vui lòng chọn cách xác nhận danh tính. Thẻ này không dùng được mã PIN."
        }
        Cue::Pin { tries_left: 3 } => "Xin vui lòng nhập mã PIN bốn chữ số. Bạn còn ba lần nhập.",
        Cue::Pin { tries_left: 2 } => "Xin vui lòng nhập mã PIN bốn chữ số. Bạn còn hai lần nhập.",
        Cue::Pin { tries_left: 1 } => "Xin vui lòng nhập mã PIN bốn chữ số. Bạn còn một lần nhập.",
        Cue::Pin { .. } => "Xin vui lòng nhập mã PIN bốn chữ số.",
        Cue::PinWrong { tries_left: 2 } => "Mã PIN không đúng. Bạn còn hai lần nhập.",
        Cue::PinWrong { tries_left: 1 } => "Mã PIN không đúng. Bạn còn một lần nhập.",
        Cue::PinWrong { .. } => "Mã PIN không đúng. Xin vui lòng nhập lại.",
        Cue::PinLastTry => "Bạn chỉ còn một lần nhập mã PIN. Nếu nhập sai, thẻ sẽ bị khóa.",
        Cue::PinLocked => {
            "Mã PIN của bạn đã bị khóa. Xin vui lòng chọn cách khác, hoặc hỏi nhân viên."
        }
        Cue::FaceNumber => {
            "Nhân viên sẽ kiểm tra mặt trước của thẻ. Xin vui lòng để nguyên thẻ và chờ một chút."
        }
        Cue::FaceLive => "Xin vui lòng nhìn vào camera.",
        Cue::FaceGuidance(g) => match g {
            Guidance::NoFace => "Xin vui lòng nhìn vào camera.",
            Guidance::OnePersonOnly => "Xin vui lòng xác nhận từng người một.",
            Guidance::MoveCloser => "Xin vui lòng lại gần hơn một chút.",
            Guidance::MoveBack => "Xin vui lòng lùi lại một chút.",
            Guidance::CentreFace => "Xin vui lòng đưa khuôn mặt vào giữa khung hình.",
            Guidance::LookStraight => "Xin vui lòng nhìn thẳng về phía trước.",
            Guidance::TooDark => "Khuôn mặt của bạn quá tối.",
            Guidance::TooBright => "Khuôn mặt của bạn quá sáng. Xin vui lòng tránh ánh sáng.",
            Guidance::HoldStill => "Xin vui lòng giữ yên.",
            Guidance::Checking => "Xin vui lòng chờ một chút.",
        },
        Cue::FaceFailed => {
            "Nhận diện khuôn mặt không thành công. Xin vui lòng thử lại, hoặc chọn cách khác."
        }
        Cue::FaceUnavailable => "Không thể dùng nhận diện khuôn mặt. Xin vui lòng chọn cách khác.",
        Cue::Visual => "Nhân viên sẽ xác nhận danh tính của bạn. Xin vui lòng chờ một chút.",
        Cue::Consent(q) => match q {
            Question::DrugAndDiagnosis => {
                "Bạn có đồng ý cho bác sĩ và dược sĩ xem thông tin khám chữa bệnh và thuốc trước đây không?"
            }
            Question::Checkup => {
                "Bạn có đồng ý cho bác sĩ xem kết quả khám sức khỏe trước đây không?"
            }
            Question::Surgery => {
                "Bạn có đồng ý cho bác sĩ xem thông tin phẫu thuật trước đây không?"
            }
            Question::Limit => "Bạn có cung cấp thông tin hạn mức chi phí y tế cao không?",
            Question::Comprehensive => {
                "Bạn có đồng ý cho bác sĩ và dược sĩ xem thông tin khám chữa bệnh, thuốc và phẫu thuật trước đây không?"
            }
        },
        Cue::Prescription => "Xin vui lòng chọn đơn thuốc điện tử hoặc đơn thuốc giấy.",
        Cue::RegisterOffer => {
            "Thẻ này chưa được đăng ký làm thẻ bảo hiểm y tế. Bạn có muốn đăng ký ngay bây giờ không?"
        }
        Cue::RegisterDetails => {
            "Nhân viên sẽ nhập số thẻ bảo hiểm của bạn. Xin vui lòng chờ một chút."
        }
        Cue::TakeCard => "Đã tiếp nhận xong. Xin vui lòng lấy lại thẻ. Xin cảm ơn.",
        Cue::TakeCardTrouble => "Xin vui lòng lấy lại thẻ, và hỏi nhân viên.",
    }
}
