use castmatch::brief::parse;
#[test]
fn scratch() {
    let text = std::fs::read_to_string("/tmp/briefs.txt").unwrap();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let p = parse(line);
        println!("{line}\n   => {}  | unrec {:?}", serde_json::to_string(&p.requirements).unwrap(), p.unrecognised);
    }
}
