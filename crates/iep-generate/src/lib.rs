//! PDF documents (letters, the meeting packet, the case report) from
//! templates, with Typst.
//!
//! A [`Generator`] renders a minijinja template with a serializable context
//! into Typst markup, compiles it in a closed [`World`](typst::World) and
//! exports a PDF:
//!
//! ```text
//! context (Serialize) ──minijinja──▶ Typst markup ──typst──▶ PagedDocument ──typst-pdf──▶ PDF bytes
//! ```
//!
//! # How case text stays literal
//!
//! Case files are plain text: nothing a parent types may ever be read as
//! markup or code (case-format.md). The design: templates are minijinja, and
//! the environment has exactly one formatter, which prints every value as a
//! Typst string literal embedded in markup, `#"text";` (see `escape.rs`). A
//! string literal has two special characters (`\`, `"`), so this is far
//! harder to get wrong than backslash-escaping the twenty-odd characters that
//! are special somewhere in markup (and smart quotes, URLs, `1.` at a line
//! start, `--`, `...`): the text goes to Typst as a string value and is laid
//! out verbatim. Newlines become line breaks. In code positions templates use
//! `{{ value|typst_str }}`. The `safe` and `escape` filters are removed: the
//! only unescaped output is what a template wrote itself (its own text, its
//! macros and `{% set %}` blocks). Passing the data as a JSON file that Typst
//! reads was the alternative; it would make every template a Typst program
//! walking dictionaries, which is harder for an advocate who wants to adjust a
//! letterhead. Undefined variables are errors (`UndefinedBehavior::Strict`).
//!
//! # What Typst can read
//!
//! Only the generated main file, the template files that are not `.j2`
//! (`base.typ`, an advocate's letterhead `.typ` and its logo), and the fonts:
//! the ones embedded in `typst-assets` and those in `--font-path` folders.
//! No system fonts, no packages, no network, no other path; the date is the
//! one the caller gives. See `world.rs`.
//!
//! # Same input, same bytes
//!
//! The PDF's identifier is derived from the generated source and its creation
//! date is the document's date (`today`), so the same context and date give a
//! byte-identical PDF.
//!
//! Architecture invariant: this crate knows nothing of the command line and
//! reads only what it is pointed at (a templates folder, font folders). It
//! never decides whether a file may be overwritten; the CLI does.

mod escape;
mod fonts;
pub mod letters;
#[cfg(test)]
mod margin_tests;
pub mod packet;
pub mod report;
mod templates;
mod text_layer;
pub mod wording;
mod world;
mod write;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use minijinja::{AutoEscape, Environment, UndefinedBehavior};
use serde::Serialize;
use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::VirtualRoot;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

pub use escape::{typst_markup_text, typst_string_literal};
pub use world::embedded_font_index;
pub use write::{write_atomic, write_atomic_new};

use world::{FileTree, FontSet, IepWorld, SourceTree, TemplateSource};

/// PNG pages for `cargo xtask screenshot`: behind the `png` feature, so the
/// CLI does not build the rasterizer.
#[cfg(feature = "png")]
mod png;
#[cfg(feature = "png")]
pub use png::PagePng;

/// How a [`Generator`] finds its templates and fonts.
#[derive(Debug, Clone, Default)]
pub struct GeneratorOptions {
    /// A folder whose files replace shipped templates of the same name
    /// (`letter.typ.j2`, `base.typ`, `letters/records-request.typ.j2`) or add
    /// files templates use (a letterhead, a logo). Read once, in `new`.
    pub template_overrides: Option<PathBuf>,
    /// Folders (or font files) with fonts to use besides the embedded ones,
    /// for names the embedded fonts cannot show.
    pub font_paths: Vec<PathBuf>,
}

/// A finished document.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The PDF file's bytes.
    pub pdf: Vec<u8>,
    /// Things the reader should know: text no font can show, Typst's own
    /// warnings. Plain sentences.
    pub warnings: Vec<String>,
    /// The Typst source the template produced (what was compiled).
    pub source: String,
    /// Every path Typst asked the world for, allowed or not, without repeats.
    pub accessed_files: Vec<String>,
}

/// Why a document could not be made. Every message is a plain sentence that
/// says what to do.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum GenerateError {
    /// No template has this name.
    UnknownTemplate { name: String, available: Vec<String> },
    /// A template failed to render (syntax error, undefined variable).
    Template { template: String, line: Option<usize>, message: String },
    /// Typst rejected the generated document.
    Typst { template: String, messages: Vec<String> },
    /// The context could not be turned into template data.
    Context { message: String },
    /// A `--font-path` could not be read.
    FontPath { path: PathBuf, message: String },
    /// The template override folder could not be read.
    TemplateDir { path: PathBuf, message: String },
    /// A file could not be written.
    Write { path: PathBuf, message: String },
    /// A bug in the generator or in Typst; the message says where.
    Internal { message: String },
}

