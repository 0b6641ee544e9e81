//! The volunteers and events a list of participations has met, kept for
//! the rest of its export: each is read once however many of its five
//! million rows name it, and held compactly, as this is what an export's
//! memory grows with (at most the register: 160,000 people and 45,000
//! events nationally, about 15 MB).
//!
//! The names (and titles) a statement reads are laid end to end in one
//! block of text, which the rows' cells share (`Cell::Slice`): one
//! allocation per statement, not one per person.

use crate::export::cell::Cell;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::Arc;

/// Where a text lies in the blocks.
#[derive(Clone, Copy)]
struct Span {
    block: u32,
    start: u32,
    len: u32,
}

struct Person {
    name: Option<Span>,
    region: u8,
    born: NaiveDate,
    erased: bool,
}

struct Event {
    title: Span,
    region: u8,
}

/// A volunteer as read: id, name, home region, birth date, erased.
pub type PersonRow = (i64, Option<String>, String, NaiveDate, bool);

/// An event as read: id, title, host region.
pub type EventRow = (i64, String, String);

/// What a person met shows and what decides who may see it.
pub struct Seen<'a> {
    pub region: &'a str,
    pub born: NaiveDate,
    pub erased: bool,
}

#[derive(Default)]
pub struct Met {
    people: HashMap<i64, Person>,
    events: HashMap<i64, Event>,
    blocks: Vec<Arc<str>>,
    /// Region codes by their number here (there are 20).
    regions: Vec<Arc<str>>,
}

impl Met {
    /// Of `ids`, those not met yet.
    pub fn new_people(&self, ids: &[i64]) -> Vec<i64> {
        ids.iter()
            .copied()
            .filter(|id| !self.people.contains_key(id))
            .collect()
    }

    /// Of `ids`, the events not met yet.
    pub fn new_events(&self, ids: &[i64]) -> Vec<i64> {
        ids.iter()
            .copied()
            .filter(|id| !self.events.contains_key(id))
            .collect()
    }

    pub fn add_people(&mut self, rows: Vec<PersonRow>) {
        let mut block = String::new();
        let mut spans = Vec::with_capacity(rows.len());
        for (_, name, _, _, _) in &rows {
            spans.push(name.as_deref().map(|n| self.lay(&mut block, n)));
        }
        self.seal(block);
        for ((id, _, region, born, erased), name) in rows.into_iter().zip(spans) {
            let region = self.region(&region);
            self.people.insert(
                id,
                Person {
                    name,
                    region,
                    born,
                    erased,
                },
            );
        }
    }

    pub fn add_events(&mut self, rows: Vec<EventRow>) {
        let mut block = String::new();
        let spans: Vec<Span> = rows
            .iter()
            .map(|(_, title, _)| self.lay(&mut block, title))
            .collect();
        self.seal(block);
        for ((id, _, region), title) in rows.into_iter().zip(spans) {
            let region = self.region(&region);
            self.events.insert(id, Event { title, region });
        }
    }

    /// `text` laid at the end of the block being made.
    fn lay(&self, block: &mut String, text: &str) -> Span {
        let start = block.len() as u32;
        block.push_str(text);
        Span {
            block: self.blocks.len() as u32,
            start,
            len: text.len() as u32,
        }
    }

    fn seal(&mut self, block: String) {
        self.blocks.push(Arc::from(block));
    }

    fn region(&mut self, code: &str) -> u8 {
        match self.regions.iter().position(|r| &**r == code) {
            Some(i) => i as u8,
            None => {
                self.regions.push(Arc::from(code));
                (self.regions.len() - 1) as u8
            }
        }
    }

    fn text(&self, span: Span) -> Cell {
        self.blocks
            .get(span.block as usize)
            .map_or(Cell::Null, |b| Cell::Slice(b.clone(), span.start, span.len))
    }

    fn region_cell(&self, region: u8) -> Cell {
        self.regions
            .get(usize::from(region))
            .map_or(Cell::Null, |r| Cell::Shared(r.clone()))
    }

    pub fn person(&self, id: i64) -> Option<Seen<'_>> {
        let p = self.people.get(&id)?;
        Some(Seen {
            region: self.regions.get(usize::from(p.region))?,
            born: p.born,
            erased: p.erased,
        })
    }

    /// The name of volunteer `id` as a cell (empty if unknown or erased).
    pub fn name(&self, id: i64) -> Cell {
        match self.people.get(&id).and_then(|p| p.name) {
            Some(span) => self.text(span),
            None => Cell::Null,
        }
    }

    /// The title and host region of event `id` as cells.
    pub fn event(&self, id: i64) -> (Cell, Cell) {
        match self.events.get(&id) {
            Some(e) => (self.text(e.title), self.region_cell(e.region)),
            None => (Cell::Null, Cell::Null),
        }
    }
}
