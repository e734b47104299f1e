//! "Did you mean …?" suggestions for misspelt names (eras, curves, keys, columns).

/// `", did you mean 'x'?"` for the candidate closest to `given`, or an empty string when no
/// candidate is close enough to be a likely typo.
pub fn did_you_mean<'a>(given: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    let given = given.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(&given, candidate), candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, best)| format!(", did you mean '{best}'?"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            did_you_mean("convergent_lineer", ["linear", "convergent_linear"]),
            ", did you mean 'convergent_linear'?"
        );
        assert_eq!(did_you_mean("zzz", ["linear", "quadratic"]), "");
    }
}
