//! Validation of a design against VALIDATION.md (R1..R9 model rules, S1..S14 documented rules).

use super::model::DesignDocument;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The service (or botocore) rejects the request.
    Error,
    /// Accepted, but probably not what the author meant.
    Warning,
}

impl Severity {
    /// `error` or `warning`, as the page's `data-severity` spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem in a design.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// botocore-style path, e.g. `DeploymentConfig.AutoRollbackConfiguration.Alarms[2].AlarmName`,
    /// or `Endpoint.NewVariants[0].InstanceCount` for the endpoint context.
    pub path: String,
    pub severity: Severity,
    /// Rule id of VALIDATION.md, e.g. `R4` or `S2`.
    pub rule: &'static str,
    /// The message AWS (service or botocore) would give.
    pub aws_message: String,
    /// A plain explanation with this design's numbers in it.
    pub explanation: String,
}

/// Every finding of a design, in a stable order (request fields first, in form order).
pub fn validate(_doc: &DesignDocument) -> Vec<Finding> {
    Vec::new()
}
