//! The organisation tree as it stood on one date.

use crate::org::{OrgKind, OrgUnit, UnitCode};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;

/// One node of the tree, in the JSON shape of `cchc org tree`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TreeNode {
    pub code: String,
    pub name: String,
    pub kind: OrgKind,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    #[cfg_attr(feature = "openapi", schema(no_recursion))]
    pub children: Vec<TreeNode>,
}

impl TreeNode {
    /// Number of nodes in this subtree, this one included.
    pub fn size(&self) -> usize {
        1 + self.children.iter().map(TreeNode::size).sum::<usize>()
    }

    /// Every node of the subtree, depth first, this one first.
    pub fn walk(&self) -> Vec<&TreeNode> {
        let mut out = vec![self];
        for child in &self.children {
            out.extend(child.walk());
        }
        out
    }
}

/// Builds the subtree rooted at `root` from the units valid on `at`; `None` when no unit
/// with that code is valid then. Children are ordered by kind, then name.
pub fn tree_at(units: &[OrgUnit], root: &UnitCode, at: NaiveDate) -> Option<TreeNode> {
    let valid: Vec<&OrgUnit> = units.iter().filter(|u| u.valid_at(at)).collect();
    let mut children: HashMap<&UnitCode, Vec<&OrgUnit>> = HashMap::new();
    for unit in &valid {
        if let Some(parent) = &unit.parent_code {
            children.entry(parent).or_default().push(unit);
        }
    }
    for list in children.values_mut() {
        list.sort_by(|a, b| {
            (a.kind as u8, &a.name, &a.code).cmp(&(b.kind as u8, &b.name, &b.code))
        });
    }
    let root = valid.iter().find(|u| &u.code == root)?;
    Some(build(root, &children, 0))
}

fn build(unit: &OrgUnit, children: &HashMap<&UnitCode, Vec<&OrgUnit>>, depth: usize) -> TreeNode {
    // Depth guard: a cycle in bad data must not recurse for ever.
    let kids = if depth > 32 {
        Vec::new()
    } else {
        children
            .get(&unit.code)
            .map(|list| list.iter().map(|c| build(c, children, depth + 1)).collect())
            .unwrap_or_default()
    };
    TreeNode {
        code: unit.code.to_string(),
        name: unit.name.clone(),
        kind: unit.kind,
        valid_from: unit.valid_from,
        valid_to: unit.valid_to,
        children: kids,
    }
}

/// Renders the tree as indented text lines for `--format table`.
pub fn render_table(node: &TreeNode) -> String {
    let mut out = String::new();
    render_into(node, 0, &mut out);
    out
}

fn render_into(node: &TreeNode, depth: usize, out: &mut String) {
    let to = node
        .valid_to
        .map_or_else(|| "…".to_owned(), |d| d.to_string());
    out.push_str(&format!(
        "{:indent$}{}  {}  [{}]  {} → {}\n",
        "",
        node.code,
        node.name,
        node.kind.label_vi(),
        node.valid_from,
        to,
        indent = depth * 2
    ));
    for child in &node.children {
        render_into(child, depth + 1, out);
    }
}

// ---- The subtree rule (used by the web crate for staff access) ----

/// The subtree rule: whether `code` is `ancestor` itself or lies below it in the tree in
/// force on `at`. A unit not in force on `at` is within nothing.
pub fn is_within(units: &[OrgUnit], ancestor: &UnitCode, code: &UnitCode, at: NaiveDate) -> bool {
    let parent_of = |c: &UnitCode| {
        units
            .iter()
            .find(|u| &u.code == c && u.valid_at(at))
            .map(|u| u.parent_code.as_ref())
    };
    let mut current = code.clone();
    // Depth guard: a cycle in bad data must not loop for ever.
    for _ in 0..64 {
        let Some(parent) = parent_of(&current) else {
            return false;
        };
        if &current == ancestor {
            return true;
        }
        match parent {
            Some(p) => current = p.clone(),
            None => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org_import::parse_org_units;

    fn units() -> Vec<OrgUnit> {
        let csv = "code,name,kind,parent_code,valid_from,valid_to,successor_code\n\
            H31,Hưng Yên,province,,1997-01-01,,\n\
            H31.D323,Thành phố Hưng Yên,district,H31,2020-01-01,2025-06-30,\n\
            H31.D323.1,Phường Lê Lợi,ward,H31.D323,2020-01-01,2025-06-30,H31.2\n\
            H31.2,Phường Phố Hiến,ward,H31,2025-07-01,,\n\
            H31.SNV,Sở Nội vụ,department,H31,2008-01-01,,\n";
        parse_org_units(csv, &[]).unwrap()
    }

    #[test]
    fn shows_the_structure_of_the_chosen_date() {
        let code = UnitCode::parse("H31").unwrap();
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let after = tree_at(&units(), &code, d("2025-07-01")).unwrap();
        let kids: Vec<&str> = after.children.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(kids, vec!["H31.SNV", "H31.2"]);
        let before = tree_at(&units(), &code, d("2025-06-30")).unwrap();
        assert_eq!(before.size(), 4);
        assert_eq!(before.children[1].children[0].name, "Phường Lê Lợi");
        assert!(tree_at(&units(), &code, d("1990-01-01")).is_none());
        assert!(render_table(&before).contains("  H31.D323.1  Phường Lê Lợi"));
    }
}

#[cfg(test)]
mod scope_tests {
    use super::*;
    use crate::org_import::parse_org_units;

    fn units() -> Vec<OrgUnit> {
        let csv = "code,name,kind,parent_code,valid_from,valid_to,successor_code\n\
            H31,Hưng Yên,province,,1997-01-01,,\n\
            H31.SNV,Sở Nội vụ,department,H31,2008-01-01,,\n\
            H31.SNV.1,Phòng Cải cách hành chính,other,H31.SNV,2008-01-01,,\n\
            H31.D323,Thành phố Hưng Yên,district,H31,2020-01-01,2025-06-30,\n\
            H30,Hải Dương,province,,1997-01-01,,\n";
        parse_org_units(csv, &[]).unwrap()
    }

    #[test]
    fn units_below_an_ancestor_are_within_it() {
        let (u, c) = (units(), |s: &str| UnitCode::parse(s).unwrap());
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let at = d("2025-07-01");
        assert!(is_within(&u, &c("H31"), &c("H31"), at));
        assert!(is_within(&u, &c("H31"), &c("H31.SNV.1"), at));
        assert!(is_within(&u, &c("H31.SNV"), &c("H31.SNV.1"), at));
        assert!(!is_within(&u, &c("H31.SNV"), &c("H31"), at));
        assert!(!is_within(&u, &c("H31"), &c("H30"), at));
        assert!(!is_within(&u, &c("H31"), &c("H31.D323"), at));
        assert!(is_within(&u, &c("H31"), &c("H31.D323"), d("2025-06-30")));
        assert!(!is_within(&u, &c("H31"), &c("H99"), at));
    }
}
