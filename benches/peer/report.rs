//! The table the benchmark prints: each scenario's figure for frontoffice,
//! PostGraphile and the floor (and frontoffice on SQLite), the ratios of
//! frontoffice's to the others', and the target.

/// Whether a figure is better low (a latency) or high (a rate).
#[derive(Clone, Copy, PartialEq)]
pub enum Better {
    Lower,
    Higher,
}

/// A target: frontoffice's figure as a ratio of another one, or a value.
#[derive(Clone, Copy)]
pub struct Target {
    pub of: Against,
    /// The ratio, or the value itself (in the figure's unit).
    pub times: f64,
}

#[derive(Clone, Copy, PartialEq)]
pub enum Against {
    Peer,
    Floor,
    Value,
}

pub struct Row {
    pub scenario: String,
    /// frontoffice, PostGraphile, the floor, frontoffice on SQLite.
    pub cells: [String; 4],
    pub vs_peer: String,
    pub vs_floor: String,
    pub target: String,
}

/// A figure in its unit: milliseconds, a rate, or a plain number.
pub fn show(value: Option<f64>, unit: &str) -> String {
    match value {
        None => "–".into(),
        Some(v) if v.is_nan() => "–".into(),
        Some(v) => {
            let digits = if v >= 100.0 {
                0
            } else if v >= 10.0 {
                1
            } else {
                2
            };
            let number = format!("{v:.digits$}");
            let number = group_thousands(&number);
            format!("{number}{unit}")
        }
    }
}

fn group_thousands(number: &str) -> String {
    let (whole, fraction) = number.split_once('.').map_or((number, ""), |(w, f)| (w, f));
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if fraction.is_empty() {
        grouped
    } else {
        format!("{grouped}.{fraction}")
    }
}

pub fn ratio(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) if b > 0.0 && a.is_finite() && b.is_finite() => Some(a / b),
        _ => None,
    }
}

/// A row of figures: frontoffice, PostGraphile, the floor, frontoffice on
/// SQLite (any may be missing), with the ratios of frontoffice's to
/// PostGraphile's and the floor's and the target met (✔) or missed (✘).
pub fn figures(
    scenario: &str,
    unit: &str,
    better: Better,
    [frontoffice, peer, floor, sqlite]: [Option<f64>; 4],
    target: Option<Target>,
) -> Row {
    let vs_peer = ratio(frontoffice, peer);
    let vs_floor = ratio(frontoffice, floor);
    let target = target.map_or(String::new(), |t| {
        let (against, name) = match t.of {
            Against::Peer => (vs_peer, "× PostGraphile"),
            Against::Floor => (vs_floor, "× the floor"),
            Against::Value => (frontoffice, unit),
        };
        goal(better, against, t.times, name)
    });
    Row {
        scenario: scenario.into(),
        cells: [
            show(frontoffice, unit),
            show(peer, unit),
            show(floor, unit),
            show(sqlite, unit),
        ],
        vs_peer: vs_peer.map_or("–".into(), |r| format!("{r:.2}×")),
        vs_floor: vs_floor.map_or("–".into(), |r| format!("{r:.2}×")),
        target,
    }
}

/// A target as the table shows it, `≤ 2× the floor ✔`: `value` (a figure
/// or a ratio) against `limit`, met or missed, or neither when unknown.
pub fn goal(better: Better, value: Option<f64>, limit: f64, name: &str) -> String {
    let (sign, met) = match better {
        Better::Lower => ("≤", value.map(|r| r <= limit)),
        Better::Higher => ("≥", value.map(|r| r >= limit)),
    };
    let mark = match met {
        Some(true) => " ✔",
        Some(false) => " ✘",
        None => "",
    };
    format!("{sign} {limit}{name}{mark}")
}

/// A row of text cells, without ratios.
pub fn text(scenario: &str, cells: [String; 4]) -> Row {
    Row {
        scenario: scenario.into(),
        cells,
        vs_peer: String::new(),
        vs_floor: String::new(),
        target: String::new(),
    }
}

/// The table in Markdown; the SQLite column when frontoffice ran on it.
pub fn print(rows: &[Row], sqlite: bool) {
    let (head, rule) = if sqlite {
        (" frontoffice on SQLite |", "---:|")
    } else {
        ("", "")
    };
    println!(
        "| scenario | frontoffice | PostGraphile | raw SQL floor | frontoffice ÷ PostGraphile | frontoffice ÷ floor | target |{head}"
    );
    println!("|---|---:|---:|---:|---:|---:|---|{rule}");
    for row in rows {
        let last = if sqlite {
            format!(" {} |", row.cells[3])
        } else {
            String::new()
        };
        println!(
            "| {} | {} | {} | {} | {} | {} | {} |{last}",
            row.scenario,
            row.cells[0],
            row.cells[1],
            row.cells[2],
            row.vs_peer,
            row.vs_floor,
            row.target
        );
    }
}
