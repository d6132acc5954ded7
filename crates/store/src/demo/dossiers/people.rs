//! Invented applicants for demonstration dossiers: Vietnamese names, identity numbers with
//! Hưng Yên's prefix 033, phone numbers and addresses. None of them belongs to a real person.

use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;

use crate::dossiers::Applicant;

const FAMILY: [&str; 14] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô", "Dương", "Lương",
    "Đào", "Trịnh",
];

const MIDDLE: [&str; 10] = [
    "Văn", "Thị", "Đức", "Minh", "Thu", "Hữu", "Ngọc", "Quang", "Thanh", "Xuân",
];

const GIVEN: [&str; 20] = [
    "An", "Bình", "Cường", "Dung", "Đạt", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Lan", "Linh",
    "Long", "Mai", "Nam", "Phương", "Quân", "Thảo", "Trang", "Yến",
];

const VILLAGES: [&str; 8] = [
    "Thôn Đông",
    "Thôn Đoài",
    "Thôn Nam",
    "Thôn Bắc",
    "Thôn Thượng",
    "Thôn Hạ",
    "Tổ dân phố 1",
    "Tổ dân phố 2",
];

fn pick(rng: &mut StdRng, list: &[&'static str]) -> &'static str {
    list.choose(rng).copied().unwrap_or_default()
}

/// An invented applicant.
pub(super) fn applicant(rng: &mut StdRng) -> Applicant {
    let name = format!(
        "{} {} {}",
        pick(rng, &FAMILY),
        pick(rng, &MIDDLE),
        pick(rng, &GIVEN)
    );
    Applicant {
        name,
        id_number: Some(format!("033{:09}", rng.gen_range(0..1_000_000_000_u32))),
        phone: Some(format!("09{:08}", rng.gen_range(0..100_000_000_u32))),
        address: Some(format!("{}, tỉnh Hưng Yên", pick(rng, &VILLAGES))),
    }
}
