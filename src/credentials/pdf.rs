//! The printed certificate: one A4 page in the certificate's language
//! with its title, whom it names, the verified hours, the period, the
//! issuing front office and the criteria, and a QR code of its
//! verification link (`/verify?id=…`), which anyone can scan to see
//! whether it still stands.
//!
//! Written with `krilla` (text shaped and the font subset into the file)
//! in DejaVu Sans, which covers Kazakh, Russian and Latin letters and is in
//! the binary (`assets/fonts/`), so a certificate prints the same on any
//! server with no fonts installed.

use crate::credentials::{Issuer, jws, verify};
use crate::i18n::Lang;
use crate::msg;
use krilla::Document;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use qrcode::{Color, EcLevel, QrCode};

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// A4 in points.
const WIDTH: f32 = 595.28;
const HEIGHT: f32 = 841.89;
const MARGIN: f32 = 56.0;

/// What a certificate shows, taken from its signed document.
pub struct Printed {
    pub lang: Lang,
    pub title: String,
    pub subject: String,
    pub hours: String,
    pub period: String,
    pub issuer: String,
    pub issued_on: String,
    pub criteria: String,
    pub verify_url: String,
    pub id: String,
}

impl Printed {
    /// What the signed credential `jwt` (of id `uid`, written in
    /// `lang`) says, to print.
    pub fn of(issuer: &Issuer, uid: &str, lang: &str, jwt: &str) -> Result<Printed, String> {
        let parsed = jws::parse(jwt).map_err(|_| "a stored credential does not parse")?;
        let said = verify::describe(&parsed.payload);
        let day = |t: &Option<String>| {
            t.as_deref()
                .unwrap_or_default()
                .chars()
                .take(10)
                .collect::<String>()
        };
        let criteria = parsed
            .payload
            .get("credentialSubject")
            .and_then(|s| s.pointer("/achievement/criteria/narrative"))
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default()
            .to_owned();
        Ok(Printed {
            lang: Lang::of_tag(lang).unwrap_or(Lang::Kk),
            title: said.title.clone().unwrap_or_default(),
            subject: said.subject.clone().unwrap_or_default(),
            hours: said.hours.clone().unwrap_or_default(),
            period: format!("{} – {}", day(&said.activity_from), day(&said.activity_to)),
            issuer: said.issuer_name.clone().unwrap_or_default(),
            issued_on: day(&said.valid_from),
            criteria,
            verify_url: issuer.verify_url(uid),
            id: said.id.unwrap_or_default(),
        })
    }
}

