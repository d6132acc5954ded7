//! What a plan holds, counted: what an import or a clone reports having stored.

use serde::Serialize;

use super::Plan;

/// The items of a plan, counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanCounts {
    pub key: String,
    pub headline_goals: usize,
    pub targets: usize,
    pub tasks: usize,
    pub responsibility_items: usize,
}

impl PlanCounts {
    /// The counts of `plan`.
    pub fn of(plan: &Plan) -> PlanCounts {
        PlanCounts {
            key: plan.id.clone(),
            headline_goals: plan.headline.goals.len(),
            targets: plan.targets().count(),
            tasks: plan.tasks().count(),
            responsibility_items: plan.responsibilities.iter().map(|b| b.items.len()).sum(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::test_support::shipped;

    #[test]
    fn the_shipped_plan_counts_as_its_text() {
        let counts = PlanCounts::of(&shipped());
        assert_eq!(counts.key, "KH204-2023");
        let all = (
            counts.headline_goals,
            counts.targets,
            counts.tasks,
            counts.responsibility_items,
        );
        assert_eq!(all, (5, 25, 44, 33));
    }
}
