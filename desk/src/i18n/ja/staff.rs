//! 日本語: the words of `i18n/staff.rs` (its types and the dispatch are there).

use crate::i18n::staff::*;
use crate::staff::StaffError;

pub(in crate::i18n) fn prompt(p: Prompt) -> &'static str {
    match p {
        Prompt::Admin => "管理者のパスワード",
        Prompt::New => "新しいパスワード",
        Prompt::Again => "新しいパスワード（確認）",
    }
}

pub(in crate::i18n) fn done(d: Done, name: &str) -> String {
    match d {
        Done::Added(r) => format!("{name} を追加しました（{}）", r.code()),
        Done::RoleSet(r) => format!("{name} の役割を {} にしました", r.code()),
        Done::PasswordSet => format!("{name} のパスワードを設定しました"),
        Done::Disabled => format!("{name} を無効にしました"),
        Done::Enabled => format!("{name} を有効にしました"),
        Done::Removed => format!("{name} を削除しました"),
    }
}

pub(in crate::i18n) fn unknown_role(code: &str) -> String {
    format!("役割 {code} はありません（admin, doctor, dentist, pharmacist, clerk のいずれか）")
}

pub(in crate::i18n) fn admin_needed() -> &'static str {
    {
        "職員の追加・変更には管理者の承認が必要です。--admin 管理者名 を付け、管理者のパスワードを入力してください。"
    }
}

pub(in crate::i18n) fn unreadable(detail: &str) -> String {
    format!("パスワードを読み取れませんでした（{detail}）")
}

pub(in crate::i18n) fn error(e: &StaffError) -> String {
    use StaffError::*;
    match e {
        Throttled { wait_secs } => wait(*wait_secs / 60, *wait_secs % 60),
        Open { path, source } => format!(
            "職員ファイル {} を開けません（{source}）。フォルダーが書き込めるか確認するか、設定の [staff] path を指定してください。",
            path.display()
        ),
        Folder { path, source } => format!(
            "職員ファイルのフォルダー {} を作れません（{source}）。権限を確認してください。",
            path.display()
        ),
        Newer { path, found } => format!(
            "職員ファイル {} は新しい版のオン資デスクで書かれています（スキーマ {found}）。アプリを更新してください。",
            path.display()
        ),
        Sql(d) => {
            format!("職員ファイルの処理に失敗しました（{d}）。空き容量と権限を確認してください。")
        }
        Exists => "同じ名前のアカウントがあります。別の名前にしてください。".into(),
        NoSuchAccount => {
            "その名前のアカウントはありません（onshi staff list で一覧を表示）。".into()
        }
        BadName => format!(
            "アカウント名は1〜{}文字で、制御文字は使えません。",
            crate::staff::NAME_MAX
        ),
        ShortPassword { min } => {
            format!("パスワードが短すぎます。{min}文字以上にしてください。")
        }
        WrongLogin => "職員名またはパスワードが違います。".into(),
        Disabled => "このアカウントは無効です。管理者に連絡してください。".into(),
        NotAdmin => "このアカウントは管理者ではありません。職員の変更には管理者が必要です。".into(),
        FirstMustBeAdmin => {
            "管理者がまだいません。最初のアカウントは管理者にしてください（--role admin）。".into()
        }
        LastAdmin => "最後の有効な管理者です。先に別の管理者を追加してください。".into(),
        Audit(d) => {
            format!("監査ログに書き込めなかったため、何も変更していません（{d}）。")
        }
        Random => {
            "乱数を得られなかったため、アカウントを作成していません。もう一度お試しください。"
                .into()
        }
    }
}

pub(in crate::i18n) fn audit_intact(rows: u64) -> String {
    format!("監査ログの連鎖は壊れていません（{rows}行）。")
}

pub(in crate::i18n) fn audit_broken(id: i64, at: Option<&str>) -> String {
    let at = at.unwrap_or("?");
    format!(
        "監査ログの連鎖が row {id}（{at}）で壊れています。この行またはその前の行が書き換えられたか、削除・挿入されています。ファイルをそのまま保全し、管理者に連絡してください。"
    )
}

pub(in crate::i18n) fn audit_banner(id: i64) -> String {
    format!(
        "警告：監査ログが改ざんされている可能性があります（row {id} から）。管理者に連絡してください（onshi audit verify）。"
    )
}

pub(in crate::i18n) fn audit_unchecked_banner() -> String {
    "警告：監査ログを確認できませんでした（改ざんがないことを確かめられません）。管理者に連絡してください（onshi audit verify）。".into()
}

pub(in crate::i18n) fn no_admin_banner() -> String {
    "警告：有効な管理者アカウントがありません。誰でも最初の管理者を作れる状態です。すぐに onshi staff add 名前 --role admin で作成し、デスクを再起動してください。".into()
}

/// `m` minutes and `s` seconds to wait.
pub(in crate::i18n) fn wait(m: u64, s: u64) -> String {
    if m > 0 {
        format!("パスワードの誤りが続いたため、{m}分{s}秒待ってからもう一度お試しください。")
    } else {
        format!("パスワードの誤りが続いたため、{s}秒待ってからもう一度お試しください。")
    }
}