/// Lines of at most `chars` characters, broken at spaces (DejaVu Sans's
/// letters are about 0.58 em wide, so a line of `chars` fits).
fn wrap(text: &str, chars: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > chars {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn grey() -> Fill {
    Fill {
        paint: krilla::color::rgb::Color::new(80, 86, 96).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

/// Write `text` at `y`, wrapped to the page's width; the `y` after it.
fn paragraph(surface: &mut Surface, font: &Font, size: f32, y: f32, text: &str) -> f32 {
    let chars = ((WIDTH - 2.0 * MARGIN) / (0.58 * size)) as usize;
    let mut y = y;
    for line in wrap(text, chars.max(10)) {
        surface.draw_text(
            Point::from_xy(MARGIN, y),
            font.clone(),
            size,
            &line,
            false,
            TextDirection::Auto,
        );
        y += size * 1.35;
    }
    y
}

/// The QR code of `url`, `side` points wide, its top left at (`x`, `y`).
fn qr(surface: &mut Surface, url: &str, x: f32, y: f32, side: f32) -> Result<(), String> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M)
        .map_err(|e| format!("the QR code: {e}"))?;
    let width = code.width();
    // Four modules of quiet zone on every side, as readers expect.
    let module = side / (width + 8) as f32;
    let mut path = PathBuilder::new();
    for (i, color) in code.to_colors().iter().enumerate() {
        if *color == Color::Dark {
            let (col, row) = ((i % width) as f32, (i / width) as f32);
            if let Some(rect) = Rect::from_xywh(
                x + (col + 4.0) * module,
                y + (row + 4.0) * module,
                module,
                module,
            ) {
                path.push_rect(rect);
            }
        }
    }
    surface.set_fill(Some(Fill::default()));
    if let Some(path) = path.finish() {
        surface.draw_path(&path);
    }
    Ok(())
}

/// The link in two lines, broken after `id=` so the printed text is the
/// link exactly.
fn url_lines(url: &str) -> Vec<String> {
    match url.split_once("id=") {
        Some((head, id)) => vec![format!("{head}id="), id.to_owned()],
        None => vec![url.to_owned()],
    }
}

/// The fonts, read once per document.
struct Fonts {
    regular: Font,
    bold: Font,
}

impl Fonts {
    fn load() -> Result<Fonts, String> {
        Ok(Fonts {
            regular: Font::new(REGULAR.into(), 0).ok_or("the regular font cannot be read")?,
            bold: Font::new(BOLD.into(), 0).ok_or("the bold font cannot be read")?,
        })
    }
}

fn a4() -> Result<PageSettings, String> {
    Ok(PageSettings::from_wh(WIDTH, HEIGHT).ok_or("the page size")?)
}

/// The certificate as a PDF.
pub fn certificate(p: &Printed) -> Result<Vec<u8>, String> {
    let fonts = Fonts::load()?;
    let mut document = Document::new();
    certificate_page(&mut document, &fonts, p)?;
    document
        .finish()
        .map_err(|e| format!("writing the PDF: {e:?}"))
}

/// A volunteer's passport as a PDF: a first page listing the certificates
/// that stand (in `lang`), then each certificate's own page.
pub fn passport(lang: Lang, holder: &str, certificates: &[Printed]) -> Result<Vec<u8>, String> {
    let fonts = Fonts::load()?;
    let mut document = Document::new();
    {
        let mut page = document.start_page_with(a4()?);
        let mut surface = page.surface();
        surface.set_fill(Some(grey()));
        let mut y = paragraph(
            &mut surface,
            &fonts.regular,
            12.0,
            MARGIN + 12.0,
            &msg!("pdf-heading-passport").render(lang),
        );
        surface.set_fill(Some(Fill::default()));
        y = paragraph(&mut surface, &fonts.bold, 22.0, y + 18.0, holder);
        surface.set_fill(Some(grey()));
        y = paragraph(
            &mut surface,
            &fonts.regular,
            11.0,
            y + 8.0,
            &msg!("pdf-passport-count", count = certificates.len()).render(lang),
        );
        for p in certificates {
            if y > HEIGHT - MARGIN - 60.0 {
                break;
            }
            surface.set_fill(Some(Fill::default()));
            y = paragraph(&mut surface, &fonts.bold, 12.0, y + 12.0, &p.title);
            surface.set_fill(Some(grey()));
            y = paragraph(
                &mut surface,
                &fonts.regular,
                10.0,
                y,
                &format!(
                    "{} · {} · {} · {}",
                    p.hours, p.period, p.issuer, p.verify_url
                ),
            );
        }
        surface.finish();
        page.finish();
    }
    for p in certificates {
        certificate_page(&mut document, &fonts, p)?;
    }
    document
        .finish()
        .map_err(|e| format!("writing the PDF: {e:?}"))
}

/// One certificate's page.
fn certificate_page(document: &mut Document, fonts: &Fonts, p: &Printed) -> Result<(), String> {
    let (regular, bold) = (&fonts.regular, &fonts.bold);
    let lang = p.lang;
    let mut page = document.start_page_with(a4()?);
    let mut surface = page.surface();
    surface.set_fill(Some(grey()));
    let mut y = paragraph(
        &mut surface,
        regular,
        12.0,
        MARGIN + 12.0,
        &msg!("pdf-heading").render(lang),
    );
    surface.set_fill(Some(Fill::default()));
    y = paragraph(&mut surface, bold, 22.0, y + 18.0, &p.title);

    let field = |surface: &mut Surface, y: f32, label: &str, value: &str, size: f32| {
        surface.set_fill(Some(grey()));
        paragraph(surface, regular, 11.0, y, label);
        surface.set_fill(Some(Fill::default()));
        // The value's baseline a line of its own size below the label's.
        paragraph(surface, bold, size, y + 4.0 + size, value) + 12.0
    };
    y = field(
        &mut surface,
        y + 24.0,
        &msg!("pdf-awarded-to").render(lang),
        &p.subject,
        18.0,
    );
    y = field(
        &mut surface,
        y,
        &msg!("pdf-hours").render(lang),
        &p.hours,
        30.0,
    );
    y = field(
        &mut surface,
        y,
        &msg!("pdf-period").render(lang),
        &p.period,
        14.0,
    );
    y = field(
        &mut surface,
        y,
        &msg!("pdf-issued-by").render(lang),
        &p.issuer,
        14.0,
    );
    y = field(
        &mut surface,
        y,
        &msg!("pdf-issued-on").render(lang),
        &p.issued_on,
        14.0,
    );
    surface.set_fill(Some(grey()));
    paragraph(&mut surface, regular, 10.0, y + 6.0, &p.criteria);

    // The QR code at the foot, its link beside it for those who type.
    let side = 170.0;
    let top = HEIGHT - MARGIN - side;
    qr(&mut surface, &p.verify_url, MARGIN - 12.0, top, side)?;
    surface.set_fill(Some(grey()));
    let text_x = MARGIN + side;
    let mut ty = top + 40.0;
    let chars = ((WIDTH - MARGIN - text_x) / (0.58 * 10.0)) as usize;
    for line in wrap(&msg!("pdf-scan").render(lang), chars)
        .into_iter()
        .chain(url_lines(&p.verify_url))
        .chain(std::iter::once(p.id.clone()))
    {
        surface.draw_text(
            Point::from_xy(text_x, ty),
            regular.clone(),
            10.0,
            &line,
            false,
            TextDirection::Auto,
        );
        ty += 14.0;
    }
    surface.finish();
    page.finish();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_at_spaces() {
        assert_eq!(
            wrap("Әлия Серікова волонтёр", 12),
            vec!["Әлия", "Серікова", "волонтёр"]
        );
        assert_eq!(wrap("a b c", 80), vec!["a b c"]);
        assert!(wrap("", 10).is_empty());
    }

    #[test]
    fn a_certificate_is_a_pdf() {
        let pdf = certificate(&Printed {
            lang: Lang::Kk,
            title: "Еріктілік сағаттары".into(),
            subject: "Алия С.".into(),
            hours: "12.50".into(),
            period: "2026-01-01 – 2026-06-30".into(),
            issuer: "Фронт-офис: Астана".into(),
            issued_on: "2026-07-01".into(),
            criteria: "Қатысулар".into(),
            verify_url: "http://127.0.0.1:8080/verify?id=0".into(),
            id: "urn:uuid:0".into(),
        })
        .unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
    }
}
