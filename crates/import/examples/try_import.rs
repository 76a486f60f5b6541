//! Prints what the import makes of a file (a development aid): `cargo run -p designer-import --example try_import -- FILE`.
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let doc = designer_core::model::DesignDocument::default();
    match designer_import::import(&text, &doc, &designer_import::Options::default()) {
        Ok(o) => {
            println!("form: {}", o.form);
            if std::env::var_os("QUIET").is_none() {
                println!("request: {:#?}", o.document.request);
            }
            for p in &o.document.placeholders {
                println!(
                    "placeholder {} = {} ({:?}:{:?})",
                    p.path, p.expression, p.line, p.column
                );
            }
            for n in &o.notes {
                println!("note: {n}");
            }
            for c in &o.choices {
                println!("choice: {c:?}");
            }
        }
        Err(r) => println!("refused: {}\nrepair: {:?}", r.error.message, r.repair),
    }
}
