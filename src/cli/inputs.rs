//! The input list of a run: operands, walked directories, `--files-from`, `--shard`.
//!
//! The list is built completely before any parsing starts (paths only, not contents), so that
//! every run over the same arguments sees the same list in the same order: that is what makes
//! `--order input` deterministic and `--shard K/N` stable.

use anyhow::{bail, Context, Result};
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};

/// One input: a file, stdin, or a path that could not be listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Input {
    Stdin,
    Path(PathBuf),
    /// A directory entry the walk could not read: reported as a failed input.
    Unlistable {
        path: PathBuf,
        message: String,
    },
}

impl Input {
    pub(crate) fn from_operand(path: &Path) -> Input {
        if path == Path::new("-") {
            Input::Stdin
        } else {
            Input::Path(path.to_path_buf())
        }
    }

    /// The path as recorded in `source.path` and error records (null for stdin).
    pub(crate) fn record_path(&self) -> Option<String> {
        match self {
            Input::Stdin => None,
            Input::Path(p) | Input::Unlistable { path: p, .. } => {
                Some(p.to_string_lossy().into_owned())
            }
        }
    }

    /// Reads the whole input.
    pub(crate) fn read(&self) -> std::io::Result<Vec<u8>> {
        match self {
            Input::Stdin => {
                let mut buf = Vec::new();
                std::io::stdin().lock().read_to_end(&mut buf)?;
                Ok(buf)
            }
            Input::Path(p) => std::fs::read(p),
            Input::Unlistable { message, .. } => Err(std::io::Error::other(message.clone())),
        }
    }
}

/// Which files of a walked directory are inputs.
#[derive(Debug)]
pub(crate) struct Filter {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
    hidden: bool,
}

impl Filter {
    /// `--glob` patterns (a leading `!` excludes) and whether to enter hidden entries.
    pub(crate) fn new(patterns: &[String], hidden: bool) -> Result<Filter> {
        let mut include = GlobSetBuilder::new();
        let mut exclude = GlobSetBuilder::new();
        let (mut n_in, mut n_ex) = (0, 0);
        for pattern in patterns {
            let (builder, text, n) = match pattern.strip_prefix('!') {
                Some(rest) => (&mut exclude, rest, &mut n_ex),
                None => (&mut include, pattern.as_str(), &mut n_in),
            };
            let glob =
                Glob::new(text).with_context(|| format!("bad --glob pattern {pattern:?}"))?;
            builder.add(glob);
            *n += 1;
        }
        let build = |b: GlobSetBuilder, n: usize| -> Result<Option<GlobSet>> {
            if n == 0 {
                Ok(None)
            } else {
                Ok(Some(b.build()?))
            }
        };
        Ok(Filter {
            include: build(include, n_in)?,
            exclude: build(exclude, n_ex)?,
            hidden,
        })
    }

    /// Whether a file found under a walked directory is an input; `rel` is its path relative
    /// to the directory named on the command line.
    fn accepts(&self, rel: &Path) -> bool {
        if let Some(ex) = &self.exclude {
            if ex.is_match(rel) {
                return false;
            }
        }
        match &self.include {
            Some(inc) => inc.is_match(rel),
            None => true,
        }
    }
}

