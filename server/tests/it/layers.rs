//! Layers only look down. Each folder of `app/src` and `server/src` may import its own
//! layer and those listed beneath it here; a `use crate::…` (or any `crate::` path) into
//! a layer not listed fails the test, naming the file and the line. The tables are the
//! house plan that docs/ARCHITECTURE.md draws.

use std::path::{Path, PathBuf};

/// The app crate: each top-level module of `app/src` and the layers directly beneath
/// it; a module may import those and, through them, everything beneath them.
const APP: &[(&str, &[&str])] = &[
    ("domain", &[]),
    ("csp", &[]),
    ("i18n", &["domain"]),
    ("dto", &["i18n"]),
    ("wording", &["dto"]),
    ("services", &["wording"]),
    ("api", &["services"]),
    ("browser", &["dto"]),
    ("offline", &["browser", "wording"]),
    ("components", &["api", "offline"]),
    ("pages", &["components"]),
    ("shell", &["pages", "csp"]),
];

/// The server crate, the same way.
const SERVER: &[(&str, &[&str])] = &[
    ("config", &[]),
    ("store", &[]),
    ("export", &[]),
    ("import", &[]),
    ("demo", &["store"]),
    ("demo_activity", &["store"]),
    ("backup", &["store"]),
    ("http", &["config", "store", "export", "import"]),
    ("router", &["http"]),
    ("cli", &["router", "backup", "demo", "demo_activity"]),
];

/// Every layer `layer` may import: those beneath it, and theirs, all the way down.
fn beneath(table: &[(&str, &[&str])], layer: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut todo = vec![layer.to_owned()];
    while let Some(next) = todo.pop() {
        let Some((_, below)) = table.iter().find(|(l, _)| *l == next) else {
            continue;
        };
        for b in below.iter() {
            if !found.iter().any(|f| f == b) {
                found.push((*b).to_owned());
                todo.push((*b).to_owned());
            }
        }
    }
    found
}

/// The crate roots (`lib.rs`, `main.rs`) wire every layer together and may name them all.
const ROOTS: &[&str] = &["lib", "main"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a source folder") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The layer a file belongs to: its folder under `src`, or its own name at the top.
fn layer_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("a file under src");
    let first = rel.components().next().expect("a path").as_os_str();
    let first = first.to_string_lossy();
    first.strip_suffix(".rs").unwrap_or(&first).to_owned()
}

/// The top-level modules a line of code names through `crate::`, comments left out.
fn crate_paths(line: &str) -> Vec<String> {
    let code = match line.find("//") {
        Some(i) => &line[..i],
        None => line,
    };
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let before = rest[..i].chars().next_back();
        let after = &rest[i + "crate::".len()..];
        let name: String = after
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        // `$crate::` in a macro is the crate the macro came from, not this one's layers.
        if !matches!(before, Some(c) if c == '$' || c.is_ascii_alphanumeric() || c == '_')
            && !name.is_empty()
        {
            found.push(name);
        }
        rest = after;
    }
    found
}

/// Every import into a layer the table does not allow below the importing file's own.
fn violations(src: &Path, table: &[(&str, &[&str])]) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let known: Vec<&str> = table.iter().map(|(l, _)| *l).collect();
    let mut found = Vec::new();
    for file in files {
        let layer = layer_of(src, &file);
        if ROOTS.contains(&layer.as_str()) {
            continue;
        }
        if !known.contains(&layer.as_str()) {
            found.push(format!(
                "{}: a layer the table does not know",
                file.display()
            ));
            continue;
        }
        let allowed = beneath(table, &layer);
        let text = std::fs::read_to_string(&file).expect("a readable file");
        for (n, line) in text.lines().enumerate() {
            for target in crate_paths(line) {
                let fine = target == layer
                    || allowed.contains(&target)
                    || !known.contains(&target.as_str());
                if !fine {
                    found.push(format!(
                        "{}:{}: {layer} imports {target}, which is not beneath it",
                        file.display(),
                        n + 1
                    ));
                }
            }
        }
    }
    found
}

fn here(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

#[test]
fn the_app_only_looks_down() {
    let found = violations(&here("../app/src"), APP);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_server_only_looks_down() {
    let found = violations(&here("src"), SERVER);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn a_layer_reaches_everything_beneath_it_and_nothing_above() {
    let pages = beneath(APP, "pages");
    for below in [
        "components",
        "api",
        "services",
        "offline",
        "browser",
        "dto",
        "domain",
    ] {
        assert!(pages.iter().any(|l| l == below), "pages may import {below}");
    }
    let offline = beneath(APP, "offline");
    assert!(
        !offline.iter().any(|l| l == "api" || l == "services"),
        "{offline:?}"
    );
    assert!(beneath(APP, "domain").is_empty());
}

#[test]
fn an_upward_import_is_found_and_named() {
    let found = violations(&here("tests/it/fixtures/layers/src"), APP);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found[0].ends_with("upward.rs:2: components imports pages, which is not beneath it"));
    assert!(found[1].ends_with("words.rs:2: domain imports i18n, which is not beneath it"));
}

#[test]
fn a_module_outside_the_table_is_refused() {
    let found = violations(&here("tests/it/fixtures/layers/src"), &[("pages", &[])]);
    assert!(
        found
            .iter()
            .any(|f| f.contains("upward.rs: a layer the table does not know")),
        "{found:#?}"
    );
}
