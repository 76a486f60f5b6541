//! What a value means for this design, shown next to its field as the user types:
//! "20% of 10 instances = 2 instances per step, 5 steps", "3600 s = 1h".

use super::fleet::{fleets, size_in_instances, VariantFleet};
use super::format::{humane_duration, plural};
use super::model::{CapacitySize, CapacitySizeType, DesignDocument};

/// The capacity sizes of a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SizeField {
    Canary,
    LinearStep,
    RollingBatch,
    RollbackBatch,
}

/// The size the design holds for `field`, if any.
pub fn size_of(doc: &DesignDocument, field: SizeField) -> Option<&CapacitySize> {
    let dc = doc.request.deployment_config.as_ref()?;
    match field {
        SizeField::Canary | SizeField::LinearStep => {
            let t = dc
                .blue_green_update_policy
                .as_ref()?
                .traffic_routing_configuration
                .as_ref()?;
            if field == SizeField::Canary {
                t.canary_size.as_ref()
            } else {
                t.linear_step_size.as_ref()
            }
        }
        SizeField::RollingBatch => dc
            .rolling_update_policy
            .as_ref()?
            .maximum_batch_size
            .as_ref(),
        SizeField::RollbackBatch => dc
            .rolling_update_policy
            .as_ref()?
            .rollback_maximum_batch_size
            .as_ref(),
    }
}

fn size_words(size: &CapacitySize, f: &VariantFleet) -> Option<String> {
    let v = size.value?;
    Some(match size.type_.as_ref()? {
        CapacitySizeType::CapacityPercent => {
            format!("{v}% of {}", plural(f.new_instances, "instance"))
        }
        CapacitySizeType::InstanceCount => {
            let share = v as f64 * 100.0 / f.new_instances as f64;
            format!(
                "{} of {} ({share:.0}%)",
                plural(v, "instance"),
                f.new_instances
            )
        }
        CapacitySizeType::Other(_) => return None,
    })
}

fn one_variant(size: &CapacitySize, field: SizeField, f: &VariantFleet) -> Option<String> {
    if f.serverless || f.new_instances <= 0 {
        return None;
    }
    let n = f.new_instances;
    let k = size_in_instances(size, n)?.max(1);
    let words = size_words(size, f)?;
    Some(match field {
        SizeField::Canary => {
            let k = k.min(n);
            let rest = n - k;
            format!(
                "{words} = {} first ({:.0}% of traffic), then the other {}",
                plural(k, "instance"),
                k as f64 * 100.0 / n as f64,
                rest
            )
        }
        SizeField::LinearStep => {
            let steps = (n + k - 1) / k;
            format!(
                "{words} = {} per step, {}",
                plural(k.min(n), "instance"),
                plural(steps, "step")
            )
        }
        SizeField::RollingBatch => {
            let batches = (n + k - 1) / k;
            format!(
                "{words} = {} per batch, {}; up to {} at once",
                plural(k.min(n), "instance"),
                plural(batches, "batch"),
                plural(f.old_instances.saturating_add(k.min(n)), "instance")
            )
        }
        SizeField::RollbackBatch => {
            let old = f.old_instances.max(1);
            if k >= old {
                format!(
                    "{words} = the whole old fleet ({}) comes back at once",
                    plural(old, "instance")
                )
            } else {
                let rounds = (old + k - 1) / k;
                format!(
                    "{words} = {} per rollback round, {} to restore {old}",
                    plural(k, "instance"),
                    plural(rounds, "round")
                )
            }
        }
    })
}

/// What the size of `field` means for each variant of this design, or `None` when the
/// size is incomplete or the fleet has no instances.
pub fn size_hint(doc: &DesignDocument, field: SizeField) -> Option<String> {
    let size = size_of(doc, field)?;
    let fl = fleets(doc);
    let several = fl.len() > 1;
    let parts: Vec<String> = fl
        .iter()
        .filter_map(|f| {
            one_variant(size, field, f).map(|s| {
                if several {
                    format!("{}: {s}", f.name)
                } else {
                    s
                }
            })
        })
        .collect();
    if parts.is_empty() {
        None
    } else {
        Some(parts.join("; "))
    }
}

/// "3600 s = 1h"; `None` for an absent or negative value.
pub fn duration_hint(seconds: Option<i64>) -> Option<String> {
    let s = seconds.filter(|s| *s >= 0)?;
    Some(format!("{s} s = {}", humane_duration(s)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{edit, examples, model::*};

    #[test]
    fn linear_step_reads_as_instances_and_steps() {
        let doc = examples::example("linear").unwrap();
        assert_eq!(
            size_hint(&doc, SizeField::LinearStep).as_deref(),
            Some("20% of 10 instances = 2 instances per step, 5 steps")
        );
    }

    #[test]
    fn canary_instance_count_shows_its_share() {
        let mut doc = examples::default_design();
        edit::routing(&mut doc).canary_size = Some(CapacitySize::instances(3));
        assert_eq!(
            size_hint(&doc, SizeField::Canary).as_deref(),
            Some("3 instances of 10 (30%) = 3 instances first (30% of traffic), then the other 7")
        );
    }

    #[test]
    fn rolling_batch_names_the_peak_and_multi_variant_names_each() {
        let doc = examples::example("rolling").unwrap();
        assert_eq!(
            size_hint(&doc, SizeField::RollingBatch).as_deref(),
            Some(
                "25% of 8 instances = 2 instances per batch, 4 batches; up to 10 instances at once"
            )
        );
        assert_eq!(
            size_hint(&doc, SizeField::RollbackBatch).as_deref(),
            Some("4 instances of 8 (50%) = 4 instances per rollback round, 2 rounds to restore 8")
        );
        let multi = examples::example("multi").unwrap();
        let hint = size_hint(&multi, SizeField::Canary).unwrap();
        assert!(
            hint.starts_with("VariantA: 50% of 6 instances = 3 instances first"),
            "{hint}"
        );
        assert!(
            hint.contains("VariantB: 50% of 2 instances = 1 instance first"),
            "{hint}"
        );
    }

    #[test]
    fn durations_read_in_hours_and_minutes() {
        assert_eq!(duration_hint(Some(3600)).as_deref(), Some("3600 s = 1h"));
        assert_eq!(duration_hint(None), None);
    }
}
