//! The PDF generator, made ready on a second core while the case loads and
//! is checked. `build`, `letter` and `packet` share it; no command imports
//! from another.

use std::path::{Path, PathBuf};

use iep_generate::{Generator, GeneratorOptions};

use crate::common::{Failure, warn};

/// The generator, with the case's own `templates/` folder when it has one,
/// being made ready on another core while this one loads and checks the case.
pub(crate) struct PreparingGenerator {
    handle: std::thread::JoinHandle<Result<Generator, iep_generate::GenerateError>>,
    templates: PathBuf,
    linked_folder: bool,
}

impl PreparingGenerator {
    pub(crate) fn start(dir: &Path, font_paths: Vec<std::path::PathBuf>) -> PreparingGenerator {
        let templates = dir.join("templates");
        // Only a real folder inside the case: a link named `templates` is not
        // followed, so a shared case cannot pull files from elsewhere.
        let meta = std::fs::symlink_metadata(&templates);
        let linked_folder = meta.as_ref().is_ok_and(|m| m.file_type().is_symlink());
        let is_dir = meta.is_ok_and(|m| m.is_dir());
        let options = GeneratorOptions { template_overrides: is_dir.then(|| templates.clone()), font_paths };
        let handle = std::thread::spawn(move || {
            let generator = Generator::new(options)?;
            generator.prepare();
            Ok(generator)
        });
        PreparingGenerator { handle, templates, linked_folder }
    }

    pub(crate) fn wait(self) -> Result<Generator, Failure> {
        let generator = self
            .handle
            .join()
            .map_err(|_| Failure::new("the PDF generator stopped unexpectedly; please report this"))?
            .map_err(|e| Failure::new(e.to_string()))?;
        if self.linked_folder {
            warn(&format!(
                "`{}` is a link; iep reads templates only from a real folder inside the case, so the shipped templates are used",
                self.templates.display()
            ));
        }
        for link in generator.skipped_template_links() {
            warn(&format!(
                "`{}` is a link and was not read; iep reads only regular files inside the templates folder",
                self.templates.join(link).display()
            ));
        }
        Ok(generator)
    }
}
