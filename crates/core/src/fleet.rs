//! The fleets a deployment moves between: which instance counts apply to each variant
//! (SIMULATION.md "Inputs") and what a `CapacitySize` means in instances for a fleet.
//! Validation and simulation both read sizes through here, so they never disagree.

use super::model::{CapacitySize, CapacitySizeType, DesignDocument, VariantPropertyType};

/// One variant as the deployment sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct VariantFleet {
    /// Index in `Endpoint.NewVariants`.
    pub index: usize,
    /// The variant's name (empty when the design leaves it out).
    pub name: String,
    /// Instances of the variant in the current (old, blue) fleet: `N_old`. 0 when the
    /// variant is new or serverless.
    pub old_instances: i64,
    /// Instances of the variant in the new (green) fleet: `N`. For a serverless variant 0.
    pub new_instances: i64,
    /// True when the current count was kept because of `RetainAllVariantProperties`.
    pub retained_count: bool,
    /// True for a serverless variant (no instances).
    pub serverless: bool,
    /// The new variant's weight (1.0 when absent).
    pub weight: f64,
    /// The new variant's instance type, if any.
    pub instance_type: Option<String>,
}

/// True when the request keeps current instance counts: `RetainAllVariantProperties` is
/// true and `DesiredInstanceCount` is not in `ExcludeRetainedVariantProperties`.
pub fn retains_instance_count(doc: &DesignDocument) -> bool {
    let r = &doc.request;
    if r.retain_all_variant_properties != Some(true) {
        return false;
    }
    let excluded = r
        .exclude_retained_variant_properties
        .iter()
        .flatten()
        .any(|p| {
            p.variant_property_type.as_ref() == Some(&VariantPropertyType::DesiredInstanceCount)
        });
    !excluded
}

/// The fleets of every new variant, matched to the current variant of the same name.
pub fn fleets(doc: &DesignDocument) -> Vec<VariantFleet> {
    let retain = retains_instance_count(doc);
    doc.endpoint
        .new_variants
        .iter()
        .enumerate()
        .map(|(index, v)| {
            let name = v.variant_name.clone().unwrap_or_default();
            let current = doc.endpoint.current_variants.iter().find(|c| {
                c.variant_name.as_deref() == v.variant_name.as_deref() && v.variant_name.is_some()
            });
            let count = |c: Option<i64>| c.unwrap_or(0).clamp(0, i64::from(i32::MAX));
            let serverless = v.is_serverless();
            let old_instances = match current {
                Some(c) if !c.is_serverless() => count(c.initial_instance_count),
                _ => 0,
            };
            let configured = if serverless {
                0
            } else {
                count(v.initial_instance_count)
            };
            let retained_count = retain && current.is_some() && !serverless;
            let new_instances = if retained_count {
                old_instances
            } else {
                configured
            };
            VariantFleet {
                index,
                name,
                old_instances,
                new_instances,
                retained_count,
                serverless,
                weight: v
                    .initial_variant_weight
                    .filter(|w| w.is_finite() && *w >= 0.0)
                    .unwrap_or(1.0),
                instance_type: v.instance_type.clone(),
            }
        })
        .collect()
}

/// Instances a size stands for in a fleet of `n`: `INSTANCE_COUNT v` is v instances,
/// `CAPACITY_PERCENT v` is `max(1, ceil(n * v / 100))` (SIMULATION.md, an assumption).
/// `None` when the size has no type or value, or an unknown type.
pub fn size_in_instances(size: &CapacitySize, n: i64) -> Option<i64> {
    let v = size.value?;
    match size.type_.as_ref()? {
        CapacitySizeType::InstanceCount => Some(v),
        CapacitySizeType::CapacityPercent => {
            let n = i128::from(n.max(0));
            let pct = i128::from(v);
            let ceil = (n * pct + 99).div_euclid(100);
            Some(ceil.clamp(1, i128::from(i64::MAX)) as i64)
        }
        CapacitySizeType::Other(_) => None,
    }
}

/// The share of the fleet a size stands for, in percent (`INSTANCE_COUNT v` is v/N).
/// `None` when the size is incomplete or the fleet is empty.
pub fn size_share_percent(size: &CapacitySize, n: i64) -> Option<f64> {
    let v = size.value?;
    match size.type_.as_ref()? {
        CapacitySizeType::InstanceCount if n > 0 => Some(v as f64 * 100.0 / n as f64),
        CapacitySizeType::CapacityPercent => Some(v as f64),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    #[test]
    fn percent_rounds_up_with_a_floor_of_one() {
        // AWS's example: 33% of 3 is 1 instance.
        assert_eq!(size_in_instances(&CapacitySize::percent(33), 3), Some(1));
        assert_eq!(size_in_instances(&CapacitySize::percent(20), 10), Some(2));
        assert_eq!(size_in_instances(&CapacitySize::percent(21), 10), Some(3));
        assert_eq!(size_in_instances(&CapacitySize::percent(1), 10), Some(1));
        assert_eq!(size_in_instances(&CapacitySize::instances(6), 10), Some(6));
    }

    #[test]
    fn retained_count_keeps_the_current_fleet_unless_excluded() {
        let mut doc = DesignDocument::default();
        doc.endpoint.current_variants[0].initial_instance_count = Some(7);
        doc.endpoint.new_variants[0].initial_instance_count = Some(3);
        assert_eq!(fleets(&doc)[0].new_instances, 3);
        doc.request.retain_all_variant_properties = Some(true);
        assert_eq!(fleets(&doc)[0].new_instances, 7);
        doc.request.exclude_retained_variant_properties = Some(vec![VariantProperty {
            variant_property_type: Some(VariantPropertyType::DesiredInstanceCount),
        }]);
        assert_eq!(fleets(&doc)[0].new_instances, 3);
    }
}
