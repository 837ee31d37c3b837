//! SVG charts of progress and indicators, each with a table of the same numbers.
