//! Organisations: global profiles (one organisation may sign several
//! agreements), umbrella organisations and their members, municipalities,
//! legal forms and contact persons.

pub mod legal_form;
pub mod municipalities;
pub mod org_number;
