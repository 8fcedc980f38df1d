//! Reading a PDF's text back with a real PDF parser, for tests. Shared by
//! the generator's tests and, through `#[path]`, the CLI's end-to-end tests.

#![allow(dead_code)]

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
    let tokens: Vec<&str> = text
        .split(|c: char| c.is_whitespace())
        .flat_map(split_token)
        .filter(|t| !t.is_empty())
        .collect();
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
                            let mut units: Vec<u16> = dst.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
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
    (0..inner.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(inner.get(i..i + 2)?, 16).ok())
        .collect()
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
