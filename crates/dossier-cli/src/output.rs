//! Tables for people, JSON for machines.

use std::io::{self, Write};

/// Whether an error (anywhere in its chain) is a closed stdout, as when the
/// output is piped into `head`: that is not a failure.
pub(crate) fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Prints rows as left-aligned columns under a header; the last column is not
/// padded and every cell is cut at `max_width` characters.
pub(crate) fn table(
    out: &mut dyn Write,
    header: &[&str],
    rows: &[Vec<String>],
    max_width: usize,
) -> io::Result<()> {
    let cut = |cell: &str| -> String {
        let one_line = cell.replace(['\n', '\t'], " ");
        if one_line.chars().count() > max_width {
            let mut s: String = one_line.chars().take(max_width - 1).collect();
            s.push('…');
            s
        } else {
            one_line
        }
    };
    let cells: Vec<Vec<String>> = std::iter::once(header.iter().map(|h| (*h).to_owned()).collect())
        .chain(rows.iter().map(|row| row.iter().map(|c| cut(c)).collect()))
        .collect();
    let mut widths = vec![0; header.len()];
    for row in &cells {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    for row in &cells {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i + 1 == row.len() {
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.extend(std::iter::repeat_n(
                    ' ',
                    widths[i] - cell.chars().count() + 2,
                ));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// Writes one JSON value on its own line.
pub(crate) fn json_line(out: &mut dyn Write, value: &impl serde::Serialize) -> anyhow::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")?;
    Ok(())
}
