//! A reproducible population of synthetic dossiers of Hưng Yên units: every dossier is a pure
//! function of the seed and its key (unit, rank within the unit), so a run can stream millions
//! of them twice (once into our aggregate, once into SQL) without keeping them, and rebuild any
//! one of them later.
//!
//! The mix: receipts on working days over the years asked for, a few busy units (the service
//! centre, departments) and many communes; channels direct / online / postal; procedures drawn
//! with a skew from each unit's pool; due times of 1–20 working days by the national calendar;
//! 0, 1 or 2 supplement requests; finished early, on the due day or late, some never (stuck),
//! those finishing after the data's end still open; terminal statuses and the QĐ 766 flags.

use cchc_calendar::{WorkCalendar, WorkDuration};
use cchc_domain::dossier::{Channel, Status};
use cchc_domain::kpi::{DossierFacts, Flags, SupplementSpan};
use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeDelta};

/// The default seed.
pub const SEED: u64 = 20_261_127;
/// The province whose units receive the dossiers.
pub const PROVINCE: &str = "H31";

/// A small, fast generator (SplitMix64), seeded per dossier.
pub struct Rng(u64);

impl Rng {
    /// The generator of one key.
    #[must_use]
    pub fn new(seed: u64, a: u64, b: u64) -> Self {
        let mut r = Rng(seed ^ a.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ b.rotate_left(32));
        r.next();
        r
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n.max(1))) >> 64) as u64
    }

    /// Uniform in `[0, 1)`.
    #[expect(clippy::cast_precision_loss, reason = "53 random bits")]
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1_u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// The index picked with the given weights (per mille, summing to 1000).
    pub fn pick(&mut self, weights: &[u64]) -> usize {
        let mut x = self.below(1000);
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }
}

/// A dossier's key: its unit (index) and its rank among the unit's dossiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub unit: u32,
    pub rank: u32,
}

/// One synthetic dossier.
#[derive(Debug, Clone)]
pub struct Synthetic {
    pub facts: DossierFacts,
    pub status: Status,
    /// The applicant's name (synthetic).
    pub applicant: String,
}

struct UnitSpec {
    code: String,
    commune: bool,
    pool: Vec<u16>,
}

/// The population.
pub struct Population {
    seed: u64,
    units: Vec<UnitSpec>,
    procedures: Vec<String>,
    days: Vec<NaiveDate>,
    per_unit: Vec<u64>,
    calendar: WorkCalendar,
    end: NaiveDateTime,
}

/// Procedure codes in the synthetic catalogue.
const PROCEDURES: usize = 600;
/// The most used procedures of a unit are drawn among the first codes (the shipped ones).
const SHIPPED_FIRST: usize = 30;
/// Processing times (working days) and their weights (‰).
const WORKING_DAYS: [u32; 7] = [1, 3, 5, 7, 10, 15, 20];
const WORKING_DAY_WEIGHTS: [u64; 7] = [150, 200, 250, 150, 130, 80, 40];

impl Population {
    /// `n` dossiers over `units` units (H31 units of the shipped org data) received
    /// over the `years` calendar years ending with 2026.
    pub fn new(seed: u64, n: u64, units: usize, years: u32) -> Result<Self, String> {
        let specs = unit_specs(seed, units)?;
        let calendar = WorkCalendar::national().map_err(|e| e.to_string())?;
        let first = 2027 - i32::try_from(years).map_err(|e| e.to_string())?;
        let start = NaiveDate::from_ymd_opt(first, 1, 1).ok_or("bad --years")?;
        let last = NaiveDate::from_ymd_opt(2026, 12, 31).ok_or("bad end")?;
        let days: Vec<NaiveDate> = start
            .iter_days()
            .take_while(|d| *d <= last)
            .filter(|d| calendar.is_working_day(*d).unwrap_or(false))
            .collect();
        let weights: Vec<u64> = specs.iter().map(|s| weight(&s.code, seed)).collect();
        let total: u64 = weights.iter().sum();
        let mut per_unit: Vec<u64> = weights.iter().map(|w| n * w / total).collect();
        let short = n - per_unit.iter().sum::<u64>();
        for c in per_unit
            .iter_mut()
            .take(usize::try_from(short).unwrap_or(0))
        {
            *c += 1;
        }
        Ok(Self {
            seed,
            units: specs,
            procedures: procedure_codes(),
            days,
            per_unit,
            calendar,
            end: last.and_hms_opt(23, 59, 59).ok_or("bad end")?,
        })
    }

    /// The unit codes, by index.
    pub fn unit_codes(&self) -> impl Iterator<Item = &str> {
        self.units.iter().map(|u| u.code.as_str())
    }

    /// Whether unit `u` is a commune, ward or township (QĐ 766 commune tier).
    #[must_use]
    pub fn is_commune(&self, u: usize) -> bool {
        self.units[u].commune
    }

    /// The number of dossiers.
    #[must_use]
    pub fn len(&self) -> u64 {
        self.per_unit.iter().sum()
    }