/// Expands one operand: a directory is walked recursively in sorted order; anything else
/// (a file, a missing path) is one input, named as given.
pub(crate) fn expand(operand: &Path, filter: &Filter, out: &mut Vec<Input>) {
    if operand == Path::new("-") {
        out.push(Input::Stdin);
        return;
    }
    if !operand.is_dir() {
        out.push(Input::Path(operand.to_path_buf()));
        return;
    }
    let walk = walkdir::WalkDir::new(operand)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || filter.hidden || !is_hidden(e.file_name()));
    for entry in walk {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let rel = e.path().strip_prefix(operand).unwrap_or(e.path());
                if filter.accepts(rel) {
                    out.push(Input::Path(e.into_path()));
                }
            }
            Ok(_) => {}
            Err(err) => {
                let path = err
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| operand.to_path_buf());
                let message = match err.io_error() {
                    Some(io) => format!("cannot list directory entry: {io}"),
                    None => format!("cannot list directory entry: {err}"),
                };
                out.push(Input::Unlistable { path, message });
            }
        }
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// Reads a `--files-from` list: one path per line, or NUL-separated with `-0`. Empty entries
/// are skipped; a trailing `\r` is dropped from lines (lists written on Windows).
pub(crate) fn read_list(source: &Path, nul: bool) -> Result<Vec<PathBuf>> {
    let mut bytes = Vec::new();
    if source == Path::new("-") {
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .context("cannot read the --files-from list from stdin")?;
    } else {
        bytes = std::fs::read(source)
            .with_context(|| format!("cannot read the --files-from list {}", source.display()))?;
    }
    let sep = if nul { b'\0' } else { b'\n' };
    let mut paths = Vec::new();
    for mut entry in bytes.split(|&b| b == sep) {
        if !nul {
            entry = entry.strip_suffix(b"\r").unwrap_or(entry);
        }
        if entry.is_empty() {
            continue;
        }
        paths.push(PathBuf::from(os_string(entry)));
    }
    Ok(paths)
}

#[cfg(unix)]
fn os_string(bytes: &[u8]) -> OsString {
    use std::os::unix::ffi::OsStringExt;
    OsString::from_vec(bytes.to_vec())
}

#[cfg(not(unix))]
fn os_string(bytes: &[u8]) -> OsString {
    OsString::from(String::from_utf8_lossy(bytes).into_owned())
}

/// `--shard K/N`: the K-th (1-based) of N contiguous, near-equal ranges of the input list, so
/// that the outputs of shards 1..N concatenated in order equal the output of the whole list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Shard {
    pub k: usize,
    pub n: usize,
}

impl Shard {
    /// The index range of this shard in a list of `len` inputs.
    pub(crate) fn range(self, len: usize) -> std::ops::Range<usize> {
        let at = |k: usize| (k as u128 * len as u128 / self.n as u128) as usize;
        at(self.k - 1)..at(self.k)
    }
}

/// Parses `K/N` with 1 ≤ K ≤ N.
pub(crate) fn parse_shard(s: &str) -> Result<Shard> {
    let Some((k, n)) = s.split_once('/') else {
        bail!("expected K/N, e.g. 2/8");
    };
    let k: usize = k.trim().parse().context("K is not a whole number")?;
    let n: usize = n.trim().parse().context("N is not a whole number")?;
    if n == 0 || k == 0 || k > n {
        bail!("need 1 <= K <= N, got {k}/{n}");
    }
    Ok(Shard { k, n })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn shards_cover_the_list_in_order() {
        for len in [0usize, 1, 2, 3, 7, 10, 100] {
            for n in 1..=7 {
                let mut all = Vec::new();
                for k in 1..=n {
                    all.extend(Shard { k, n }.range(len));
                }
                assert_eq!(all, (0..len).collect::<Vec<_>>(), "len {len} n {n}");
            }
        }
    }

    #[test]
    fn shard_syntax() {
        assert_eq!(parse_shard("2/3").unwrap(), Shard { k: 2, n: 3 });
        for bad in ["0/3", "4/3", "1/0", "3", "a/b", "1/-2"] {
            assert!(parse_shard(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn globs_include_and_exclude() {
        let f = Filter::new(&["*.txt".into(), "!draft/**".into()], false).unwrap();
        assert!(f.accepts(Path::new("a.txt")));
        assert!(f.accepts(Path::new("2012/cabinet/a.txt")));
        assert!(!f.accepts(Path::new("a.pdf")));
        assert!(!f.accepts(Path::new("draft/a.txt")));
        let all = Filter::new(&[], false).unwrap();
        assert!(all.accepts(Path::new("x/y.bin")));
    }
}
