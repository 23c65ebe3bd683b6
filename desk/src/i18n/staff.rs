//! The words of staff administration and the audit log: `onshi staff` (prompts, what was
//! done, every refusal), `onshi audit verify`, and the clerk console's banner when the audit
//! chain is broken. Japanese first, English complete; one exhaustive `match` per function.

use super::Lang;
use crate::staff::{Role, StaffError};

/// What a password prompt asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prompt {
    /// The approving administrator's password.
    Admin,
    /// The account's new password.
    New,
    /// The new password again.
    Again,
}

pub fn prompt(lang: Lang, p: Prompt) -> &'static str {
    match (lang, p) {
        (Lang::Ja, Prompt::Admin) => "管理者のパスワード",
        (Lang::Ja, Prompt::New) => "新しいパスワード",
        (Lang::Ja, Prompt::Again) => "新しいパスワード（確認）",
        (Lang::En, Prompt::Admin) => "administrator's password",
        (Lang::En, Prompt::New) => "new password",
        (Lang::En, Prompt::Again) => "new password (again)",
    }
}

/// What a staff command did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Done {
    Added(Role),
    RoleSet(Role),
    PasswordSet,
    Disabled,
    Enabled,
    Removed,
}

pub fn done(lang: Lang, d: Done, name: &str) -> String {
    match (lang, d) {
        (Lang::Ja, Done::Added(r)) => format!("{name} を追加しました（{}）", r.code()),
        (Lang::Ja, Done::RoleSet(r)) => format!("{name} の役割を {} にしました", r.code()),
        (Lang::Ja, Done::PasswordSet) => format!("{name} のパスワードを設定しました"),
        (Lang::Ja, Done::Disabled) => format!("{name} を無効にしました"),
        (Lang::Ja, Done::Enabled) => format!("{name} を有効にしました"),
        (Lang::Ja, Done::Removed) => format!("{name} を削除しました"),
        (Lang::En, Done::Added(r)) => format!("added {name} ({})", r.code()),
        (Lang::En, Done::RoleSet(r)) => format!("{name} is now {}", r.code()),
        (Lang::En, Done::PasswordSet) => format!("set the password of {name}"),
        (Lang::En, Done::Disabled) => format!("disabled {name}"),
        (Lang::En, Done::Enabled) => format!("enabled {name}"),
        (Lang::En, Done::Removed) => format!("removed {name}"),
    }
}

pub fn unknown_role(lang: Lang, code: &str) -> String {
    match lang {
        Lang::Ja => format!(
            "役割 {code} はありません（admin, doctor, dentist, pharmacist, clerk のいずれか）"
        ),
        Lang::En => {
            format!("unknown role {code} (one of admin, doctor, dentist, pharmacist, clerk)")
        }
    }
}

pub fn admin_needed(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => {
            "職員の追加・変更には管理者の承認が必要です。--admin 管理者名 を付け、管理者のパスワードを入力してください。"
        }
        Lang::En => {
            "staff changes need an administrator: add --admin NAME and give that administrator's password"
        }
    }
}

pub fn unreadable(lang: Lang, detail: &str) -> String {
    match lang {
        Lang::Ja => format!("パスワードを読み取れませんでした（{detail}）"),
        Lang::En => format!("the password could not be read ({detail})"),
    }
}

/// A login refused while the name waits after wrong passwords (CLI and viewer).
pub fn wait(lang: Lang, secs: u64) -> String {
    let (m, s) = (secs / 60, secs % 60);
    match lang {
        Lang::Ja if m > 0 => {
            format!("パスワードの誤りが続いたため、{m}分{s}秒待ってからもう一度お試しください。")
        }
        Lang::Ja => {
            format!("パスワードの誤りが続いたため、{s}秒待ってからもう一度お試しください。")
        }
        Lang::En if m > 0 => {
            format!("Too many wrong passwords: wait {m} min {s} s, then try again.")
        }
        Lang::En => format!("Too many wrong passwords: wait {s} s, then try again."),
    }
}

