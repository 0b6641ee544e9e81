//! Data in and out at national scale: exports of every volunteer and
//! every participation as CSV (and the volunteers as XLSX) from the
//! release server, with its memory sampled while it streams; then an
//! import of a 160,000-row `.xlsx` of new volunteers by the command line,
//! as a dry run, for real, and again (a no-op), with its peak memory.
//!
//! ```sh
//! cargo bench --bench data_files                          # SQLite
//! cargo bench --bench data_files -- --backend postgres    # PostgreSQL
//! ```

mod common;

use chrono::Datelike;
use clap::Parser;
use common::{Load, SECRET, Server, binary, global_flags, prepare, start};
use frontoffice::domain::iin::with_check_digit;
use frontoffice::seed::national::regions::REGIONS;
use rust_xlsxwriter::{Format, Workbook};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

#[derive(Parser)]
struct Args {
    /// `sqlite` or `postgres`.
    #[arg(long, default_value = "sqlite")]
    backend: String,
    /// Fraction of the national data set (1 = 160,000 volunteers).
    #[arg(long, default_value_t = 1.0)]
    scale: f64,
    /// Keep a database loaded by an earlier run (the import's volunteers
    /// of an earlier run stay: the import then finds them unchanged).
    #[arg(long)]
    reuse: bool,
    #[arg(long, default_value = "postgres://postgres@127.0.0.1:5432")]
    pg_server: String,
    /// Rows of the imported workbook.
    #[arg(long, default_value_t = 160_000)]
    rows: usize,
    /// Only the exports (with `--reuse`, a database whose import ran).
    #[arg(long)]
    exports_only: bool,
    /// Ignored: cargo passes it to every bench target.
    #[arg(long, hide = true)]
    bench: bool,
}

fn main() {
    let args = Args::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    if let Err(err) = runtime.block_on(run(args)) {
        eprintln!("benchmark failed: {err}");
        std::process::exit(1);
    }
}

/// The peak resident memory of process `pid` while something runs,
/// sampled every 10 ms (VmHWM would give the whole life's peak).
struct Sampler {
    stop: Arc<AtomicBool>,
    peak_kib: Arc<AtomicU64>,
    thread: std::thread::JoinHandle<()>,
}

fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

impl Sampler {
    fn start(pid: u32) -> Sampler {
        let stop = Arc::new(AtomicBool::new(false));
        let peak_kib = Arc::new(AtomicU64::new(rss_kib(pid)));
        let thread = {
            let (stop, peak) = (stop.clone(), peak_kib.clone());
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    peak.fetch_max(rss_kib(pid), Ordering::Relaxed);
                    std::thread::sleep(Duration::from_millis(10));
                }
            })
        };
        Sampler {
            stop,
            peak_kib,
            thread,
        }
    }

    /// The peak in MiB.
    fn finish(self) -> f64 {
        self.stop.store(true, Ordering::Relaxed);
        let _ = self.thread.join();
        self.peak_kib.load(Ordering::Relaxed) as f64 / 1024.0
    }
}

/// Download `path` whole; its size, its lines and the time it took.
async fn download(server: &Server, path: &str) -> Result<(u64, u64, Duration), String> {
    let started = Instant::now();
    let response = server
        .client
        .get(format!("{}{path}", server.base))
        .bearer_auth(&server.token)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !response.status().is_success() {
        return Err(format!("{path}: HTTP {}", response.status()));
    }
    let mut response = response;
    let (mut bytes, mut lines) = (0u64, 0u64);
    while let Some(chunk) = response.chunk().await.map_err(|e| e.to_string())? {
        bytes += chunk.len() as u64;
        lines += chunk.iter().filter(|&&b| b == b'\n').count() as u64;
    }
    Ok((bytes, lines, started.elapsed()))
}

/// The workbook imported: `rows` new volunteers in the regions' way of
/// writing them (Cyrillic names, dd.mm.yyyy dates, dialled phone numbers,
/// every other row with an IIN), under Kazakh headings.
fn workbook(path: &Path, rows: usize) -> Result<(), String> {
    const FIRST: &[&str] = &[
        "Айдана",
        "Әсем",
        "Гүлназ",
        "Дина",
        "Жанар",
        "Зере",
        "Камила",
        "Ләззат",
        "Мадина",
        "Назым",
        "Айбек",
        "Бауыржан",
        "Дәурен",
        "Ерлан",
        "Жандос",
        "Қанат",
        "Мирас",
        "Нұрлан",
        "Олжас",
        "Санжар",
        "Тимур",
        "Ұлан",
        "Асхат",
        "Ринат",
        "Ілияс",
    ];
    const LAST: &[&str] = &[
        "Әбенов",
        "Бекқожин",
        "Дәулетов",
        "Ермеков",
        "Жақсыбеков",
        "Иманғалиев",
        "Қасымов",
        "Мұратов",
        "Нұрғалиев",
        "Оспанов",
        "Сәрсенбаев",
        "Төлегенов",
        "Ұлықбеков",
        "Шәкенов",
        "Ысқақов",
        "Серікбаев",
        "Құрманов",
        "Байжанов",
        "Тұрсынов",
        "Әлиев",
    ];
    let mut book = Workbook::new();
    let sheet = book
        .add_worksheet_with_constant_memory()
        .map_err(|e| e.to_string())?;
    let bold = Format::new().set_bold();
    for (c, h) in ["Аты-жөні", "Туған күні", "Өңір", "Телефон", "ЖСН"]
        .iter()
        .enumerate()
    {
        sheet
            .write_string_with_format(0, c as u16, *h, &bold)
            .map_err(|e| e.to_string())?;
    }
    let epoch = chrono::NaiveDate::from_ymd_opt(1960, 1, 1).ok_or("a date")?;
    for i in 0..rows {
        let r = (i + 1) as u32;
        let name = format!(
            "{} {}",
            FIRST[i % FIRST.len()],
            LAST[(i / FIRST.len()) % LAST.len()]
        );
        // Adults born 1960–2005: no two rows share birth date and region,
        // so none is a probable duplicate of another.
        let born = epoch + chrono::Duration::days((i % 16_400) as i64);
        let region = REGIONS[(i / 16_400) % REGIONS.len()].code;
        let phone = format!(
            "8 70{} {:03} {:02} {:02}",
            i % 8,
            i % 1000,
            (i / 1000) % 100,
            i % 97
        );
        sheet.write_string(r, 0, &name).map_err(|e| e.to_string())?;
        sheet
            .write_string(r, 1, born.format("%d.%m.%Y").to_string())
            .map_err(|e| e.to_string())?;
        sheet
            .write_string(r, 2, region)
            .map_err(|e| e.to_string())?;
        sheet
            .write_string(r, 3, &phone)
            .map_err(|e| e.to_string())?;
        if i % 2 == 0 {
            let century = if born.year() < 2000 { '3' } else { '5' };
            let first11 = format!("{}{century}{:04}", born.format("%y%m%d"), (i / 2) % 10_000);
            if let Some(iin) = with_check_digit(&first11) {
                sheet.write_string(r, 4, iin).map_err(|e| e.to_string())?;
            }
        }
    }
    book.save(path).map_err(|e| e.to_string())
}

