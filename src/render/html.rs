//! Writes the report as one self-contained HTML file: the genogram, the timeline and the
//! chronology table, linked so that pointing at a person shows their entries and the other
//! way round, with zoom and pan on the diagrams and a clean printout.
//!
//! Nothing is fetched: no fonts, scripts or pictures from anywhere, and a Content Security
//! Policy that allows only this file's own script (by its hash) and styles says so to the
//! browser. Every piece of case text is escaped; the one script is a constant that reads
//! only `data-` attributes, so no case text is ever written inside it.

use crate::chronology::{COURT_COLUMNS, Filter, Paragraph, chronology};
use crate::layout::scene::{Item, Scene};
use crate::model::{Case, View};
use crate::redact::Version;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use sha2::{Digest, Sha256};
use std::fmt::Write;

/// Choices for the page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Options {
    /// Put the case title in the page's `<title>` (the browser tab, history and bookmarks).
    /// Off by default: titles usually name the child.
    pub title_in_metadata: bool,
    /// The entries of the chronology table.
    pub filter: Filter,
    /// What each part of this version shows, in the caller's words, listed in the header.
    pub shows: Vec<(String, String)>,
}

/// The whole report for one version of a case (see [`crate::redact`]) as one HTML document.
/// The page names the audience of a redacted version.
pub fn report(version: &Version, genogram: &Scene, timeline: &Scene, options: &Options) -> String {
    let case: &Case = version;
    let mut out = String::with_capacity(64 * 1024);
    let page_title = super::metadata_title(case, options.title_in_metadata);
    let policy = format!(
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src '{}'; \
         base-uri 'none'; form-action 'none'",
        script_hash()
    );
    page_head(&mut out, &policy, &page_title, STYLE);

    front(&mut out, version, &options.shows);
    // A view the audience does not get is left out; the front says so.
    let parts = [
        ("genogram", "Genogram", View::Genogram),
        ("timeline", "Timeline", View::Timeline),
        ("chronology", "Chronology", View::Chronology),
    ];
    let shown: Vec<_> = parts.iter().filter(|p| version.includes(p.2)).collect();
    out.push_str("<nav class=\"contents\" aria-label=\"Contents\">");
    let links: Vec<String> = shown
        .iter()
        .map(|(id, title, _)| format!("<a href=\"#{id}\">{title}</a>"))
        .collect();
    out.push_str(&links.join(" "));
    out.push_str("</nav>\n");
    if version.includes(View::Genogram) {
        diagram(&mut out, "genogram", "Genogram", genogram);
    }
    if version.includes(View::Timeline) {
        diagram(&mut out, "timeline", "Timeline", timeline);
    }
    if version.includes(View::Chronology) {
        table(&mut out, case, &options.filter);
    }
    let _ = writeln!(out, "<script>{SCRIPT}</script>\n</body>\n</html>");
    out
}

fn front(out: &mut String, version: &Version, shows: &[(String, String)]) {
    let case: &Case = version;
    let title = super::front_page_title(case);
    let _ = writeln!(out, "<header>\n<h1>{}</h1>", super::escape::html(title));
    out.push_str("<p class=\"subtitle\">Genogram and child-impact chronology</p>\n<dl>\n");
    definitions(out, super::version_front_page_facts(version));
    out.push_str("</dl>\n");
    if !shows.is_empty() {
        out.push_str("<h2 class=\"shows\">What this version shows</h2>\n<dl>\n");
        definitions(out, shows.iter().map(|(label, value)| (label, value)));
        out.push_str("</dl>\n");
    }
    if let Some((words, block)) = super::statement_block(version) {
        let _ = writeln!(
            out,
            "<section class=\"statement\" aria-labelledby=\"statement-title\">\n\
             <h2 id=\"statement-title\">Statement of truth</h2>\n<p>{}</p>\n<dl>",
            super::escape::html(&words)
        );
        definitions(out, block);
        out.push_str("</dl>\n</section>\n");
    }
    out.push_str("</header>\n");
}

/// The terms and descriptions of a `<dl>`, a line each.
fn definitions<L: AsRef<str>, V: AsRef<str>>(
    out: &mut String,
    fields: impl IntoIterator<Item = (L, V)>,
) {
    for (label, value) in fields {
        let _ = writeln!(
            out,
            "<dt>{}</dt><dd>{}</dd>",
            super::escape::html(label.as_ref()),
            super::escape::html(value.as_ref())
        );
    }
}

