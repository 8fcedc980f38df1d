//! serde_yaml against serde-saphyr, parsing the same files into the loader's
//! raw types (docs/yaml-parsers.md). Run with
//! `cargo bench -p iep-load --features parser-compare --bench parsers`.
//! The block-entry case comes from
//! `cargo xtask gen-case --years 10 --log-shape block --out target/bench-case-10y-block`.

use std::path::{Path, PathBuf};

use iep_load::parser_compare::{Parser, parse_all, read_case};

fn main() {
    divan::main();
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn bench_case(bencher: divan::Bencher, rel: &str, parser: Parser) {
    let dir = workspace().join(rel);
    if !dir.join("case.yaml").is_file() {
        eprintln!(
            "skipped: {} is missing; run `cargo xtask gen-case --years 10 --log-shape block --out {rel}`",
            dir.display()
        );
        return;
    }
    let files = read_case(&dir);
    assert!(!files.is_empty());
    let failed = parse_all(&files, parser);
    assert!(failed.is_empty(), "{parser:?} failed on {rel}: {failed:?}");
    bencher.bench(|| divan::black_box(parse_all(&files, parser)));
}

#[divan::bench(args = [Parser::SerdeYaml, Parser::Saphyr])]
fn maya(bencher: divan::Bencher, parser: Parser) {
    bench_case(bencher, "cases/maya", parser);
}

#[divan::bench(args = [Parser::SerdeYaml, Parser::Saphyr], sample_count = 20)]
fn generated_10_years_block_entries(bencher: divan::Bencher, parser: Parser) {
    bench_case(bencher, "target/bench-case-10y-block", parser);
}
