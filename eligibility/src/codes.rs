//! Code tables of the centre (業務コード仕様 OQSCDnnn) as enums, each value documented with its
//! name in the specification; the words a person reads for them are the desk's. A code the
//! table does not know is kept as `Unknown(code)`, never dropped, so a newer centre cannot
//! make a reply unreadable and the clerk still sees the raw value.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! code_table {
    ($(#[$m:meta])* $name:ident, $table:literal { $($var:ident = $code:literal, $ja:literal;)* }) => {
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
    NotAgreed = "0", "未同意";
    Agreed = "1", "同意";
});

code_table!(
    /// 照会区分.
    ReferenceClassification, "OQSCD002" {
    Card = "1", "マイナンバーカード";
    InsuranceCard = "2", "被保険者証情報";
});

code_table!(
    /// 処理結果区分 (header).
    SegmentOfResult, "OQSCD003" {
    Normal = "1", "正常終了";
    Processing = "2", "処理中";
    Abnormal = "9", "異常終了";
});

code_table!(
    /// 処理結果状況 (per person).
    ProcessingResultStatus, "OQSCD004" {
    Normal = "1", "正常終了";
    Error = "2", "エラー";
});

code_table!(
    /// 文字コード識別.
    CharacterCode, "OQSCD005" {
    Utf8 = "0", "UTF-8";
    ShiftJis = "1", "Shift_JIS";
});

code_table!(
    /// 資格有効性.
    QualificationValidity, "OQSCD006" {
    Valid = "1", "有効";
    Invalid = "2", "無効";
    InvalidNewQualification = "3", "無効（新しい資格あり）";
    NotFound = "4", "該当資格なし";
    MultipleMatches = "5", "複数該当";
    ValidUnregistered = "6", "有効（未登録）";
});

code_table!(
    /// 性別.
    Sex, "OQSCD007" {
    Male = "1", "男";
    Female = "2", "女";
    NotSet = "3", "未設定";
});

code_table!(
    /// 資格喪失事由.
    ReasonOfLoss, "OQSCD008" {
    Death = "01", "死亡";
    WelfareStarted = "02", "生活保護受給開始";
    OtherInsurance = "03", "医療保険等の資格取得";
    Other = "99", "その他";
});

code_table!(
    /// 本人・家族の別.
    PersonalFamily, "OQSCD009" {
    Insured = "1", "本人";
    Family = "2", "家族";
});

code_table!(
    /// 被保険者証区分.
    InsuredCardClassification, "OQSCD010" {
    General = "01", "被保険者証（一般）";
    Retired = "02", "被保険者証（退職）";
    ShortTermGeneral = "03", "短期被保険者証（一般）";
    ShortTermRetired = "04", "短期被保険者証（退職）";
    QualificationCertificate = "05", "被保険者資格証明書";
    SpecialRetired = "06", "特例退職被保険者証";
    SelfDefenseForces = "07", "自衛官診療証";
    MedicalAssistance = "A1", "医療扶助";
});

code_table!(
    /// 限度額適用認定証区分.
    LimitCertificateClass, "OQSCD011" {
    Limit = "01", "限度額適用認定証";
    LimitAndReduction = "02", "限度額適用・標準負担額減額認定証";
    Reduction = "03", "標準負担額減額認定証";
});

code_table!(
    /// 限度額適用認定証適用区分.
    LimitCategory, "OQSCD012" {
    A01 = "A01", "ア";
    A02 = "A02", "イ";
    A03 = "A03", "ウ";
    A04 = "A04", "エ";
    A05 = "A05", "オ";
    A06 = "A06", "オ（境）";
    B01 = "B01", "現役並みⅢ";
    B02 = "B02", "現役並みⅡ";
    B03 = "B03", "現役並みⅠ";
    B04 = "B04", "一般";
    B05 = "B05", "低所得Ⅱ";
    B06 = "B06", "低所得Ⅰ";
    B07 = "B07", "低所得Ⅰ（老福）";
    B08 = "B08", "低所得Ⅰ（境）";
    B09 = "B09", "一般Ⅱ";
    B10 = "B10", "一般Ⅰ";
});

code_table!(
    /// 特定疾病区分.
    SpecificDisease, "OQSCD013" {
    Dialysis = "1", "人工透析を要する慢性腎不全";
    Haemophilia = "2", "先天性血液凝固因子障害";
    Hiv = "3", "血液凝固因子製剤に起因するHIV感染症";
});

code_table!(
    /// 同意フラグ (特定疾病, 特定健診, 薬剤, 診療, 手術).
    ConsentFlag, "OQSCD016" {
    No = "0", "同意なし";
    Yes = "1", "同意あり";
    Expired = "2", "同意有効期限切れ";
    Difficult = "3", "同意取得困難";
});

code_table!(
    /// 処方箋発行形態.
    PrescriptionIssue, "OQSCD017" {
    Electronic = "1", "電子処方箋";
    Paper = "2", "紙の処方箋";
});

code_table!(
    /// 診療区分.
    MedicalTreatmentFlag, "OQSCD028" {
    Outpatient = "1", "外来";
    HomeVisit = "2", "訪問診療等";
    Online = "3", "オンライン診療等";
    Emergency = "4", "救急時";
});

code_table!(
    /// 本人確認の方法 (PROPOSED, simulator card query).
    AuthMethod, "SIM-AUTH" {
    Pin = "1", "暗証番号";
    Face = "2", "顔認証";
    Visual = "3", "目視確認";
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
