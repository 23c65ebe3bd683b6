//! The insurance-card check form, without any drawing: the five fields a clerk types from a
//! 保険証 (保険者番号, 記号, 番号, 枝番, 生年月日) and the 限度額 consent, each field checked
//! as it is typed with the reason beside it, and the search for
//! [`eligibility::Client::check_insurance_card`] once every field is right. A screen shows
//! [`CheckForm::state`] under each field and enables its button on [`CheckForm::ready`]; the
//! CLI fills the same form from its arguments.

use eligibility::xml::SearchInfo;
use eligibility::{
    BirthDate, BranchNumber, CardNumber, CardSymbol, Field, IdError, InsurerNumber, Lang, Reason,
};

/// The fields of the form, in the order a clerk fills them.
pub const FIELDS: [Field; 5] = [
    Field::InsurerNumber,
    Field::CardSymbol,
    Field::CardNumber,
    Field::BranchNumber,
    Field::BirthDate,
];

/// What to show beside a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldState {
    /// Nothing typed yet and nothing required now.
    Blank,
    /// Typed so far is a good start but not complete (e.g. 5 digits of a 保険者番号): no
    /// complaint while typing, the reason shows if the form is submitted like this.
    Typing(IdError),
    /// Good.
    Ok,
    /// Wrong already: show the reason.
    Bad(IdError),
}

impl FieldState {
    /// The message for the clerk, if the field is wrong now.
    pub fn message(&self, lang: Lang) -> Option<String> {
        match self {
            FieldState::Bad(e) => Some(e.message(lang)),
            _ => None,
        }
    }
}

/// The form as typed. Strings are kept exactly as typed (full-width digits are fine: the
/// identifier types normalise them).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct CheckForm {
    pub insurer: String,
    pub symbol: String,
    pub number: String,
    pub branch: String,
    /// YYYYMMDD, YYYY-MM-DD or YYYY/MM/DD.
    pub birth: String,
    /// 限度額適用認定証関連情報の提供に同意.
    pub limit_consent: bool,
    /// 資格確認日: the day the eligibility is asked for (a returned claim is checked for the
    /// day of the visit). Empty: today in Japan. Same spellings as `birth`.
    pub date: String,
}

/// The 資格確認日 typed is not a calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadDate;

// The typed numbers and birth date are personal data.
impl std::fmt::Debug for CheckForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CheckForm")
            .field("limit_consent", &self.limit_consent)
            .finish_non_exhaustive()
    }
}

fn digit_count(typed: &str) -> usize {
    typed
        .chars()
        .filter(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
        .count()
}

/// An input that may still grow into a good value: too short, a 6-digit start of an 8-digit
/// 保険者番号 (its check digit is not the 6-digit one's), or a date still being typed.
fn may_grow(e: &IdError, typed: &str) -> bool {
    match (&e.field, &e.reason) {
        (Field::InsurerNumber, Reason::CheckDigit { .. }) => digit_count(typed) == 6,
        (_, Reason::WrongLength { got, .. }) => {
            // 保険者番号 6 or 8 digits: 7 is a start of 8; anything under the longest is.
            let longest = match e.field {
                Field::InsurerNumber => 8,
                Field::BranchNumber => 2,
                _ => usize::MAX,
            };
            *got < longest
        }
        (Field::BirthDate, Reason::NotADate) => digit_count(typed) < 8,
        _ => false,
    }
}

/// Checks one typed value of `field`; `required` says whether blank is an error (on submit).
fn check_value(field: Field, typed: &str, required: bool) -> FieldState {
    let optional = matches!(field, Field::CardSymbol | Field::BranchNumber);
    if typed.trim().is_empty() {
        return if required && !optional {
            FieldState::Bad(IdError {
                field,
                reason: Reason::Empty,
            })
        } else {
            FieldState::Blank
        };
    }
    let r = match field {
        Field::InsurerNumber => typed.parse::<InsurerNumber>().map(drop),
        Field::CardSymbol => typed.parse::<CardSymbol>().map(drop),
        Field::CardNumber => typed.parse::<CardNumber>().map(drop),
        Field::BranchNumber => typed.parse::<BranchNumber>().map(drop),
        Field::BirthDate => typed.parse::<BirthDate>().map(drop),
        Field::InstitutionCode => Ok(()),
    };
    match r {
        Ok(()) => FieldState::Ok,
        Err(e) if !required && may_grow(&e, typed) => FieldState::Typing(e),
        Err(e) => FieldState::Bad(e),
    }
}

impl CheckForm {
    /// What was typed in `field`.
    pub fn value(&self, field: Field) -> &str {
        match field {
            Field::InsurerNumber => &self.insurer,
            Field::CardSymbol => &self.symbol,
            Field::CardNumber => &self.number,
            Field::BranchNumber => &self.branch,
            Field::BirthDate => &self.birth,
            Field::InstitutionCode => "",
        }
    }

    /// The text of `field`, for a screen's text box.
    pub fn value_mut(&mut self, field: Field) -> Option<&mut String> {
        match field {
            Field::InsurerNumber => Some(&mut self.insurer),
            Field::CardSymbol => Some(&mut self.symbol),
            Field::CardNumber => Some(&mut self.number),
            Field::BranchNumber => Some(&mut self.branch),
            Field::BirthDate => Some(&mut self.birth),
            Field::InstitutionCode => None,
        }
    }

    /// The state of `field` while typing: a wrong character or a bad check digit shows at
    /// once, an unfinished value does not.
    pub fn state(&self, field: Field) -> FieldState {
        check_value(field, self.value(field), false)
    }

    /// Every field's state while typing.
    pub fn states(&self) -> [(Field, FieldState); 5] {
        FIELDS.map(|f| (f, self.state(f)))
    }

    /// All required fields are filled and right: the check may be sent.
    pub fn ready(&self) -> bool {
        self.submit_errors().is_empty()
    }

    /// What is wrong if the form were sent now, one error per field, in form order.
    pub fn submit_errors(&self) -> Vec<IdError> {
        FIELDS
            .iter()
            .filter_map(|&f| match check_value(f, self.value(f), true) {
                FieldState::Bad(e) | FieldState::Typing(e) => Some(e),
                FieldState::Blank | FieldState::Ok => None,
            })
            .collect()
    }

    /// The 資格確認日 typed, `None` when left empty (today), or [`BadDate`].
    pub fn confirmation_date(&self) -> Result<Option<time::Date>, BadDate> {
        if self.date.trim().is_empty() {
            return Ok(None);
        }
        eligibility::ids::parse_yyyymmdd(&self.date)
            .map(Some)
            .ok_or(BadDate)
    }

    /// The search to send, or every field's error.
    pub fn search(&self) -> Result<SearchInfo, Vec<IdError>> {
        let errors = self.submit_errors();
        if !errors.is_empty() {
            return Err(errors);
        }
        eligibility::Client::search_from_text(
            &self.insurer,
            &self.symbol,
            &self.number,
            &self.branch,
            &self.birth,
            self.limit_consent,
        )
        .map_err(|e| match e {
            eligibility::ClientError::InvalidInput(e) => vec![e],
            // search_from_text only validates; any other error would be a bug there.
            other => unreachable!("search_from_text made a request: {other}"),
        })
    }
}

/// The most `onshi check --stdin` reads: a request is a few hundred bytes.
pub const STDIN_MAX: usize = 16 * 1024;

/// The request of `onshi check --stdin`. Unknown keys are refused, so that a misspelt key
/// is not silently left out.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct StdinRequest {
    insurer: String,
    #[serde(default)]
    symbol: String,
    number: String,
    #[serde(default)]
    branch: String,
    birth: String,
    #[serde(default)]
    limit_consent: bool,
    #[serde(default)]
    date: String,
}

