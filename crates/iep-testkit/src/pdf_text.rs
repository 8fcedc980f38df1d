//! Reading a PDF's text back with a real PDF parser, for tests. Shared by
//! the generator's tests and the CLI's end-to-end tests.

use std::collections::BTreeMap;

/// The text of every page of `pdf`, read back with a real PDF parser
/// (`lopdf`) and decoded through each font's `/ToUnicode` map, the mapping
/// a PDF viewer's copy and paste uses. `lopdf`'s own `extract_text` ignores
/// `/ToUnicode` when a font also has an `/Encoding` (Typst's Type3 fonts for
/// color emoji do), so it loses emoji; see [`pdf_text_lopdf`]. Each text
/// object (`BT`..`ET`) ends a line.
pub fn pdf_text(pdf: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(pdf).expect("the PDF parses");
    let mut out = String::new();
    let pages = doc.get_pages();
    assert!(!pages.is_empty(), "the PDF has pages");
    for (_, page_id) in pages {
        let fonts = doc.get_page_fonts(page_id).expect("page fonts");
        let maps: BTreeMap<Vec<u8>, CMap> =
            fonts.iter().map(|(name, font)| (name.clone(), to_unicode(&doc, font))).collect();
        let content = lopdf::content::Content::decode(&doc.get_page_content(page_id)).expect("page content");
        decode_ops(&content.operations, &maps, &mut out);
    }
    out
}

/// The text of each page, in page order, read as [`pdf_text`] reads it.
pub fn pdf_page_texts(pdf: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(pdf).expect("the PDF parses");
    let mut pages = Vec::new();
    for (_, page_id) in doc.get_pages() {
        let mut out = String::new();
        let fonts = doc.get_page_fonts(page_id).expect("page fonts");
        let maps: BTreeMap<Vec<u8>, CMap> =
            fonts.iter().map(|(name, font)| (name.clone(), to_unicode(&doc, font))).collect();
        let content = lopdf::content::Content::decode(&doc.get_page_content(page_id)).expect("page content");
        decode_ops(&content.operations, &maps, &mut out);
        pages.push(out);
    }
    pages
}

/// `lopdf`'s own text extraction.
pub fn pdf_text_lopdf(pdf: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(pdf).expect("the PDF parses");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).expect("text can be extracted")
}

/// A `/ToUnicode` map: code bytes → text, and the code length in bytes.
#[derive(Default)]
struct CMap {
    width: usize,
    map: BTreeMap<Vec<u8>, String>,
}

fn decode_ops(ops: &[lopdf::content::Operation], maps: &BTreeMap<Vec<u8>, CMap>, out: &mut String) {
    let empty = CMap::default();
    let mut font = &empty;
    for op in ops {
        match op.operator.as_str() {
            "Tf" => {
                let name = op.operands.first().and_then(|o| o.as_name().ok()).unwrap_or_default();
                font = maps.get(name).unwrap_or(&empty);
            }
            "Tj" | "'" | "\"" => {
                if let Some(bytes) = op.operands.last().and_then(|o| o.as_str().ok()) {
                    decode_string(bytes, font, out);
                }
            }
            "TJ" => {
                if let Some(Ok(items)) = op.operands.first().map(|o| o.as_array()) {
                    for item in items {
                        if let Ok(bytes) = item.as_str() {
                            decode_string(bytes, font, out);
                        }
                    }
                }
            }
            "ET" => out.push('\n'),
            _ => {}
        }
    }
}

fn decode_string(bytes: &[u8], font: &CMap, out: &mut String) {
    let width = font.width.max(1);
    for code in bytes.chunks(width) {
        match font.map.get(code) {
            Some(text) => out.push_str(text),
            None => out.push('\u{FFFD}'),
        }
    }
}

fn to_unicode(doc: &lopdf::Document, font: &lopdf::Dictionary) -> CMap {
    let Ok(stream) = font.get_deref(b"ToUnicode", doc).and_then(|o| o.as_stream()) else {
        return CMap::default();
    };
    let data = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
    parse_cmap(&String::from_utf8_lossy(&data))
}

