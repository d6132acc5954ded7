//! Every status × every action: allowed ones move to the expected status, all others are refused
//! with a sentence naming the action and the status.

use super::super::{ActionKind, RefusalKind, Status, allowed_actions, permits};
use super::{Run, at, finish, forward, receive, request_supplement, sample};
use crate::dossier::Action;

use ActionKind as A;
use Status as S;

/// (from, action, to); `to = None`: allowed in the status but refused by a rule in the fixture
/// (paying a resolved dossier with nothing outstanding).
const ALLOWED: &[(Option<Status>, ActionKind, Option<Status>)] = &[
    (None, A::Submit, Some(S::Submitted)),
    (None, A::Receive, Some(S::Received)),
    (Some(S::Submitted), A::Receive, Some(S::Received)),
    (Some(S::Submitted), A::Refuse, Some(S::Refused)),
    (Some(S::Submitted), A::Withdraw, Some(S::Withdrawn)),
    (Some(S::Received), A::Forward, Some(S::Processing)),
    (Some(S::Received), A::Withdraw, Some(S::Withdrawn)),
    (
        Some(S::Processing),
        A::RequestSupplement,
        Some(S::AwaitingSupplement),
    ),
    (Some(S::Processing), A::Forward, Some(S::Processing)),
    (Some(S::Processing), A::CompleteStep, Some(S::Processing)),
    (
        Some(S::Processing),
        A::RequestPayment,
        Some(S::AwaitingPayment),
    ),
    (
        Some(S::Processing),
        A::ProposeExtension,
        Some(S::Processing),
    ),
    (Some(S::Processing), A::Stop, Some(S::Stopped)),
    (Some(S::Processing), A::Withdraw, Some(S::Withdrawn)),
    (Some(S::Processing), A::Finish, Some(S::Resolved)),
    (
        Some(S::AwaitingSupplement),
        A::Supplement,
        Some(S::Processing),
    ),
    (Some(S::AwaitingSupplement), A::Stop, Some(S::Stopped)),
    (Some(S::AwaitingPayment), A::Pay, Some(S::Processing)),
    (Some(S::AwaitingPayment), A::Finish, Some(S::Resolved)),
    (Some(S::Resolved), A::Pay, None),
    (Some(S::Resolved), A::Return, Some(S::Returned)),
];

/// A dossier in `status`, built on Monday 2026-03-02.
fn fixture(status: Option<Status>) -> Run {
    let mut r = Run::new();
    let submitted = |r: &mut Run| {
        let a = sample(A::Submit, &r.state, at("2026-03-02T08:00"));
        r.act("2026-03-02T08:00", &a);
    };
    let processing = |r: &mut Run| {
        r.act(
            "2026-03-02T08:00",
            &receive("2026-03-02T08:00", "5wd", None),
        )
        .act("2026-03-02T09:00", &forward(8));
    };
    let reason = || "Lý do".to_owned();
    match status {
        None => {}
        Some(S::Submitted) => submitted(&mut r),
        Some(S::Refused) => {
            submitted(&mut r);
            r.act("2026-03-02T08:30", &Action::Refuse { reason: reason() });
        }
        Some(S::Received) => {
            r.act(
                "2026-03-02T08:00",
                &receive("2026-03-02T08:00", "5wd", None),
            );
        }
        Some(S::Withdrawn) => {
            r.act(
                "2026-03-02T08:00",
                &receive("2026-03-02T08:00", "5wd", None),
            )
            .act("2026-03-02T09:00", &Action::Withdraw { reason: None });
        }
        Some(s) => {
            processing(&mut r);
            let next: Vec<Action> = match s {
                S::AwaitingSupplement => vec![request_supplement()],
                S::AwaitingPayment => vec![Action::RequestPayment { amount_vnd: 30_000 }],
                S::Stopped => vec![Action::Stop { reason: reason() }],
                S::Resolved => vec![finish()],
                S::Returned => vec![
                    finish(),
                    Action::Return {
                        channel: crate::dossier::Channel::Direct,
                        at: at("2026-03-02T10:30"),
                    },
                ],
                _ => vec![],
            };
            for a in &next {
                r.act("2026-03-02T10:30", a);
            }
        }
    }
    assert_eq!(r.state.status(), status);
    r
}

fn all_statuses() -> impl Iterator<Item = Option<Status>> {
    std::iter::once(None).chain(Status::ALL.into_iter().map(Some))
}

#[test]
fn the_table_is_the_transition_function() {
    for status in all_statuses() {
        let expected: Vec<ActionKind> = ActionKind::ALL
            .into_iter()
            .filter(|k| ALLOWED.iter().any(|(s, a, _)| *s == status && a == k))
            .collect();
        assert_eq!(allowed_actions(status), expected, "{status:?}");
    }
}

#[test]
fn every_status_and_action() {
    let when = at("2026-03-03T09:00");
    for status in all_statuses() {
        for kind in ActionKind::ALL {
            let mut r = fixture(status);
            let action = sample(kind, &r.state, when);
            let result = r.try_at(when, &action);
            let row = ALLOWED.iter().find(|(s, a, _)| *s == status && *a == kind);
            match (row, result) {
                (Some((_, _, Some(to))), Ok(())) => {
                    assert_eq!(r.state.status(), Some(*to), "{status:?} {kind:?}");
                }
                (Some((_, _, None)), Err(e)) => assert_eq!(e.kind, RefusalKind::Rule),
                (None, Err(e)) => check_not_allowed(status, kind, &e),
                (row, result) => panic!("{status:?} {kind:?}: {row:?} but {result:?}"),
            }
        }
    }
}

fn check_not_allowed(status: Option<Status>, kind: ActionKind, e: &crate::dossier::Refusal) {
    assert!(!permits(status, kind));
    assert_eq!(e.kind, RefusalKind::NotAllowed, "{status:?} {kind:?}");
    assert!(
        e.vi.starts_with("Không thể ") && e.vi.contains(kind.label_vi()),
        "{}",
        e.vi
    );
    assert!(
        e.en.starts_with("Cannot ") && e.en.contains(kind.label_en()),
        "{}",
        e.en
    );
    if let Some(s) = status {
        assert!(e.vi.contains(s.label_vi()), "{}", e.vi);
        assert!(e.en.contains(s.dvcqg_code()), "{}", e.en);
    }
    assert!(e.vi.ends_with('.') && e.en.ends_with('.'));
}

#[test]
fn the_refusal_names_what_is_allowed() {
    let mut r = fixture(Some(S::AwaitingSupplement));
    let e = r.try_do("2026-03-03T09:00", &finish()).unwrap_err();
    assert_eq!(
        e.vi,
        "Không thể hoàn thành xử lý hồ sơ vì hồ sơ đang ở trạng thái “Yêu cầu bổ sung giấy tờ” (5). \
         Thao tác được phép: ghi nhận bổ sung hồ sơ; dừng xử lý hồ sơ."
    );
    assert_eq!(
        e.en,
        "Cannot finish the dossier: the dossier is awaiting a supplement (status 5 waiting). \
         Allowed now: record the supplement; stop processing."
    );
    let mut r = fixture(Some(S::Returned));
    let e = r.try_do("2026-03-03T09:00", &forward(2)).unwrap_err();
    assert!(e.en.ends_with("The dossier is closed; no action is possible."));
}
