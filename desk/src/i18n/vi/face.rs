//! Tiếng Việt (Vietnamese): what the patient is told while the camera checks their face, and why a face
//! check failed (the clerk's lines about the card front too). Machine-drafted: see `mod.rs`.

use crate::flow::{Field, FrameProblem, FrontReading, MaskedReading};
use face_match::{Guidance, Outcome};
use zeroize::Zeroizing;

pub(in crate::i18n) fn front_problem(p: FrameProblem) -> &'static str {
    match p {
        FrameProblem::NoCard => "Vui lòng đặt thẻ với mặt trước hướng lên trên",
        FrameProblem::TooDark => "Thẻ trông quá tối. Vui lòng đặt thẻ vào hết đầu đọc",
        FrameProblem::Glare => "Vui lòng tránh để ánh sáng phản chiếu trên thẻ",
        FrameProblem::Blurred => "Vui lòng giữ yên thẻ",
        FrameProblem::NotMyNumberCard => "Vui lòng đặt thẻ My Number",
        FrameProblem::Unreadable(_) => "Vui lòng đặt lại thẻ",
    }
}

pub(in crate::i18n) fn front_reading_clerk(f: FrontReading) -> Option<String> {
    match f {
        FrontReading::Off => None,
        FrontReading::Reading { problem: None } => {
            Some("Đang đọc mã đối chiếu B từ mặt trước thẻ (hoặc nhập tay)".into())
        }
        FrontReading::Reading {
            problem: Some(FrameProblem::Unreadable(field)),
        } => Some(format!(
            "Đang đọc mặt trước thẻ: không đọc được {} (hoặc nhập tay)",
            match field {
                Field::BirthDate => "ngày sinh",
                Field::Expiry => "ngày hết hạn",
                Field::SecurityCode => "mã bảo mật",
            }
        )),
        FrontReading::Reading { problem: Some(p) } => Some(format!(
            "Đang đọc mặt trước thẻ: bệnh nhân được hướng dẫn “{}” (hoặc nhập tay)",
            front_problem(p)
        )),
        FrontReading::Refused => {
            Some("Thẻ từ chối số đọc được từ mặt trước: hãy nhìn thẻ và nhập tay".into())
        }
        FrontReading::Unavailable => {
            Some("Không đọc được mặt trước thẻ: hãy nhập mã đối chiếu B".into())
        }
    }
}

pub(in crate::i18n) fn front_refused_reading(m: &MaskedReading) -> Zeroizing<String> {
    Zeroizing::new(format!(
        "Đọc từ mặt trước thẻ (hãy đối chiếu với thẻ): ngày sinh {} / hết hạn năm {} / mã bảo mật {}",
        *crate::i18n::printed_birth(m),
        m.expiry_year(),
        crate::i18n::MASKED_CODE
    ))
}

pub(in crate::i18n) fn face_outcome(o: Outcome) -> &'static str {
    match o {
        Outcome::Match => "Đã xác nhận đúng là bạn",
        Outcome::NoMatch => "Không xác nhận được bạn là người trong ảnh trên thẻ",
        Outcome::TimedOut => "Không xác nhận được trong thời gian cho phép",
        Outcome::AttackSuspected(_) => {
            "Không thể dùng ảnh hoặc màn hình. Vui lòng tự nhìn vào camera"
        }
    }
}

pub(in crate::i18n) fn guidance(g: Guidance) -> &'static str {
    match g {
        Guidance::NoFace => "Vui lòng nhìn vào camera",
        Guidance::OnePersonOnly => "Vui lòng từng người một",
        Guidance::MoveCloser => "Vui lòng lại gần hơn",
        Guidance::MoveBack => "Vui lòng lùi lại một chút",
        Guidance::CentreFace => "Vui lòng đưa mặt vào giữa khung",
        Guidance::LookStraight => "Vui lòng nhìn thẳng vào camera",
        Guidance::TooDark => "Mặt quá tối. Vui lòng đứng chỗ sáng hơn",
        Guidance::TooBright => "Mặt quá sáng. Vui lòng tránh ánh sáng mạnh",
        Guidance::HoldStill => "Vui lòng giữ yên",
        Guidance::Checking => "Vui lòng chờ một chút",
    }
}
