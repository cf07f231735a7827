//! The HTML report opened in a real headless browser (Debian's chromium): a screenshot is taken
//! and must not be blank. Skips with a message when chromium is absent, unless
//! `ZHONGJIE_REQUIRE_BROWSER=1` (set by scripts/screenshot-report.sh), which makes it fail.
//! Install the browser with scripts/install-chromium.sh.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn chromium() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser"] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

fn screenshot(browser: &Path, html: &Path, png: &Path) {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg("--window-size=1280,2000")
        .arg(format!("file://{}", html.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium failed: {status}");
            return;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chromium took more than 120 s");
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// (width, height, distinct colours, share of non-white pixels in ‰).
fn inspect(png: &Path) -> (u32, u32, usize, u64) {
    let decoder = png::Decoder::new(std::fs::File::open(png).unwrap());
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let step = info.color_type.samples();
    assert!(step >= 3, "colour screenshot");
    let mut colours = HashSet::new();
    let mut ink = 0u64;
    let pixels = buf[..info.buffer_size()].chunks(step);
    let n = pixels.len() as u64;
    for px in pixels {
        colours.insert((px[0], px[1], px[2]));
        if px[0] < 240 || px[1] < 240 || px[2] < 240 {
            ink += 1;
        }
    }
    (
        info.width,
        info.height,
        colours.len(),
        ink * 1000 / n.max(1),
    )
}

#[test]
fn the_html_report_renders_in_a_real_browser() {
    let Some(browser) = chromium() else {
        if std::env::var("ZHONGJIE_REQUIRE_BROWSER").as_deref() == Ok("1") {
            panic!("chromium 未安装：请先运行 scripts/install-chromium.sh");
        }
        eprintln!("跳过浏览器检查：未找到 chromium（运行 scripts/install-chromium.sh 安装后再测）");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let html = tmp.path().join("supervision.html");
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/reporting/tests/fixtures/tiny");
    let o = Command::new(env!("CARGO_BIN_EXE_zhongjie"))
        .args(["report", "supervision"])
        .arg(&fixture)
        .args(["--as-of", "2024-11-30", "--out"])
        .arg(&html)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let png = tmp.path().join("shot.png");
    screenshot(&browser, &html, &png);
    let (w, h, colours, ink) = inspect(&png);
    assert_eq!((w, h), (1280, 2000));
    // Text, table rules and the coloured bars of the charts: many colours, a fair share of ink.
    assert!(colours >= 64, "{colours} colours: the page looks blank");
    assert!(ink >= 20, "only {ink}‰ of the page is not white");
}
