//! Work is bounded by the case, not by a date (issue 14): a plan dated
//! decades before the as-of day (one wrong digit) is counted over at most
//! the 30 years the loader allows, not day by day over the whole span.

use std::path::Path;

use chrono::NaiveDate;

#[test]
fn a_plan_dated_decades_ago_is_counted_over_thirty_years_at_most() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/hostile/date-one-wrong-digit");
    let dir = std::env::temp_dir().join(format!("iep-services-bounded-{}", std::process::id()));
    for rel in ["case.yaml", "iep/2025-09-15.yaml", "services/log.yaml"] {
        let to = dir.join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        let text = std::fs::read_to_string(fixture.join(rel))
            .unwrap()
            .replace("effective: 0025-09-15", "effective: 1925-09-15");
        std::fs::write(to, text).unwrap();
    }
    // Without an as-of day the loader only refuses years outside 1900-2200.
    let loaded = iep_load::load(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    let as_of = NaiveDate::from_ymd_opt(2026, 4, 20).unwrap();
    let case = loaded.case.unwrap().as_of(as_of);
    let accounting = iep_services::account(&case, as_of);
    assert!(!accounting.services.is_empty());
    for service in &accounting.services {
        assert!(service.periods.len() <= 12 * 30 + 1, "{}: {} periods", service.id, service.periods.len());
    }
}
