//! What the commands that write files share: the `out/` folder with its
//! manifest, and the PDF generator made ready while the case loads. `build`,
//! `letter` and `packet` use it; none of them imports from another.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use iep_generate::{Generator, GeneratorOptions};

use crate::common::Failure;

/// The folder under the case folder that `iep` writes into.
pub const OUT_DIR: &str = "out";
/// The list of files `iep` wrote into `out/`, with a checksum of each.
pub const MANIFEST: &str = ".iep-build";

/// The generator, with the case's own `templates/` folder when it has one,
/// being made ready on another core while this one loads and checks the case.
pub(crate) struct PreparingGenerator(std::thread::JoinHandle<Result<Generator, iep_generate::GenerateError>>);

impl PreparingGenerator {
    pub(crate) fn start(dir: &Path, font_paths: Vec<PathBuf>) -> PreparingGenerator {
        let templates = dir.join("templates");
        let options = GeneratorOptions { template_overrides: templates.is_dir().then_some(templates), font_paths };
        PreparingGenerator(std::thread::spawn(move || {
            let generator = Generator::new(options)?;
            generator.prepare();
            Ok(generator)
        }))
    }

    pub(crate) fn wait(self) -> Result<Generator, Failure> {
        self.0
            .join()
            .map_err(|_| Failure::new("the PDF generator stopped unexpectedly; please report this"))?
            .map_err(|e| Failure::new(e.to_string()))
    }
}

/// What happened to one output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Written {
    New,
    Replaced,
    Unchanged,
    /// A file iep did not make (or that was changed since) is in the way.
    LeftAlone,
    Failed(String),
}

/// `out/` and its manifest.
pub(crate) struct OutDir {
    pub(crate) dir: PathBuf,
    /// File name → checksum of what iep wrote, from the last run and this one.
    manifest: BTreeMap<String, String>,
}

impl OutDir {
    /// Opens (creating it if needed) `CASE/out`, refusing a symlink: iep
    /// writes nowhere outside the case's own `out/` folder.
    pub(crate) fn open(case_dir: &Path) -> Result<OutDir, Failure> {
        let dir = case_dir.join(OUT_DIR);
        match fs::symlink_metadata(&dir) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(Failure::new(format!(
                    "`{}` is a link to another place; iep writes only into a real `out` folder inside the case folder: remove the link",
                    dir.display()
                )));
            }
            Ok(meta) if !meta.is_dir() => {
                return Err(Failure::new(format!(
                    "`{}` is a file, not a folder; iep writes its outputs into the folder `out`: move that file away",
                    dir.display()
                )));
            }
            Ok(_) => {}
            Err(_) => fs::create_dir(&dir).map_err(|e| {
                Failure::new(format!("cannot create the folder `{}`: {e}", dir.display()))
            })?,
        }
        let manifest = read_manifest(&dir.join(MANIFEST));
        Ok(OutDir { dir, manifest })
    }

    /// Writes `name` in `out/` unless a file iep did not make is there.
    pub(crate) fn write(&mut self, name: &str, bytes: &[u8]) -> Written {
        let path = self.dir.join(name);
        let checksum = checksum(bytes);
        let outcome = match fs::symlink_metadata(&path) {
            Err(_) => iep_generate::write_atomic_new(&path, bytes).map(|()| Written::New),
            Ok(meta) if meta.is_file() && self.is_ours(name, &path) => {
                if self.manifest.get(name) == Some(&checksum) {
                    Ok(Written::Unchanged)
                } else {
                    iep_generate::write_atomic(&path, bytes).map(|()| Written::Replaced)
                }
            }
            Ok(_) => return Written::LeftAlone,
        };
        match outcome {
            Ok(written) => {
                self.manifest.insert(name.to_owned(), checksum);
                written
            }
            Err(e) => Written::Failed(e.to_string()),
        }
    }

    /// The manifest lists `name` and the file on disk is what iep wrote.
    fn is_ours(&self, name: &str, path: &Path) -> bool {
        match (self.manifest.get(name), fs::read(path)) {
            (Some(recorded), Ok(bytes)) => *recorded == checksum(&bytes),
            _ => false,
        }
    }

    /// Removes files an earlier build wrote that this one does not make (a
    /// letter no finding calls for any more), when they are unchanged.
    pub(crate) fn remove_stale<'a>(
        &mut self,
        produced: impl Iterator<Item = &'a str>,
    ) -> Vec<String> {
        let produced: Vec<&str> = produced.collect();
        let stale: Vec<String> = self
            .manifest
            .keys()
            .filter(|n| !produced.contains(&n.as_str()))
            .cloned()
            .collect();
        let mut removed = Vec::new();
        for name in stale {
            let path = self.dir.join(&name);
            if fs::symlink_metadata(&path).is_ok_and(|m| m.is_file())
                && self.is_ours(&name, &path)
                && fs::remove_file(&path).is_ok()
            {
                removed.push(name.clone());
            }
            self.manifest.remove(&name);
        }
        removed
    }

    /// Files in `out/` that iep did not write, other than in-progress temporaries.
    pub(crate) fn foreign_files<'a>(&self, produced: impl Iterator<Item = &'a str>) -> Vec<String> {
        let produced: Vec<&str> = produced.collect();
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n != MANIFEST && !(n.starts_with(".iep-") && n.ends_with(".tmp")))
            .filter(|n| !self.manifest.contains_key(n) && !produced.contains(&n.as_str()))
            .collect();
        names.sort();
        names
    }

    /// Writes the manifest (atomically) with what iep wrote.
    pub(crate) fn save_manifest(&self) -> Result<(), Failure> {
        let mut text = String::from(
            "# The files `iep build` wrote into this folder, with a checksum of each.\n\
             # iep replaces or removes a file only while it is listed here and unchanged.\n",
        );
        for (name, sum) in &self.manifest {
            text.push_str(&format!("{sum} {name}\n"));
        }
        iep_generate::write_atomic(&self.dir.join(MANIFEST), text.as_bytes())
            .map_err(|e| Failure::new(e.to_string()))
    }
}

fn read_manifest(path: &Path) -> BTreeMap<String, String> {
    let Ok(text) = fs::read_to_string(path) else {
        return BTreeMap::new();
    };
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once(' '))
        // Only plain file names: a manifest can never point outside `out/`.
        .filter(|(_, name)| {
            !name.is_empty() && !name.contains(['/', '\\']) && *name != "." && *name != ".."
        })
        .map(|(sum, name)| (name.to_owned(), sum.to_owned()))
        .collect()
}

/// FNV-1a, 64 bits: enough to tell that a file was changed since iep wrote it.
fn checksum(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("fnv64:{hash:016x}")
}
