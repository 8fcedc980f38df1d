//! The one place Typst reads anything: a [`World`] that serves the generated
//! main file, the template files it was handed, and fonts. Nothing else.
//!
//! Architecture invariant: this module never touches the file system, the
//! network, system fonts or the clock. Every byte and the date come from the
//! caller; every other path is refused.

use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock, Mutex, OnceLock};

use chrono::{Datelike, NaiveDate};
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// The virtual path of the generated main file.
pub(crate) const MAIN_PATH: &str = "/main.typ";

/// The body text's font family as `base.typ` sets it, in lower case: the
/// faces [`FontSet::prepare`] parses ahead of the first document.
pub(crate) const BODY_FONT: &str = "libertinus serif";

/// Builds the standard library now (it is built once per process).
pub(crate) fn prepare_library() {
    LazyLock::force(&LIBRARY);
}

/// The standard library, built once per process.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::builder().build()));

/// The embedded fonts (`typst-assets`), described once per process from the
/// font index; each font is parsed only when a document first uses it.
static EMBEDDED_FONTS: LazyLock<Arc<FontSet>> = LazyLock::new(|| Arc::new(FontSet::embedded_from_index()));

/// What `cargo xtask font-index` writes: every embedded font's place and
/// metadata, so a process need not parse all of them to know what they cover.
/// A test fails when it no longer matches `typst-assets`.
const FONT_INDEX: &str = include_str!("embedded-fonts.json");

/// One embedded font in the index: which file of `typst_assets::fonts()`,
/// which face of that file, and what Typst reads from it.
#[derive(serde::Serialize, serde::Deserialize)]
pub(crate) struct IndexedFont {
    file: usize,
    index: u32,
    info: FontInfo,
}

/// The font index of the fonts `typst-assets` embeds, computed by parsing all
/// of them (what `cargo xtask font-index` writes).
pub fn embedded_font_index() -> String {
    let mut fonts = Vec::new();
    for (file, data) in typst_assets::fonts().enumerate() {
        for font in Font::iter(Bytes::new(data)) {
            fonts.push(IndexedFont { file, index: font.index(), info: font.info().clone() });
        }
    }
    let mut text = serde_json::to_string(&fonts).unwrap_or_else(|_| unreachable!("font metadata is plain data"));
    text.push('\n');
    text
}

/// A font of the set: where to read it, and the font once it was read.
struct FontSlot {
    data: Bytes,
    index: u32,
    font: OnceLock<Option<Font>>,
}

impl FontSlot {
    fn parsed(font: Font) -> FontSlot {
        FontSlot { data: font.data().clone(), index: font.index(), font: OnceLock::from(Some(font)) }
    }

    fn get(&self) -> Option<Font> {
        self.font.get_or_init(|| Font::new(self.data.clone(), self.index)).clone()
    }
}

/// A set of fonts and the book that describes them.
pub(crate) struct FontSet {
    slots: Vec<FontSlot>,
    pub(crate) book: LazyHash<FontBook>,
}

impl FontSet {
    fn embedded_from_index() -> FontSet {
        let files: Vec<&'static [u8]> = typst_assets::fonts().collect();
        let indexed: Option<Vec<IndexedFont>> = serde_json::from_str(FONT_INDEX).ok();
        match indexed {
            // Every file of typst-assets is in the index, in order.
            Some(indexed) if indexed.iter().map(|f| f.file + 1).max() == Some(files.len()) => {
                let slots = indexed
                    .iter()
                    .map(|f| FontSlot { data: Bytes::new(files[f.file]), index: f.index, font: OnceLock::new() })
                    .collect();
                let book = FontBook::from_infos(indexed.into_iter().map(|f| f.info));
                FontSet { slots, book: LazyHash::new(book) }
            }
            // An index that does not fit (a test catches it before release):
            // parse every font instead, slower but right.
            _ => FontSet::new(files.into_iter().flat_map(|data| Font::iter(Bytes::new(data))).collect()),
        }
    }

    fn new(fonts: Vec<Font>) -> Self {
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        FontSet { slots: fonts.into_iter().map(FontSlot::parsed).collect(), book }
    }

    /// The embedded fonts, shared by every generator in the process.
    pub(crate) fn embedded() -> Arc<FontSet> {
        Arc::clone(&EMBEDDED_FONTS)
    }

    /// The embedded fonts plus `extra` (fonts from `--font-path`). The
    /// embedded fonts come first so the default look never changes when a
    /// font is added; the extra ones are reached through Typst's fallback.
    pub(crate) fn with_extra(extra: Vec<Font>) -> Arc<FontSet> {
        if extra.is_empty() {
            return Self::embedded();
        }
        let embedded = &*EMBEDDED_FONTS;
        let mut infos: Vec<FontInfo> =
            (0..embedded.slots.len()).filter_map(|i| embedded.book.info(i).cloned()).collect();
        infos.extend(extra.iter().map(|f| f.info().clone()));
        let mut slots: Vec<FontSlot> = embedded
            .slots
            .iter()
            .map(|s| FontSlot { data: s.data.clone(), index: s.index, font: s.font.clone() })
            .collect();
        slots.extend(extra.into_iter().map(FontSlot::parsed));
        Arc::new(FontSet { slots, book: LazyHash::new(FontBook::from_infos(infos)) })
    }