/// Why the request on standard input cannot be used. Never holds a value of the request
/// (serde's own messages can quote one), only keys and positions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StdinProblem {
    /// Standard input could not be read.
    Read,
    /// More than [`STDIN_MAX`] bytes.
    TooLong,
    /// Not one JSON object (at this line and column).
    NotJson { line: usize, column: usize },
    /// A key the request does not have (misspelt?).
    UnknownKey(String),
    /// A required key is absent.
    MissingKey(String),
    /// A value that is not a string (or, for limit_consent, not true / false).
    WrongType { line: usize, column: usize },
}

/// Reads `onshi check --stdin`'s request from `input` into the form the flags fill.
pub fn read_stdin_request(input: &mut dyn std::io::Read) -> Result<CheckForm, StdinProblem> {
    use std::io::Read as _;
    let mut bytes = zeroize::Zeroizing::new(Vec::new());
    input
        .take(STDIN_MAX as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| StdinProblem::Read)?;
    if bytes.len() > STDIN_MAX {
        return Err(StdinProblem::TooLong);
    }
    let r: StdinRequest = serde_json::from_slice(&bytes).map_err(|e| {
        let (line, column) = (e.line(), e.column());
        let msg = e.to_string();
        // serde names keys between backticks; only the key is kept, never a value.
        let key = || {
            msg.split('`')
                .nth(1)
                .unwrap_or_default()
                .chars()
                .take(40)
                .collect::<String>()
        };
        match e.classify() {
            serde_json::error::Category::Data if msg.starts_with("unknown field") => {
                StdinProblem::UnknownKey(key())
            }
            serde_json::error::Category::Data if msg.starts_with("missing field") => {
                StdinProblem::MissingKey(key())
            }
            serde_json::error::Category::Data => StdinProblem::WrongType { line, column },
            _ => StdinProblem::NotJson { line, column },
        }
    })?;
    Ok(CheckForm {
        insurer: r.insurer,
        symbol: r.symbol,
        number: r.number,
        branch: r.branch,
        birth: r.birth,
        limit_consent: r.limit_consent,
        date: r.date,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use eligibility::ids::check_digit;

    fn form() -> CheckForm {
        CheckForm {
            insurer: "01130012".into(),
            symbol: "1234567".into(),
            number: "12".into(),
            branch: "00".into(),
            birth: "1980-02-17".into(),
            limit_consent: true,
            date: String::new(),
        }
    }

    #[test]
    fn a_good_form_builds_the_search_with_the_limit_consent() {
        let f = form();
        assert!(f.ready());
        for (field, s) in f.states() {
            assert_eq!(s, FieldState::Ok, "{field:?}");
        }
        let s = f.search().unwrap();
        assert_eq!(s.insurer_number.digits(), "01130012");
        assert_eq!(s.insured_card_symbol.unwrap().as_str(), "1234567");
        assert_eq!(s.insured_identification_number.as_str(), "12");
        assert_eq!(s.insured_branch_number.unwrap().as_str(), "00");
        assert_eq!(s.birthdate.wire(), "19800217");
        assert_eq!(
            s.limit_consent,
            eligibility::codes::LimitConsent::Agreed,
            "the consent box is sent"
        );
    }

    #[test]
    fn a_bad_check_digit_is_reported_on_the_insurer_field_as_typed() {
        assert_eq!(check_digit("0113001"), 2, "the good number's check digit");
        let f = CheckForm {
            insurer: "01130013".into(),
            ..form()
        };
        let FieldState::Bad(e) = f.state(Field::InsurerNumber) else {
            panic!(
                "a wrong check digit shows at once: {:?}",
                f.state(Field::InsurerNumber)
            );
        };
        assert_eq!(e.field, Field::InsurerNumber);
        assert_eq!(
            e.reason,
            Reason::CheckDigit {
                expected: 2,
                got: 3
            }
        );
        assert!(
            f.state(Field::InsurerNumber)
                .message(Lang::Ja)
                .unwrap()
                .contains("保険者番号の検証番号")
        );
        // The other fields are unaffected; the form cannot be sent.
        assert_eq!(f.state(Field::CardNumber), FieldState::Ok);
        assert!(!f.ready());
        let errs = f.search().unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].field, Field::InsurerNumber);
    }

    #[test]
    fn full_width_digits_and_a_six_digit_kokuho_number_are_accepted() {
        let f = CheckForm {
            insurer: "０１１０１５".into(),
            symbol: "札中".into(),
            number: "２２０１".into(),
            branch: "".into(),
            birth: "19750930".into(),
            limit_consent: false,
            date: String::new(),
        };
        assert_eq!(f.state(Field::InsurerNumber), FieldState::Ok);
        assert_eq!(f.state(Field::BranchNumber), FieldState::Blank);
        let s = f.search().unwrap();
        assert_eq!(s.insurer_number.digits(), "011015");
        assert!(s.insured_branch_number.is_none());
    }

    #[test]
    fn an_unfinished_value_waits_while_typing_but_is_refused_on_submit() {
        let f = CheckForm {
            insurer: "0113".into(),
            birth: "1980-02".into(),
            ..form()
        };
        assert!(matches!(
            f.state(Field::InsurerNumber),
            FieldState::Typing(_)
        ));
        assert!(matches!(f.state(Field::BirthDate), FieldState::Typing(_)));
        assert_eq!(f.state(Field::InsurerNumber).message(Lang::Ja), None);
        let fields: Vec<Field> = f.submit_errors().iter().map(|e| e.field).collect();
        assert_eq!(fields, [Field::InsurerNumber, Field::BirthDate]);
    }

    #[test]
    fn a_space_in_a_number_and_an_impossible_date_show_at_once() {
        let f = CheckForm {
            number: "12 3".into(),
            birth: "19800231".into(),
            ..form()
        };
        let FieldState::Bad(e) = f.state(Field::CardNumber) else {
            panic!("a space inside the 番号 is refused");
        };
        assert_eq!(e.reason, Reason::BadCharacter('\u{3000}'));
        let FieldState::Bad(e) = f.state(Field::BirthDate) else {
            panic!("30 Feb is not a date");
        };
        assert_eq!(e.reason, Reason::NotADate);
        let too_long = CheckForm {
            branch: "001".into(),
            ..form()
        };
        assert!(matches!(
            too_long.state(Field::BranchNumber),
            FieldState::Bad(_)
        ));
    }

    #[test]
    fn six_digits_of_an_eight_digit_number_are_not_called_wrong_while_typing() {
        // 011300 is not a valid 6-digit 国保 number, but it is how 01130012 begins.
        let f = CheckForm {
            insurer: "011300".into(),
            ..form()
        };
        assert_eq!(check_digit("01130"), 4, "so 011300 fails its own check");
        assert!(matches!(
            f.state(Field::InsurerNumber),
            FieldState::Typing(_)
        ));
        let errs = f.submit_errors();
        assert!(
            matches!(errs[0].reason, Reason::CheckDigit { .. }),
            "{errs:?}"
        );
    }

    #[test]
    fn blank_required_fields_are_named_on_submit_only() {
        let f = CheckForm::default();
        assert!(f.states().iter().all(|(_, s)| *s == FieldState::Blank));
        let fields: Vec<Field> = f.submit_errors().iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [Field::InsurerNumber, Field::CardNumber, Field::BirthDate],
            "記号 and 枝番 may be blank"
        );
    }

    #[test]
    fn debug_hides_the_typed_numbers() {
        let s = format!("{:?}", form());
        assert!(!s.contains("1234567") && !s.contains("1980"), "{s}");
    }
}