    /// The last instant of the data (its "now"): dossiers finishing later are open.
    #[must_use]
    pub fn end(&self) -> NaiveDateTime {
        self.end
    }

    /// The procedure codes, by index.
    #[must_use]
    pub fn procedures(&self) -> &[String] {
        &self.procedures
    }

    fn day_count(&self) -> u64 {
        self.days.len() as u64
    }

    /// The first rank of unit `u` received on day index `d`.
    fn first_rank(&self, u: usize, d: u64) -> u64 {
        (d * self.per_unit[u]).div_ceil(self.day_count())
    }

    /// Every key in receipt-day order (day by day, unit by unit).
    pub fn keys(&self) -> impl Iterator<Item = Key> + '_ {
        (0..self.day_count()).flat_map(move |d| {
            (0..self.units.len()).flat_map(move |u| {
                (self.first_rank(u, d)..self.first_rank(u, d + 1)).map(move |rank| Key {
                    unit: u32::try_from(u).unwrap_or(u32::MAX),
                    rank: u32::try_from(rank).unwrap_or(u32::MAX),
                })
            })
        })
    }

    /// The key of the `i`-th dossier of a stride over all units (for samples).
    #[must_use]
    pub fn sample_key(&self, i: u64) -> Key {
        let u = (i % self.units.len() as u64) as usize;
        let n = self.per_unit[u].max(1);
        let rank = (i / self.units.len() as u64).wrapping_mul(7_919) % n;
        Key {
            unit: u32::try_from(u).unwrap_or(0),
            rank: u32::try_from(rank).unwrap_or(0),
        }
    }

    /// The dossier of `key`.
    #[must_use]
    pub fn dossier(&self, key: Key) -> Synthetic {
        let u = key.unit as usize;
        let rank = u64::from(key.rank);
        let mut r = Rng::new(self.seed, u64::from(key.unit), rank);
        let d = rank * self.day_count() / self.per_unit[u].max(1);
        let day = self.days[usize::try_from(d).unwrap_or(0)];
        let seq = rank - self.first_rank(u, d) + 1;
        let spec = &self.units[u];
        let received = day.and_hms_opt(7, 30, 0).unwrap_or_default()
            + TimeDelta::seconds(i64::try_from(r.below(9 * 3600 + 1800)).unwrap_or(0));
        let channel = [Channel::Direct, Channel::Online, Channel::Postal][r.pick(&[500, 450, 50])];
        let skewed = (r.unit() * r.unit() * spec.pool.len() as f64) as usize;
        let procedure =
            self.procedures[usize::from(spec.pool[skewed.min(spec.pool.len() - 1)])].clone();
        let wd = WORKING_DAYS[r.pick(&WORKING_DAY_WEIGHTS)];
        let due = self
            .calendar
            .due(received, WorkDuration::WorkingDays(wd))
            .unwrap_or(received + TimeDelta::days(i64::from(wd)));
        let (supplements, finished) = lifecycle(&mut r, received, due);
        let code = format!(
            "{}-{:02}{:02}{:02}-{seq:04}",
            spec.code,
            day.year() % 100,
            day.month(),
            day.day()
        );
        let mut facts = DossierFacts {
            code,
            unit: spec.code.clone(),
            procedure,
            channel,
            received_at: Some(received),
            due_at: Some(due),
            finished_at: finished,
            terminal: None,
            supplements,
            flags: flags(&mut r, channel),
        };
        let status = cut_at(&mut facts, self.end, &mut r);
        Synthetic {
            facts,
            status,
            applicant: name(&mut r),
        }
    }
}

/// Supplement requests and the end: the handling takes a share of the allowed span (early,
/// on the due day or late), moved by every supplement interval; 0.3 % never finish.
fn lifecycle(
    r: &mut Rng,
    received: NaiveDateTime,
    due: NaiveDateTime,
) -> (Vec<SupplementSpan>, Option<NaiveDateTime>) {
    let span = (due - received).num_seconds().max(3600) as f64;
    let share = |r: &mut Rng, lo: f64, hi: f64| {
        TimeDelta::seconds((span * (lo + (hi - lo) * r.unit())) as i64)
    };
    let count = r.pick(&[880, 90, 30]);
    let mut supplements = Vec::with_capacity(count);
    let (mut t, mut pause) = (received, TimeDelta::zero());
    for _ in 0..count {
        let requested_at = t + share(r, 0.05, 0.4);
        let waited = TimeDelta::seconds(7_200 + i64::try_from(r.below(8 * 86_400)).unwrap_or(0));
        supplements.push(SupplementSpan {
            requested_at,
            completed_at: Some(requested_at + waited),
            kpi_due_after: None,
        });
        pause += waited;
        t = requested_at + waited;
    }
    if r.chance(0.003) {
        return (supplements, None);
    }
    let handled = match r.pick(&[650, 250, 100]) {
        0 => share(r, 0.1, 0.9),
        1 => share(r, 0.92, 1.0),
        _ => share(r, 1.01, 1.6),
    };
    let finished = (received + handled + pause).max(t + TimeDelta::hours(1));
    (supplements, Some(finished))
}

