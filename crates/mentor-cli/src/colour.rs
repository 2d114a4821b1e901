//! Whether output is coloured: `--color auto|always|never`, then `NO_COLOR`, then whether
//! the stream is a terminal. Every command asks here, so they all agree.

use mentor_diagnostics::render::Style;
use std::io::IsTerminal;
use std::sync::OnceLock;

/// The `--color` choice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Choice {
    /// Colour when writing to a terminal and `NO_COLOR` is not set
    #[default]
    Auto,
    /// Always colour (even into a file or a pipe)
    Always,
    /// Never colour
    Never,
}

static CHOICE: OnceLock<Choice> = OnceLock::new();

/// Records the choice made on the command line (once, at start).
pub fn choose(choice: Choice) {
    let _ = CHOICE.set(choice);
}

fn wanted(terminal: bool) -> bool {
    match CHOICE.get().copied().unwrap_or_default() {
        Choice::Always => true,
        Choice::Never => false,
        Choice::Auto => terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

/// Whether to colour what goes to standard output.
pub fn stdout() -> bool {
    wanted(std::io::stdout().is_terminal())
}

/// How to draw diagnostics on standard error.
pub fn stderr_style() -> Style {
    if wanted(std::io::stderr().is_terminal()) {
        Style::Colour
    } else {
        Style::Plain
    }
}

/// How to draw diagnostics on standard output (`mentor check` prints them there).
pub fn stdout_style() -> Style {
    if stdout() {
        Style::Colour
    } else {
        Style::Plain
    }
}