/// Run the import command under GNU time: wall seconds, peak MiB, and the
/// report it printed.
fn import(url: &str, file: &Path, extra: &[&str]) -> Result<(f64, f64, String), String> {
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%e %M"])
        .arg(binary())
        .args(global_flags(url))
        .args(["import", "volunteers"])
        .arg(file)
        .args(extra)
        .env("FRONTOFFICE_IIN_SECRET", SECRET)
        .output()
        .map_err(|e| format!("/usr/bin/time runs the import: {e}"))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    let last = stderr.lines().last().unwrap_or_default();
    let mut numbers = last
        .split_whitespace()
        .map(|n| n.parse::<f64>().unwrap_or(0.0));
    let seconds = numbers.next().unwrap_or(0.0);
    let kib = numbers.next().unwrap_or(0.0);
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    if !out.status.success() && !report.contains("rows read") {
        return Err(format!("the import failed: {stderr}"));
    }
    Ok((seconds, kib / 1024.0, report))
}

fn count(report: &str, label: &str) -> String {
    report
        .lines()
        .find(|l| l.trim_start().starts_with(label))
        .and_then(|l| l.split_whitespace().last())
        .unwrap_or("?")
        .to_owned()
}

async fn run(args: Args) -> Result<(), String> {
    let (url, load) = prepare(&Load {
        name: "files",
        backend: args.backend.clone(),
        scale: args.scale,
        reuse: args.reuse,
        pg_server: args.pg_server.clone(),
        tag: String::new(),
    })
    .await?;
    if let Some(took) = load {
        println!("national data set loaded in {:.1} s", took.as_secs_f64());
    }
    println!("backend: {}, scale {}", args.backend, args.scale);
    println!();
    println!("| export | rows | MB | time | rows/s | server RSS before → peak |");
    println!("|---|---:|---:|---:|---:|---:|");
    {
        let server = start(&url, &[])?;
        let pid = server.child.id();
        for path in [
            "/export/volunteers.csv",
            "/export/volunteers.xlsx",
            "/export/participations.csv",
        ] {
            let before = rss_kib(pid) as f64 / 1024.0;
            let sampler = Sampler::start(pid);
            let (bytes, lines, took) = download(&server, path).await?;
            let peak = sampler.finish();
            let rows = if path.ends_with(".csv") {
                format!("{}", lines.saturating_sub(1))
            } else {
                "—".to_owned()
            };
            let rate = if path.ends_with(".csv") {
                format!("{:.0}", lines.saturating_sub(1) as f64 / took.as_secs_f64())
            } else {
                "—".to_owned()
            };
            println!(
                "| `GET {path}` | {rows} | {:.1} | {:.2} s | {rate} | {before:.0} → {peak:.0} MiB |",
                bytes as f64 / 1e6,
                took.as_secs_f64()
            );
        }
    }
    if args.exports_only {
        return Ok(());
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    let file = dir.join(format!("import-{}.xlsx", args.rows));
    if !file.exists() {
        let started = Instant::now();
        workbook(&file, args.rows)?;
        println!();
        println!(
            "wrote {} ({:.1} MB) in {:.1} s",
            file.display(),
            std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0) as f64 / 1e6,
            started.elapsed().as_secs_f64()
        );
    }
    println!();
    println!(
        "| import of {} rows (.xlsx) | time | peak RSS | created | unchanged | refused | probable duplicates |",
        args.rows
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for (what, extra) in [
        ("`--dry-run`", &["--dry-run"][..]),
        ("for real", &[][..]),
        ("again (nothing new)", &[][..]),
    ] {
        let (seconds, mib, report) = import(&url, &file, extra)?;
        let created = if report.contains("would be created") {
            count(&report, "would be created")
        } else {
            count(&report, "created")
        };
        println!(
            "| {what} | {seconds:.1} s | {mib:.0} MiB | {created} | {} | {} | {} |",
            count(&report, "unchanged"),
            count(&report, "refused"),
            count(&report, "probable duplicates"),
        );
    }
    Ok(())
}
