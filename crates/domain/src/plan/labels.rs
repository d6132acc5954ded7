//! The document's list labels (a, b, c, d, đ, e, g …), their local ids and sequence checks.
//!
//! A list labelled with letters must follow [`LABEL_LETTERS`]. The document's own slips are
//! allowed only when the data declares them: a label printed twice needs
//! `duplicate_of_label_ok = true` on the repeat, a skipped letter needs
//! `skipped_before = ["e"]` on the item after the gap. Anything else (an accidental
//! duplicate, a lost item) is a problem.

use super::reader::Problems;

/// The letters Vietnamese administrative texts label list items with, in order.
pub const LABEL_LETTERS: [&str; 23] = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y",
];

/// A list item's label and its declared quirks.
#[derive(Debug, Clone)]
pub(super) struct Labelled {
    /// The path of the item.
    pub path: String,
    pub label: Option<String>,
    pub duplicate_ok: bool,
    pub skipped_before: Vec<String>,
}

/// Local ids for a list: `{prefix}{sep}{label}`, with `#n` on the n-th use of a label;
/// an unlabelled item is `{prefix}` (then `{prefix}#2` …).
pub(super) fn local_ids(prefix: &str, sep: &str, labels: &[Option<&str>]) -> Vec<String> {
    let mut seen: Vec<(Option<&str>, usize)> = Vec::new();
    labels
        .iter()
        .map(|label| {
            let n = match seen.iter_mut().find(|(l, _)| l == label) {
                Some((_, n)) => {
                    *n += 1;
                    *n
                }
                None => {
                    seen.push((*label, 1));
                    1
                }
            };
            let base = match label {
                Some(l) => format!("{prefix}{sep}{l}"),
                None => prefix.to_owned(),
            };
            if n == 1 { base } else { format!("{base}#{n}") }
        })
        .collect()
}

/// Checks a letter-labelled list (or a list of unlabelled paragraphs).
pub(super) fn check_letters(items: &[Labelled], p: &mut Problems) {
    let labelled = items.iter().filter(|i| i.label.is_some()).count();
    if labelled == 0 {
        items.iter().for_each(|i| no_flags(i, p));
        return;
    }
    let mut prev: Option<usize> = None;
    for item in items {
        let Some(label) = &item.label else {
            p.push(
                format!("{}.label", item.path),
                "missing field: the other items of this list are labelled",
            );
            continue;
        };
        let Some(pos) = LABEL_LETTERS.iter().position(|l| l == label) else {
            p.push(
                format!("{}.label", item.path),
                format!(
                    "'{label}' is not a list letter ({})",
                    LABEL_LETTERS.join(", ")
                ),
            );
            continue;
        };
        check_step(item, label, pos, prev, p);
        prev = Some(pos);
    }
}

fn check_step(item: &Labelled, label: &str, pos: usize, prev: Option<usize>, p: &mut Problems) {
    let next = prev.map_or(0, |x| x + 1);
    let repeat = prev == Some(pos);
    if repeat && !item.duplicate_ok {
        p.push(
            format!("{}.label", item.path),
            format!(
                "duplicate label '{label}': it repeats the previous item's; if the text prints \
                 it twice, declare duplicate_of_label_ok = true"
            ),
        );
    } else if !repeat && pos < next {
        p.push(
            format!("{}.label", item.path),
            format!(
                "label '{label}' comes after '{}': out of order or a duplicate",
                LABEL_LETTERS[next - 1]
            ),
        );
    }
    if item.duplicate_ok && !repeat {
        p.push(
            format!("{}.duplicate_of_label_ok", item.path),
            format!("declared, but '{label}' does not repeat the previous item's label"),
        );
    }
    let skipped: Vec<&str> = if pos > next {
        LABEL_LETTERS[next..pos].to_vec()
    } else {
        Vec::new()
    };
    if skipped != item.skipped_before {
        let message = if item.skipped_before.is_empty() {
            format!(
                "label '{label}' skips {}: an item may be lost; if the text skips it, declare \
                 skipped_before = [{}]",
                quoted(&skipped),
                quoted(&skipped)
            )
        } else {
            format!(
                "skipped_before declares [{}] but the letters skipped before '{label}' are [{}]",
                quoted(&item.skipped_before),
                quoted(&skipped)
            )
        };
        p.push(format!("{}.label", item.path), message);
    }
}

/// Checks a list with labels of its own (headline goals, appendix): labels are unique unless
/// the repeat declares `duplicate_of_label_ok`.
pub(super) fn check_unique(items: &[Labelled], p: &mut Problems) {
    for (i, item) in items.iter().enumerate() {
        let repeat = item.label.is_some() && items[..i].iter().any(|o| o.label == item.label);
        let label = item.label.as_deref().unwrap_or_default();
        if repeat && !item.duplicate_ok {
            p.push(
                format!("{}.label", item.path),
                format!(
                    "duplicate label '{label}'; if the text prints it twice, declare \
                     duplicate_of_label_ok = true"
                ),
            );
        }
        if item.duplicate_ok && !repeat {
            p.push(
                format!("{}.duplicate_of_label_ok", item.path),
                format!("declared, but '{label}' is not a repeat"),
            );
        }
    }
}

fn no_flags(item: &Labelled, p: &mut Problems) {
    if item.duplicate_ok {
        p.push(
            format!("{}.duplicate_of_label_ok", item.path),
            "declared on an unlabelled item",
        );
    }
    if !item.skipped_before.is_empty() {
        p.push(
            format!("{}.skipped_before", item.path),
            "declared on an unlabelled item",
        );
    }
}

fn quoted<S: AsRef<str>>(letters: &[S]) -> String {
    letters
        .iter()
        .map(|l| format!("\"{}\"", l.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_number_repeats_and_unlabelled_items() {
        let ids = local_ids("NV/2", ".", &[Some("k"), Some("l"), Some("l"), Some("m")]);
        assert_eq!(ids, ["NV/2.k", "NV/2.l", "NV/2.l#2", "NV/2.m"]);
        assert_eq!(local_ids("TC/5", ".", &[None]), ["TC/5"]);
        assert_eq!(local_ids("MT", "/", &[Some("G.1")]), ["MT/G.1"]);
    }

    fn item(label: &str, dup: bool, skipped: &[&str]) -> Labelled {
        Labelled {
            path: format!("x[{label}]"),
            label: Some(label.to_owned()),
            duplicate_ok: dup,
            skipped_before: skipped.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    fn problems(items: &[Labelled]) -> Vec<String> {
        let mut p = Problems::default();
        check_letters(items, &mut p);
        p.0.into_iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn declared_quirks_pass_and_undeclared_ones_fail() {
        let ok = [
            item("a", false, &[]),
            item("a", true, &[]),
            item("c", false, &["b"]),
        ];
        assert!(problems(&ok).is_empty());
        let bad = [
            item("a", false, &[]),
            item("a", false, &[]),
            item("c", false, &[]),
        ];
        let found = problems(&bad);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].starts_with("x[a].label: duplicate label 'a'"));
        assert!(found[1].contains("skips \"b\""));
        let wrong = [item("b", false, &[]), item("f", false, &[])];
        let found = problems(&wrong);
        assert!(found[0].contains("skips \"a\""), "{found:?}");
        assert!(found[1].contains("not a list letter"), "{found:?}");
    }
}
