//! `--skip-known FILE`: the SHA-256 hashes of inputs an earlier run already turned into records.

use anyhow::{Context, Result};
use serde::Deserialize;
use std::collections::HashSet;
use std::io::BufReader;
use std::path::Path;

/// A SHA-256 digest.
pub(crate) type Digest = [u8; 32];

/// The part of a record this reads; everything else is skipped unparsed.
#[derive(Deserialize)]
struct Seen {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    source: Option<SeenSource>,
}

#[derive(Deserialize)]
struct SeenSource {
    #[serde(default)]
    sha256: Option<String>,
}

/// Reads an earlier output (JSON Lines, or a single pretty record) and returns the hashes of
/// the inputs it holds records for. Error records are not counted: those inputs are retried.
pub(crate) fn load(path: &Path) -> Result<HashSet<Digest>> {
    let file = std::fs::File::open(path)
        .with_context(|| format!("cannot open the --skip-known file {}", path.display()))?;
    let reader = BufReader::with_capacity(256 * 1024, file);
    let mut known = HashSet::new();
    for (n, value) in serde_json::Deserializer::from_reader(reader)
        .into_iter::<Seen>()
        .enumerate()
    {
        let seen = value.with_context(|| {
            format!(
                "the --skip-known file {} is not JSON records (record {})",
                path.display(),
                n + 1
            )
        })?;
        let hex = seen.source.and_then(|s| s.sha256).or(seen.id);
        if let Some(digest) = hex.as_deref().and_then(parse_hex) {
            known.insert(digest);
        }
    }
    Ok(known)
}

fn parse_hex(s: &str) -> Option<Digest> {
    let bytes = s.as_bytes();
    if bytes.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, pair) in bytes.chunks_exact(2).enumerate() {
        let hi = char::from(pair[0]).to_digit(16)?;
        let lo = char::from(pair[1]).to_digit(16)?;
        *out.get_mut(i)? = (hi * 16 + lo) as u8;
    }
    Some(out)
}

/// Renders a digest as lowercase hex.
pub(crate) fn to_hex(digest: &Digest) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(64);
    for b in digest {
        let _ = write!(out, "{b:02x}");
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trip() {
        let hex = "8c68b47ae5ed6b6397ae36deca1a0f3e71d9733eff9598e5bd1ba45b2fa663a6";
        assert_eq!(to_hex(&parse_hex(hex).unwrap()), hex);
        assert!(parse_hex("xyz").is_none());
        assert!(parse_hex(&"g".repeat(64)).is_none());
    }
}
