//! The e-mail of a reminder: its states and what an attempt makes of them.
//!
//! `pending` (new) → `sent`; a failed attempt makes it `failed` (retried later) until
//! [`MAX_ATTEMPTS`] failures make it `given_up`; `skipped` when it is never to be sent (no
//! address, or reached more than [`STALE_DAYS`] days before the attempt). A skip is not an
//! attempt; a sending and a failure are.

/// Failed attempts before a reminder's e-mail is given up.
pub const MAX_ATTEMPTS: i64 = 8;

/// A reminder reached more than this many days before the attempt is not e-mailed.
pub const STALE_DAYS: i64 = 7;

/// How an attempt ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailOutcome {
    Sent,
    /// Not sent; retried at `retry_at_ms` (or given up after [`MAX_ATTEMPTS`]).
    Failed {
        error: String,
        retry_at_ms: i64,
    },
    /// Never to be sent, with the reason.
    Skipped(String),
}

/// Where a reminder's e-mail stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailState {
    Pending,
    Sent,
    Failed,
    GivenUp,
    Skipped,
}

impl MailState {
    /// The name the state is stored by.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sent => "sent",
            Self::Failed => "failed",
            Self::GivenUp => "given_up",
            Self::Skipped => "skipped",
        }
    }
}

/// The state and attempt count after an attempt that ended with `outcome`, `attempts` made
/// before it.
pub fn after_attempt(outcome: &MailOutcome, attempts: i64) -> (MailState, i64) {
    match outcome {
        MailOutcome::Sent => (MailState::Sent, attempts + 1),
        MailOutcome::Skipped(_) => (MailState::Skipped, attempts),
        MailOutcome::Failed { .. } if attempts + 1 >= MAX_ATTEMPTS => {
            (MailState::GivenUp, attempts + 1)
        }
        MailOutcome::Failed { .. } => (MailState::Failed, attempts + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failed() -> MailOutcome {
        MailOutcome::Failed {
            error: "450 mailbox busy".into(),
            retry_at_ms: 0,
        }
    }

    #[test]
    fn a_failure_is_retried_until_the_last_attempt_gives_up() {
        let mut attempts = 0;
        let mut states = Vec::new();
        for _ in 0..MAX_ATTEMPTS {
            let (state, after) = after_attempt(&failed(), attempts);
            assert_eq!(after, attempts + 1);
            states.push(state);
            attempts = after;
        }
        assert!(
            states[..states.len() - 1]
                .iter()
                .all(|s| *s == MailState::Failed)
        );
        assert_eq!(states.last(), Some(&MailState::GivenUp));
        assert_eq!(attempts, MAX_ATTEMPTS);
    }

    #[test]
    fn a_sending_counts_as_an_attempt_and_a_skip_does_not() {
        assert_eq!(after_attempt(&MailOutcome::Sent, 2), (MailState::Sent, 3));
        let skip = MailOutcome::Skipped("no address".into());
        assert_eq!(after_attempt(&skip, 2), (MailState::Skipped, 2));
        let names: Vec<&str> = [
            MailState::Pending,
            MailState::Sent,
            MailState::Failed,
            MailState::GivenUp,
            MailState::Skipped,
        ]
        .map(MailState::as_str)
        .to_vec();
        assert_eq!(names, ["pending", "sent", "failed", "given_up", "skipped"]);
    }
}
