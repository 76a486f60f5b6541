//! `designer`: the command line beside the page. `check` holds every deployment text of a
//! repository to AWS's rules and the team's; `review` writes the page's review Markdown of
//! a change for a pull request; `export` writes any of the page's exports. A thin shell over
//! the library crates the page calls (ripgrep's shape): it parses arguments and prints, and
//! adds no rule of its own.

mod check;
mod print;
mod scan;

use clap::{Parser, Subcommand, ValueEnum};
use designer_core::model::DesignDocument;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "designer", version, about = "Check, review and export SageMaker UpdateEndpoint deployment policies")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check every deployment text under PATHs (scripts, CLI lines, CloudFormation,
    /// Terraform, CDK, Step Functions, describe outputs). Exit 0: no error; 1: an error
    /// finding; 2: no error, but a file could not be read (or the rules file is wrong).
    Check {
        /// A team's rules file (YAML or JSON; schema: crates/team/team-rules.schema.json).
        #[arg(long, value_name = "FILE")]
        rules: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Read files that .gitignore and .ignore files leave out too.
        #[arg(long)]
        no_ignore: bool,
        /// Leave the defaults a text gives (Terraform variable defaults, CloudFormation
        /// parameter defaults, environment defaults) as placeholders instead of checking
        /// the values they give.
        #[arg(long)]
        no_defaults: bool,
        /// Files and directories to check.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// The review Markdown of a change from BASE to HEAD (two versions of one deployment
    /// text), for a pull request comment. BASE may be /dev/null for a new file.
    Review {
        base: PathBuf,
        head: PathBuf,
        /// The page's address: the review link opens the change in it. Default: the
        /// environment's DESIGNER_PAGE_URL; without either, the Markdown has no link.
        #[arg(long, value_name = "URL", env = "DESIGNER_PAGE_URL")]
        page_url: Option<String>,
        /// Add a section with the team's rules that HEAD breaks.
        #[arg(long, value_name = "FILE")]
        rules: Option<PathBuf>,
    },
    /// Write one of the page's exports of the design in FILE to standard output.
    Export {
        #[arg(long = "to", value_name = "TARGET", value_parser = clap::builder::PossibleValuesParser::new(export_targets()))]
        target: String,
        file: PathBuf,
        /// CloudFormation and Step Functions: the resource or task state alone, not a
        /// whole template or state machine.
        #[arg(long)]
        fragment: bool,
        /// IAM policy: the ARNs' region, account and partition.
        #[arg(long, default_value = "")]
        region: String,
        #[arg(long, default_value = "")]
        account: String,
        #[arg(long, default_value = "aws")]
        partition: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
    Sarif,
}

/// The page's local exports, under the ids its tabs use.
const CORE_TARGETS: &[&str] = &["boto3", "cli", "json", "doc", "csv"];

fn export_targets() -> Vec<&'static str> {
    let mut out = CORE_TARGETS.to_vec();
    out.extend(designer_iac::Target::ALL.iter().map(|t| t.id()));
    out.extend(designer_iac::runners::Runner::ALL.iter().map(|r| r.id()));
    out
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check { rules, format, no_ignore, no_defaults, paths } => {
            run_check(rules.as_deref(), format, check::Settings { no_ignore, leave_defaults: no_defaults }, &paths)
        }
        Command::Review { base, head, page_url, rules } => run_review(&base, &head, page_url.as_deref(), rules.as_deref()),
        Command::Export { target, file, fragment, region, account, partition } => {
            let options = designer_iac::Options { whole_template: !fragment, partition, region, account, ..Default::default() };
            run_export(&target, &file, &options)
        }
    };
    ExitCode::from(code)
}

