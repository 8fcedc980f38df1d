//! The one place Typst reads anything: a [`World`] that serves the generated
//! main file, the template files it was handed, and fonts. Nothing else.
//!
//! Architecture invariant: this module never touches the file system, the
//! network, system fonts or the clock. Every byte and the date come from the
//! caller; every other path is refused.

use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock, Mutex};

use chrono::{Datelike, NaiveDate};
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// The virtual path of the generated main file.
pub(crate) const MAIN_PATH: &str = "/main.typ";

/// The standard library, built once per process.
static LIBRARY: LazyLock<LazyHash<Library>> =
    LazyLock::new(|| LazyHash::new(Library::builder().build()));

/// The fonts embedded in the binary (`typst-assets`), parsed once per process.
static EMBEDDED_FONTS: LazyLock<Arc<FontSet>> = LazyLock::new(|| {
    let fonts = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    Arc::new(FontSet::new(fonts))
});

/// A set of fonts and the book that describes them.
pub(crate) struct FontSet {
    pub(crate) fonts: Vec<Font>,
    pub(crate) book: LazyHash<FontBook>,
}

impl FontSet {
    fn new(fonts: Vec<Font>) -> Self {
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        FontSet { fonts, book }
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
        let mut fonts = EMBEDDED_FONTS.fonts.clone();
        fonts.extend(extra);
        Arc::new(FontSet::new(fonts))
    }

    /// Whether any font of the set has a glyph for `c`.
    pub(crate) fn covers(&self, c: char) -> bool {
        let c = c as u32;
        self.fonts.iter().any(|font| font.info().coverage.contains(c))
    }
}

/// The files a document may read besides its main file: template files
/// (`base.typ`, an advocate's letterhead and its logo), by virtual path.
pub(crate) type FileTree = BTreeMap<String, Bytes>;

/// One compilation's world.
pub(crate) struct IepWorld<'a> {
    main: Source,
    files: &'a FileTree,
    sources: &'a BTreeMap<String, Source>,
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
        sources: &'a BTreeMap<String, Source>,
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
            return Ok(source.clone());
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
        self.files
            .get(&path)
            .cloned()
            .ok_or_else(|| FileError::NotFound(path.into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // The letter's date, whatever the offset: a letter is dated in the
        // parent's own calendar day.
        let month = u8::try_from(self.today.month()).ok()?;
        let day = u8::try_from(self.today.day()).ok()?;
        Datetime::from_ymd(self.today.year(), month, day)
    }
}
