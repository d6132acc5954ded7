//! The org units, shared by every request: read from the database at most once per [`TTL`]
//! (the units change rarely; a request must not read them all each time), and again right
//! after an import through the API. Changes made with the CLI show within [`TTL`]. The KPI
//! unit subtrees are computed once per load of the units.

use crate::kpi::scope::{UnitScope, subtree};
use cchc_domain::UnitCode;
use cchc_domain::org::OrgUnit;
use cchc_store::{Store, StoreError};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long the units read are used.
pub const TTL: Duration = Duration::from_secs(30);

/// The cache.
#[derive(Default)]
pub struct OrgCache {
    inner: Mutex<State>,
}

#[derive(Default)]
struct State {
    loaded: Option<Loaded>,
    /// Bumped by [`OrgCache::clear`], so that a read begun before it is not kept.
    generation: u64,
}

struct Loaded {
    at: Instant,
    units: Arc<Vec<OrgUnit>>,
    scopes: HashMap<(UnitCode, NaiveDate), Option<Arc<UnitScope>>>,
}

impl OrgCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Every org unit (all versions, by code and start), read again when older than [`TTL`].
    pub async fn units(&self, store: &Store) -> Result<Arc<Vec<OrgUnit>>, StoreError> {
        let generation = {
            let state = self.lock();
            if let Some(l) = state.loaded.as_ref().filter(|l| l.at.elapsed() < TTL) {
                return Ok(Arc::clone(&l.units));
            }
            state.generation
        };
        let units = Arc::new(store.org_units().await?);
        let mut state = self.lock();
        if state.generation == generation {
            state.loaded = Some(Loaded {
                at: Instant::now(),
                units: Arc::clone(&units),
                scopes: HashMap::new(),
            });
        }
        Ok(units)
    }

    /// The subtree of `code` in force on `date`; `None` when the unit is not in force then.
    pub async fn scope(
        &self,
        store: &Store,
        code: &UnitCode,
        date: NaiveDate,
    ) -> Result<Option<Arc<UnitScope>>, StoreError> {
        let units = self.units(store).await?;
        let key = (code.clone(), date);
        if let Some(l) = self.lock().loaded.as_ref()
            && Arc::ptr_eq(&l.units, &units)
            && let Some(found) = l.scopes.get(&key)
        {
            return Ok(found.clone());
        }
        let found = subtree(&units, code, date).map(Arc::new);
        if let Some(l) = self
            .lock()
            .loaded
            .as_mut()
            .filter(|l| Arc::ptr_eq(&l.units, &units))
        {
            l.scopes.insert(key, found.clone());
        }
        Ok(found)
    }

    /// Forgets what was read (after an import of units), including a read under way.
    pub fn clear(&self) {
        let mut state = self.lock();
        state.loaded = None;
        state.generation += 1;
    }
}

/// The units of the subtree of `root` in force on `on` (`root` first); empty when `root` is
/// not in force then.
pub fn subtree_units(units: &[OrgUnit], root: &UnitCode, on: NaiveDate) -> Vec<UnitCode> {
    cchc_domain::org_tree::tree_at(units, root, on)
        .map(|t| {
            t.walk()
                .into_iter()
                .filter_map(|n| UnitCode::parse(&n.code).ok())
                .collect()
        })
        .unwrap_or_default()
}