impl fmt::Display for GenerateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GenerateError::UnknownTemplate { name, available } => {
                write!(f, "there is no template named `{name}`; the templates are: {}", available.join(", "))
            }
            GenerateError::Template { template, line, message } => {
                match line {
                    Some(line) => write!(f, "template {template}, line {line}: {message}")?,
                    None => write!(f, "template {template}: {message}")?,
                }
                write!(
                    f,
                    "\n  fix the template (a case's own templates/ folder overrides the shipped one of the same name)"
                )
            }
            GenerateError::Typst { template, messages } => {
                write!(f, "Typst could not typeset the document made by template {template}:")?;
                for m in messages {
                    write!(f, "\n  {}", m.replace('\n', "\n  "))?;
                }
                Ok(())
            }
            GenerateError::Context { message } => {
                write!(f, "the letter's data could not be prepared: {message}")
            }
            GenerateError::FontPath { path, message } => write!(
                f,
                "cannot read fonts from {}: {message}; --font-path takes a folder of .ttf, .otf or .ttc files",
                path.display()
            ),
            GenerateError::TemplateDir { path, message } => {
                write!(f, "cannot read the templates folder {}: {message}", path.display())
            }
            GenerateError::Write { path, message } => {
                write!(f, "cannot write {}: {message}", path.display())
            }
            GenerateError::Internal { message } => write!(
                f,
                "internal error while making the PDF ({message}); please report it with the case files that caused it"
            ),
        }
    }
}

impl std::error::Error for GenerateError {}

/// Renders templates into PDFs. Build one per process and reuse it: fonts,
/// templates and Typst's caches are kept between documents.
pub struct Generator {
    env: Environment<'static>,
    jinja_names: BTreeSet<String>,
    files: FileTree,
    sources: SourceTree,
    fonts: Arc<FontSet>,
    /// Links in the override folder that were not followed, relative to it.
    skipped_links: Vec<String>,
}

impl fmt::Debug for Generator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Generator")
            .field("templates", &self.jinja_names)
            .field("files", &self.files.keys().collect::<Vec<_>>())
            .field("fonts", &self.fonts.len())
            .finish()
    }
}

impl Generator {
    /// Loads the shipped templates, the override folder and the extra fonts.
    pub fn new(options: GeneratorOptions) -> Result<Generator, GenerateError> {
        let mut jinja: BTreeMap<String, String> = BTreeMap::new();
        let mut raw: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        for (name, text) in templates::shipped() {
            if templates::is_jinja(&name) {
                jinja.insert(name, text.to_string());
            } else {
                raw.insert(name, text.as_bytes().to_vec());
            }
        }
        let mut skipped_links = Vec::new();
        if let Some(dir) = &options.template_overrides {
            let (files, links) = templates::read_override_dir(dir)?;
            skipped_links = links;
            for (name, bytes) in files {
                if templates::is_jinja(&name) {
                    let text = String::from_utf8(bytes).map_err(|_| GenerateError::TemplateDir {
                        path: dir.join(&name),
                        message: "this template is not UTF-8 text".into(),
                    })?;
                    jinja.insert(name, text);
                } else {
                    raw.insert(name, bytes);
                }
            }
        }

        let extra = fonts::load_font_paths(&options.font_paths)?;
        let fonts = FontSet::with_extra(extra);

        let mut files = FileTree::new();
        let mut sources = SourceTree::new();
        for (name, bytes) in raw {
            let path = format!("/{name}");
            if path == world::MAIN_PATH {
                // The generated document's own name; a file by that name
                // could never be reached.
                continue;
            }
            if name.ends_with(".typ")
                && let (Ok(text), Some(id)) = (String::from_utf8(bytes.clone()), world::file_id(&path))
            {
                sources.insert(path.clone(), TemplateSource::new(id, text));
            }
            files.insert(path, Bytes::new(bytes));
        }

        let jinja_names = jinja.keys().cloned().collect();
        let env = make_environment(jinja);
        Ok(Generator { env, jinja_names, files, sources, fonts, skipped_links })
    }

    /// Links in the template override folder that were not read (paths
    /// relative to the folder): only regular files inside it are templates.
    pub fn skipped_template_links(&self) -> &[String] {
        &self.skipped_links
    }

