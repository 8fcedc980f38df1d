//! Dates in words, the way letters, packets and messages write them.

use chrono::{Datelike, NaiveDate};

/// "March" for 3. Out-of-range months are clamped to January or December.
pub fn month_name(month: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES[(month.clamp(1, 12) - 1) as usize]
}

/// "April 20, 2026".
pub fn long_date(date: NaiveDate) -> String {
    format!("{} {}, {}", month_name(date.month()), date.day(), date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_words() {
        assert_eq!(month_name(1), "January");
        assert_eq!(month_name(12), "December");
        assert_eq!(long_date(NaiveDate::from_ymd_opt(2025, 12, 1).unwrap()), "December 1, 2025");
    }
}