/// Reads `codespacerange`, `bfchar` and `bfrange` sections.
fn parse_cmap(text: &str) -> CMap {
    let tokens: Vec<&str> =
        text.split(|c: char| c.is_whitespace()).flat_map(split_token).filter(|t| !t.is_empty()).collect();
    let mut cmap = CMap::default();
    let mut i = 0;
    while i < tokens.len() {
        match tokens[i] {
            "begincodespacerange" => {
                if let Some(first) = tokens.get(i + 1).and_then(|t| hex(t)) {
                    cmap.width = first.len();
                }
            }
            "beginbfchar" => {
                i += 1;
                while i + 1 < tokens.len() && tokens[i] != "endbfchar" {
                    if let (Some(src), Some(dst)) = (hex(tokens[i]), hex(tokens[i + 1])) {
                        cmap.map.insert(src, utf16(&dst));
                    }
                    i += 2;
                }
            }
            "beginbfrange" => {
                i += 1;
                while i + 2 < tokens.len() && tokens[i] != "endbfrange" {
                    let (Some(lo), Some(hi)) = (hex(tokens[i]), hex(tokens[i + 1])) else { break };
                    let lo_n = be(&lo);
                    let hi_n = be(&hi);
                    if tokens[i + 2] == "[" {
                        let mut j = i + 3;
                        let mut n = lo_n;
                        while j < tokens.len() && tokens[j] != "]" {
                            if let Some(dst) = hex(tokens[j]) {
                                cmap.map.insert(code_bytes(n, lo.len()), utf16(&dst));
                            }
                            n += 1;
                            j += 1;
                        }
                        i = j + 1;
                    } else {
                        if let Some(dst) = hex(tokens[i + 2]) {
                            let mut units: Vec<u16> =
                                dst.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
                            for n in lo_n..=hi_n {
                                cmap.map.insert(code_bytes(n, lo.len()), String::from_utf16_lossy(&units));
                                if let Some(last) = units.last_mut() {
                                    *last = last.wrapping_add(1);
                                }
                            }
                        }
                        i += 3;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    cmap
}

/// Splits `<00>` `[` `]` glued to other tokens apart.
fn split_token(token: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in token.char_indices() {
        match c {
            '<' | '[' | ']' => {
                if start < i {
                    out.push(&token[start..i]);
                }
                if c == '<' {
                    start = i;
                } else {
                    out.push(&token[i..i + 1]);
                    start = i + 1;
                }
            }
            '>' => {
                out.push(&token[start..=i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if start < token.len() {
        out.push(&token[start..]);
    }
    out
}

fn hex(token: &str) -> Option<Vec<u8>> {
    let inner = token.strip_prefix('<')?.strip_suffix('>')?;
    (0..inner.len()).step_by(2).map(|i| u8::from_str_radix(inner.get(i..i + 2)?, 16).ok()).collect()
}

fn be(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b))
}

fn code_bytes(n: u32, len: usize) -> Vec<u8> {
    (0..len).rev().map(|i| (n >> (8 * i)) as u8).collect()
}

fn utf16(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
    String::from_utf16_lossy(&units)
}

/// Checks the PDF's structure with a real parser, so a test asserts something
/// where `qpdf` is not installed: the header and end marker, the catalog,
/// every reference resolves, and every page has a media box, content streams
/// that decode and parse, and the fonts its text uses. Returns the number of
/// pages.
pub fn check_pdf(pdf: &[u8]) -> Result<usize, String> {
    use lopdf::Object;
    if !pdf.starts_with(b"%PDF-") {
        return Err("no %PDF- header".into());
    }
    if !pdf.trim_ascii_end().ends_with(b"%%EOF") {
        return Err("no %%EOF at the end".into());
    }
    let doc = lopdf::Document::load_mem(pdf).map_err(|e| format!("does not parse: {e}"))?;
    let catalog = doc.catalog().map_err(|e| format!("no catalog: {e}"))?;
    if catalog.get(b"Type").and_then(Object::as_name).ok() != Some(b"Catalog".as_slice()) {
        return Err("the root is not a /Catalog".into());
    }
    for (id, object) in &doc.objects {
        dangling_reference(&doc, object).map_or(Ok(()), |to| Err(format!("object {id:?} refers to missing {to:?}")))?;
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err("no pages".into());
    }
    for (number, page_id) in &pages {
        let page = doc.get_dictionary(*page_id).map_err(|e| format!("page {number}: {e}"))?;
        if page.get(b"Type").and_then(Object::as_name).ok() != Some(b"Page".as_slice()) {
            return Err(format!("page {number} is not a /Page"));
        }
        let media_box = inherited(&doc, page, b"MediaBox").and_then(|b| b.as_array().ok());
        if media_box.is_none_or(|b| b.len() != 4 || b.iter().any(|n| n.as_float().is_err())) {
            return Err(format!("page {number} has no media box of four numbers"));
        }
        let streams = doc.get_page_contents(*page_id);
        if streams.is_empty() {
            return Err(format!("page {number} has no content"));
        }
        let mut content = Vec::new();
        for id in streams {
            let stream = doc.get_object(id).and_then(Object::as_stream).map_err(|e| format!("page {number}: {e}"))?;
            let bytes =
                stream.get_plain_content().map_err(|e| format!("page {number}: content does not decode: {e}"))?;
            content.extend(bytes);
            content.push(b'\n');
        }
        let ops = lopdf::content::Content::decode(&content)
            .map_err(|e| format!("page {number}: content does not parse: {e}"))?;
        let fonts = doc.get_page_fonts(*page_id).map_err(|e| format!("page {number}: fonts: {e}"))?;
        for op in ops.operations.iter().filter(|op| op.operator == "Tf") {
            let name = op.operands.first().and_then(|o| o.as_name().ok()).unwrap_or_default();
            if !fonts.contains_key(name) {
                return Err(format!(
                    "page {number} uses font /{} that its resources lack",
                    String::from_utf8_lossy(name)
                ));
            }
        }
    }
    Ok(pages.len())
}

/// A page's key, or its page tree ancestors' (a media box may be inherited).
fn inherited<'a>(doc: &'a lopdf::Document, page: &'a lopdf::Dictionary, key: &[u8]) -> Option<&'a lopdf::Object> {
    let mut node = page;
    for _ in 0..32 {
        if let Ok(value) = node.get_deref(key, doc) {
            return Some(value);
        }
        node = node.get_deref(b"Parent", doc).and_then(lopdf::Object::as_dict).ok()?;
    }
    None
}

/// The first reference inside `object` to an object the document lacks.
fn dangling_reference(doc: &lopdf::Document, object: &lopdf::Object) -> Option<lopdf::ObjectId> {
    use lopdf::Object;
    match object {
        Object::Reference(id) => (!doc.objects.contains_key(id)).then_some(*id),
        Object::Array(items) => items.iter().find_map(|o| dangling_reference(doc, o)),
        Object::Dictionary(dict) => dict.iter().find_map(|(_, o)| dangling_reference(doc, o)),
        Object::Stream(stream) => stream.dict.iter().find_map(|(_, o)| dangling_reference(doc, o)),
        _ => None,
    }
}

/// Asserts the PDF is well formed: [`check_pdf`] always, and `qpdf --check`
/// too where qpdf is installed.
pub fn assert_valid_pdf(pdf: &[u8]) -> usize {
    let pages = check_pdf(pdf).unwrap_or_else(|e| panic!("the PDF is malformed: {e}"));
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).expect("the PDF is written");
    if let Ok(out) = std::process::Command::new("qpdf").arg("--check").arg(&path).output() {
        let report = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(out.status.success(), "qpdf --check:\n{report}");
    }
    pages
}
