//! The files under the paths given: walked with `ignore` (ripgrep's walker: `.gitignore`
//! honoured, `.git` left out, symlinks followed with loops detected), each read with
//! bounds so that no file can stop the run: binary files are passed over, a file over
//! [`MAX_BYTES`] is looked into only as far as its first [`PEEK_BYTES`], text that is not
//! UTF-8 is read with replacement characters and a note.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest file read whole. A deployment text is a few kilobytes; a repository's large
/// files are data.
pub const MAX_BYTES: u64 = 4 * 1024 * 1024;
/// How much of a larger file is looked into for a mention of the endpoint API.
pub const PEEK_BYTES: u64 = 1024 * 1024;

/// Words of the endpoint API (and of the forms that carry it): a text that never says one
/// of them holds no deployment policy and is passed over in silence.
pub const MARKERS: &[&str] = &[
    "UpdateEndpoint",
    "updateEndpoint",
    "update_endpoint",
    "update-endpoint",
    "DeploymentConfig",
    "deploymentConfig",
    "deployment_config",
    "AWS::SageMaker::Endpoint",
    "aws_sagemaker_endpoint",
    "awscc_sagemaker_endpoint",
    "SagemakerEndpoint",
    "CfnEndpoint",
    "EndpointArn",
    "ProvisioningSeconds",
];

/// Prose formats mention the API without being a policy (their code blocks are often
/// examples): they are checked when the import reads them, but a refusal is not held
/// against them.
const PROSE: &[&str] = &["md", "markdown", "rst", "txt", "adoc", "html", "htm", "ipynb"];

/// True when `text` says one of [`MARKERS`].
pub fn mentions_api(text: &str) -> bool {
    MARKERS.iter().any(|m| text.contains(m))
}

/// One file found under the paths.
#[derive(Debug)]
pub enum Found {
    /// A file to read.
    File(PathBuf),
    /// A path that could not be listed or followed (a symlink loop, a vanished file,
    /// a directory without permission): said in a note, the rest goes on.
    Trouble { path: PathBuf, reason: String, fatal: bool },
}

/// Every file under `roots`, in a stable order (sorted by path within each root).
pub fn walk(roots: &[PathBuf], no_ignore: bool) -> Vec<Found> {
    let mut out = Vec::new();
    for root in roots {
        if std::fs::symlink_metadata(root).is_err() {
            out.push(Found::Trouble { path: root.clone(), reason: "no such file or directory".to_string(), fatal: true });
            continue;
        }
        let mut builder = ignore::WalkBuilder::new(root);
        builder
            .hidden(false)
            .follow_links(true)
            .git_ignore(!no_ignore)
            .git_global(false)
            .git_exclude(!no_ignore)
            .ignore(!no_ignore)
            .parents(!no_ignore)
            .filter_entry(|e| e.file_name() != ".git")
            .sort_by_file_path(|a, b| a.cmp(b));
        for entry in builder.build() {
            match entry {
                Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => out.push(Found::File(e.into_path())),
                Ok(_) => {}
                Err(err) => {
                    let path = error_path(&err).unwrap_or_else(|| root.clone());
                    // A loop or a link to nothing holds no text: said, not held against the run.
                    let (reason, fatal) = match innermost(&err) {
                        ignore::Error::Loop { .. } => ("a symbolic link loop: not followed".to_string(), false),
                        ignore::Error::Io(e) if e.kind() == std::io::ErrorKind::NotFound => {
                            ("a symbolic link to nothing (or a file that vanished): nothing to read".to_string(), false)
                        }
                        other => (other.to_string(), true),
                    };
                    out.push(Found::Trouble { path, reason, fatal });
                }
            }
        }
    }
    out
}

fn innermost(e: &ignore::Error) -> &ignore::Error {
    match e {
        ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => innermost(err),
        other => other,
    }
}

fn error_path(e: &ignore::Error) -> Option<PathBuf> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => error_path(err),
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

/// What reading a file gave.
#[derive(Debug)]
pub enum Contents {
    /// Its text, and a note when it was not UTF-8.
    Text(String, Option<String>),
    /// The text of a prose file (Markdown, reStructuredText...) that mentions the API.
    Prose(String),
    /// Nothing to check here: binary, prose, or no mention of the API.
    Pass,
    /// Mentions the API but cannot be read (too large, no permission...).
    Unreadable(String),
}

/// Reads `path` within the bounds above.
pub fn read(path: &Path) -> Contents {
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return Contents::Unreadable(format!("cannot open it: {e}")),
    };
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let limit = if size > MAX_BYTES { PEEK_BYTES } else { MAX_BYTES };
    let mut bytes = Vec::with_capacity(usize::try_from(size.min(limit)).unwrap_or(0));
    // `take` bounds the read even when the file grows (or is a device that never ends).
    if let Err(e) = (&mut file).take(limit + 1).read_to_end(&mut bytes) {
        return Contents::Unreadable(format!("cannot read it: {e}"));
    }
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return Contents::Pass;
    }
    let (text, note) = match String::from_utf8(bytes) {
        Ok(t) => (t, None),
        Err(e) => (
            String::from_utf8_lossy(e.as_bytes()).into_owned(),
            Some("not UTF-8: read with replacement characters (U+FFFD) where its bytes are not UTF-8".to_string()),
        ),
    };
    if !mentions_api(&text) {
        return Contents::Pass;
    }
    if bytes_over(size, &text) {
        return Contents::Unreadable(format!(
            "it mentions the endpoint API but is {} MB, over the {} MB a deployment text is read to",
            size / (1024 * 1024),
            MAX_BYTES / (1024 * 1024)
        ));
    }
    if is_prose(path) {
        return Contents::Prose(text);
    }
    Contents::Text(text, note)
}

fn is_prose(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| PROSE.contains(&e.to_ascii_lowercase().as_str()))
}

fn bytes_over(size: u64, text: &str) -> bool {
    size > MAX_BYTES || text.len() as u64 > MAX_BYTES
}
