//! Writing output files atomically: a temporary file in the same folder, then
//! a rename, so a reader never sees half a PDF and a failed run leaves the old
//! file as it was.
//!
//! Whether a file may be replaced (the tool made it) is the caller's decision.

use std::io::Write;
use std::path::Path;

use crate::GenerateError;

/// Writes `bytes` to `path` through a temporary file in the same folder,
/// replacing `path` if it exists.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), GenerateError> {
    let tmp = write_temp(path, bytes)?;
    tmp.persist(path).map_err(|e| write_error(path, &e.error))?;
    Ok(())
}

/// Like [`write_atomic`], but fails (and leaves the file alone) if `path`
/// already exists.
pub fn write_atomic_new(path: &Path, bytes: &[u8]) -> Result<(), GenerateError> {
    let tmp = write_temp(path, bytes)?;
    tmp.persist_noclobber(path).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            GenerateError::Write {
                path: path.to_path_buf(),
                message: "the file already exists and was not replaced".into(),
            }
        } else {
            write_error(path, &e.error)
        }
    })?;
    Ok(())
}

fn write_temp(path: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile, GenerateError> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut tmp =
        tempfile::Builder::new().prefix(".iep-").suffix(".tmp").tempfile_in(dir).map_err(|e| write_error(path, &e))?;
    tmp.write_all(bytes).map_err(|e| write_error(path, &e))?;
    tmp.as_file().sync_all().map_err(|e| write_error(path, &e))?;
    Ok(tmp)
}

fn write_error(path: &Path, err: &std::io::Error) -> GenerateError {
    GenerateError::Write { path: path.to_path_buf(), message: err.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_and_refuses() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.pdf");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let err = write_atomic_new(&path, b"three").unwrap_err();
        assert!(err.to_string().contains("already exists"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
