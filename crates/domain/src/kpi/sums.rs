//! Prefix sums of timeline entries and the [`Counts`] of a window they give (the
//! differences of [`super::aggregate`]'s design).

use super::counts::{Counts, Digitisation};
use super::events::{KINDS, Kind};
use super::timeline::Tally;

/// Prefix sums before the period (`a`, entries before its start) and at the instant (`b`).
#[derive(Debug, Default)]
pub(crate) struct Sums {
    a: Tally<KINDS>,
    b: Tally<KINDS>,
}

impl Sums {
    pub(crate) fn add(&mut self, a: &Tally<KINDS>, b: &Tally<KINDS>) {
        for k in 0..KINDS {
            self.a[k] += a[k];
            self.b[k] += b[k];
        }
    }

    /// Entries of kind `k` in the period, up to the instant.
    fn in_window(&self, k: Kind) -> i64 {
        self.b[k as usize] - self.a[k as usize]
    }

    fn sum(t: &Tally<KINDS>, kinds: &[Kind]) -> i64 {
        kinds.iter().map(|k| t[*k as usize]).sum()
    }

    /// Received in the period up to the instant, by channel.
    pub(crate) fn received(&self) -> [u64; 3] {
        [Kind::RecvDirect, Kind::RecvOnline, Kind::RecvPostal]
            .map(|k| u64::try_from(self.in_window(k)).unwrap_or(0))
    }

    pub(crate) fn counts(&self) -> Counts {
        use Kind::*;
        let n = |v: i64| u64::try_from(v).unwrap_or(0);
        let (a, b) = (&self.a, &self.b);
        let recv = [RecvDirect, RecvOnline, RecvPostal];
        let fin = [FinEarly, FinOnTime, FinLate];
        let open = Self::sum(b, &recv) - Self::sum(b, &fin);
        let within = b[WithinStart as usize] - b[WithinEnd as usize];
        let late = self.in_window(FinLate);
        let bad_population = b[RecvBad as usize] - a[FinBad as usize];
        let bad_open = b[RecvBad as usize] - b[FinBad as usize];
        let bad_within = b[BadWithinStart as usize] - b[BadWithinEnd as usize];
        let population = |recv: Kind, fin: Kind| n(b[recv as usize] - a[fin as usize]);
        let in_population = Digitisation {
            electronic_result: population(RecvElectronic, FinElectronic),
            digitised_result: population(RecvDigitised, FinDigitised),
            reused_data: population(RecvReused, FinReused),
            personal_store: population(RecvPersonal, FinPersonal),
            citizen_data: population(RecvCitizen, FinCitizen),
        };
        let unsatisfied = late + (open - within) + bad_population
            - self.in_window(FinLateBad)
            - (bad_open - bad_within);
        Counts {
            carried_over: n(Self::sum(a, &recv) - Self::sum(a, &fin)),
            received: recv.map(|k| n(self.in_window(k))),
            finished: fin.map(|k| n(self.in_window(k))),
            unfinished: [n(within), n(open - within)],
            reused_data: n(self.in_window(RecvReused)),
            personal_store: n(self.in_window(RecvPersonal)),
            citizen_data: n(self.in_window(RecvCitizen)),
            fee_obligation: n(self.in_window(RecvFee)),
            paid_online: n(self.in_window(RecvPaid)),
            with_result: n(self.in_window(FinResult)),
            electronic_result: n(self.in_window(FinElectronic)),
            digitised_result: n(self.in_window(FinDigitised)),
            rated: n(b[RecvRated as usize] - a[FinRated as usize]),
            unsatisfied: n(unsatisfied),
            rated_dissatisfied: n(b[RecvRatedBad as usize] - a[FinRatedBad as usize]),
            in_population,
            procedures_with_fee: 0,
            procedures_paid_online: 0,
            procedures_citizen_data: 0,
        }
    }
}
