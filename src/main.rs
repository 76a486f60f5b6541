//! Entry point of the page: install the panic hook, mount the app, and once it is idle
//! register the service worker that keeps it working offline.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(deployment_designer::app::App);
    deployment_designer::offline::register_when_idle();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This is a web page: serve it with `scripts/serve.sh` (see README.md).");
}
