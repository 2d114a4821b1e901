//! Positions: byte offsets to lines and columns, counted in characters and in UTF-16 units.
//!
//! The one place where columns are computed. Human output and JSON use 1-based lines and
//! character columns; the language server uses 0-based lines and UTF-16 columns.

/// A line and column, both starting at 1 (column counted in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

/// Line starts of one text, for converting offsets to positions and back.
#[derive(Debug, Clone)]
pub struct LineIndex {
    text_len: usize,
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i + 1);
            }
        }
        LineIndex {
            text_len: text.len(),
            line_starts,
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next.saturating_sub(1),
        }
    }

    fn clamp(text: &str, offset: usize) -> usize {
        let mut offset = offset.min(text.len());
        while offset > 0 && !text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// 1-based line and character column of a byte offset in `text`.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = Self::clamp(text, offset);
        let line = self.line_of(offset);
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        let column = text.get(start..offset).map_or(0, |s| s.chars().count());
        LineCol {
            line: to_u32(line + 1),
            column: to_u32(column + 1),
        }
    }

    /// 0-based line and UTF-16 column of a byte offset in `text` (the language server's unit).
    pub fn utf16_position(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = Self::clamp(text, offset);
        let line = self.line_of(offset);
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        let column: usize = text
            .get(start..offset)
            .map_or(0, |s| s.encode_utf16().count());
        (to_u32(line), to_u32(column))
    }

    /// The byte offset of a 0-based line and UTF-16 column, clamped to the text.
    pub fn offset_of_utf16(&self, text: &str, line: u32, column: u32) -> usize {
        let Some(&start) = self.line_starts.get(line as usize) else {
            return self.text_len;
        };
        let end = self
            .line_starts
            .get(line as usize + 1)
            .map_or(self.text_len, |e| e.saturating_sub(1));
        let Some(line_text) = text.get(start..end.max(start)) else {
            return self.text_len.min(start);
        };
        let mut units = 0usize;
        for (i, ch) in line_text.char_indices() {
            if units >= column as usize {
                return start + i;
            }
            units += ch.len_utf16();
        }
        start + line_text.len()
    }

    /// The byte range of a 1-based line, without its line break.
    pub fn line_span(&self, text: &str, line: u32) -> Option<(usize, usize)> {
        let index = (line as usize).checked_sub(1)?;
        let start = *self.line_starts.get(index)?;
        let end = self
            .line_starts
            .get(index + 1)
            .map_or(text.len(), |e| e.saturating_sub(1));
        let end = if text.get(start..end).is_some_and(|s| s.ends_with('\r')) {
            end - 1
        } else {
            end
        };
        Some((start, end.max(start)))
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_characters_and_utf16_units() {
        let text = "role mentée\n  source “quote” x\n";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(
            index.line_col(text, x),
            LineCol {
                line: 2,
                column: 18
            }
        );
        assert_eq!(index.utf16_position(text, x), (1, 17));
        assert_eq!(index.offset_of_utf16(text, 1, 17), x);
    }

    #[test]
    fn astral_characters_take_two_utf16_units() {
        let text = "a🙂b";
        let index = LineIndex::new(text);
        assert_eq!(index.utf16_position(text, text.find('b').unwrap()), (0, 3));
        assert_eq!(index.offset_of_utf16(text, 0, 3), text.find('b').unwrap());
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let text = "ab\ncd";
        let index = LineIndex::new(text);
        assert_eq!(index.offset_of_utf16(text, 9, 0), text.len());
        assert_eq!(index.offset_of_utf16(text, 0, 99), 2);
        assert_eq!(index.line_col(text, 999), LineCol { line: 2, column: 3 });
    }
}