pub fn error(lang: Lang, e: &StaffError) -> String {
    use StaffError::*;
    match (lang, e) {
        (_, Throttled { wait_secs }) => wait(lang, *wait_secs),
        (Lang::Ja, Open { path, source }) => format!(
            "職員ファイル {} を開けません（{source}）。フォルダーが書き込めるか確認するか、設定の [staff] path を指定してください。",
            path.display()
        ),
        (Lang::Ja, Folder { path, source }) => format!(
            "職員ファイルのフォルダー {} を作れません（{source}）。権限を確認してください。",
            path.display()
        ),
        (Lang::Ja, Newer { path, found }) => format!(
            "職員ファイル {} は新しい版のオン資デスクで書かれています（スキーマ {found}）。アプリを更新してください。",
            path.display()
        ),
        (Lang::Ja, Sql(d)) => {
            format!("職員ファイルの処理に失敗しました（{d}）。空き容量と権限を確認してください。")
        }
        (Lang::Ja, Exists) => "同じ名前のアカウントがあります。別の名前にしてください。".into(),
        (Lang::Ja, NoSuchAccount) => {
            "その名前のアカウントはありません（onshi staff list で一覧を表示）。".into()
        }
        (Lang::Ja, BadName) => format!(
            "アカウント名は1〜{}文字で、制御文字は使えません。",
            crate::staff::NAME_MAX
        ),
        (Lang::Ja, ShortPassword { min }) => {
            format!("パスワードが短すぎます。{min}文字以上にしてください。")
        }
        (Lang::Ja, WrongLogin) => "職員名またはパスワードが違います。".into(),
        (Lang::Ja, Disabled) => "このアカウントは無効です。管理者に連絡してください。".into(),
        (Lang::Ja, NotAdmin) => {
            "このアカウントは管理者ではありません。職員の変更には管理者が必要です。".into()
        }
        (Lang::Ja, FirstMustBeAdmin) => {
            "管理者がまだいません。最初のアカウントは管理者にしてください（--role admin）。".into()
        }
        (Lang::Ja, LastAdmin) => {
            "最後の有効な管理者です。先に別の管理者を追加してください。".into()
        }
        (Lang::Ja, Audit(d)) => {
            format!("監査ログに書き込めなかったため、何も変更していません（{d}）。")
        }
        (Lang::Ja, Random) => {
            "乱数を得られなかったため、アカウントを作成していません。もう一度お試しください。"
                .into()
        }
        (Lang::En, e) => format!("{e}"),
    }
}

/// `onshi audit verify`: the chain holds.
pub fn audit_intact(lang: Lang, rows: u64) -> String {
    match lang {
        Lang::Ja => format!("監査ログの連鎖は壊れていません（{rows}行）。"),
        Lang::En => format!("the audit log is intact ({rows} rows)"),
    }
}

/// `onshi audit verify`: the first broken row.
pub fn audit_broken(lang: Lang, id: i64, at: Option<&str>) -> String {
    let at = at.unwrap_or("?");
    match lang {
        Lang::Ja => format!(
            "監査ログの連鎖が row {id}（{at}）で壊れています。この行またはその前の行が書き換えられたか、削除・挿入されています。ファイルをそのまま保全し、管理者に連絡してください。"
        ),
        Lang::En => format!(
            "the audit log's chain is broken at row {id} ({at}): that row or the one before it was changed, removed or inserted. Keep the file as it is and tell the administrator."
        ),
    }
}

/// The clerk console's banner while the audit chain is broken.
pub fn audit_banner(lang: Lang, id: i64) -> String {
    match lang {
        Lang::Ja => format!(
            "警告：監査ログが改ざんされている可能性があります（row {id} から）。管理者に連絡してください（onshi audit verify）。"
        ),
        Lang::En => format!(
            "Warning: the audit log may have been tampered with (from row {id}). Tell the administrator (onshi audit verify)."
        ),
    }
}

/// The clerk console's banner when the audit chain could not be checked at start.
pub fn audit_unchecked_banner(lang: Lang) -> String {
    match lang {
        Lang::Ja => "警告：監査ログを確認できませんでした（改ざんがないことを確かめられません）。管理者に連絡してください（onshi audit verify）。".into(),
        Lang::En => "Warning: the audit log could not be checked (it cannot be confirmed untampered). Tell the administrator (onshi audit verify).".into(),
    }
}

/// The clerk console's banner while staff accounts exist but no enabled administrator.
pub fn no_admin_banner(lang: Lang) -> String {
    match lang {
        Lang::Ja => "警告：有効な管理者アカウントがありません。誰でも最初の管理者を作れる状態です。すぐに onshi staff add 名前 --role admin で作成し、デスクを再起動してください。".into(),
        Lang::En => "Warning: there is no enabled administrator account, so anyone can make the first one. Make one now with onshi staff add NAME --role admin, then restart the desk.".into(),
    }
}
