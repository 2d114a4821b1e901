//! The open documents: each one's text, version, line index and analysis.

use mentor_check::Analysis;
use mentor_diagnostics::LineIndex;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use tower_lsp_server::ls_types::TextDocumentContentChangeEvent;

/// One open document, analysed once per version.
#[derive(Debug)]
pub(crate) struct Document {
    pub(crate) text: String,
    pub(crate) version: i32,
    pub(crate) lines: LineIndex,
    pub(crate) analysis: Analysis,
}

/// Where a document is, so that the closure files its policy names can be read beside it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Place {
    /// The document's file; `None` for an unsaved document (its closure files are not read).
    pub(crate) path: Option<std::path::PathBuf>,
    /// The editor's workspace folders: the project files are read from.
    pub(crate) folders: Vec<std::path::PathBuf>,
}

impl Place {
    /// The analysis of `text`, with the closure files it names read beside the document.
    fn analyze(&self, text: &str) -> Analysis {
        let analysis = mentor_check::analyze(text);
        let Some(path) = &self.path else {
            return analysis;
        };
        if mentor_check::closure_files_named(&analysis.parsed.policy).is_empty() {
            return analysis;
        }
        let project = mentor_policy_test::files::Project::for_workspace(&self.folders, path);
        mentor_policy_test::files::analyze_policy(&project, path, text)
    }
}

impl Document {
    pub(crate) fn new(text: String, version: i32, place: &Place) -> Self {
        let analysis = place.analyze(&text);
        let lines = LineIndex::new(&text);
        Document {
            text,
            version,
            lines,
            analysis,
        }
    }

    /// The byte offset of a protocol position (0-based line, UTF-16 column), clamped.
    pub(crate) fn offset(&self, position: tower_lsp_server::ls_types::Position) -> usize {
        self.lines
            .offset_of_utf16(&self.text, position.line, position.character)
    }
}

/// The documents the editor has opened, by URI.
#[derive(Debug, Default)]
pub(crate) struct Documents {
    open: Mutex<HashMap<String, Arc<Document>>>,
}

impl Documents {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<Document>>> {
        self.open.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn get(&self, uri: &str) -> Option<Arc<Document>> {
        self.lock().get(uri).cloned()
    }

    /// Opens (or reopens) a document and analyses it.
    pub(crate) fn open(
        &self,
        uri: &str,
        text: String,
        version: i32,
        place: &Place,
    ) -> Arc<Document> {
        let document = Arc::new(Document::new(text, version, place));
        self.lock().insert(uri.to_string(), Arc::clone(&document));
        document
    }

    /// Applies the changes of a new version, synchronously, and analyses the result. Returns
    /// `None` for a document that is not open, or a version older than the one held (the
    /// changes of an older version can arrive late when requests run concurrently).
    pub(crate) fn change(
        &self,
        uri: &str,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        place: &Place,
    ) -> Option<Arc<Document>> {
        let mut open = self.lock();
        let current = open.get(uri)?;
        if version < current.version {
            return None;
        }
        let mut text = current.text.clone();
        let mut lines = current.lines.clone();
        for change in changes {
            match change.range {
                None => text = change.text,
                Some(range) => {
                    let start =
                        lines.offset_of_utf16(&text, range.start.line, range.start.character);
                    let end = lines
                        .offset_of_utf16(&text, range.end.line, range.end.character)
                        .max(start);
                    text.replace_range(start..end, &change.text);
                }
            }
            lines = LineIndex::new(&text);
        }
        let document = Arc::new(Document::new(text, version, place));
        open.insert(uri.to_string(), Arc::clone(&document));
        Some(document)
    }

    /// Forgets a document; closing one that is not open is fine.
    pub(crate) fn close(&self, uri: &str) {
        self.lock().remove(uri);
    }
}
