//! Code tables of the centre (業務コード仕様 OQSCDnnn) as enums with their Japanese and English
//! labels. A code the table does not know is kept as `Unknown(code)`, never dropped, so a newer
//! centre cannot make a reply unreadable and the clerk still sees the raw value.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! code_table {
    ($(#[$m:meta])* $name:ident, $table:literal { $($var:ident = $code:literal, $ja:literal, $en:literal;)* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $(#[doc = $ja] $var,)*
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

            pub fn label_ja(&self) -> &str {
                match self {
                    $(Self::$var => $ja,)*
                    Self::Unknown(_) => "不明なコード",
                }
            }

            pub fn label_en(&self) -> &str {
                match self {
                    $(Self::$var => $en,)*
                    Self::Unknown(_) => "unknown code",
                }
            }

            pub fn label(&self, lang: crate::ids::Lang) -> &str {
                match lang {
                    crate::ids::Lang::Ja => self.label_ja(),
                    crate::ids::Lang::En => self.label_en(),
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
    NotAgreed = "0", "未同意", "not agreed";
    Agreed = "1", "同意", "agreed";
});

code_table!(
    /// 照会区分.
    ReferenceClassification, "OQSCD002" {
    Card = "1", "マイナンバーカード", "My Number Card";
    InsuranceCard = "2", "被保険者証情報", "insurance card numbers";
});

code_table!(
    /// 処理結果区分 (header).
    SegmentOfResult, "OQSCD003" {
    Normal = "1", "正常終了", "completed";
    Processing = "2", "処理中", "processing";
    Abnormal = "9", "異常終了", "failed";
});

code_table!(
    /// 処理結果状況 (per person).
    ProcessingResultStatus, "OQSCD004" {
    Normal = "1", "正常終了", "completed";
    Error = "2", "エラー", "error";
});

code_table!(
    /// 文字コード識別.
    CharacterCode, "OQSCD005" {
    Utf8 = "0", "UTF-8", "UTF-8";
    ShiftJis = "1", "Shift_JIS", "Shift_JIS";
});

code_table!(
    /// 資格有効性.
    QualificationValidity, "OQSCD006" {
    Valid = "1", "有効", "valid";
    Invalid = "2", "無効", "invalid";
    InvalidNewQualification = "3", "無効（新しい資格あり）", "invalid (a newer qualification exists)";
    NotFound = "4", "該当資格なし", "no matching qualification";
    MultipleMatches = "5", "複数該当", "several matches";
    ValidUnregistered = "6", "有効（未登録）", "valid (not registered)";
});

code_table!(
    /// 性別.
    Sex, "OQSCD007" {
    Male = "1", "男", "male";
    Female = "2", "女", "female";
    NotSet = "3", "未設定", "not set";
});

code_table!(
    /// 資格喪失事由.
    ReasonOfLoss, "OQSCD008" {
    Death = "01", "死亡", "death";
    WelfareStarted = "02", "生活保護受給開始", "public assistance started";
    OtherInsurance = "03", "医療保険等の資格取得", "joined another insurance";
    Other = "99", "その他", "other";
});

code_table!(
    /// 本人・家族の別.
    PersonalFamily, "OQSCD009" {
    Insured = "1", "本人", "insured person";
    Family = "2", "家族", "family member";
});

code_table!(
    /// 被保険者証区分.
    InsuredCardClassification, "OQSCD010" {
    General = "01", "被保険者証（一般）", "insurance card (general)";
    Retired = "02", "被保険者証（退職）", "insurance card (retired)";
    ShortTermGeneral = "03", "短期被保険者証（一般）", "short-term card (general)";
    ShortTermRetired = "04", "短期被保険者証（退職）", "short-term card (retired)";
    QualificationCertificate = "05", "被保険者資格証明書", "certificate of qualification";
    SpecialRetired = "06", "特例退職被保険者証", "special retired card";
    SelfDefenseForces = "07", "自衛官診療証", "SDF medical card";
    MedicalAssistance = "A1", "医療扶助", "medical assistance";
});

code_table!(
    /// 限度額適用認定証区分.
    LimitCertificateClass, "OQSCD011" {
    Limit = "01", "限度額適用認定証", "ceiling certificate";
    LimitAndReduction = "02", "限度額適用・標準負担額減額認定証", "ceiling and meal-cost reduction certificate";
    Reduction = "03", "標準負担額減額認定証", "meal-cost reduction certificate";
});

code_table!(
    /// 限度額適用認定証適用区分.
    LimitCategory, "OQSCD012" {
    A01 = "A01", "ア", "a (income ≥ ¥11.6M)";
    A02 = "A02", "イ", "i";
    A03 = "A03", "ウ", "u";
    A04 = "A04", "エ", "e";
    A05 = "A05", "オ", "o (tax-exempt)";
    A06 = "A06", "オ（境）", "o (boundary)";
    B01 = "B01", "現役並みⅢ", "working-level III";
    B02 = "B02", "現役並みⅡ", "working-level II";
    B03 = "B03", "現役並みⅠ", "working-level I";
    B04 = "B04", "一般", "general";
    B05 = "B05", "低所得Ⅱ", "low income II";
    B06 = "B06", "低所得Ⅰ", "low income I";
    B07 = "B07", "低所得Ⅰ（老福）", "low income I (welfare pension)";
    B08 = "B08", "低所得Ⅰ（境）", "low income I (boundary)";
    B09 = "B09", "一般Ⅱ", "general II";
    B10 = "B10", "一般Ⅰ", "general I";
});

code_table!(
    /// 特定疾病区分.
    SpecificDisease, "OQSCD013" {
    Dialysis = "1", "人工透析を要する慢性腎不全", "chronic renal failure on dialysis";
    Haemophilia = "2", "先天性血液凝固因子障害", "congenital coagulation factor disorder";
    Hiv = "3", "血液凝固因子製剤に起因するHIV感染症", "HIV from coagulation factor products";
});

code_table!(
    /// 同意フラグ (特定疾病, 特定健診, 薬剤, 診療, 手術).
    ConsentFlag, "OQSCD016" {
    No = "0", "同意なし", "no consent";
    Yes = "1", "同意あり", "consent given";
    Expired = "2", "同意有効期限切れ", "consent expired";
    Difficult = "3", "同意取得困難", "consent could not be obtained";
});

code_table!(
    /// 処方箋発行形態.
    PrescriptionIssue, "OQSCD017" {
    Electronic = "1", "電子処方箋", "electronic prescription";
    Paper = "2", "紙の処方箋", "paper prescription";
});

code_table!(
    /// 診療区分.
    MedicalTreatmentFlag, "OQSCD028" {
    Outpatient = "1", "外来", "outpatient";
    HomeVisit = "2", "訪問診療等", "home visit";
    Online = "3", "オンライン診療等", "online";
    Emergency = "4", "救急時", "emergency";
});

code_table!(
    /// 本人確認の方法 (PROPOSED, simulator card query).
    AuthMethod, "SIM-AUTH" {
    Pin = "1", "暗証番号", "PIN";
    Face = "2", "顔認証", "face";
    Visual = "3", "目視確認", "visual check";
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
        assert_eq!(v.label_ja(), "不明なコード");
        assert_eq!(
            QualificationValidity::from_code(" 5 "),
            QualificationValidity::MultipleMatches
        );
        assert_eq!(ReasonOfLoss::Other.label_ja(), "その他");
    }
}
