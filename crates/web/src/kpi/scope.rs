//! The unit subtrees the statistics cover, from an org tree cached for a short while (the
//! units change rarely; a request must not read them all each time): the units are read
//! again after [`TTL`], and each (unit, date) subtree is computed once per load.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use cchc_domain::kpi::Scope;
use cchc_domain::org::OrgUnit;
use cchc_domain::org_tree::tree_at;
use cchc_domain::{OrgKind, UnitCode};
use cchc_store::{Store, StoreError};
use chrono::NaiveDate;

/// How long the units read are used.
pub const TTL: Duration = Duration::from_secs(30);

/// A unit's subtree in force on a date, with the unit's kind (its QĐ 766 tier).
#[derive(Debug, Clone)]
pub struct UnitScope {
    pub scope: Scope,
    pub kind: OrgKind,
    pub name: String,
}

/// The cache.
#[derive(Default)]
pub struct OrgCache {
    inner: Mutex<Option<Loaded>>,
}

struct Loaded {
    at: Instant,
    units: Arc<Vec<OrgUnit>>,
    scopes: HashMap<(UnitCode, NaiveDate), Option<Arc<UnitScope>>>,
}

impl OrgCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Loaded>> {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Every org unit (all versions), read again when older than [`TTL`].
    pub async fn units(&self, store: &Store) -> Result<Arc<Vec<OrgUnit>>, StoreError> {
        if let Some(l) = self.lock().as_ref().filter(|l| l.at.elapsed() < TTL) {
            return Ok(Arc::clone(&l.units));
        }
        let units = Arc::new(store.org_units().await?);
        *self.lock() = Some(Loaded {
            at: Instant::now(),
            units: Arc::clone(&units),
            scopes: HashMap::new(),
        });
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
        if let Some(l) = self.lock().as_ref()
            && Arc::ptr_eq(&l.units, &units)
            && let Some(found) = l.scopes.get(&key)
        {
            return Ok(found.clone());
        }
        let found = subtree(&units, code, date).map(Arc::new);
        if let Some(l) = self
            .lock()
            .as_mut()
            .filter(|l| Arc::ptr_eq(&l.units, &units))
        {
            l.scopes.insert(key, found.clone());
        }
        Ok(found)
    }

    /// Forgets what was read (after an import of units).
    pub fn clear(&self) {
        *self.lock() = None;
    }
}

fn subtree(units: &[OrgUnit], code: &UnitCode, date: NaiveDate) -> Option<UnitScope> {
    let tree = tree_at(units, code, date)?;
    let below: Vec<String> = tree.walk().iter().map(|n| n.code.clone()).collect();
    Some(UnitScope {
        scope: Scope::new(code.as_str(), below),
        kind: tree.kind,
        name: tree.name.clone(),
    })
}
