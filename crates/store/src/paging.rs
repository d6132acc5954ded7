//! Pages of list results: which slice to read, and the slice with the total count.

use serde::Serialize;

/// A page request: 1-based page number and page size (clamped to 1..=[`Page::MAX_SIZE`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub number: u32,
    pub size: u32,
}

impl Page {
    /// The largest page size served.
    pub const MAX_SIZE: u32 = 500;

    /// Page `number` (from 1) of `size` rows.
    pub fn new(number: u32, size: u32) -> Self {
        Self {
            number: number.max(1),
            size: size.clamp(1, Self::MAX_SIZE),
        }
    }

    /// The first page of `size` rows.
    pub fn first(size: u32) -> Self {
        Self::new(1, size)
    }

    /// `LIMIT` for SQL.
    pub fn limit(&self) -> i64 {
        i64::from(self.size.clamp(1, Self::MAX_SIZE))
    }

    /// `OFFSET` for SQL.
    pub fn offset(&self) -> i64 {
        i64::from(self.number.max(1) - 1) * self.limit()
    }
}

impl Default for Page {
    fn default() -> Self {
        Self::new(1, 50)
    }
}

/// One page of results and the number of rows over all pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub page: u32,
    pub size: u32,
}

#[cfg(test)]
mod tests {
    use super::Page;

    #[test]
    fn pages_are_clamped() {
        assert_eq!(Page::new(0, 0), Page::new(1, 1));
        assert_eq!(Page::new(3, 20).offset(), 40);
        assert_eq!(Page::new(1, 10_000).limit(), 500);
    }
}
