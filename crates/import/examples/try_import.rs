fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let doc = designer_core::model::DesignDocument::default();
    match designer_import::import(&text, &doc, &Default::default()) {
        Ok(o) => {
            println!("FORM: {}", o.form);
            for n in &o.notes { println!("NOTE: {n}"); }
            for c in &o.choices { println!("CHOICE: {c:?}"); }
            println!("{}", serde_json::to_string_pretty(&o.document).unwrap());
        }
        Err(r) => println!("REFUSED: {:?}", r.error),
    }
}
