//! One check for every string a request sends: names, titles, search text,
//! usernames, `clientMutationId`, ids and codes alike, written in the
//! document or sent as variables.
//!
//! A control character (NUL included) or a bidirectional override in any of
//! them is refused with VALIDATION naming the argument path (e.g.
//! `input.fullName`), before anything runs: PostgreSQL cannot store NUL and
//! fails the statement, SQLite would store it, and an override makes a
//! name display as another. Tabs and line breaks pass here, as multi-line
//! free text needs them; single-line fields refuse them in
//! `domain::validate::text`, which also refuses invisible-only names.
//!
//! The walk keeps its own stack rather than recursing, so however a value
//! nests, checking it cannot exhaust the stack.

use crate::domain::validate::refused_char;
use crate::error_code::ErrorCode;
use crate::graphql::error::translatable_server_error;
use crate::i18n::Message;
use crate::msg;
use async_graphql::parser::types::{Directive, ExecutableDocument, Selection, SelectionSet};
use async_graphql::{
    ErrorExtensionValues, Name, Positioned, ServerError, Value as ConstValue, Variables,
};
use async_graphql_value::Value;

/// Refuse the first unsafe string of `document` and its `variables`.
pub fn check(document: &ExecutableDocument, variables: &Variables) -> Result<(), ServerError> {
    match first_refusal(document, variables) {
        Some((field, reason)) => Err(refusal(field, reason)),
        None => Ok(()),
    }
}

fn refusal(field: String, reason: Message) -> ServerError {
    let mut err = translatable_server_error(msg!("field-refused", field = &field, reason = reason));
    let mut ext = ErrorExtensionValues::default();
    ext.set("code", ErrorCode::Validation.as_str());
    ext.set("field", field);
    err.extensions = Some(ext);
    err
}

/// What is left to look at.
enum Item<'a> {
    Selections(&'a SelectionSet),
    Literal(&'a Value, String),
    Sent(&'a ConstValue, String),
}

/// The path and reason of the first string that may not be accepted.
fn first_refusal(
    document: &ExecutableDocument,
    variables: &Variables,
) -> Option<(String, Message)> {
    let mut stack: Vec<Item<'_>> = Vec::new();
    for (_, operation) in document.operations.iter() {
        for definition in &operation.node.variable_definitions {
            if let Some(default) = &definition.node.default_value {
                stack.push(Item::Sent(
                    &default.node,
                    definition.node.name.node.to_string(),
                ));
            }
        }
        push_directives(&mut stack, &operation.node.directives);
        stack.push(Item::Selections(&operation.node.selection_set.node));
    }
    for fragment in document.fragments.values() {
        push_directives(&mut stack, &fragment.node.directives);
        stack.push(Item::Selections(&fragment.node.selection_set.node));
    }
    while let Some(item) = stack.pop() {
        match item {
            Item::Selections(set) => {
                for selection in &set.items {
                    push_directives(&mut stack, selection.node.directives());
                    match &selection.node {
                        Selection::Field(field) => {
                            push_arguments(&mut stack, &field.node.arguments);
                            stack.push(Item::Selections(&field.node.selection_set.node));
                        }
                        Selection::InlineFragment(fragment) => {
                            stack.push(Item::Selections(&fragment.node.selection_set.node));
                        }
                        Selection::FragmentSpread(_) => {}
                    }
                }
            }
            Item::Literal(value, path) => match value {
                Value::String(text) => {
                    if let Some(reason) = refused_char(text, true) {
                        return Some((path, reason));
                    }
                }
                Value::List(items) => stack.extend(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, v)| Item::Literal(v, format!("{path}.{i}"))),
                ),
                Value::Object(fields) => stack.extend(
                    fields
                        .iter()
                        .map(|(k, v)| Item::Literal(v, format!("{path}.{k}"))),
                ),
                Value::Variable(name) => {
                    if let Some(sent) = variables.get(name) {
                        stack.push(Item::Sent(sent, path));
                    }
                }
                _ => {}
            },
            Item::Sent(value, path) => match value {
                ConstValue::String(text) => {
                    if let Some(reason) = refused_char(text, true) {
                        return Some((path, reason));
                    }
                }
                ConstValue::List(items) => stack.extend(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, v)| Item::Sent(v, format!("{path}.{i}"))),
                ),
                ConstValue::Object(fields) => stack.extend(
                    fields
                        .iter()
                        .map(|(k, v)| Item::Sent(v, format!("{path}.{k}"))),
                ),
                _ => {}
            },
        }
    }
    None
}

fn push_arguments<'a>(
    stack: &mut Vec<Item<'a>>,
    arguments: &'a [(Positioned<Name>, Positioned<Value>)],
) {
    stack.extend(
        arguments
            .iter()
            .map(|(name, value)| Item::Literal(&value.node, name.node.to_string())),
    );
}

fn push_directives<'a>(stack: &mut Vec<Item<'a>>, directives: &'a [Positioned<Directive>]) {
    for directive in directives {
        push_arguments(stack, &directive.node.arguments);
    }
}
