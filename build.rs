//! Tells the tests which outside tools are installed (the PDF checkers, a headless browser
//! and headless LibreOffice), so that `cargo test` reports a test needing a missing tool as ignored, with the
//! reason, instead of passing it unchecked. Under CI every tool counts as installed: a test
//! whose tool is missing then fails.

fn main() {
    println!("cargo::rerun-if-env-changed=CI");
    println!("cargo::rerun-if-env-changed=PATH");
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    let tools: [(&str, &[&str]); 4] = [
        ("has_qpdf", &["qpdf"]),
        ("has_poppler", &["pdftotext", "pdffonts", "pdfinfo"]),
        ("has_chromium", &["chromium"]),
        ("has_soffice", &["soffice"]),
    ];
    for (flag, names) in tools {
        println!("cargo::rustc-check-cfg=cfg({flag})");
        let chromium_alias = flag == "has_chromium" && installed("chromium-browser");
        if ci || chromium_alias || names.iter().all(|name| installed(name)) {
            println!("cargo::rustc-cfg={flag}");
        }
    }
}

fn installed(name: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|folder| folder.join(name).is_file()))
}
