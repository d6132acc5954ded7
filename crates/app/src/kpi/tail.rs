//! The live aggregate: built from a snapshot of the dossiers (with the log position of that
//! snapshot), then kept current by applying the change log from that position, every
//! [`TICK`] in a background task ([`spawn`]) and on demand ([`LiveKpi::catch_up`]).
//!
//! Exactness: the scan and the log head come from one snapshot, so the aggregate holds
//! exactly the commits up to `seq`; commits are numbered densely in commit order, so reading
//! `seq > n` in order applies each change once. A hole in the numbers (pruned before this
//! server read it), a head behind the position (another database) or facts that do not
//! match (a removal of facts never added) make it rebuild from the dossiers, as does a
//! rebuild request (`cchc kpi rebuild`, `POST /api/v1/kpi/rebuild`) and a procedure import
//! that changed the procedures' classes (the aggregate counts the plan's sector groups and
//! toàn trình procedures apart, by [`PlanClasses`] read in the build's snapshot). While it
//! rebuilds, the previous aggregate answers (frozen); before the first build, requests get
//! "not ready".

use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant};

use cchc_domain::kpi::{Aggregate, Change, DossierFacts};
use cchc_domain::plan::auto_agg::PlanClasses;
use cchc_domain::plan::sectors::shipped_sectors;
use cchc_store::kpi_changes::{LogHead, LogPosition, LoggedChange};
use cchc_store::{Store, StoreError, now_ms};
use serde::Serialize;

/// How often the background task reads the log.
pub const TICK: Duration = Duration::from_millis(200);

/// How long applied commits stay in the log for other servers (then pruned).
pub const RETENTION: Duration = Duration::from_secs(3_600);

/// How often the task prunes.
const PRUNE_EVERY: Duration = Duration::from_secs(60);

/// Changes read per statement.
const PAGE: usize = 5_000;

/// How long a request waits for the first build before "not ready".
pub const WAIT_FOR_BUILD: Duration = Duration::from_secs(2);

/// How long a request waits to catch up before it reads what is there.
const WAIT_FOR_TAIL: Duration = Duration::from_secs(1);

/// The aggregate, its procedure classes and where it stands in the log.
struct Current {
    agg: Aggregate,
    classes: PlanClasses,
    pos: LogPosition,
    rebuilds: i64,
    reclassified: i64,
}

/// What the live aggregate is doing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Not built yet: requests get "not ready".
    #[default]
    Building,
    /// Current.
    Ready,
    /// Rebuilding; the previous aggregate answers meanwhile.
    Rebuilding,
}

/// The state shown by `GET /api/v1/kpi/status` and in the log.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct LiveStatus {
    pub phase: Phase,
    /// Dossiers read by the build in progress, and to read.
    pub done: u64,
    pub total: u64,
    /// The last commit of the log applied.
    pub seq: i64,
    /// Timeline entries held (about 2–3 per received dossier).
    pub entries: usize,
    /// The rebuild requests the aggregate has honoured.
    pub rebuilds: i64,
}

/// The aggregate is not built yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotReady {
    pub done: u64,
    pub total: u64,
}

/// The live aggregate of one server.
#[derive(Default)]
pub struct LiveKpi {
    current: RwLock<Option<Current>>,
    status: Mutex<LiveStatus>,
    /// One catch-up at a time (the task's and a caller's).
    tailing: tokio::sync::Mutex<()>,
    /// Told when a build completes.
    built: tokio::sync::Notify,
}

/// Why a catch-up rebuilt instead.
enum Stale {
    Requested,
    Reclassified,
    Hole,
    Mismatch(String),
}

/// Whether a catch-up may build (the background task) or leaves that to it (a request).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    MayBuild,
    TailOnly,
}

impl LiveKpi {
    /// Reads the aggregate; "not ready" before the first build.
    pub fn read<T>(&self, f: impl FnOnce(&Aggregate) -> T) -> Result<T, NotReady> {
        self.read_classified(|agg, _| f(agg))
    }

    /// Reads the aggregate with the procedure classes it counts apart; "not ready" before
    /// the first build.
    pub fn read_classified<T>(
        &self,
        f: impl FnOnce(&Aggregate, &PlanClasses) -> T,
    ) -> Result<T, NotReady> {
        let current = self.current.read().unwrap_or_else(PoisonError::into_inner);
        match current.as_ref() {
            Some(c) => Ok(f(&c.agg, &c.classes)),
            None => {
                let s = self.status();
                Err(NotReady {
                    done: s.done,
                    total: s.total,
                })
            }
        }
    }

