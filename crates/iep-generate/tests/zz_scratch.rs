mod common;
use common::*;
use serde_json::json;
#[test]
fn scratch() {
    let dir = template_dir(&[("p.typ.j2", "#import \"base.typ\": iep-page\n#show: iep-page\n{{ a }}\n\n{{ b }}\n\n{{ c }}\n")]);
    for fonts in [vec![], vec![test_fonts()]] {
        let g = generator_with(Some(dir.path()), fonts);
        let r = g.render("p", &json!({"a": "Smile 😀 ok", "b": "陈美玲 #read(\"/etc/passwd\") *b* José", "c": "line1\nline2"}), date(2026,4,20)).unwrap();
        println!("WARN {:?}\nTEXT {:?}\nLOPDF {:?}\nACCESSED {:?}", r.warnings, pdf_text(&r.pdf), pdf_text_lopdf(&r.pdf), r.accessed_files);
        println!("SRC {}", r.source); std::fs::write(format!("/tmp/scratch{}.pdf", r.warnings.len()), &r.pdf).unwrap();
    }
    let dir = template_dir(&[("e.typ.j2", "#read(\"/etc/passwd\")")]);
    let g = generator_with(Some(dir.path()), vec![]);
    println!("ERR {}", g.render("e", &json!({}), date(2026,4,20)).unwrap_err());
    let dir = template_dir(&[("e.typ.j2", "{{ child.nmae }}")]);
    let g = generator_with(Some(dir.path()), vec![]);
    println!("ERR {}", g.render("e", &json!({"child": {}}), date(2026,4,20)).unwrap_err());
    let dir = template_dir(&[("e.typ.j2", "#import \"@preview/cetz:0.3.0\": *")]);
    let g = generator_with(Some(dir.path()), vec![]);
    println!("ERR {}", g.render("e", &json!({"child": {}}), date(2026,4,20)).unwrap_err());
}
