fn main() {
    let path = std::env::args().nth(1).expect("a fixture path");
    let example: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let options = home_infusion_validator::Options::from_json(&example["options"]).unwrap();
    let report = home_infusion_validator::validate(&example["claim"], &options).unwrap();
    println!("{}", report.to_json());
}
