//! Properties of the lunar conversion over the whole supported range.

use cchc_calendar::{CalendarError, LunarDate, lunar_to_solar, solar_to_lunar};
use chrono::{Days, NaiveDate};
use proptest::prelude::*;

fn first() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 31).unwrap()
}

fn last() -> NaiveDate {
    NaiveDate::from_ymd_opt(2100, 12, 31).unwrap()
}

/// Any solar date in the supported range.
fn in_range() -> impl Strategy<Value = NaiveDate> {
    let span = u64::try_from((last() - first()).num_days()).unwrap();
    (0..=span).prop_map(|offset| first() + Days::new(offset))
}

/// Any lunar date with plausible fields, possible or not.
fn any_lunar() -> impl Strategy<Value = LunarDate> {
    (0u8..=31, 0u8..=13, 1898i32..=2102, any::<bool>()).prop_map(|(day, month, year, leap)| {
        LunarDate {
            day,
            month,
            year,
            leap,
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    #[test]
    fn solar_to_lunar_to_solar_round_trips(solar in in_range()) {
        let lunar = solar_to_lunar(solar).unwrap();
        prop_assert!((1..=30).contains(&lunar.day) && (1..=12).contains(&lunar.month));
        prop_assert_eq!(lunar_to_solar(lunar), Ok(solar));
    }

    #[test]
    fn the_next_day_is_the_next_lunar_day_or_a_new_month(solar in in_range()) {
        prop_assume!(solar < last());
        let today = solar_to_lunar(solar).unwrap();
        let tomorrow = solar_to_lunar(solar + Days::new(1)).unwrap();
        if tomorrow.day == 1 {
            prop_assert!(today.day == 29 || today.day == 30);
        } else {
            prop_assert_eq!(tomorrow, LunarDate { day: today.day + 1, ..today });
        }
    }

    #[test]
    fn lunar_inputs_round_trip_or_are_refused(lunar in any_lunar()) {
        match lunar_to_solar(lunar) {
            Ok(solar) => prop_assert_eq!(solar_to_lunar(solar), Ok(lunar)),
            Err(CalendarError::Invalid(message)) => {
                prop_assert!(!message.is_empty());
                prop_assert!(impossible(lunar), "{:?} refused: {}", lunar, message);
            }
            Err(CalendarError::OutOfRange(_)) => prop_assert!(
                !(1900..=2100).contains(&lunar.year) || (lunar.year, lunar.month) == (2100, 12)
            ),
            Err(other) => prop_assert!(false, "unexpected error {:?}", other),
        }
    }

    #[test]
    fn solar_dates_outside_the_range_are_refused(days in 1u64..100_000, after in any::<bool>()) {
        let outside = if after { last() + Days::new(days) } else { first() - Days::new(days) };
        prop_assert!(matches!(solar_to_lunar(outside), Err(CalendarError::OutOfRange(_))));
    }
}

/// Whether `lunar` names no real day, judged from its month's first day.
fn impossible(lunar: LunarDate) -> bool {
    if !(1..=12).contains(&lunar.month) || !(1..=30).contains(&lunar.day) {
        return true;
    }
    let Ok(first_day) = lunar_to_solar(LunarDate { day: 1, ..lunar }) else {
        return lunar.leap;
    };
    let day_30 = first_day + Days::new(29);
    lunar.day == 30 && solar_to_lunar(day_30).is_ok_and(|d| d.day == 1)
}