/// Cuts the dossier at the data's end: what happens later did not happen yet. Returns the
/// status.
fn cut_at(f: &mut DossierFacts, end: NaiveDateTime, r: &mut Rng) -> Status {
    f.supplements.retain(|s| s.requested_at <= end);
    for s in &mut f.supplements {
        s.completed_at = s.completed_at.filter(|c| *c <= end);
    }
    f.finished_at = f.finished_at.filter(|t| *t <= end);
    if f.finished_at.is_none() {
        return match f.supplements.last() {
            Some(s) if s.completed_at.is_none() => Status::AwaitingSupplement,
            _ => Status::Processing,
        };
    }
    let status = [
        Status::Returned,
        Status::Resolved,
        Status::Refused,
        Status::Stopped,
        Status::Withdrawn,
    ][r.pick(&[760, 160, 30, 20, 30])];
    f.terminal = Some(status);
    status
}

fn flags(r: &mut Rng, channel: Channel) -> Flags {
    let online = channel == Channel::Online;
    let fee = r.chance(0.4);
    Flags {
        reused_data: r.chance(0.3),
        personal_store: r.chance(0.2),
        vneid: online && r.chance(0.8),
        national_db: r.chance(0.1),
        attachments: online || r.chance(0.5),
        electronic_result: r.chance(0.6),
        fee,
        paid_online: fee && online && r.chance(0.6),
        rated: r.chance(0.1),
        dissatisfied: r.chance(0.01),
    }
}

fn name(r: &mut Rng) -> String {
    const FAMILY: [&str; 8] = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi"];
    const MIDDLE: [&str; 6] = ["Văn", "Thị", "Đức", "Minh", "Thu", "Hữu"];
    const GIVEN: [&str; 8] = ["An", "Bình", "Cường", "Dung", "Hà", "Lan", "Nam", "Tuấn"];
    let mut pick = |list: &[&'static str]| list[r.below(list.len() as u64) as usize];
    format!("{} {} {}", pick(&FAMILY), pick(&MIDDLE), pick(&GIVEN))
}

/// `count` H31 units of the shipped org data (the province itself excluded): the service
/// centre, the departments, then the others in file order; each with its pool of procedures.
fn unit_specs(seed: u64, count: usize) -> Result<Vec<UnitSpec>, String> {
    let prefix = format!("{PROVINCE}.");
    let mut rows: Vec<(u8, &str, bool)> = cchc_domain::base::ORG_UNITS_CSV
        .lines()
        .filter_map(|l| {
            let mut fields = l.split(',');
            let code = fields.next()?;
            let kind = fields.nth(1)?;
            let rank = match kind {
                "service_center" => 0,
                "department" => 1,
                _ => 2,
            };
            let commune = matches!(kind, "commune" | "ward" | "township" | "special_zone");
            code.starts_with(&prefix).then_some((rank, code, commune))
        })
        .collect();
    rows.sort_by_key(|r| r.0);
    rows.truncate(count);
    if rows.len() < count || count == 0 {
        return Err(format!(
            "--units {count}: between 1 and {} (the {PROVINCE} units of data/org/units.csv)",
            rows.len()
        ));
    }
    Ok(rows
        .iter()
        .enumerate()
        .map(|(i, (_, code, commune))| {
            let mut r = Rng::new(seed, 1 << 40, i as u64);
            let size = 40 + r.below(100) as usize;
            UnitSpec {
                code: (*code).to_owned(),
                commune: *commune,
                // The most used first, drawn among the first codes (the shipped ones).
                pool: (0..size)
                    .map(|j| {
                        let among = if j < 12 { SHIPPED_FIRST } else { PROCEDURES };
                        u16::try_from(r.below(among as u64)).unwrap_or(0)
                    })
                    .collect(),
            }
        })
        .collect())
}

/// The shipped catalogue's procedure codes (the most used ones), then synthetic codes up to
/// [`PROCEDURES`] (imported dossiers may carry codes the catalogue lacks).
fn procedure_codes() -> Vec<String> {
    let shipped: Vec<String> =
        serde_json::from_str::<serde_json::Value>(cchc_domain::procedure::base::PROCEDURES)
            .ok()
            .and_then(|v| {
                v["procedures"].as_array().map(|list| {
                    list.iter()
                        .filter_map(|p| p["code"]["value"].as_str().map(str::to_owned))
                        .collect()
                })
            })
            .unwrap_or_default();
    let synthetic = (0..).map(|i| format!("1.{:06}", 900_000 + i * 7));
    shipped
        .into_iter()
        .chain(synthetic)
        .take(PROCEDURES)
        .collect()
}

/// A unit's share of the dossiers: the service centre and departments receive many more.
fn weight(code: &str, seed: u64) -> u64 {
    if code.ends_with("TTPVHCC") {
        return 60;
    }
    let segment = code.rsplit('.').next().unwrap_or("");
    if segment.bytes().all(|b| b.is_ascii_digit()) {
        let mut r = Rng::new(seed, 2 << 40, segment.parse().unwrap_or(0));
        2 + r.below(4)
    } else {
        12
    }
}
