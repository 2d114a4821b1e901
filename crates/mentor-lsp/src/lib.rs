//! The language server of the mentor policy language: diagnostics as you type, hover with
//! rule meanings, go to definition, references, completion, outline, formatting, rename and
//! folding, over the Language Server Protocol.
//!
//! The server is thin: every answer comes from [`mentor_check::analyze`] and the plain
//! functions of `mentor-ide`; this crate only keeps the open documents, converts byte
//! offsets to the protocol's lines and UTF-16 columns (in [`convert`]), and speaks JSON-RPC
//! through `tower-lsp-server`.

mod capabilities;
pub mod convert;
mod documents;
mod notify;
mod server;

pub use notify::Notify;
pub use server::Backend;

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

/// Serves one client over a pair of byte streams until it sends `exit` or closes its input.
pub async fn serve<I, O>(input: I, output: O)
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let (service, socket) = LspService::new(Backend::new);
    Server::new(input, output, socket).serve(service).await;
}

/// Serves a client on standard input and output: what `mentor lsp` runs. Returns when the
/// client sends `exit` or closes standard input.
pub fn run_stdio() -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()?;
    runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    Ok(())
}
