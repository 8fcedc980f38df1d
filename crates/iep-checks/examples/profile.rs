use std::time::Instant;
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 4, 20).unwrap();
    let t = Instant::now();
    let loaded = iep_load::load(std::path::Path::new(&dir));
    eprintln!("load {:?}", t.elapsed());
    let case = loaded.case.unwrap();
    let t = Instant::now();
    let cut = case.as_of(as_of);
    eprintln!("as_of {:?}", t.elapsed());
    let cx = iep_model::Context::new(&cut, as_of);
    for c in iep_checks::CHECKS {
        let t = Instant::now();
        let mut out = Vec::new();
        c.run(&cx, &mut out);
        eprintln!("{} {:?} ({})", c.meta().code, t.elapsed(), out.len());
    }
}
