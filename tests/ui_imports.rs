//! The UI's modules form no import cycle (issue 27, item 8): the screens' actions are declared in
//! the leaf module `ui::command`, which imports only the core and std, so no screen needs another
//! screen to say what it wants. Read from the source, production code only (a file's
//! `#[cfg(test)]` module is left out); `ui::app` routes actions to every screen and `ui/mod.rs`
//! declares them, so both may import anything.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Import edges allowed to close a cycle: none. (The last cycle, between Today and its exercise
/// card and timer widgets, ended when those widgets got their own small inputs, issue 28 item 3;
/// an edge listed here that no longer exists fails the test, so the list cannot go stale.)
const KNOWN_CYCLE_EDGES: &[(&str, &str)] = &[];

/// The modules under `src/ui` that `from` names, read from `crate::ui::…` paths.
fn imports_of(source: &str) -> BTreeSet<String> {
    let production = source.split("#[cfg(test)]").next().unwrap_or(source);
    let mut found = BTreeSet::new();
    let mut rest = production;
    while let Some(at) = rest.find("crate::ui::") {
        rest = &rest[at + "crate::ui::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `use crate::ui::{a, b::{c, d}, e};`: the first name of each top-level item.
            let mut depth = 0;
            let mut item_start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        rest = &group[i..];
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && (c.is_ascii_alphabetic() || c == '_') => {
                        let name: String = group[i..]
                            .chars()
                            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                            .collect();
                        found.insert(name);
                        item_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            found.insert(name);
        }
    }
    found
}

/// Every module under `src/ui` (a folder's files count as their parent module) and the modules
/// it imports, itself left out.
fn ui_graph() -> BTreeMap<String, BTreeSet<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&root).expect("src/ui is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            let module = path
                .file_name()
                .expect("a folder has a name")
                .to_string_lossy()
                .into_owned();
            for sub in std::fs::read_dir(&path).expect("a ui folder is readable") {
                files.push((module.clone(), sub.expect("a directory entry").path()));
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            let module = path
                .file_stem()
                .expect("a file has a name")
                .to_string_lossy()
                .into_owned();
            files.push((module, path));
        }
    }
    for (module, path) in files {
        let source = std::fs::read_to_string(&path).expect("a ui source file is readable");
        let mut imports = imports_of(&source);
        imports.remove(&module);
        graph.entry(module).or_default().extend(imports);
    }
    graph
}

/// Depth-first search from `module`; a module met again while still on `path` closes a cycle,
/// which is returned.
fn visit<'a>(
    module: &'a str,
    graph: &'a BTreeMap<String, BTreeSet<String>>,
    path: &mut Vec<&'a str>,
    done: &mut BTreeSet<&'a str>,
) -> Option<Vec<String>> {
    if let Some(at) = path.iter().position(|m| *m == module) {
        let mut cycle: Vec<String> = path[at..].iter().map(|m| (*m).to_owned()).collect();
        cycle.push(module.to_owned());
        return Some(cycle);
    }
    if !done.insert(module) {
        return None;
    }
    path.push(module);
    for next in graph.get(module).into_iter().flatten() {
        if let Some(cycle) = visit(next, graph, path, done) {
            return Some(cycle);
        }
    }
    path.pop();
    None
}

#[test]
fn the_command_module_imports_no_other_ui_module() {
    let graph = ui_graph();
    let imports = &graph["command"];
    assert!(
        imports.is_empty(),
        "ui::command must stay a leaf (core and std only), but it imports {imports:?}"
    );
}

#[test]
fn the_ui_modules_import_each_other_in_no_cycle() {
    let mut graph = ui_graph();
    graph.remove("app");
    graph.remove("mod");
    for imports in graph.values_mut() {
        imports.retain(|m| m != "app");
    }
    for (from, to) in KNOWN_CYCLE_EDGES {
        let removed = graph
            .get_mut(*from)
            .is_some_and(|imports| imports.remove(*to));
        assert!(
            removed,
            "ui::{from} no longer imports ui::{to}: take ({from:?}, {to:?}) off KNOWN_CYCLE_EDGES"
        );
    }
    let mut done = BTreeSet::new();
    for module in graph.keys() {
        let cycle = visit(module, &graph, &mut Vec::new(), &mut done);
        assert!(
            cycle.is_none(),
            "the UI modules import each other in a cycle: {cycle:?}"
        );
    }
}

#[test]
fn imports_are_read_from_grouped_and_plain_paths() {
    let source = "use crate::ui::{a, b::{c, d}, e};\nfn f() { crate::ui::g::h(); }\n\
                  #[cfg(test)]\nmod tests { use crate::ui::z; }";
    let expected: BTreeSet<String> = ["a", "b", "e", "g"].map(str::to_owned).into();
    assert_eq!(imports_of(source), expected);
}
