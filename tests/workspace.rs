//! The workspace's boundaries, read from `cargo metadata`: the index stands alone, and the
//! binding, server and runtime crates stay in the one crate that owns each of them.

use serde_json::Value;

fn metadata() -> Value {
    let output = std::process::Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Each member's name with the names of its normal (not dev) dependencies.
fn members() -> Vec<(String, Vec<String>)> {
    let metadata = metadata();
    metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|package| {
            let dependencies = package["dependencies"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| d["kind"].is_null())
                .map(|d| d["name"].as_str().unwrap().to_string())
                .collect();
            (package["name"].as_str().unwrap().to_string(), dependencies)
        })
        .collect()
}

fn dependencies_of(name: &str) -> Vec<String> {
    let members = members();
    let found = members.iter().find(|(member, _)| member == name);
    found
        .unwrap_or_else(|| panic!("{name} is a member"))
        .1
        .clone()
}

fn owners_of(dependency: &str) -> Vec<String> {
    members()
        .into_iter()
        .filter(|(_, dependencies)| dependencies.iter().any(|d| d == dependency))
        .map(|(member, _)| member)
        .collect()
}

#[test]
fn the_index_depends_on_no_member_and_no_binding_or_server_crate() {
    let dependencies = dependencies_of("castmatch-index");
    for forbidden in [
        "castmatch",
        "wasm-bindgen",
        "js-sys",
        "tsify",
        "tokio",
        "axum",
        "reqwest",
    ] {
        assert!(
            !dependencies.iter().any(|d| d.starts_with(forbidden)),
            "castmatch-index depends on {forbidden}: {dependencies:?}"
        );
    }
}

#[test]
fn bindings_live_in_the_wasm_crate_only() {
    for binding in ["wasm-bindgen", "js-sys", "serde-wasm-bindgen", "tsify"] {
        let owners = owners_of(binding);
        assert!(
            owners.iter().all(|owner| owner == "castmatch-wasm"),
            "{binding} is a dependency of {owners:?}"
        );
    }
}

#[test]
fn the_core_crates_have_no_runtime_or_network_crates() {
    for core in ["castmatch-core", "castmatch-progress", "castmatch-index"] {
        let dependencies = dependencies_of(core);
        for native in [
            "tokio", "axum", "reqwest", "hyper", "tower", "clap", "tracing",
        ] {
            assert!(
                !dependencies.iter().any(|d| d == native),
                "{core} depends on {native}"
            );
        }
    }
}

#[test]
fn the_broker_does_not_depend_on_its_stand_in_upstream() {
    assert!(!dependencies_of("castmatch-server")
        .iter()
        .any(|d| d.starts_with("castmatch")));
}
