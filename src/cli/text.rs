//! `minutes text` and `minutes schema`.

use super::extract::Extractor;
use super::inputs::Input;
use super::io::Sink;
use super::parse::failure;
use super::report::Reporter;
use super::TextArgs;
use anyhow::Result;
use council_minutes::Options;
use std::process::ExitCode;

/// Prints the source text of one input: the text that a record's spans index into.
pub(crate) fn run_text(args: &TextArgs) -> Result<ExitCode> {
    let input = Input::from_operand(&args.input);
    let failed = match input.read() {
        Ok(bytes) => match Extractor::new(&args.limits)?.source_text(&bytes, &Options::default()) {
            Ok(source) => {
                let mut out = Sink::open(None)?;
                out.write_record(source.text.as_bytes())?;
                out.finish()?;
                return Ok(ExitCode::SUCCESS);
            }
            Err(e) => failure(&input, Some(&bytes), &e),
        },
        Err(e) => failure(&input, None, &e.into()),
    };
    let mut report = Reporter::new(None, 1, false, false)?;
    report.failure(&failed)?;
    report.finish()?;
    Ok(ExitCode::from(1))
}

/// Prints the JSON Schema of a record.
pub(crate) fn run_schema() -> Result<ExitCode> {
    let schema = schemars::schema_for!(council_minutes::Document);
    let mut text = serde_json::to_vec_pretty(&schema)?;
    text.push(b'\n');
    let mut out = Sink::open(None)?;
    out.write_record(&text)?;
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}
