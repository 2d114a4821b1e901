//! The language server of the mentor policy language: diagnostics as you type, hover with
//! rule meanings, go to definition, references, completion, outline, formatting, rename and
//! folding, over the Language Server Protocol.
//!
//! The server is thin: every answer comes from [`mentor_check::analyze`] and the plain
//! functions of `mentor-ide`; this crate only keeps the open documents, converts byte
//! offsets to the protocol's lines and UTF-16 columns (in [`convert`]), and speaks JSON-RPC
//! through `tower-lsp-server`, behind its own reader of frames ([`framing`]) so that a
//! malformed message is answered and skipped rather than ending the session.

mod capabilities;
pub mod convert;
mod documents;
pub mod framing;
mod notify;
mod server;

pub use notify::Notify;
pub use server::Backend;

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tower_lsp_server::{LspService, Server};

/// The size of the in-memory pipes between the framing layer and tower-lsp-server.
const PIPE_BYTES: usize = 1 << 16;

/// What goes out to the editor, one whole frame at a time.
enum Outgoing {
    Frame(Vec<u8>),
    /// The server has stopped: nothing more will come.
    End,
}

/// Serves one client over a pair of byte streams until it sends `exit` or closes its input.
/// Malformed frames are answered with a JSON-RPC error and skipped ([`framing`]).
pub async fn serve<I, O>(mut input: I, output: O)
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let (service, socket) = LspService::new(Backend::new);
    let (mut to_server, server_input) = tokio::io::duplex(PIPE_BYTES);
    let (server_output, from_server) = tokio::io::duplex(PIPE_BYTES);
    let (outgoing, mut to_editor) = tokio::sync::mpsc::unbounded_channel::<Outgoing>();
    let answers = outgoing.clone();

    let server = Server::new(server_input, server_output, socket).serve(service);

    // editor -> framing -> server; malformed frames answered
    let read_input = async move {
        let mut scanner = framing::Scanner::default();
        let mut chunk = vec![0u8; PIPE_BYTES];
        while let Ok(n @ 1..) = input.read(&mut chunk).await {
            scanner.push(chunk.get(..n).unwrap_or_default());
            while let Some(step) = scanner.next_step() {
                match step {
                    framing::Step::Message(body) => {
                        if to_server.write_all(&framing::frame(&body)).await.is_err() {
                            return;
                        }
                    }
                    framing::Step::Malformed(response) => {
                        if let Ok(body) = serde_json::to_vec(&response) {
                            let _ = answers.send(Outgoing::Frame(framing::frame(&body)));
                        }
                    }
                }
            }
        }
        // The editor closed its side: the server sees the end of its input and stops.
    };

    // server -> whole frames -> editor
    let split_output = async move {
        let mut from_server = tokio::io::BufReader::new(from_server);
        while let Some(frame) = read_frame(&mut from_server).await {
            if outgoing.send(Outgoing::Frame(frame)).is_err() {
                break;
            }
        }
        let _ = outgoing.send(Outgoing::End);
    };
    let write_output = async move {
        tokio::pin!(output);
        while let Some(Outgoing::Frame(frame)) = to_editor.recv().await {
            if output.write_all(&frame).await.is_err() || output.flush().await.is_err() {
                break;
            }
        }
    };

    let until_exit = async { tokio::join!(server, split_output, write_output) };
    tokio::pin!(until_exit);
    tokio::select! {
        _ = &mut until_exit => return,
        () = read_input => {}
    }
    until_exit.await;
}

/// One frame the server wrote (it frames correctly), header included; `None` at the end.
async fn read_frame<R: AsyncBufReadExt + Unpin>(from_server: &mut R) -> Option<Vec<u8>> {
    let mut header = Vec::new();
    let mut length = None;
    loop {
        let mut line = String::new();
        if from_server.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        header.extend_from_slice(line.as_bytes());
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0u8; length?];
    from_server.read_exact(&mut body).await.ok()?;
    header.extend_from_slice(&body);
    Some(header)
}

/// Serves a client on standard input and output: what `mentor lsp` runs. Returns when the
/// client sends `exit` or closes standard input.
pub fn run_stdio() -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()?;
    runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // A read of standard input may still be waiting: do not wait for it.
    runtime.shutdown_background();
    Ok(())
}