    /// Gets Typst ready for a first document: builds its standard library and
    /// parses the body font's regular and bold faces. Called on a second
    /// thread while the case loads, it takes that time off a one-letter run;
    /// never calling it changes nothing but speed.
    pub fn prepare(&self) {
        world::prepare_library();
        self.fonts.prepare(world::BODY_FONT);
    }

    /// The names of the templates that can be rendered.
    pub fn template_names(&self) -> impl Iterator<Item = &str> {
        self.jinja_names.iter().map(String::as_str)
    }

    /// Renders `template` (`letters/records-request`, with or without
    /// `.typ.j2`) with `context` into a PDF dated `today`.
    pub fn render<C: Serialize + ?Sized>(
        &self,
        template: &str,
        context: &C,
        today: NaiveDate,
    ) -> Result<Rendered, GenerateError> {
        let name = self.resolve_name(template)?;
        let context = serde_json::to_value(context).map_err(|e| GenerateError::Context { message: e.to_string() })?;

        let mut warnings = fonts::coverage_warnings(&context, &self.fonts);

        let markup = self.render_markup(&name, &context)?;
        let main_text = format!(
            "#set document(date: datetime(year: {}, month: {}, day: {}))\n{markup}",
            today.year(),
            today.month(),
            today.day()
        );

        let world = IepWorld::new(main_text, &self.files, &self.sources, &self.fonts, today);
        let result = catch_unwind(AssertUnwindSafe(|| compile_pdf(&world, &name, today)));
        let accessed_files = world.accessed();
        let source = world.main_source().text().to_string();
        // Keep memory flat across many documents: drop cache entries that
        // went unused for ten documents.
        comemo::evict(10);

        let (pdf, typst_warnings) = match result {
            Ok(Ok(done)) => done,
            Ok(Err(diags)) => {
                return Err(GenerateError::Typst {
                    template: name,
                    messages: diags.iter().map(|d| describe_diagnostic(&world, d)).collect(),
                });
            }
            Err(panic) => {
                let message = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "Typst panicked".into());
                return Err(GenerateError::Internal { message });
            }
        };
        warnings.extend(typst_warnings.iter().map(|d| describe_diagnostic(&world, d)));
        Ok(Rendered { pdf, warnings, source, accessed_files })
    }

    /// Renders only the Typst markup of `template` (no PDF): for tests and
    /// for `--format typ` style debugging.
    pub fn render_source<C: Serialize + ?Sized>(&self, template: &str, context: &C) -> Result<String, GenerateError> {
        let name = self.resolve_name(template)?;
        let context = serde_json::to_value(context).map_err(|e| GenerateError::Context { message: e.to_string() })?;
        self.render_markup(&name, &context)
    }

    fn resolve_name(&self, template: &str) -> Result<String, GenerateError> {
        let candidates = [template.to_string(), format!("{template}.typ.j2"), format!("{template}.j2")];
        for c in candidates {
            if self.jinja_names.contains(&c) {
                return Ok(c);
            }
        }
        Err(GenerateError::UnknownTemplate {
            name: template.to_string(),
            available: self.jinja_names.iter().cloned().collect(),
        })
    }

    fn render_markup(&self, name: &str, context: &serde_json::Value) -> Result<String, GenerateError> {
        let template = self.env.get_template(name).map_err(|e| template_error(name, &e))?;
        template
            .render(minijinja::value::Value::from(minijinja::value::Serde(context)))
            .map_err(|e| template_error(name, &e))
    }
}

/// The environment: strict about undefined variables, one escaping formatter.
fn make_environment(templates: BTreeMap<String, String>) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // Any non-`None` auto-escape makes macro and `{% set %}` output "safe"
    // (already Typst) so the formatter does not escape it twice. The name is
    // never looked at: `typst_formatter` does all escaping.
    env.set_auto_escape_callback(|_| AutoEscape::Custom("typst".into()));
    env.set_formatter(escape::typst_formatter);
    // Block tags on their own line leave no blank line behind.
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build();
    if let Ok(syntax) = syntax {
        env.set_syntax(syntax);
    }
    env.remove_filter("safe");
    env.remove_filter("escape");
    env.remove_filter("e");
    env.add_filter("typst_str", escape::typst_str_filter);
    // A template cannot loop forever on any case.
    env.set_fuel(Some(5_000_000));
    let templates = Arc::new(templates);
    env.set_loader(move |name| Ok(templates.get(name).cloned()));
    env
}

