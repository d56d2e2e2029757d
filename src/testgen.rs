//! Texts for the oracle tests, which check a fast form of a rule against its plain form over
//! many generated inputs: every arrangement of a few pieces, or a deterministic random walk over
//! many (the same texts on every run, so a failure can be replayed).

/// Every text of `1..=n` of `pieces`, in every order.
pub(crate) fn texts_of(pieces: &[&str], n: usize) -> Vec<String> {
    let mut all = Vec::new();
    let mut last = vec![String::new()];
    for _ in 0..n {
        let longer: Vec<String> = last
            .iter()
            .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
            .collect();
        all.extend(longer.iter().cloned());
        last = longer;
    }
    all
}

/// Checks `fast` against `plain` on every text of `1..=n` of `pieces` (as [`texts_of`] makes
/// them), and returns the number of texts where `plain` says yes, so that a test can ask that the
/// texts reached the case it is about.
pub(crate) fn agree(
    pieces: &[&str],
    n: usize,
    fast: impl Fn(&str) -> bool,
    plain: impl Fn(&str) -> bool,
) -> usize {
    let mut yes = 0;
    for t in texts_of(pieces, n) {
        let want = plain(&t);
        assert_eq!(fast(&t), want, "{t:?}");
        yes += usize::from(want);
    }
    yes
}

/// A linear congruential generator: cheap, deterministic, good enough to pick pieces.
#[derive(Debug)]
pub(crate) struct Walk(u64);

impl Walk {
    pub(crate) fn new(seed: u64) -> Walk {
        Walk(seed)
    }

    /// A number below `n` (which must not be 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize % n
    }

    /// One of `xs`.
    pub(crate) fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }

    /// A text of up to `max` of `pieces`, each picked at random.
    pub(crate) fn text(&mut self, pieces: &[&str], max: usize) -> String {
        let len = self.below(max + 1);
        (0..len).map(|_| self.pick(pieces)).collect()
    }
}

/// The texts of the fixtures and of the shared corpus (`../shared/corpus/pdf/text`), for the
/// oracle tests that run a fast form and its plain form over real lines; a directory that is
/// absent is skipped, saying so.
#[allow(clippy::print_stderr, clippy::unwrap_used)]
pub(crate) fn real_texts() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [
        root.join("fixtures"),
        root.join("../shared/corpus/pdf/text"),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("oracle test: {} is absent, skipped", dir.display());
            continue;
        };
        let mut paths: Vec<_> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        for p in paths {
            let bytes = std::fs::read(&p).unwrap();
            out.push(String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    out
}

/// Whether [`real_texts`] reads the shared corpus besides the fixtures: the oracle tests ask
/// for fewer matches over the fixtures alone.
pub(crate) fn corpus_present() -> bool {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/pdf/text")
        .is_dir()
}
