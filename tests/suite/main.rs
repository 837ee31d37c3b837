//! The integration suite, one binary: every story drives the real application
//! over HTTP with a fresh database. One binary links once, which keeps CI
//! fast and its disk use small.

#[macro_use]
mod common;

mod accounts;
mod agreement;
mod api;
mod api_records;
mod api_schema;
mod api_writes;
mod applications;
mod bodies;
mod documents;
mod elections;
mod exports;
mod import;
mod meetings;
mod minutes;
mod news;
mod oidc;
mod opendata;
mod operations;
mod organisations;
mod page_cache;
mod partnerships;
mod plan_editing;
mod plans;
mod proposals;
mod register;
mod registration;
mod search;
mod search_hooks;
mod site;
mod subscriptions;
