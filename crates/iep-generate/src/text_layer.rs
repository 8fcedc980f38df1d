//! The text a reader copies out of a PDF holds each character once.
//!
//! Typst lays a cluster whose accents the font stacks ("e" with two acute
//! accents) as several text runs: the accents sit at another height, and a
//! run has one baseline. Each run carries the whole cluster's text, so the
//! PDF maps the cluster's text to the base letter and again to each raised
//! accent, and a pasted "é́" comes out twice. Here a run that holds only
//! such accents (no width of its own, directly after the run of its base
//! letter, its text the end of that run's text) is folded back into that
//! run, each accent keeping its place through the glyph's own vertical
//! offset, which the PDF writer honours. The page looks the same; its text
//! holds the cluster once.

use typst::layout::{Abs, Em, Frame, FrameItem, Point};
use typst::text::TextItem;
use typst_layout::{Page, PagedDocument};

/// `document` with every split cluster folded back into one run.
/// A document without one (nearly every one) is returned as it is, uncopied.
pub(crate) fn merge_split_clusters(document: PagedDocument) -> PagedDocument {
    if !document.pages().iter().any(|page| has_split_cluster(&page.frame)) {
        return document;
    }
    let pages: Vec<Page> = document
        .pages()
        .iter()
        .cloned()
        .map(|mut page| {
            merge_in_frame(&mut page.frame);
            page
        })
        .collect();
    let info = typst::model::Document::info(&document).clone();
    PagedDocument::new(pages.into_iter().collect(), info)
}

/// Whether `frame` or a group in it holds an accent-only run.
fn has_split_cluster(frame: &Frame) -> bool {
    let items: Vec<&(Point, FrameItem)> = frame.items().collect();
    fold_plan(&items).iter().any(Option::is_some)
        || items.iter().any(|(_, item)| matches!(item, FrameItem::Group(g) if has_split_cluster(&g.frame)))
}

/// For each item of a frame, the index of the run it folds into.
fn fold_plan(items: &[&(Point, FrameItem)]) -> Vec<Option<usize>> {
    let mut folds: Vec<Option<usize>> = vec![None; items.len()];
    let mut base: Option<usize> = None;
    for (i, (pos, item)) in items.iter().enumerate() {
        match item {
            FrameItem::Text(run) => {
                let into = base.filter(|&b| {
                    let (base_pos, FrameItem::Text(base_run)) = &items[b] else { return false };
                    is_accents_of(run, *pos, base_run, *base_pos)
                });
                match into {
                    Some(b) => folds[i] = Some(b),
                    None => base = Some(i),
                }
            }
            _ => base = None,
        }
    }
    folds
}

/// Folds the accent-only runs of `frame` and its groups.
fn merge_in_frame(frame: &mut Frame) {
    let items: Vec<&(Point, FrameItem)> = frame.items().collect();
    let folds = fold_plan(&items);
    // The merged runs, built from the plan: base runs gain their accents.
    let mut merged: Vec<Option<TextItem>> = vec![None; items.len()];
    for (i, fold) in folds.iter().enumerate() {
        let Some(b) = *fold else { continue };
        let (FrameItem::Text(run), (base_pos, FrameItem::Text(base_run))) = (&items[i].1, &items[b]) else { continue };
        let target = merged[b].get_or_insert_with(|| base_run.clone());
        append_accents(target, *base_pos, run, items[i].0);
    }
    let mut index = 0;
    frame.retain(|item| {
        let i = index;
        index += 1;
        if folds[i].is_some() {
            return false;
        }
        if let Some(run) = merged[i].take() {
            *item = FrameItem::Text(run);
        }
        if let FrameItem::Group(group) = item
            && has_split_cluster(&group.frame)
        {
            merge_in_frame(&mut group.frame);
        }
        true
    });
}

/// Whether `run` (at `pos`) holds only raised or lowered accents of the
/// cluster that ends `base` (at `base_pos`): same font, size and paint, no
/// advance, another height, its text the end of the base run's text, and it
/// starts where the base run ends.
fn is_accents_of(run: &TextItem, pos: Point, base: &TextItem, base_pos: Point) -> bool {
    let width: Em = run.glyphs.iter().map(|g| g.x_advance).sum();
    !run.glyphs.is_empty()
        && !run.text.is_empty()
        && width == Em::zero()
        && pos.y != base_pos.y
        && (pos.x - (base_pos.x + base.width())).abs() < Abs::pt(0.01)
        && run.font == base.font
        && run.size == base.size
        && run.fill == base.fill
        && run.stroke == base.stroke
        && base.text.ends_with(run.text.as_str())
        && run.glyphs.iter().all(|g| g.range() == (0..run.text.len()))
        && base.glyphs.last().is_some_and(|g| g.range() == ((base.text.len() - run.text.len())..base.text.len()))
}

/// Appends the glyphs of `accents` (at `pos`) to `base` (at `base_pos`),
/// each at the same place: its height becomes the glyph's vertical offset,
/// and its text range the same cluster at the end of the base's text.
fn append_accents(base: &mut TextItem, base_pos: Point, accents: &TextItem, pos: Point) {
    let shift = Em::from_abs(base_pos.y - pos.y, base.size);
    let start = base.text.len() - accents.text.len();
    let cluster = u16::try_from(start).unwrap_or(u16::MAX)..u16::try_from(base.text.len()).unwrap_or(u16::MAX);
    for glyph in &accents.glyphs {
        let mut glyph = glyph.clone();
        glyph.y_offset += shift;
        glyph.range = cluster.clone();
        base.glyphs.push(glyph);
    }
}
