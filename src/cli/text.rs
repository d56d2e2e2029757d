//! `minutes text` and `minutes schema`.

use super::io::Sink;
use super::parse::{Failure, Input};
use super::TextArgs;
use anyhow::Result;
use council_minutes::Options;
use std::process::ExitCode;

/// Prints the source text of one input: the text that a record's spans index into.
pub(crate) fn run_text(args: &TextArgs) -> Result<ExitCode> {
    let input = Input::from_operand(&args.input);
    let failure = match input.read() {
        Ok(bytes) => match council_minutes::source_text(&bytes, &Options::default()) {
            Ok(source) => {
                let mut out = Sink::open(None)?;
                out.write_record(source.text.as_bytes())?;
                out.finish()?;
                return Ok(ExitCode::SUCCESS);
            }
            Err(e) => Failure::new(&input, Some(&bytes), e.code(), e.to_string()),
        },
        Err(e) => {
            let e = council_minutes::Error::from(e);
            Failure::new(&input, None, e.code(), e.to_string())
        }
    };
    let mut log = super::parse::ErrorLog::open(None)?;
    log.report(&failure)?;
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
