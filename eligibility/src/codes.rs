//! Code tables of the centre (業務コード仕様 OQSCDnnn) as enums, each value documented with its
//! name in the specification; the words a person reads for them are the desk's. A code the
//! table does not know is kept as `Unknown(code)`, never dropped, so a newer centre cannot
//! make a reply unreadable and the clerk still sees the raw value.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! code_table {
    ($(#[$m:meta])* $name:ident, $table:literal { $($(#[$vm:meta])* $var:ident = $code:literal;)* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vm])* $var,)*
            /// A code not in our copy of the table, kept as sent.
            Unknown(String),
        }

        impl $name {
            /// The table's name in the centre's specification.
            pub const TABLE: &'static str = $table;

            pub fn code(&self) -> &str {
                match self {
                    $(Self::$var => $code,)*
                    Self::Unknown(c) => c,
                }
            }

            pub fn from_code(code: &str) -> Self {
                match code.trim() {
                    $($code => Self::$var,)*
                    other => Self::Unknown(other.to_string()),
                }
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                Ok(Self::from_code(&String::deserialize(d)?))
            }
        }
    };
}

code_table!(
    /// 限度額適用認定証提供同意フラグ.
    LimitConsent, "OQSCD001" {
    /// 未同意
    NotAgreed = "0";
    /// 同意
    Agreed = "1";
});

code_table!(
    /// 照会区分.
    ReferenceClassification, "OQSCD002" {
    /// マイナンバーカード
    Card = "1";
    /// 被保険者証情報
    InsuranceCard = "2";
});

code_table!(
    /// 処理結果区分 (header).
    SegmentOfResult, "OQSCD003" {
    /// 正常終了
    Normal = "1";
    /// 処理中
    Processing = "2";
    /// 異常終了
    Abnormal = "9";
});

code_table!(
    /// 処理結果状況 (per person).
    ProcessingResultStatus, "OQSCD004" {
    /// 正常終了
    Normal = "1";
    /// エラー
    Error = "2";
});

code_table!(
    /// 文字コード識別.
    CharacterCode, "OQSCD005" {
    /// UTF-8
    Utf8 = "0";
    /// Shift_JIS
    ShiftJis = "1";
});

code_table!(
    /// 資格有効性.
    QualificationValidity, "OQSCD006" {
    /// 有効
    Valid = "1";
    /// 無効
    Invalid = "2";
    /// 無効（新しい資格あり）
    InvalidNewQualification = "3";
    /// 該当資格なし
    NotFound = "4";
    /// 複数該当
    MultipleMatches = "5";
    /// 有効（未登録）
    ValidUnregistered = "6";
});

code_table!(
    /// 性別.
    Sex, "OQSCD007" {
    /// 男
    Male = "1";
    /// 女
    Female = "2";
    /// 未設定
    NotSet = "3";
});

code_table!(
    /// 資格喪失事由.
    ReasonOfLoss, "OQSCD008" {
    /// 死亡
    Death = "01";
    /// 生活保護受給開始
    WelfareStarted = "02";
    /// 医療保険等の資格取得
    OtherInsurance = "03";
    /// その他
    Other = "99";
});

code_table!(
    /// 本人・家族の別.
    PersonalFamily, "OQSCD009" {
    /// 本人
    Insured = "1";
    /// 家族
    Family = "2";
});

code_table!(
    /// 被保険者証区分.
    InsuredCardClassification, "OQSCD010" {
    /// 被保険者証（一般）
    General = "01";
    /// 被保険者証（退職）
    Retired = "02";
    /// 短期被保険者証（一般）
    ShortTermGeneral = "03";
    /// 短期被保険者証（退職）
    ShortTermRetired = "04";
    /// 被保険者資格証明書
    QualificationCertificate = "05";
    /// 特例退職被保険者証
    SpecialRetired = "06";
    /// 自衛官診療証
    SelfDefenseForces = "07";
    /// 医療扶助
    MedicalAssistance = "A1";
});

code_table!(
    /// 限度額適用認定証区分.
    LimitCertificateClass, "OQSCD011" {
    /// 限度額適用認定証
    Limit = "01";
    /// 限度額適用・標準負担額減額認定証
    LimitAndReduction = "02";
    /// 標準負担額減額認定証
    Reduction = "03";
});

code_table!(
    /// 限度額適用認定証適用区分.
    LimitCategory, "OQSCD012" {
    /// ア
    A01 = "A01";
    /// イ
    A02 = "A02";
    /// ウ
    A03 = "A03";
    /// エ
    A04 = "A04";
    /// オ
    A05 = "A05";
    /// オ（境）
    A06 = "A06";
    /// 現役並みⅢ
    B01 = "B01";
    /// 現役並みⅡ
    B02 = "B02";
    /// 現役並みⅠ
    B03 = "B03";
    /// 一般
    B04 = "B04";
    /// 低所得Ⅱ
    B05 = "B05";
    /// 低所得Ⅰ
    B06 = "B06";
    /// 低所得Ⅰ（老福）
    B07 = "B07";
    /// 低所得Ⅰ（境）
    B08 = "B08";
    /// 一般Ⅱ
    B09 = "B09";
    /// 一般Ⅰ
    B10 = "B10";
});

code_table!(
    /// 特定疾病区分.
    SpecificDisease, "OQSCD013" {
    /// 人工透析を要する慢性腎不全
    Dialysis = "1";
    /// 先天性血液凝固因子障害
    Haemophilia = "2";
    /// 血液凝固因子製剤に起因するHIV感染症
    Hiv = "3";
});

code_table!(
    /// 同意フラグ (特定疾病, 特定健診, 薬剤, 診療, 手術).
    ConsentFlag, "OQSCD016" {
    /// 同意なし
    No = "0";
    /// 同意あり
    Yes = "1";
    /// 同意有効期限切れ
    Expired = "2";
    /// 同意取得困難
    Difficult = "3";
});

code_table!(
    /// 処方箋発行形態.
    PrescriptionIssue, "OQSCD017" {
    /// 電子処方箋
    Electronic = "1";
    /// 紙の処方箋
    Paper = "2";
});

code_table!(
    /// 診療区分.
    MedicalTreatmentFlag, "OQSCD028" {
    /// 外来
    Outpatient = "1";
    /// 訪問診療等
    HomeVisit = "2";
    /// オンライン診療等
    Online = "3";
    /// 救急時
    Emergency = "4";
});

code_table!(
    /// 本人確認の方法 (PROPOSED, simulator card query).
    AuthMethod, "SIM-AUTH" {
    /// 暗証番号
    Pin = "1";
    /// 顔認証
    Face = "2";
    /// 目視確認
    Visual = "3";
});

// The enum comes from a macro, so `#[default]` cannot be put on the variant.
#[allow(clippy::derivable_impls)]
impl Default for AuthMethod {
    fn default() -> Self {
        AuthMethod::Pin
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_codes_are_kept() {
        let v = QualificationValidity::from_code("7");
        assert_eq!(v, QualificationValidity::Unknown("7".into()));
        assert_eq!(v.code(), "7");
        assert_eq!(
            QualificationValidity::from_code(" 5 "),
            QualificationValidity::MultipleMatches
        );
        assert_eq!(ReasonOfLoss::from_code("99"), ReasonOfLoss::Other);
    }
}