fn template_error(name: &str, err: &minijinja::Error) -> GenerateError {
    let template = err.name().unwrap_or(name).to_string();
    let mut message = match err.detail() {
        Some(detail) => format!("{}: {detail}", err.kind()),
        None => err.kind().to_string(),
    };
    // Quote the expression that failed, when the engine knows where it is.
    if let (Some(source), Some(range)) = (err.template_source(), err.range())
        && let Some(snippet) = source.get(range)
    {
        let snippet = snippet.trim();
        if !snippet.is_empty() && snippet.len() <= 120 {
            message.push_str(&format!(" (at `{snippet}`)"));
        }
    }
    let mut cause = std::error::Error::source(err);
    while let Some(inner) = cause {
        message.push_str(&format!("; caused by: {inner}"));
        cause = inner.source();
    }
    GenerateError::Template { template, line: err.line(), message }
}

type Compiled = (Vec<u8>, Vec<SourceDiagnostic>);

fn compile_pdf(world: &IepWorld<'_>, template: &str, today: NaiveDate) -> Result<Compiled, Vec<SourceDiagnostic>> {
    let warned = typst::compile::<PagedDocument>(world);
    let mut warnings: Vec<SourceDiagnostic> = warned.warnings.into_iter().collect();
    let document = warned.output.map_err(|errs| errs.into_iter().collect::<Vec<_>>())?;
    // Stacked accents copy out once (text_layer.rs).
    let document = text_layer::merge_split_clusters(document);

    let month = u8::try_from(today.month()).unwrap_or(1);
    let day = u8::try_from(today.day()).unwrap_or(1);
    let timestamp = Datetime::from_ymd_hms(today.year(), month, day, 0, 0, 0).map(Timestamp::new_utc);
    // The identifier only has to be stable for the same document; Typst
    // hashes it. The template name and the full source determine the PDF.
    let ident = format!("iep:{template}:{:032x}", typst::utils::hash128(&world.main_source().text()));
    // Tagged PDF (the default) stays on for screen readers. Its catalog's
    // `/MarkInfo << /Marked true /Suspects false >>` is written by krilla
    // (typst-pdf's writer) for every tagged PDF 1.6/1.7, as PDF/UA asks.
    // poppler up to at least 22.12 prints "Syntax Error: Suspects object is
    // wrong type (boolean)" for it: poppler accepts only `true` or no key.
    // The file is valid (qpdf --check is clean); nothing of ours sets it.
    let options = PdfOptions {
        ident: Smart::Custom(ident),
        creator: Smart::Custom(Some("iep".into())),
        timestamp,
        ..PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&document, &options).map_err(|errs| errs.into_iter().collect::<Vec<_>>())?;
    warnings.retain(|w| w.severity == Severity::Warning);
    Ok((pdf, warnings))
}

/// `FILE:LINE:COL: message`, the line of generated source, then the hints.
fn describe_diagnostic(world: &IepWorld<'_>, diag: &SourceDiagnostic) -> String {
    let mut out = String::new();
    let location = diag.span.id().and_then(|id| {
        let source = typst::World::source(world, id).ok()?;
        let range = world.range(diag.span)?;
        let (line, col) = source.lines().byte_to_line_column(range.start)?;
        let path = match id.root() {
            VirtualRoot::Project => id.vpath().get_without_slash().to_string(),
            VirtualRoot::Package(spec) => spec.to_string(),
        };
        let text = source.lines().line_to_range(line).and_then(|r| source.text().get(r));
        Some((path, line + 1, col + 1, text.map(|t| t.trim_end().to_string())))
    });
    match &location {
        Some((path, line, col, _)) => out.push_str(&format!("{path}:{line}:{col}: {}", diag.message)),
        None => out.push_str(&diag.message),
    }
    if let Some((_, _, _, Some(text))) = &location {
        let shown: String = text.chars().take(160).collect();
        out.push_str(&format!("\n  | {shown}"));
    }
    let mut hints: Vec<String> = Vec::new();
    for hint in &diag.hints {
        let hint = own_hint(&hint.v);
        if !hints.contains(&hint) {
            hints.push(hint);
        }
    }
    for hint in hints {
        out.push_str(&format!("\nhint: {hint}"));
    }
    out
}

/// Typst's hint in iep's words where Typst's names a command-line option of
/// the `typst` program (`--root`, `--features`, an export target or PDF
/// standard): iep has none of them.
fn own_hint(hint: &str) -> String {
    let names_typst_option = hint.contains("`--") || hint.contains("export target") || hint.contains("exporting with");
    if !names_typst_option {
        return hint.to_string();
    }
    if hint.contains("--root") {
        return "a template can read only the files of the templates folder (the shipped ones and the case's own `templates/`); put the file there".to_string();
    }
    "iep makes PDF documents only, with fixed settings; change the template so it does not need this".to_string()
}
