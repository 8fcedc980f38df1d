//! Pages as PNG images (`typst-render`), for the README's picture of a real
//! packet page. Only `xtask` enables the `png` feature that builds this.

use chrono::NaiveDate;
use serde::Serialize;
use typst_layout::PagedDocument;

use crate::world::IepWorld;
use crate::{GenerateError, Generator, describe_diagnostic};

impl Generator {
    /// Renders `template` like [`Generator::render`], but to one PNG image
    /// per page (two pixels per point), each with the page's text: for the
    /// README's picture of a real packet page, made by `cargo xtask screenshot`.
    pub fn render_png_pages<C: Serialize + ?Sized>(
        &self,
        template: &str,
        context: &C,
        today: NaiveDate,
    ) -> Result<Vec<PagePng>, GenerateError> {
        let name = self.resolve_name(template)?;
        let context = serde_json::to_value(context).map_err(|e| GenerateError::Context { message: e.to_string() })?;
        let markup = self.render_markup(&name, &context)?;
        let world = IepWorld::new(markup, &self.files, &self.sources, &self.fonts, today);
        let document = typst::compile::<PagedDocument>(&world).output.map_err(|errors| GenerateError::Typst {
            template: name.clone(),
            messages: errors.iter().map(|d| describe_diagnostic(&world, d)).collect(),
        })?;
        let mut pages = Vec::with_capacity(document.pages().len());
        for page in document.pages() {
            let png = typst_render::render(page, &typst_render::RenderOptions::default())
                .encode_png()
                .map_err(|e| GenerateError::Internal { message: format!("cannot encode a PNG: {e}") })?;
            pages.push(PagePng { text: frame_text(&page.frame), png });
        }
        comemo::evict(10);
        Ok(pages)
    }
}

/// One page rendered as an image.
#[derive(Debug, Clone)]
pub struct PagePng {
    /// The page's text, in order, words separated by spaces.
    pub text: String,
    pub png: Vec<u8>,
}

/// All the text of a frame, in order.
fn frame_text(frame: &typst::layout::Frame) -> String {
    use typst::layout::FrameItem;
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