    /// What it is doing.
    pub fn status(&self) -> LiveStatus {
        *self.status.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn set_status(&self, f: impl FnOnce(&mut LiveStatus)) {
        f(&mut self.status.lock().unwrap_or_else(PoisonError::into_inner));
    }

    /// Brings the aggregate up to every change committed before the call (read-your-writes),
    /// as a request does before it reads: waits up to [`WAIT_FOR_BUILD`] for the first build;
    /// never builds itself (the background task does), and while a rebuild runs reads the
    /// previous figures.
    pub async fn sync(&self, store: &Store) {
        if self.status().phase == Phase::Building {
            let built = self.built.notified();
            tokio::pin!(built);
            built.as_mut().enable();
            if self.status().phase == Phase::Building {
                let _ = tokio::time::timeout(WAIT_FOR_BUILD, built).await;
            }
        }
        if self.status().phase != Phase::Ready {
            return;
        }
        match store.kpi_log_head().await {
            Ok(head) if head.last_seq <= self.status().seq => {}
            Ok(_) => {
                let tail = self.catch_up_as(store, Mode::TailOnly);
                if let Ok(Err(e)) = tokio::time::timeout(WAIT_FOR_TAIL, tail).await {
                    tracing::warn!(error = %e, "statistics: catching up failed");
                }
            }
            Err(e) => tracing::warn!(error = %e, "statistics: reading the change log failed"),
        }
    }

    /// Applies every change committed so far (building first if needed, rebuilding when the
    /// log asks for it or cannot be followed). Returns the last commit applied.
    pub async fn catch_up(&self, store: &Store) -> Result<i64, StoreError> {
        self.catch_up_as(store, Mode::MayBuild).await
    }

    async fn catch_up_as(&self, store: &Store, mode: Mode) -> Result<i64, StoreError> {
        let _one = self.tailing.lock().await;
        let started = {
            let current = self.current.read().unwrap_or_else(PoisonError::into_inner);
            current
                .as_ref()
                .map(|c| (c.pos, c.rebuilds, c.reclassified))
        };
        let Some((mut pos, rebuilds, reclassified)) = started else {
            return self.rebuild(store, mode, Stale::Requested).await;
        };
        let head = store.kpi_log_head().await?;
        if head.rebuilds != rebuilds || head.last_seq < pos.seq {
            return self.rebuild(store, mode, Stale::Requested).await;
        }
        if head.reclassified != reclassified {
            return self.rebuild(store, mode, Stale::Reclassified).await;
        }
        while pos < LogPosition::after_commit(head.last_seq) {
            let page = store.kpi_changes_after(pos, PAGE).await?;
            let Some(last) = page.last() else {
                if pos.seq < head.last_seq {
                    return self.rebuild(store, mode, Stale::Hole).await;
                }
                // The previous page ended with the last change of the head commit.
                pos = LogPosition::after_commit(pos.seq);
                self.set_position(pos);
                break;
            };
            if let Err(why) = self.apply(pos, &page) {
                return self.rebuild(store, mode, why).await;
            }
            let full = page.len() == PAGE;
            pos = if full {
                LogPosition {
                    seq: last.seq,
                    n: last.n,
                }
            } else {
                LogPosition::after_commit(last.seq)
            };
            self.set_position(pos);
        }
        Ok(pos.seq)
    }

    /// Applies one page read after `pos`: each change once, in order, with no hole.
    fn apply(&self, pos: LogPosition, page: &[LoggedChange]) -> Result<(), Stale> {
        let mut seq = pos.seq;
        let mut mid_commit = pos.n != i64::MAX;
        for c in page {
            let next = c.seq == seq + 1 || (mid_commit && c.seq == seq);
            if !next {
                return Err(Stale::Hole);
            }
            (seq, mid_commit) = (c.seq, true);
        }
        let mut current = self.current.write().unwrap_or_else(PoisonError::into_inner);
        let Some(current) = current.as_mut() else {
            return Err(Stale::Hole);
        };
        for c in page {
            let change = match (&c.old, &c.new) {
                (None, Some(new)) => Change::Insert(new),
                (Some(old), Some(new)) => Change::Replace { old, new },
                (Some(old), None) => Change::Remove(old),
                (None, None) => continue,
            };
            current
                .agg
                .apply(change)
                .map_err(|e| Stale::Mismatch(e.to_string()))?;
        }
        Ok(())
    }

    fn set_position(&self, pos: LogPosition) {
        let entries = {
            let mut current = self.current.write().unwrap_or_else(PoisonError::into_inner);
            current.as_mut().map_or(0, |c| {
                c.pos = pos;
                c.agg.entry_count()
            })
        };
        self.set_status(|s| {
            s.seq = pos.seq;
            s.entries = entries;
        });
    }

    async fn rebuild(&self, store: &Store, mode: Mode, why: Stale) -> Result<i64, StoreError> {
        if mode == Mode::TailOnly {
            return Ok(self.status().seq);
        }
        let first = self.status().phase == Phase::Building;
        match why {
            Stale::Requested if first => {}
            Stale::Requested => tracing::info!("statistics: rebuild requested"),
            Stale::Reclassified => {
                tracing::info!(
                    "statistics: procedure sectors or online levels changed; rebuilding"
                );
            }
            Stale::Hole => tracing::warn!("statistics: the change log has a hole; rebuilding"),
            Stale::Mismatch(e) => tracing::warn!(error = %e, "statistics: rebuilding"),
        }
        self.build(store).await
    }

    /// Builds a new aggregate from the dossiers (the previous one answers meanwhile), then
    /// swaps it in at the snapshot's position. Returns that position's commit.
    async fn build(&self, store: &Store) -> Result<i64, StoreError> {
        let ready = self.current.read().map(|c| c.is_some()).unwrap_or(false);
        let phase = if ready {
            Phase::Rebuilding
        } else {
            Phase::Building
        };
        self.set_status(|s| (s.phase, s.done, s.total) = (phase, 0, 0));
        let started = Instant::now();
        let ((agg, classes), head) = self.scan(store).await?;
        let LogHead {
            last_seq,
            rebuilds,
            reclassified,
        } = head;
        let entries = agg.entry_count();
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = Some(Current {
            agg,
            classes,
            pos: LogPosition::after_commit(last_seq),
            rebuilds,
            reclassified,
        });
        self.set_status(|s| {
            (s.phase, s.seq, s.entries) = (Phase::Ready, last_seq, entries);
            s.rebuilds = rebuilds;
        });
        self.built.notify_waiters();
        tracing::info!(
            seq = last_seq,
            entries,
            ms = started.elapsed().as_millis(),
            "statistics: built"
        );
        Ok(last_seq)
    }

    /// Reads the snapshot: the aggregate of every dossier, created with the classes of the
    /// procedures of the same snapshot, and the log head (progress in the status and the log).
    async fn scan(&self, store: &Store) -> Result<((Aggregate, PlanClasses), LogHead), StoreError> {
        let mut logged = 0;
        store
            .kpi_snapshot(
                |traits| {
                    let classes = PlanClasses::new(&traits, shipped_sectors());
                    let agg = Aggregate::with_classes(classes.procedure_classes().clone());
                    (agg, classes)
                },
                |(agg, _), f: DossierFacts| agg.insert(&f),
                |done, total| {
                    self.set_status(|s| (s.done, s.total) = (done, total));
                    let tenth = done * 10 / total.max(1);
                    if tenth > logged {
                        logged = tenth;
                        tracing::info!(done, total, "statistics: building from the dossiers");
                    }
                },
            )
            .await
    }

    /// Prunes the commits this server applied that are older than [`RETENTION`] (the
    /// commit it stands in may be partly applied: it is kept).
    pub async fn prune(&self, store: &Store) -> Result<u64, StoreError> {
        let applied = self.status().seq - 1;
        let window = i64::try_from(RETENTION.as_millis()).unwrap_or(i64::MAX);
        store
            .prune_kpi_changes(applied, now_ms() - window, 16)
            .await
    }
}

/// Starts the background task of `live` over `store`: builds, then catches up every
/// [`TICK`] and prunes every minute. It ends when `live` is dropped or the pool is closed.
pub fn spawn(live: &Arc<LiveKpi>, store: Store) {
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        return;
    };
    let weak = Arc::downgrade(live);
    runtime.spawn(async move {
        let mut pruned = Instant::now();
        loop {
            let Some(live) = weak.upgrade() else { return };
            if store.pool().is_closed() {
                return;
            }
            if let Err(e) = live.catch_up(&store).await {
                if store.pool().is_closed() {
                    return;
                }
                tracing::warn!(error = %e, "statistics: reading the change log failed");
            }
            if pruned.elapsed() >= PRUNE_EVERY {
                pruned = Instant::now();
                if let Err(e) = live.prune(&store).await {
                    tracing::warn!(error = %e, "statistics: pruning the change log failed");
                }
            }
            drop(live);
            tokio::time::sleep(TICK).await;
        }
    });
}
