//! Reading a values file (`regime,period,unit,indicator,value,note`) into rows with their line
//! numbers; the rows are then checked against the regimes, the org units and the stored values.

use crate::csv_header::index_columns;

/// The columns of a values file.
pub const COLUMNS: [&str; 6] = ["regime", "period", "unit", "indicator", "value", "note"];

/// One line of a values file, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueLine {
    /// The line number in the file (the header is line 1).
    pub line: u64,
    pub regime: String,
    pub period: String,
    pub unit: String,
    pub indicator: String,
    pub value: String,
    pub note: String,
}

/// Reads every line of a values file, or the problems of the file (one sentence each, with
/// its line number).
pub fn read_lines(text: &str) -> Result<Vec<ValueLine>, Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header = reader
        .headers()
        .map_err(|e| vec![format!("dòng 1: {e}")])?
        .clone();
    let index = index_columns(&header, &COLUMNS)
        .map_err(|missing| vec![format!("dòng 1: thiếu cột {}", missing.join(", "))])?;
    let mut lines = Vec::new();
    let mut problems = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => {
                let line = r.position().map_or(0, csv::Position::line);
                let cell = |c: &str| r.get(index[c]).unwrap_or("").to_owned();
                lines.push(ValueLine {
                    line,
                    regime: cell("regime"),
                    period: cell("period"),
                    unit: cell("unit"),
                    indicator: cell("indicator"),
                    value: cell("value"),
                    note: cell("note"),
                });
            }
            Err(e) => {
                let line = e.position().map_or(0, csv::Position::line);
                problems.push(format!("dòng {line}: {e}"));
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if lines.is_empty() {
        return Err(vec!["tệp không có dòng số liệu nào".to_owned()]);
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_keep_their_numbers_and_columns_are_by_name() {
        let text = "note,regime,period,unit,indicator,value\n\
                    ,R,2026-Q1,H31.A,X,1\n\
                    ghi chú,R,2026-Q1,H31.B,X, 2 \n";
        let lines = read_lines(text).unwrap();
        assert_eq!(lines.len(), 2);
        assert_eq!((lines[1].line, lines[1].value.as_str()), (3, "2"));
        assert_eq!(lines[1].note, "ghi chú");
        assert_eq!(
            read_lines("regime,period\nR,2026").unwrap_err(),
            vec!["dòng 1: thiếu cột unit, indicator, value, note".to_owned()]
        );
        assert!(read_lines("regime,period,unit,indicator,value,note\n").is_err());
        assert!(
            read_lines(&format!("{}\nR,2026,U\n", COLUMNS.join(","))).unwrap_err()[0]
                .starts_with("dòng 2")
        );
    }
}
