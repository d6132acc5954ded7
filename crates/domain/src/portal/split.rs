//! Cuts a file into the text of its items without parsing them: a JSON array (scanned for
//! the commas between its elements, strings and nesting respected) or NDJSON (one object per
//! non-blank line). Each item is then parsed on its own, so one bad item does not hide the
//! others.

/// The text of one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece<'a> {
    /// 0-based position among the items.
    pub index: usize,
    /// 1-based line where the item starts.
    pub line: usize,
    pub text: &'a str,
}

/// The file is neither a JSON array nor NDJSON, or its array is broken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct FormatError {
    pub line: usize,
    pub message: String,
}

fn fail<T>(line: usize, message: &str) -> Result<T, FormatError> {
    Err(FormatError {
        line,
        message: message.to_owned(),
    })
}

/// The items of a JSON array or of NDJSON (detected by the first non-blank character).
pub fn split(input: &str) -> Result<Vec<Piece<'_>>, FormatError> {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    let body = input.trim_start();
    let line = 1 + input[..input.len() - body.len()].matches('\n').count();
    match body.as_bytes().first() {
        None => Ok(Vec::new()),
        Some(b'[') => split_array(input, input.len() - body.len(), line),
        Some(b'{') => Ok(split_lines(input)),
        Some(_) => fail(
            line,
            "expected a JSON array of items or one JSON object per line",
        ),
    }
}

fn split_lines(input: &str) -> Vec<Piece<'_>> {
    input
        .split('\n')
        .enumerate()
        .map(|(n, l)| (n + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty())
        .enumerate()
        .map(|(index, (line, text))| Piece { index, line, text })
        .collect()
}

/// Scanner state over the bytes of the input.
struct Scan<'a> {
    b: &'a [u8],
    i: usize,
    line: usize,
}

impl Scan<'_> {
    fn skip_blank(&mut self) {
        while let Some(&c) = self.b.get(self.i) {
            match c {
                b'\n' => self.line += 1,
                b' ' | b'\t' | b'\r' => {}
                _ => return,
            }
            self.i += 1;
        }
    }

    /// Moves past a string whose opening quote is at `i`; `false` if it does not end.
    fn skip_string(&mut self) -> bool {
        self.i += 1;
        while let Some(&c) = self.b.get(self.i) {
            match c {
                b'"' => {
                    self.i += 1;
                    return true;
                }
                b'\\' => self.i += 2,
                b'\n' => {
                    self.line += 1;
                    self.i += 1;
                }
                _ => self.i += 1,
            }
        }
        false
    }

    /// Moves to the `,` or `]` ending the element at `i`; `false` at the end of the input.
    fn skip_element(&mut self) -> bool {
        let mut depth = 0_usize;
        while let Some(&c) = self.b.get(self.i) {
            match c {
                b'"' => {
                    if !self.skip_string() {
                        return false;
                    }
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' if depth > 0 => depth -= 1,
                b']' | b',' if depth == 0 => return true,
                b'\n' => self.line += 1,
                _ => {}
            }
            self.i += 1;
        }
        false
    }
}

fn split_array(input: &str, open: usize, line: usize) -> Result<Vec<Piece<'_>>, FormatError> {
    let mut s = Scan {
        b: input.as_bytes(),
        i: open + 1,
        line,
    };
    let mut pieces = Vec::new();
    s.skip_blank();
    if s.b.get(s.i) == Some(&b']') {
        s.i += 1;
    } else {
        loop {
            s.skip_blank();
            let (start, line) = (s.i, s.line);
            if !s.skip_element() {
                return fail(
                    line,
                    &format!("item {} or the array does not end", pieces.len()),
                );
            }
            let text = input[start..s.i].trim_end();
            if text.is_empty() {
                return fail(line, &format!("item {} is empty", pieces.len()));
            }
            let index = pieces.len();
            pieces.push(Piece { index, line, text });
            s.i += 1;
            if s.b[s.i - 1] == b']' {
                break;
            }
        }
    }
    s.skip_blank();
    if s.i < s.b.len() {
        return fail(s.line, "text after the end of the array");
    }
    Ok(pieces)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str) -> Vec<(usize, usize, &str)> {
        split(input)
            .unwrap()
            .into_iter()
            .map(|p| (p.index, p.line, p.text))
            .collect()
    }

    #[test]
    fn arrays_are_cut_between_their_elements() {
        let input = "\u{feff} [\n {\"a\": \"x,]}\\\"\"},\n {\"b\": [1, {\"c\": 2}]} ,\n 5\n]\n";
        assert_eq!(
            texts(input),
            [
                (0, 2, "{\"a\": \"x,]}\\\"\"}"),
                (1, 3, "{\"b\": [1, {\"c\": 2}]}"),
                (2, 4, "5"),
            ]
        );
        assert!(texts("[]").is_empty());
        assert!(texts("  [ \n ] ").is_empty());
        assert!(texts("").is_empty());
    }

    #[test]
    fn ndjson_is_cut_at_line_ends() {
        let input = "{\"a\":1}\r\n\n  {\"b\":2}\n{broken\n";
        assert_eq!(
            texts(input),
            [(0, 1, "{\"a\":1}"), (1, 3, "{\"b\":2}"), (2, 4, "{broken")]
        );
    }

    #[test]
    fn broken_arrays_and_other_text_are_refused() {
        for (bad, line) in [
            ("[{\"a\":1},", 1),
            ("[{\"a\":\"1}]", 1),
            ("[1,,2]", 1),
            ("[1,]", 1),
            ("[1]\n x", 2),
            ("\n\nhello", 3),
            ("[{\"a\":1}\n", 1),
        ] {
            let e = split(bad).unwrap_err();
            assert_eq!(e.line, line, "{bad}: {e}");
        }
    }
}
