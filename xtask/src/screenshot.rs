//! `cargo xtask screenshot`: renders one page of the meeting packet of
//! `cases/maya` (as of 2026-04-20) to `docs/packet-page.png`, for the README.
//!
//! The page comes from the real output: the case is loaded and checked, and
//! the packet's Typst source is what `iep packet` compiles
//! (`Generator::render_source`), compiled here with the same fonts and
//! template files and rasterised with typst-render. No external tool.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::LazyLock;

use chrono::NaiveDate;
use iep_generate::packet::{PacketInput, packet_context};
use iep_generate::{Generator, GeneratorOptions};
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::layout::{Frame, FrameItem};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

/// The page shown: the first one holding this heading.
const PAGE_HEADING: &str = "Progress on the goals";

/// With `pages`, also writes every page of the packet there (`page-01.png`, ...) for review.
pub fn run(root: &Path, pages: Option<std::path::PathBuf>) -> Result<(), String> {
    let case_dir = root.join("cases/maya");
    let as_of = NaiveDate::from_ymd_opt(2026, 4, 20).ok_or("bad date")?;
    let loaded = iep_load::load(&case_dir);
    let case = loaded
        .case
        .ok_or_else(|| format!("cases/maya did not load: {:?}", loaded.diagnostics))?;
    let findings = iep_checks::check(&case, as_of);
    let context = packet_context(&PacketInput {
        case: &case,
        as_of,
        findings: &findings,
        meeting: None,
    });
    let generator = Generator::new(GeneratorOptions::default()).map_err(|e| e.to_string())?;
    let markup = generator
        .render_source("packet", &context)
        .map_err(|e| e.to_string())?;

    let world = ScreenshotWorld::new(markup, &root.join("templates"))?;
    let document = typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|errors| {
            format!(
                "the packet did not compile: {:?}",
                errors.iter().map(|e| &e.message).collect::<Vec<_>>()
            )
        })?;
    let page = document
        .pages()
        .iter()
        .find(|page| frame_text(&page.frame).contains(PAGE_HEADING))
        .or_else(|| document.pages().first())
        .ok_or("the packet has no pages")?;
    let pixmap = typst_render::render(page, &render_options());
    let png = pixmap
        .encode_png()
        .map_err(|e| format!("cannot encode the PNG: {e}"))?;
    let out = root.join("docs/packet-page.png");
    std::fs::create_dir_all(root.join("docs")).map_err(|e| e.to_string())?;
    std::fs::write(&out, png).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    println!(
        "wrote {} ({} x {} px)",
        out.display(),
        pixmap.width(),
        pixmap.height()
    );
    if let Some(dir) = pages {
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        for (i, page) in document.pages().iter().enumerate() {
            let png = typst_render::render(page, &render_options())
                .encode_png()
                .map_err(|e| e.to_string())?;
            std::fs::write(dir.join(format!("page-{:02}.png", i + 1)), png)
                .map_err(|e| e.to_string())?;
        }
        println!(
            "wrote {} pages into {}",
            document.pages().len(),
            dir.display()
        );
    }
    Ok(())
}

/// Two pixels per point (typst-render's default): a sharp 1224 x 1584 image of a letter page.
fn render_options() -> typst_render::RenderOptions {
    typst_render::RenderOptions::default()
}

/// All the text of a frame, in order.
fn frame_text(frame: &Frame) -> String {
    let mut text = String::new();
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => text.push_str(&frame_text(&group.frame)),
            FrameItem::Text(run) => {
                text.push_str(&run.text);
                text.push(' ');
            }
            _ => {}
        }
    }
    text
}

static LIBRARY: LazyLock<LazyHash<Library>> =
    LazyLock::new(|| LazyHash::new(Library::builder().build()));

/// The packet's source, the template files (`base.typ`, `charts.typ`) and
/// the embedded fonts: what the generator's own world serves.
struct ScreenshotWorld {
    main: Source,
    files: BTreeMap<String, Bytes>,
    fonts: Vec<Font>,
    book: LazyHash<FontBook>,
}

impl ScreenshotWorld {
    fn new(markup: String, templates: &Path) -> Result<ScreenshotWorld, String> {
        let mut files = BTreeMap::new();
        for name in ["base.typ", "charts.typ"] {
            let bytes = std::fs::read(templates.join(name))
                .map_err(|e| format!("cannot read templates/{name}: {e}"))?;
            files.insert(format!("/{name}"), Bytes::new(bytes));
        }
        let fonts: Vec<Font> = typst_assets::fonts()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        let main = Source::new(id("/main.typ").ok_or("bad path")?, markup);
        Ok(ScreenshotWorld {
            main,
            files,
            fonts,
            book,
        })
    }
}

fn id(path: &str) -> Option<FileId> {
    Some(RootedPath::new(VirtualRoot::Project, VirtualPath::new(path).ok()?).intern())
}

impl World for ScreenshotWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        let path = id.vpath().get_with_slash().to_string();
        let bytes = self
            .files
            .get(&path)
            .ok_or_else(|| FileError::NotFound(path.clone().into()))?;
        let text = std::str::from_utf8(bytes.as_slice()).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text.to_owned()))
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        let path = id.vpath().get_with_slash().to_string();
        self.files
            .get(&path)
            .cloned()
            .ok_or_else(|| FileError::NotFound(path.into()))
    }
    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Datetime::from_ymd(2026, 4, 20)
    }
}
