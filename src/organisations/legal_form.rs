//! SCB's codes for legal forms (being written).
