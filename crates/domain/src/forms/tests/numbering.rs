//! The numbering of each circular, read from data, by the rule set in force.

use crate::dossier::RuleSet;
use crate::forms::{Form, NUMBERING, Numbering, numbering};

fn numbers(r: RuleSet) -> Vec<Option<u8>> {
    Form::ALL
        .iter()
        .map(|f| f.number(r).map(|n| n.number))
        .collect()
}

#[test]
fn tt01_2018_has_six_forms_and_no_stop_notice() {
    let old = [Some(1), Some(2), Some(3), Some(4), None, Some(5), Some(6)];
    assert_eq!(numbers(RuleSet::Nd61_2018), old);
    let n = RuleSet::Nd61_2018.form_number(Form::ControlSheet).unwrap();
    assert_eq!(n.to_string(), "Mẫu số 05 (TT 01/2018/TT-VPCP)");
    assert_eq!(RuleSet::Nd61_2018.forms_circular(), "TT 01/2018/TT-VPCP");
}

#[test]
fn tt03_2025_has_seven_forms_for_both_nd118_rule_sets() {
    let new = [
        Some(1),
        Some(2),
        Some(3),
        Some(4),
        Some(5),
        Some(6),
        Some(7),
    ];
    assert_eq!(numbers(RuleSet::Nd118_2025), new);
    assert_eq!(numbers(RuleSet::Nd118_2025Tt04), new);
    let n = RuleSet::Nd118_2025.form_number(Form::ControlSheet).unwrap();
    assert_eq!(n.to_string(), "Mẫu số 06 (TT 03/2025/TT-VPCP)");
    assert_eq!(n.short(), "Mẫu số 06");
    assert_eq!(
        Form::Register
            .number(RuleSet::Nd118_2025Tt04)
            .unwrap()
            .number,
        7
    );
}

#[test]
fn the_shipped_numbering_names_its_texts_and_marks_what_is_unconfirmed() {
    let n = numbering();
    assert_eq!(n.circulars.len(), 2);
    for c in &n.circulars {
        assert!(c.title.starts_with("Thông tư số"), "{}", c.title);
        assert!(!c.note.is_empty());
    }
    let tt03 = n.for_rule_set(RuleSet::Nd118_2025);
    assert!(
        tt03.unconfirmed,
        "docs/DOMAIN.md § Forms marks the 7-form list unconfirmed"
    );
    assert!(!n.for_rule_set(RuleSet::Nd61_2018).unconfirmed);
}

#[test]
fn a_numbering_file_with_a_gap_a_clash_or_an_unknown_key_is_refused() {
    let uncovered = NUMBERING.replace("rule_sets = [\"ND61_2018\"]", "rule_sets = []");
    assert!(
        Numbering::parse(&uncovered)
            .unwrap_err()
            .contains("ND61_2018")
    );
    let clash = NUMBERING.replacen("refusal = 3", "refusal = 2", 1);
    assert!(Numbering::parse(&clash).unwrap_err().contains("used twice"));
    let unknown = NUMBERING.replacen("refusal = 3", "refusals = 3", 1);
    assert!(Numbering::parse(&unknown).unwrap_err().contains("refusals"));
    let alias = NUMBERING.replacen("control_slip = 5", "control = 5", 1);
    assert!(Numbering::parse(&alias).unwrap_err().contains("control"));
}

#[test]
fn keys_and_short_names_parse_to_the_same_form() {
    for f in Form::ALL {
        assert_eq!(f.key().parse::<Form>(), Ok(f));
        assert_eq!(
            serde_json::to_string(&f).unwrap(),
            format!("\"{}\"", f.key())
        );
        for a in f.aliases() {
            assert_eq!(a.parse::<Form>(), Ok(f));
        }
    }
    assert_eq!("supplement".parse::<Form>(), Ok(Form::SupplementRequest));
    assert_eq!("apology".parse::<Form>(), Ok(Form::ApologyExtension));
    assert_eq!("stop".parse::<Form>(), Ok(Form::StopNotice));
    assert_eq!("control".parse::<Form>(), Ok(Form::ControlSheet));
    assert!("mau01".parse::<Form>().is_err());
}
