//! Member names as other tools spell them, mapped to the API's PascalCase spelling:
//! Terraform's snake_case (`wait_interval_in_seconds`), CDK's camelCase
//! (`waitIntervalInSeconds`). The few members whose API name is not the plain conversion
//! (e.g. `MemorySizeInMB`) are listed.

/// API names that the plain conversion does not give.
const IRREGULAR: &[(&str, &str)] = &[("MemorySizeInMb", "MemorySizeInMB")];

fn fix(name: String) -> String {
    IRREGULAR
        .iter()
        .find(|(plain, _)| *plain == name)
        .map_or(name, |(_, api)| (*api).to_string())
}

/// `wait_interval_in_seconds` -> `WaitIntervalInSeconds`.
pub fn pascal_from_snake(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for part in name.split('_').filter(|p| !p.is_empty()) {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    fix(out)
}

/// `waitIntervalInSeconds` -> `WaitIntervalInSeconds`.
pub fn pascal_from_camel(name: &str) -> String {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let mut out = String::with_capacity(name.len());
    out.push(first.to_ascii_uppercase());
    out.extend(chars);
    fix(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_map_to_the_api_spelling() {
        assert_eq!(pascal_from_snake("wait_interval_in_seconds"), "WaitIntervalInSeconds");
        assert_eq!(pascal_from_snake("memory_size_in_mb"), "MemorySizeInMB");
        assert_eq!(pascal_from_camel("canarySize"), "CanarySize");
        assert_eq!(pascal_from_camel("memorySizeInMb"), "MemorySizeInMB");
        assert_eq!(pascal_from_camel(""), "");
    }
}
