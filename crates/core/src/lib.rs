//! The domain core: plain data and functions, no Leptos, no DOM. Compiled and tested
//! natively. The page's data flows through it as
//! form state -> document -> request -> findings / timeline / exports.

pub mod alarms;
pub mod base64url;
pub mod bridge;
pub mod capacity;
pub mod chart;
pub mod diff;
pub mod edit;
pub mod examples;
pub mod export;
pub mod fleet;
pub mod format;
pub mod help;
pub mod history;
pub mod hints;
pub mod import;
pub mod json;
pub mod limits;
pub mod model;
pub mod overview;
pub mod pipeline;
pub mod rules;
pub mod share;
pub mod simulate;
pub mod validate;
pub mod value;
pub mod words;
pub mod write;
