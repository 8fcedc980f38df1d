//! A very long word stays inside the page margins, in running text and in
//! table cells: the laid-out positions of every piece of text are checked
//! against the 1 in side margins of `base.typ`.

use typst::layout::{Abs, Frame, FrameItem, Point, Transform};

use super::*;

/// Left and right edge of every text run in `frame`, in page coordinates.
fn text_extents(frame: &Frame, transform: Transform, into: &mut Vec<(f64, f64, String)>) {
    for (pos, item) in frame.items() {
        let at = transform.pre_concat(Transform::translate(pos.x, pos.y));
        match item {
            FrameItem::Group(group) => text_extents(&group.frame, at.pre_concat(group.transform), into),
            FrameItem::Text(run) => {
                let left = Point::zero().transform(at).x;
                let right = Point::with_x(run.width()).transform(at).x;
                into.push((left.to_pt(), right.to_pt(), run.text.to_string()));
            }
            _ => {}
        }
    }
}

#[test]
fn a_200_character_word_never_passes_the_margin() {
    let dir = tempfile::tempdir().unwrap();
    let template = "#import \"base.typ\": iep-page\n#show: iep-page\n\nThe service is {{ word }}, as written.\n\n\
        #table(columns: (1fr, 1.4fr, 1fr, 1fr, 1fr), [{{ word }}], [two], [three], [four], [{{ word }}])\n";
    std::fs::write(dir.path().join("wide.typ.j2"), template).unwrap();
    let generator =
        Generator::new(GeneratorOptions { template_overrides: Some(dir.path().to_owned()), font_paths: Vec::new() })
            .unwrap();
    let word = format!("Speech{}", "x".repeat(200));
    let context = serde_json::json!({ "word": word });
    let markup = generator.render_markup("wide.typ.j2", &context).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 4, 20).unwrap();
    let world = IepWorld::new(markup, &generator.files, &generator.sources, &generator.fonts, today);
    let document = typst::compile::<PagedDocument>(&world).output.unwrap();

    let margin = Abs::inches(1.0).to_pt();
    let mut pieces = 0;
    for page in document.pages() {
        let width = page.frame.width().to_pt();
        let mut runs = Vec::new();
        text_extents(&page.frame, Transform::identity(), &mut runs);
        for (left, right, text) in runs {
            // Half a point for rounding.
            assert!(
                left >= margin - 0.5 && right <= width - margin + 0.5,
                "`{text}` spans {left:.1}..{right:.1} pt of {width:.1}"
            );
            pieces += usize::from(text.contains('x'));
        }
    }
    assert!(pieces >= 6, "the word was broken into pieces ({pieces})");
}

#[test]
fn a_long_address_that_fits_sits_in_one_line_side_by_side() {
    // The pieces of a long word are separate text runs in the PDF; on one
    // line they touch, so a viewer copies them as one word.
    let generator = Generator::new(GeneratorOptions::default()).unwrap();
    let address = "maya.rodriguez.parent.of.maya@family-example.org";
    let markup = format!("#import \"base.typ\": iep-page\n#show: iep-page\n\n{}", typst_markup_text(address));
    let today = NaiveDate::from_ymd_opt(2026, 4, 20).unwrap();
    let world = IepWorld::new(markup, &generator.files, &generator.sources, &generator.fonts, today);
    let document = typst::compile::<PagedDocument>(&world).output.unwrap();
    let mut runs = Vec::new();
    text_extents(&document.pages()[0].frame, Transform::identity(), &mut runs);
    let joined: String = runs.iter().map(|(_, _, text)| text.as_str()).collect();
    assert_eq!(joined, address);
    assert!(runs.len() > 1, "the address is cut into pieces: {runs:?}");
    for pair in runs.windows(2) {
        assert!((pair[0].1 - pair[1].0).abs() < 0.01, "a gap between pieces: {pair:?}");
    }
}
