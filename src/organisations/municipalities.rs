//! Sweden's 290 municipalities and 21 regions with SCB's codes (being written).
