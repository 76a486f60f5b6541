//! Service Quotas output: `aws service-quotas list-service-quotas --service-code sagemaker`
//! (`{"Quotas": [...]}`) or `get-service-quota` (`{"Quota": {...}}`). The quotas named
//! "<instance type> for endpoint usage" of the types this endpoint runs fill
//! `Endpoint.Quotas`; the rest of the design is kept. The output's shape is the aws-cli's
//! (its `service-quotas` examples): `ServiceCode`, `QuotaName`, `Value` per quota.

use designer_core::import::ImportError;
use designer_core::model::{DesignDocument, InstanceQuota};
use designer_core::value::{Kind, Value};

use crate::{refuse, Options, Outcome, Refusal};

/// The suffix of the quota of an instance type on real-time endpoints.
const SUFFIX: &str = " for endpoint usage";

/// A Service Quotas output: JSON naming quotas.
pub fn detect(text: &str) -> bool {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    t.starts_with('{') && t.contains("\"QuotaName\"") && (t.contains("\"Quotas\"") || t.contains("\"Quota\""))
}

fn string<'v>(v: &'v Value, key: &str) -> Option<&'v str> {
    match &v.get(key)?.kind {
        Kind::Str(s) => Some(s.as_str()),
        _ => None,
    }
}

fn number(v: &Value) -> Option<f64> {
    match &v.kind {
        Kind::Int { value: Some(n), .. } => Some(*n as f64),
        Kind::Int { text, .. } | Kind::Float { text, .. } => text.replace('_', "").parse::<f64>().ok(),
        _ => None,
    }
}

/// Reads the quotas into a copy of `current`.
pub fn import(text: &str, current: &DesignDocument, _options: &Options) -> Result<Outcome, Refusal> {
    let value = designer_core::json::parse(text.trim_start_matches('\u{feff}'))
        .map_err(|e| Refusal::from(ImportError::from(e)))?;
    let items: Vec<&Value> = match (value.get("Quotas"), value.get("Quota")) {
        (Some(Value { kind: Kind::List(list), .. }), _) => list.iter().collect(),
        (_, Some(q @ Value { kind: Kind::Map(_), .. })) => vec![q],
        _ => return Err(refuse("This looks like Service Quotas output but has neither a \"Quotas\" list nor a \"Quota\" object")),
    };
    let services: Vec<&str> = items.iter().filter_map(|q| string(q, "ServiceCode")).collect();
    if !services.is_empty() && !services.contains(&"sagemaker") {
        return Err(refuse(format!(
            "This is Service Quotas output for {:?}, not SageMaker: run aws service-quotas list-service-quotas --service-code sagemaker",
            services[0]
        )));
    }
    let used: Vec<&str> = current
        .endpoint
        .current_variants
        .iter()
        .chain(&current.endpoint.new_variants)
        .filter_map(|v| v.instance_type.as_deref())
        .collect();
    let mut document = current.clone();
    let mut notes = Vec::new();
    let (mut filled, mut other_types, mut bad) = (Vec::new(), 0_usize, Vec::new());
    for q in &items {
        let Some(name) = string(q, "QuotaName") else { continue };
        let Some(ty) = name.strip_suffix(SUFFIX).filter(|t| t.starts_with("ml.")) else {
            continue;
        };
        if !used.contains(&ty) {
            other_types += 1;
            continue;
        }
        let limit = q.get("Value").and_then(number);
        let Some(limit) = limit.filter(|l| l.is_finite() && *l >= 0.0 && *l <= f64::from(i32::MAX)) else {
            bad.push(format!("{name} ({})", q.get("Value").map_or("no Value".to_string(), |v| format!("{:?}", number(v)))));
            continue;
        };
        let limit = limit.floor() as i64;
        match document.endpoint.quotas.iter_mut().find(|x| x.instance_type.as_deref() == Some(ty)) {
            Some(x) => x.limit = Some(limit),
            None => document.endpoint.quotas.push(InstanceQuota {
                instance_type: Some(ty.to_string()),
                limit: Some(limit),
                in_use: Some(0),
            }),
        }
        filled.push(format!("{ty} ({limit})"));
    }
    if filled.is_empty() && bad.is_empty() {
        notes.push(format!(
            "No quota of an instance type this endpoint runs ({}) is in the output ({} quota(s) \"<type> for endpoint usage\" of other types): nothing changed.",
            if used.is_empty() { "none given".to_string() } else { used.join(", ") },
            other_types
        ));
    } else if !filled.is_empty() {
        notes.push(format!(
            "Filled in the quota of {}. What other endpoints already use of each is yours to give (In use): Service Quotas does not say.",
            filled.join(", ")
        ));
        if other_types > 0 {
            notes.push(format!("Left out {other_types} quota(s) of instance types this endpoint does not run."));
        }
    }
    if !bad.is_empty() {
        notes.push(format!("Not a usable number of instances, left out: {}.", bad.join(", ")));
    }
    Ok(Outcome {
        document,
        form: "Service Quotas output (SageMaker)".to_string(),
        notes,
        choices: Vec::new(),
    })
}
