//! The HTML report in a real headless browser: it loads without console errors or network
//! requests, links people and entries, and draws something.

mod support;

use genochron::render::html::{self, Options};
use std::process::Command;
use support::*;

/// The headless browser: `chromium` (Debian) or `chromium-browser`. These tests are
/// ignored, with the reason, when `build.rs` finds neither; under CI a missing one fails.
fn browser() -> &'static str {
    ["chromium", "chromium-browser"]
        .into_iter()
        .find(|name| installed(name))
        .unwrap_or_else(|| {
            require(&["chromium"]);
            unreachable!()
        })
}

struct Run {
    dom: String,
    log: String,
    net: String,
    screenshot: Vec<u8>,
}

fn open(html: &str, name: &str, fragment: &str) -> Run {
    let chromium = browser();
    let page = scratch(&format!("{name}.html"));
    std::fs::write(&page, html).unwrap();
    let url = format!("file://{}{fragment}", page.display());
    let profile = scratch(&format!("{name}-profile"));
    let _ = std::fs::remove_dir_all(&profile);
    let net = scratch(&format!("{name}-net.json"));
    let shot = scratch(&format!("{name}.png"));
    let _ = std::fs::remove_file(&shot);
    let common = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-default-apps",
        "--disable-extensions",
        "--enable-logging=stderr",
        "--v=0",
    ];
    let profile_arg = format!("--user-data-dir={}", profile.display());
    let net_arg = format!("--log-net-log={}", net.display());
    let dom = Command::new(chromium)
        .args(common)
        .arg(&profile_arg)
        .arg(&net_arg)
        .arg("--virtual-time-budget=3000")
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .expect("chromium runs");
    let shot_arg = format!("--screenshot={}", shot.display());
    let pic = Command::new(chromium)
        .args(common)
        .arg(&profile_arg)
        .arg("--window-size=1280,1600")
        .arg("--hide-scrollbars")
        .arg("--virtual-time-budget=3000")
        .arg(&shot_arg)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    Run {
        dom: String::from_utf8_lossy(&dom.stdout).into_owned(),
        log: format!(
            "{}{}",
            String::from_utf8_lossy(&dom.stderr),
            String::from_utf8_lossy(&pic.stderr)
        ),
        net: std::fs::read_to_string(&net).unwrap_or_default(),
        screenshot: std::fs::read(&shot).unwrap_or_default(),
    }
}

/// Web addresses the page itself asked for, from Chromium's network log. The browser's own
/// background requests (update checks and the like) carry no initiating origin and are not
/// the page's doing.
fn page_requests(net: &str) -> Vec<String> {
    let log: serde_json::Value = serde_json::from_str(net.trim_end().trim_end_matches(','))
        .or_else(|_| serde_json::from_str(&format!("{}]}}", net.trim_end().trim_end_matches(','))))
        .expect("a readable network log");
    let start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"].as_u64();
    let mut urls = Vec::new();
    for event in log["events"].as_array().into_iter().flatten() {
        if event["type"].as_u64() != start_job {
            continue;
        }
        let url = event["params"]["url"].as_str().unwrap_or("");
        let initiator = event["params"]["initiator"].as_str().unwrap_or("");
        let local = url.starts_with("file:") || url.starts_with("data:") || url.is_empty();
        if !local && initiator != "not an origin" {
            urls.push(url.to_string());
        }
    }
    urls
}

/// Console messages the page wrote (Chromium logs them as `CONSOLE` lines).
fn console_lines(log: &str) -> Vec<&str> {
    log.lines().filter(|l| l.contains(":CONSOLE")).collect()
}