fn emit(text: &str) {
    let mut out = std::io::stdout().lock();
    // A closed pipe (`designer check . | head`) is not an error of the check.
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

fn fail(message: &str) -> u8 {
    eprintln!("designer: {}", print::terminal_safe(message, true));
    2
}

fn read_rules(path: &Path) -> Result<designer_team::Rules, u8> {
    let text = std::fs::read_to_string(path).map_err(|e| fail(&format!("cannot read the rules file {}: {e}", path.display())))?;
    designer_team::read(&text).map_err(|e| {
        let lines: Vec<String> = e
            .problems
            .iter()
            .map(|p| format!("{}:{}:{}: {}", check::shown(path), p.line, p.column, p.message))
            .collect();
        fail(&format!("the rules file cannot be used:\n{}", lines.join("\n")))
    })
}

fn run_check(rules: Option<&Path>, format: Format, settings: check::Settings, paths: &[PathBuf]) -> u8 {
    let rules = match rules.map(read_rules).transpose() {
        Ok(r) => r,
        Err(code) => return code,
    };
    let report = check::run(paths, rules.as_ref(), settings);
    emit(&match format {
        Format::Text => print::text(&report),
        Format::Json => print::json(&report),
        Format::Sarif => print::sarif(&report, rules.as_ref()),
    });
    u8::try_from(report.exit_code()).unwrap_or(2)
}

/// Reads `path` as the page imports a paste. `/dev/null` (a file that git says is new)
/// gives `None`.
fn read_design(path: &Path) -> Result<Option<DesignDocument>, u8> {
    if path == Path::new("/dev/null") {
        return Ok(None);
    }
    let text = match scan::read(path) {
        scan::Contents::Text(t, _) | scan::Contents::Prose(t) => t,
        scan::Contents::Pass => {
            let read = std::fs::read(path).map(|b| String::from_utf8_lossy(&b).into_owned());
            read.map_err(|e| fail(&format!("cannot read {}: {e}", path.display())))?
        }
        scan::Contents::Unreadable(reason) => return Err(fail(&format!("{}: {reason}", path.display()))),
    };
    match designer_import::import(&text, &DesignDocument::default(), &check::import_options(false)) {
        Ok(outcome) => Ok(Some(outcome.document)),
        Err(refusal) => {
            let e = refusal.error;
            let at = match (e.line, e.column) {
                (Some(l), Some(c)) => format!(":{l}:{c}"),
                _ => String::new(),
            };
            Err(fail(&format!("{}{at}: could not read a design: {}", check::shown(path), e.message)))
        }
    }
}

fn run_review(base: &Path, head: &Path, page_url: Option<&str>, rules: Option<&Path>) -> u8 {
    let rules = match rules.map(read_rules).transpose() {
        Ok(r) => r,
        Err(code) => return code,
    };
    let baseline = match read_design(base) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let doc = match read_design(head) {
        Ok(Some(d)) => d,
        Ok(None) => return fail("HEAD is /dev/null: there is no design to review (the file was deleted)"),
        Err(code) => return code,
    };
    // The page's review link: its address, then the design and the baseline packed as its
    // Share button packs them (designer_core::share).
    let link = match page_url.map(str::trim).filter(|u| !u.is_empty()) {
        Some(url) => format!("{}#{}", url.trim_end_matches('#'), designer_core::share::encode_review(&doc, baseline.as_ref())),
        None => {
            eprintln!("designer: no --page-url (or DESIGNER_PAGE_URL): the review has no link to open it in the page");
            String::new()
        }
    };
    let mut out = designer_review::markdown(&doc, baseline.as_ref(), &link);
    if let Some(rules) = &rules {
        out.push_str(&designer_team::review_section(&designer_team::check(rules, &doc)));
    }
    emit(&out);
    0
}

fn run_export(target: &str, file: &Path, options: &designer_iac::Options) -> u8 {
    let doc = match read_design(file) {
        Ok(Some(d)) => d,
        Ok(None) => return fail("there is no design in /dev/null"),
        Err(code) => return code,
    };
    use designer_core::export;
    let findings = || designer_core::validate::validate(&doc);
    let text = match target {
        "boto3" => export::incomplete_note(&doc, "# ") + &export::refusal_note(&findings(), "# ") + &export::boto3_design_snippet(&doc),
        "cli" => export::incomplete_note(&doc, "# ") + &export::refusal_note(&findings(), "# ") + &export::cli_design_command(&doc),
        "json" => export::cli_input_json(&doc.request),
        "doc" => export::document_json(&doc),
        "csv" => designer_core::simulate::timeline_csv(&designer_core::simulate::simulate(&doc)),
        id => match (designer_iac::Target::from_id(id), designer_iac::runners::Runner::from_id(id)) {
            (Some(t), _) => designer_iac::export(t, &doc, options).text,
            (None, Some(r)) => designer_iac::runners::export(r, &doc).text,
            (None, None) => return fail(&format!("no export target is called {id:?}")),
        },
    };
    emit(&text);
    if !text.ends_with('\n') {
        emit("\n");
    }
    0
}
