//! The documents generated from the code are up to date.

#[test]
fn docs_rules_md_matches_the_registry() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md");
    let written = std::fs::read_to_string(path).unwrap();
    assert!(
        written == home_infusion_validator::catalog_markdown(),
        "docs/rules.md is out of date: run `cargo run --example catalog > docs/rules.md`"
    );
}

#[test]
fn every_rule_of_the_spec_is_in_the_registry() {
    // The spec's catalog, copied into docs/spec/rules.md, names each rule as
    // a table row starting with its id in backticks.
    let spec = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/spec/rules.md"))
        .unwrap();
    let rows: Vec<(&str, &str)> = spec
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| {
            let mut cells = l.split('|');
            let id = cells.next()?.trim().trim_end_matches('`');
            Some((id, cells.next()?.trim()))
        })
        .collect();
    assert!(
        rows.len() >= 35,
        "expected the spec's rule table, found {rows:?}"
    );
    for (id, severity) in rows {
        let rule = home_infusion_validator::Rule::from_id(id);
        assert!(
            rule.is_some(),
            "{id} is in the spec but not in the registry"
        );
        assert_eq!(rule.unwrap().severity().as_str(), severity, "{id}");
    }
}

#[test]
fn the_readme_lists_every_rule() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for rule in home_infusion_validator::catalog() {
        assert!(
            readme.contains(&format!("`{}`", rule.id)),
            "README does not list {}",
            rule.id
        );
    }
}
