//! The language server on standard input and output, for trying it before `mentor lsp` is
//! wired: `cargo build -p mentor-lsp --example stdio`, then point an editor at
//! `target/debug/examples/stdio` (its arguments, such as `lsp` or `--stdio`, are ignored).

fn main() -> std::io::Result<()> {
    mentor_lsp::run_stdio()
}
