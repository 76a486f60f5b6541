//! The page's components, one concern per file. They turn signals into views and user
//! events into core calls; no SageMaker rule lives here.

pub mod alarm_definitions;
pub mod exports;
pub mod fields;
pub mod findings;
pub mod help;
pub mod form;
pub mod import_panel;
pub mod masthead;
pub mod overview;
pub mod pipeline;
pub mod quotas;
pub mod remote;
pub mod review_panel;
pub mod share_panel;
pub mod steps;
pub mod tables;
pub mod team_rules;
pub mod timeline;
pub mod variants;
pub mod when;
