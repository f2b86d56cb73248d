//! Prints the rule catalog as Markdown: `cargo run --example catalog >
//! docs/rules.md`. A test checks that docs/rules.md is up to date.

fn main() {
    print!("{}", home_infusion_validator::catalog_markdown());
}
