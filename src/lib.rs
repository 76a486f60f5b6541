//! SageMaker deployment-policy designer: a pure core (model, import, validation,
//! simulation, export) and, in the browser only, the Leptos page on top of it.

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod components;
