//! Header checks shared by the CSV imports: column positions by name and missing columns.

use std::collections::HashMap;

/// Maps each column name of `header` to its position, or returns the `required` columns it
/// lacks.
pub fn index_columns<'a>(
    header: &csv::StringRecord,
    required: &[&'a str],
) -> Result<HashMap<String, usize>, Vec<&'a str>> {
    let index: HashMap<String, usize> = header
        .iter()
        .enumerate()
        .map(|(i, h)| (h.to_owned(), i))
        .collect();
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|c| !index.contains_key(*c))
        .collect();
    if missing.is_empty() {
        Ok(index)
    } else {
        Err(missing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_positions_and_missing_columns() {
        let header = csv::StringRecord::from(vec!["name", "code"]);
        assert_eq!(index_columns(&header, &["code"]).unwrap()["code"], 1);
        assert_eq!(
            index_columns(&header, &["code", "kind"]).unwrap_err(),
            vec!["kind"]
        );
    }
}