#[test]
#[cfg_attr(not(has_chromium), ignore = "needs chromium (headless), not installed")]
fn the_report_loads_offline_without_errors_and_links_people_to_entries() {
    let case = case(12);
    let genogram = grid_scene(&case, "Genogram", 4, 2);
    let timeline = grid_scene(&case, "Timeline", 6, 1);
    let page = html::report(
        &genochron::redact::full(&case),
        &genogram,
        &timeline,
        &Options::default(),
    );
    assert_eq!(
        page,
        html::report(
            &genochron::redact::full(&case),
            &genogram,
            &timeline,
            &Options::default()
        )
    );
    assert!(!page.contains("http://") && !page.contains("https://"));
    assert!(!page.contains("src=") && !page.contains("<link"));
    let run = open(&page, "report", "#entry-row-3");
    assert!(
        run.dom.contains("data-ready=\"yes\""),
        "the script did not run to the end:\n{}",
        run.log
    );
    assert!(
        console_lines(&run.log).is_empty(),
        "console messages: {:?}",
        console_lines(&run.log)
    );
    // The linked entry is highlighted together with the people it concerns.
    assert!(
        run.dom.contains("class=\"high hl\"") || run.dom.contains("class=\"hl\""),
        "no row highlighted"
    );
    assert!(
        run.dom.contains("class=\"person hl\""),
        "the entry's people are not highlighted in the diagrams"
    );
    // And the other way round: a person shows the entries that concern them.
    {
        let person = open(&page, "report-person", "#person-joan-whitby-2");
        let rows = person
            .dom
            .split("<tr ")
            .filter(|row| row.contains("hl\"") && row.contains("data-entries"))
            .count();
        assert_eq!(
            rows, 12,
            "every entry names Joan, so every row is highlighted"
        );
    }
    // The page asked for nothing over the network.
    assert!(!run.net.is_empty(), "no network log was written");
    assert_eq!(page_requests(&run.net), Vec::<String>::new());
    // The screenshot shows a drawn page, not a blank one.
    let shot = resvg::tiny_skia::Pixmap::decode_png(&run.screenshot).expect("a screenshot");
    let ink = shot.pixels().iter().filter(|p| p.red() < 128).count();
    assert!(
        ink > 2_000,
        "the screenshot is nearly blank ({ink} dark pixels)"
    );
}

#[test]
#[cfg_attr(not(has_chromium), ignore = "needs chromium (headless), not installed")]
fn the_checks_do_see_a_page_request_and_a_script_error() {
    // A control: a page that does fetch something must be caught by the same check.
    let page = "<!DOCTYPE html><html><body><img src=\"http://127.0.0.1:9/x.png\" alt=\"\">\
                <p>control</p><script>throw new Error(\"control\")</script></body></html>";
    let run = open(page, "control", "");
    let requests = page_requests(&run.net);
    assert!(
        requests.iter().any(|u| u.contains("127.0.0.1:9")),
        "the control request was not seen: {requests:?}"
    );
    assert!(
        console_lines(&run.log)
            .iter()
            .any(|l| l.contains("control")),
        "the control error was not seen in the console"
    );
}

#[test]
#[cfg_attr(not(has_chromium), ignore = "needs chromium (headless), not installed")]
fn the_example_report_loads_offline_without_errors() {
    use genochron::layout::{genogram, timeline};
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/mensah-family.yaml");
    let case = genochron::load_file(&path)
        .unwrap()
        .case
        .expect("the example checks");
    let case = genochron::redact::for_audience(&case, "family").unwrap();
    let page = html::report(
        &case,
        &genogram::genogram(&case, &genogram::GenogramOptions::default()),
        &timeline::timeline(&case, &timeline::TimelineOptions::default()),
        &Options::default(),
    );
    let first_row = page
        .split("id=\"entry-row-")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a chronology row")
        .to_string();
    let run = open(&page, "example", &format!("#entry-row-{first_row}"));
    assert!(
        run.dom.contains("data-ready=\"yes\""),
        "the script did not run:\n{}",
        run.log
    );
    assert!(
        console_lines(&run.log).is_empty(),
        "{:?}",
        console_lines(&run.log)
    );
    assert!(
        run.dom.contains(" hl\"") || run.dom.contains("\"hl\""),
        "nothing highlighted"
    );
    assert_eq!(page_requests(&run.net), Vec::<String>::new());
    let shot = resvg::tiny_skia::Pixmap::decode_png(&run.screenshot).expect("a screenshot");
    let ink = shot.pixels().iter().filter(|p| p.red() < 128).count();
    assert!(
        ink > 2_000,
        "the screenshot is nearly blank ({ink} dark pixels)"
    );
}