fn diagram(out: &mut String, id: &str, title: &str, scene: &Scene) {
    let _ = writeln!(
        out,
        "<section id=\"{id}\" aria-labelledby=\"{id}-title\">\n<h2 id=\"{id}-title\">{title}</h2>"
    );
    if scene.items.is_empty() {
        let _ = writeln!(
            out,
            "<p>The {} has nothing to show for this version of the case.</p>\n</section>",
            title.to_lowercase()
        );
        return;
    }
    out.push_str(
        "<div class=\"controls\" role=\"group\" aria-label=\"Zoom\">\
         <button type=\"button\" data-zoom=\"in\">Zoom in</button>\
         <button type=\"button\" data-zoom=\"out\">Zoom out</button>\
         <button type=\"button\" data-zoom=\"reset\">Whole drawing</button>\
         <span class=\"hint\">Scroll to zoom, drag to move.</span></div>\n",
    );
    out.push_str("<div class=\"diagram\">");
    out.push_str(&linked_svg(scene));
    out.push_str("</div>\n</section>\n");
}

/// The scene's SVG with each item's people and entries as `data-` attributes, and people
/// and entries reachable by keyboard.
fn linked_svg(scene: &Scene) -> String {
    let svg = crate::render::svg::inline(scene);
    let by_id: std::collections::BTreeMap<String, &Item> = scene
        .items
        .iter()
        .map(|item| (super::escape::xml_attribute_value(&item.id), item))
        .collect();
    let mut out = String::with_capacity(svg.len() + scene.items.len() * 40);
    let mut rest = svg.as_str();
    while let Some(start) = rest.find("<g ") {
        out.push_str(&rest[..start + 2]);
        rest = &rest[start + 2..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        let item = attribute(tag, "id").and_then(|id| by_id.get(id));
        if let Some(item) = item {
            out.push_str(&data_attributes(&item.people, &item.entries));
            let linked =
                !item.entries.is_empty() || item.kind == crate::layout::scene::ItemKind::Person;
            if linked {
                out.push_str(" tabindex=\"0\"");
            }
        }
    }
    out.push_str(rest);
    out
}

/// The value of `name="…"` in an opening tag's attributes, still escaped.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

fn data_attributes(people: &[String], entries: &[u32]) -> String {
    let mut out = String::new();
    if !people.is_empty() {
        let _ = write!(
            out,
            " data-people=\"{}\"",
            super::escape::html(&people.join(" "))
        );
    }
    if !entries.is_empty() {
        let list: Vec<String> = entries.iter().map(u32::to_string).collect();
        let _ = write!(out, " data-entries=\"{}\"", list.join(" "));
    }
    out
}

fn table(out: &mut String, case: &Case, filter: &Filter) {
    out.push_str(
        "<section id=\"chronology\" aria-labelledby=\"chronology-title\">\n\
         <h2 id=\"chronology-title\">Chronology</h2>\n",
    );
    let table = chronology(case, filter);
    if table.rows.is_empty() {
        out.push_str(
            "<p>There are no chronology entries for this version of the case.</p>\n</section>\n",
        );
        return;
    }
    out.push_str("<table>\n<thead><tr>");
    for title in COURT_COLUMNS {
        let _ = write!(out, "<th scope=\"col\">{}</th>", super::escape::html(title));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        let significance = match row.significance {
            Some(crate::model::Significance::High) => " class=\"high\"",
            _ => "",
        };
        let _ = write!(
            out,
            "<tr id=\"entry-row-{}\"{significance} tabindex=\"0\"{}>",
            row.number,
            data_attributes(&row.people, &[row.number])
        );
        let [number, date, event, impact, source] = table.court_cells(row);
        for (class, cell) in [
            ("number", number),
            ("date", date),
            ("", event),
            ("", impact),
            ("", source),
        ] {
            if class.is_empty() {
                out.push_str("<td>");
            } else {
                let _ = write!(out, "<td class=\"{class}\">");
            }
            paragraphs(out, &cell);
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn paragraphs(out: &mut String, cell: &[Paragraph]) {
    for p in cell {
        out.push_str("<p>");
        if let Some(label) = &p.label {
            let _ = write!(out, "<strong>{}</strong> ", super::escape::html(label));
        }
        out.push_str(&super::escape::html(&p.text));
        out.push_str("</p>");
    }
}

/// A self-contained page up to its `<body>`: its security policy, its title and its style.
/// Neither page sends the address it was opened from when a link is followed.
pub(crate) fn page_head(out: &mut String, policy: &str, title: &str, style: &str) {
    out.push_str("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
    let _ = writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        super::escape::html(policy)
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    let _ = writeln!(out, "<title>{}</title>", super::escape::html(title));
    let _ = writeln!(out, "<style>{style}</style>\n</head>\n<body>");
}

/// The style every page starts with: the bundled font's family first, print-sized text in
/// black on white, a readable line length. A macro, so each page's style is one constant.
macro_rules! page_style {
    () => {
        r#"
:root { color-scheme: light; }
body { font-family: 'Liberation Sans', Arial, Helvetica, sans-serif; font-size: 12pt;
  line-height: 1.4; color: #000; background: #fff; margin: 0 auto; padding: 1.5rem;
  max-width: 80rem; }
"#
    };
}
pub(crate) use page_style;

/// The Content Security Policy source for the page's one script.
fn script_hash() -> String {
    let digest = Sha256::digest(SCRIPT.as_bytes());
    format!("sha256-{}", BASE64.encode(digest))
}

const STYLE: &str = concat!(
    page_style!(),
    r#"h1 { font-size: 1.8rem; margin: 0 0 0.2rem; }
h2 { font-size: 1.4rem; margin: 2rem 0 0.6rem; border-bottom: 1px solid #888; }
.subtitle { color: #333; margin: 0 0 1rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1.5rem; }
dt { font-weight: bold; }
dd { margin: 0; }
.contents a { margin-right: 1.2rem; }
.controls { margin: 0 0 0.4rem; display: flex; gap: 0.5rem; align-items: center; }
.controls button { font: inherit; font-size: 0.9rem; padding: 0.2rem 0.7rem; }
.hint { color: #444; font-size: 0.9rem; }
.diagram { border: 1px solid #888; overflow: hidden; background: #fff; touch-action: none;
  cursor: grab; }
.diagram svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
.diagram.dragging { cursor: grabbing; }
g[tabindex]:focus { outline: none; }
g.hl rect, g.hl circle, g.hl polygon, g.hl path, g.hl polyline, g.hl line {
  stroke: #b00000 !important; stroke-width: 3px !important; }
g.hl text { font-weight: bold; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #555; padding: 0.3rem 0.4rem; vertical-align: top; text-align: left; }
thead th { background: #e1e1e1; }
th:nth-child(1) { width: 4.5em; } th:nth-child(2) { width: 8em; } th:nth-child(5) { width: 10em; }
td p { margin: 0 0 0.3rem; }
tr.high td:first-child { border-left: 4px solid #000; }
tr.high td.number p:nth-child(2) { font-weight: bold; }
td.date p { margin: 0; }
tr.hl, tr:focus { background: #fff2b3; outline: 2px solid #000; }
@media print {
  body { max-width: none; padding: 0; }
  .controls, .contents { display: none; }
  .diagram { border: none; overflow: visible; }
  h2 { break-after: avoid; }
  /* A whole diagram on one page under its heading; the PDF report splits large ones. */
  .diagram svg { max-height: 240mm; width: auto; max-width: 100%; }
  section { break-before: page; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  tr.hl, g.hl { background: none; outline: none; }
  @page { size: A4; margin: 15mm; }
}
"#
);

/// Zoom and pan by the SVG viewBox (so drawings stay sharp), and cross-highlighting by the
/// `data-people` and `data-entries` attributes. Reads no case text.
const SCRIPT: &str = r#"
(function () {
  "use strict";
  function ids(el, name) {
    var v = el.getAttribute(name);
    return v ? v.split(" ") : [];
  }
  function meets(a, b) {
    for (var i = 0; i < a.length; i++) { if (b.indexOf(a[i]) >= 0) { return true; } }
    return false;
  }
  var linked = Array.prototype.slice.call(document.querySelectorAll("[data-people],[data-entries]"));
  function clear() {
    linked.forEach(function (el) { el.classList.remove("hl"); });
  }
  function show(source) {
    clear();
    var entries = ids(source, "data-entries");
    var people = ids(source, "data-people");
    linked.forEach(function (el) {
      var e = ids(el, "data-entries");
      var p = ids(el, "data-people");
      var isPerson = el.classList.contains("person");
      var hit = entries.length
        ? (meets(entries, e) || (isPerson && meets(people, p)))
        : (e.length > 0 && meets(people, p)) || (isPerson && meets(people, p));
      if (hit) { el.classList.add("hl"); }
    });
  }
  function target(ev) {
    var el = ev.target;
    return el && el.closest ? el.closest("[data-people],[data-entries]") : null;
  }
  ["mouseover", "focusin"].forEach(function (kind) {
    document.addEventListener(kind, function (ev) {
      var el = target(ev);
      if (el) { show(el); }
    });
  });
  ["mouseout", "focusout"].forEach(function (kind) {
    document.addEventListener(kind, function (ev) {
      if (target(ev)) { clear(); }
    });
  });

  Array.prototype.slice.call(document.querySelectorAll(".diagram")).forEach(function (box) {
    var svg = box.querySelector("svg");
    if (!svg || !svg.viewBox || !svg.viewBox.baseVal) { return; }
    var whole = svg.viewBox.baseVal;
    var full = { x: whole.x, y: whole.y, w: whole.width, h: whole.height };
    var view = { x: full.x, y: full.y, w: full.w, h: full.h };
    function apply() {
      svg.setAttribute("viewBox", view.x + " " + view.y + " " + view.w + " " + view.h);
    }
    function zoom(factor, fx, fy) {
      var w = Math.min(full.w * 4, Math.max(full.w / 20, view.w * factor));
      var k = w / view.w;
      view.x = fx - (fx - view.x) * k;
      view.y = fy - (fy - view.y) * k;
      view.w = w;
      view.h = view.h * k;
      apply();
    }
    function point(ev) {
      var r = svg.getBoundingClientRect();
      return {
        x: view.x + (ev.clientX - r.left) / r.width * view.w,
        y: view.y + (ev.clientY - r.top) / r.height * view.h
      };
    }
    box.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      var p = point(ev);
      zoom(ev.deltaY > 0 ? 1.2 : 1 / 1.2, p.x, p.y);
    }, { passive: false });
    var drag = null;
    box.addEventListener("pointerdown", function (ev) {
      drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y };
      box.classList.add("dragging");
    });
    window.addEventListener("pointermove", function (ev) {
      if (!drag) { return; }
      var r = svg.getBoundingClientRect();
      view.x = drag.vx - (ev.clientX - drag.x) / r.width * view.w;
      view.y = drag.vy - (ev.clientY - drag.y) / r.height * view.h;
      apply();
    });
    window.addEventListener("pointerup", function () {
      drag = null;
      box.classList.remove("dragging");
    });
    var controls = box.previousElementSibling;
    if (controls) {
      controls.addEventListener("click", function (ev) {
        var kind = ev.target.getAttribute && ev.target.getAttribute("data-zoom");
        var cx = view.x + view.w / 2, cy = view.y + view.h / 2;
        if (kind === "in") { zoom(1 / 1.5, cx, cy); }
        if (kind === "out") { zoom(1.5, cx, cy); }
        if (kind === "reset") { view = { x: full.x, y: full.y, w: full.w, h: full.h }; apply(); }
      });
    }
    window.addEventListener("beforeprint", function () {
      view = { x: full.x, y: full.y, w: full.w, h: full.h };
      apply();
    });
  });

  // A link to an entry ("report.html#entry-row-47") shows it with its people.
  function follow() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var el = id ? document.getElementById(id) : null;
    if (el && el.matches("[data-people],[data-entries]")) {
      el.focus();
      show(el);
    }
  }
  window.addEventListener("hashchange", follow);
  follow();
  document.documentElement.setAttribute("data-ready", "yes");
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::scene::{ItemKind, Rect};

    #[test]
    fn links_items_by_data_attributes_and_escapes_ids() {
        let mut scene = Scene::with_size("G", 10.0, 10.0);
        let mut item = Item::new(ItemKind::Entry, "entry-\"7\"");
        item.people = vec!["p1".into(), "p<2>".into()];
        item.entries = vec![7];
        item.bbox = Rect::new(0.0, 0.0, 1.0, 1.0);
        scene.items.push(item);
        let svg = linked_svg(&scene);
        assert!(svg.contains("data-people=\"p1 p&lt;2&gt;\""), "{svg}");
        assert!(svg.contains("data-entries=\"7\""), "{svg}");
        assert!(svg.contains("tabindex=\"0\""), "{svg}");
        assert!(!svg.contains("p<2>"));
    }
}