    /// How many fonts the set has.
    pub(crate) fn len(&self) -> usize {
        self.slots.len()
    }

    /// The font at `index` of the book, parsed on first use.
    pub(crate) fn font(&self, index: usize) -> Option<Font> {
        self.slots.get(index)?.get()
    }

    /// Parses the regular and bold faces of `family` (lower case) now, so the
    /// first document does not wait for them.
    pub(crate) fn prepare(&self, family: &str) {
        use typst::text::{FontStretch, FontStyle, FontVariant, FontWeight};
        for weight in [FontWeight::REGULAR, FontWeight::BOLD] {
            let variant = FontVariant::new(FontStyle::Normal, weight, FontStretch::NORMAL);
            if let Some(index) = self.book.select(family, variant) {
                let _ = self.font(index);
            }
        }
    }

    /// Whether any font of the set has a glyph for `c`.
    pub(crate) fn covers(&self, c: char) -> bool {
        let c = c as u32;
        (0..self.slots.len()).any(|i| self.book.info(i).is_some_and(|info| info.coverage.contains(c)))
    }
}

/// A template's Typst source, parsed when a document first imports it: a
/// letter never pays for the packet's chart functions.
pub(crate) struct TemplateSource {
    id: FileId,
    text: String,
    parsed: OnceLock<Source>,
}

impl TemplateSource {
    pub(crate) fn new(id: FileId, text: String) -> TemplateSource {
        TemplateSource { id, text, parsed: OnceLock::new() }
    }

    fn source(&self) -> Source {
        self.parsed.get_or_init(|| Source::new(self.id, self.text.clone())).clone()
    }
}

/// Template sources by virtual path.
pub(crate) type SourceTree = BTreeMap<String, TemplateSource>;

/// The files a document may read besides its main file: template files
/// (`base.typ`, an advocate's letterhead and its logo), by virtual path.
pub(crate) type FileTree = BTreeMap<String, Bytes>;

/// One compilation's world.
pub(crate) struct IepWorld<'a> {
    main: Source,
    files: &'a FileTree,
    sources: &'a SourceTree,
    fonts: &'a FontSet,
    today: NaiveDate,
    /// Every path Typst asked for, allowed or not, in order. Tests assert on
    /// it; error messages use it.
    accessed: Mutex<Vec<String>>,
}

impl<'a> IepWorld<'a> {
    pub(crate) fn new(
        main_text: String,
        files: &'a FileTree,
        sources: &'a SourceTree,
        fonts: &'a FontSet,
        today: NaiveDate,
    ) -> Self {
        IepWorld {
            main: Source::new(main_id(), main_text),
            files,
            sources,
            fonts,
            today,
            accessed: Mutex::new(Vec::new()),
        }
    }

    pub(crate) fn main_source(&self) -> &Source {
        &self.main
    }

    /// The paths Typst asked for, in the order it asked, without repeats.
    pub(crate) fn accessed(&self) -> Vec<String> {
        let accessed = self.accessed.lock().map(|a| a.clone()).unwrap_or_default();
        let mut seen = std::collections::BTreeSet::new();
        accessed.into_iter().filter(|p| seen.insert(p.clone())).collect()
    }

    /// Records the request and says which allowed path it is, if any.
    fn lookup(&self, id: FileId) -> FileResult<String> {
        let path = match id.root() {
            VirtualRoot::Project => id.vpath().get_with_slash().to_string(),
            VirtualRoot::Package(spec) => {
                let shown = format!("{spec}{}", id.vpath().get_with_slash());
                self.record(shown);
                return Err(FileError::Other(Some(
                    "packages are not available: letters use only their own templates".into(),
                )));
            }
        };
        self.record(path.clone());
        Ok(path)
    }

    fn record(&self, path: String) {
        if let Ok(mut accessed) = self.accessed.lock() {
            accessed.push(path);
        }
    }
}

/// The id of the generated main file. Interned once: `FileId`s are never
/// freed, so a fresh id per document would leak.
pub(crate) fn main_id() -> FileId {
    static MAIN: LazyLock<FileId> = LazyLock::new(|| {
        let vpath = VirtualPath::new(MAIN_PATH).expect("a valid constant path");
        RootedPath::new(VirtualRoot::Project, vpath).intern()
    });
    *MAIN
}

/// The id of a template file at `path` (a virtual path like `/base.typ`).
pub(crate) fn file_id(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(path).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

impl World for IepWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            self.record(MAIN_PATH.to_string());
            return Ok(self.main.clone());
        }
        let path = self.lookup(id)?;
        if let Some(source) = self.sources.get(&path) {
            return Ok(source.source());
        }
        if self.files.contains_key(&path) {
            return Err(FileError::NotSource);
        }
        Err(FileError::NotFound(path.into()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            self.record(MAIN_PATH.to_string());
            return Ok(Bytes::from_string(self.main.clone()));
        }
        let path = self.lookup(id)?;
        self.files.get(&path).cloned().ok_or_else(|| FileError::NotFound(path.into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // The letter's date, whatever the offset: a letter is dated in the
        // parent's own calendar day.
        let month = u8::try_from(self.today.month()).ok()?;
        let day = u8::try_from(self.today.day()).ok()?;
        Datetime::from_ymd(self.today.year(), month, day)
    }
}
