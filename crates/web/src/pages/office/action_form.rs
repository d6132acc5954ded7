//! The action forms of the dossier page, posted as `action=<kind>` and Vietnamese field names,
//! read into the [`Action`] the API takes as JSON. Reading only checks the shape (numbers,
//! dates, units); the state machine checks the rest and says why in its own sentence.

use super::intake::Fields;
use cchc_calendar::WorkDuration;
use cchc_domain::UnitCode;
use cchc_domain::dossier::{
    Action, ActionKind, Assignee, Channel, Dossier, Intake, ProcedureTerms,
};
use chrono::NaiveDateTime;

/// The kind named by `action=` (the API's snake_case names).
pub fn kind_of(name: &str) -> Option<ActionKind> {
    name.parse().ok()
}

/// The snake_case name of `kind`.
pub fn name_of(kind: ActionKind) -> String {
    kind.as_str().to_owned()
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

fn optional(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_owned())
}

/// A `datetime-local` value (`2026-03-02T09:30`, seconds optional).
pub fn parse_local(text: &str) -> Option<NaiveDateTime> {
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
}

fn channel(text: &str) -> Result<Channel, String> {
    match text {
        "direct" => Ok(Channel::Direct),
        "online" => Ok(Channel::Online),
        "postal" => Ok(Channel::Postal),
        _ => Err("Chưa chọn kênh trả kết quả.".to_owned()),
    }
}

/// An amount of đồng, written with or without thousands separators (`50.000`).
fn amount(text: &str) -> Result<u64, String> {
    let digits: String = text
        .chars()
        .filter(|c| !matches!(c, '.' | ',' | ' '))
        .collect();
    digits
        .parse()
        .map_err(|_| "Số tiền phải là một số đồng (ví dụ 50.000).".to_owned())
}

/// The receipt of an online submission: its code and checklist, with what was ticked.
fn receive(f: &Fields, d: &Dossier) -> Action {
    let ticked = f.ticked("thanh_phan");
    let mut intake: Intake = d.intake.clone();
    for (i, c) in intake.components.iter_mut().enumerate() {
        c.provided = ticked.contains(&i);
    }
    Action::Receive {
        channel: d.channel,
        intake,
        // The store replaces the terms with those of the version in force at receipt.
        terms: ProcedureTerms {
            duration: WorkDuration::WorkingDays(1),
            cutoff: None,
        },
    }
}

fn forward(f: &Fields) -> Result<Action, String> {
    let unit = UnitCode::parse(f.get("don_vi"))
        .map_err(|_| "Chưa nhập đúng mã đơn vị nhận hồ sơ.".to_owned())?;
    let budget_hours = f
        .get("so_gio")
        .parse()
        .map_err(|_| "Thời gian của bước phải là số giờ làm việc (số nguyên).".to_owned())?;
    Ok(Action::Forward {
        to: Assignee {
            unit,
            officer: optional(f.get("can_bo")),
        },
        budget_hours,
    })
}

/// The action posted in `f` on the dossier `d`, at `now` (the default time of a return).
pub fn parse(f: &Fields, d: &Dossier, now: NaiveDateTime) -> Result<Action, String> {
    let kind = kind_of(f.get("action")).ok_or_else(|| "Thao tác không hợp lệ.".to_owned())?;
    let reason = || f.get("ly_do").to_owned();
    let note = || optional(f.get("ghi_chu"));
    Ok(match kind {
        ActionKind::Submit => return Err("Hồ sơ đã được nộp.".to_owned()),
        ActionKind::Receive => receive(f, d),
        ActionKind::Refuse => Action::Refuse { reason: reason() },
        ActionKind::RequestSupplement => Action::RequestSupplement {
            items: lines(f.get("noi_dung")),
            reason: reason(),
        },
        ActionKind::Supplement => Action::Supplement { note: note() },
        ActionKind::Forward => forward(f)?,
        ActionKind::CompleteStep => Action::CompleteStep { note: note() },
        ActionKind::RequestPayment => Action::RequestPayment {
            amount_vnd: amount(f.get("so_tien"))?,
        },
        ActionKind::Pay => Action::Pay {
            online: !f.get("truc_tuyen").is_empty(),
        },
        ActionKind::ProposeExtension => Action::ProposeExtension {
            apology: reason(),
            new_due: parse_local(f.get("han_moi"))
                .ok_or_else(|| "Chưa nhập ngày giờ hẹn trả mới.".to_owned())?,
        },
        ActionKind::Stop => Action::Stop { reason: reason() },
        ActionKind::Withdraw => Action::Withdraw {
            reason: optional(f.get("ly_do")),
        },
        ActionKind::Finish => Action::Finish {
            result_codes: lines(f.get("ma_ket_qua")),
            files: lines(f.get("tep")),
            electronic: !f.get("dien_tu").is_empty(),
        },
        ActionKind::Return => Action::Return {
            channel: channel(f.get("kenh"))?,
            at: match f.get("thoi_diem") {
                "" => now,
                t => parse_local(t).ok_or_else(|| "Thời điểm trả không hợp lệ.".to_owned())?,
            },
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Fields {
        Fields(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    #[test]
    fn kinds_round_trip_through_their_names() {
        for kind in ActionKind::ALL {
            assert_eq!(kind_of(&name_of(kind)), Some(kind));
        }
        assert_eq!(kind_of("fly"), None);
    }

    #[test]
    fn amounts_dates_and_lines_are_read_as_people_write_them() {
        assert_eq!(amount("50.000"), Ok(50_000));
        assert!(amount("năm mươi").is_err());
        assert_eq!(
            parse_local("2026-03-02T09:30").map(|t| t.to_string()),
            Some("2026-03-02 09:30:00".to_owned())
        );
        assert_eq!(lines(" a \n\n b"), ["a", "b"]);
        let f = fields(&[("don_vi", "H31.SNV"), ("so_gio", "tám")]);
        assert!(forward(&f).unwrap_err().contains("số giờ"));
        let f = fields(&[("don_vi", "H31.SNV"), ("so_gio", "8"), ("can_bo", "")]);
        assert!(matches!(
            forward(&f),
            Ok(Action::Forward {
                budget_hours: 8,
                to: Assignee { officer: None, .. }
            })
        ));
    }
}
