//! SageMaker deployment-policy designer: a pure core (model, import, validation,
//! simulation, export) and, in the browser only, the Leptos page on top of it.

/// The domain core, a workspace crate of its own (`crates/core`), used by the converters too.
pub use designer_core as core;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod converters;
#[cfg(target_arch = "wasm32")]
pub mod offline;
#[cfg(target_arch = "wasm32")]
pub mod panels;
#[cfg(target_arch = "wasm32")]
pub mod state;
