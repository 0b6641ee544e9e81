//! Hours as people read them, from the integer minutes the register keeps.
//!
//! Every sum is taken in whole minutes; the hours shown are computed once
//! from the total, rounded half to even to two decimals, so a figure never
//! carries float noise (`31.216666666666665`) and two figures that differ
//! by minutes differ by the hours of those minutes.

/// `minutes` ÷ 60, rounded half to even to two decimals (1 minute is
/// 0.02 h; 31 h 13 min is 31.22 h).
pub fn hours(minutes: i64) -> f64 {
    // Hundredths of an hour: minutes × 100 / 60, rounded half to even in
    // integers, then one division that the float represents exactly enough
    // to print as written (3122 / 100 prints 31.22). For whole minutes the
    // remainder is a multiple of 20, so a tie cannot occur; the rule is
    // still the stated one should the unit ever change.
    let n = i128::from(minutes) * 100;
    let (q, r) = (n.div_euclid(60), n.rem_euclid(60));
    let up = match (2 * r).cmp(&60) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Equal => q % 2 != 0,
        std::cmp::Ordering::Less => false,
    };
    let hundredths = q + i128::from(up);
    hundredths as f64 / 100.0
}

/// A ratio rounded to four decimals (0.6235 is 62.35 %), for growths of
/// hours.
pub fn ratio(value: f64) -> f64 {
    (value * 10_000.0).round_ties_even() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_have_two_decimals_rounded_half_to_even() {
        assert_eq!(hours(0), 0.0);
        assert_eq!(hours(1), 0.02);
        assert_eq!(hours(60), 1.0);
        assert_eq!(hours(1873), 31.22);
        assert_eq!(hours(-1873), -31.22);
        assert_eq!(hours(-12), -0.2);
        assert_eq!(hours(129_018_895), 2_150_314.92);
        for m in [-100_000i64, -7, 7, 59, 61, 99_999, 7_654_321] {
            let h = hours(m);
            let text = h.to_string();
            let decimals = text.split_once('.').map_or(0, |(_, d)| d.len());
            assert!(decimals <= 2, "{m} min is {text} h");
            assert!((h - m as f64 / 60.0).abs() <= 0.005 + 1e-9, "{m}");
        }
    }

    #[test]
    fn growths_have_four_decimals() {
        assert_eq!(ratio(0.123_456), 0.1235);
        assert_eq!(ratio(-0.5), -0.5);
    }
}
