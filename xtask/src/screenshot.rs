//! `cargo xtask screenshot`: renders one page of the meeting packet of
//! `cases/maya` (as of 2026-04-20) to `docs/packet-page.png`, for the README.
//!
//! The page comes from the real output: the case is loaded and checked, and
//! the packet is rendered by the same generator `iep packet` uses, only to
//! PNG pages instead of a PDF. No external tool.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use iep_generate::packet::{PacketInput, packet_context};
use iep_generate::{Generator, GeneratorOptions};

/// The page shown: the first one holding this heading.
const PAGE_HEADING: &str = "Progress on the goals";

/// With `pages`, also writes every page of the packet there (`page-01.png`, ...) for review.
pub fn run(root: &Path, pages: Option<PathBuf>) -> Result<(), String> {
    let case_dir = root.join("cases/maya");
    let as_of = NaiveDate::from_ymd_opt(2026, 4, 20).ok_or("bad date")?;
    let loaded = iep_load::load(&case_dir);
    let case = loaded.case.ok_or_else(|| format!("cases/maya did not load: {:?}", loaded.diagnostics))?;
    let cut = case.as_of(as_of);
    let cx = iep_model::Context::new(&cut, as_of);
    let findings = iep_checks::check_with(&cx);
    let context = packet_context(&PacketInput { case: &case, context: &cx, findings: &findings, meeting: None });
    let generator = Generator::new(GeneratorOptions::default()).map_err(|e| e.to_string())?;
    let rendered = generator.render_png_pages("packet", &context, as_of).map_err(|e| e.to_string())?;
    let page = rendered
        .iter()
        .find(|page| page.text.contains(PAGE_HEADING))
        .or_else(|| rendered.first())
        .ok_or("the packet has no pages")?;
    let out = root.join("docs/packet-page.png");
    std::fs::create_dir_all(root.join("docs")).map_err(|e| e.to_string())?;
    std::fs::write(&out, &page.png).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    println!("wrote {}", out.display());
    if let Some(dir) = pages {
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        for (i, page) in rendered.iter().enumerate() {
            std::fs::write(dir.join(format!("page-{:02}.png", i + 1)), &page.png).map_err(|e| e.to_string())?;
        }
        println!("wrote {} pages into {}", rendered.len(), dir.display());
    }
    Ok(())
}
