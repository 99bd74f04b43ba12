//! Open-loop load on a running `dossier serve`: requests at a fixed rate for
//! a fixed time, whatever the server's answers take, so a slow answer delays
//! no later request and latency counts from each request's scheduled start
//! (no coordinated omission).
//!
//! ```text
//! cargo run --release -p dossier-bench --example load -- \
//!     http://127.0.0.1:8080 200 30 /api/events?limit=50
//! ```
//! Arguments: base URL, requests per second, seconds, then one or more
//! paths used in turn; a path of the form `@FILE` reads paths from FILE, one
//! per line. Prints a summary line for people and one JSON line.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// Most requests in flight: enough for 200/s at a second's latency.
const WORKERS: usize = 256;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 4 {
        eprintln!("usage: load BASE_URL RATE SECONDS PATH... (PATH or @FILE of paths)");
        std::process::exit(2);
    }
    let base = args[0].trim_end_matches('/').to_owned();
    let rate: f64 = args[1].parse().expect("RATE: requests per second");
    let seconds: f64 = args[2].parse().expect("SECONDS");
    let mut paths: Vec<String> = Vec::new();
    for arg in &args[3..] {
        match arg.strip_prefix('@') {
            Some(file) => paths.extend(
                std::fs::read_to_string(file)
                    .unwrap_or_else(|err| panic!("cannot read {file}: {err}"))
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned),
            ),
            None => paths.push(arg.clone()),
        }
    }
    assert!(!paths.is_empty(), "no paths");
    let total = (rate * seconds).round() as usize;
    let interval = Duration::from_secs_f64(1.0 / rate);
    let next = Arc::new(AtomicUsize::new(0));
    let results: Arc<Mutex<Vec<(Duration, bool)>>> =
        Arc::new(Mutex::new(Vec::with_capacity(total)));
    let paths = Arc::new(paths);
    let start = Instant::now() + Duration::from_millis(100);
    let workers: Vec<_> = (0..WORKERS.min(total.max(1)))
        .map(|_| {
            let (next, results, paths, base) = (
                Arc::clone(&next),
                Arc::clone(&results),
                Arc::clone(&paths),
                base.clone(),
            );
            thread::spawn(move || {
                let agent: ureq::Agent = ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .timeout_global(Some(Duration::from_secs(30)))
                    .build()
                    .into();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= total {
                        break;
                    }
                    let scheduled = start + interval.mul_f64(i as f64);
                    if let Some(wait) = scheduled.checked_duration_since(Instant::now()) {
                        thread::sleep(wait);
                    }
                    let url = format!("{base}{}", paths[i % paths.len()]);
                    let ok = match agent.get(&url).call() {
                        Ok(mut response) => {
                            let fine = response.status().is_success();
                            // read the whole body: a response is done when it is read
                            fine && response.body_mut().read_to_vec().is_ok()
                        }
                        Err(_) => false,
                    };
                    let latency = Instant::now().saturating_duration_since(scheduled);
                    results
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .push((latency, ok));
                }
            })
        })
        .collect();
    for worker in workers {
        let _ = worker.join();
    }
    let elapsed = start.elapsed().as_secs_f64();
    let mut results = results
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone();
    results.sort_by_key(|(latency, _)| *latency);
    let errors = results.iter().filter(|(_, ok)| !ok).count();
    let quantile = |q: f64| -> f64 {
        if results.is_empty() {
            return 0.0;
        }
        let at = ((results.len() as f64 * q).ceil() as usize).clamp(1, results.len()) - 1;
        results[at].0.as_secs_f64() * 1000.0
    };
    let (p50, p90, p99, max) = (quantile(0.5), quantile(0.9), quantile(0.99), quantile(1.0));
    let achieved = results.len() as f64 / elapsed;
    println!(
        "{} requests in {elapsed:.1} s ({achieved:.1}/s, target {rate}/s) · errors {errors} · latency ms p50 {p50:.2} p90 {p90:.2} p99 {p99:.2} max {max:.2} · paths {}",
        results.len(),
        paths.len()
    );
    println!(
        "{}",
        serde_json::json!({
            "requests": results.len(), "seconds": elapsed, "rate": achieved, "target_rate": rate,
            "errors": errors, "p50_ms": p50, "p90_ms": p90, "p99_ms": p99, "max_ms": max,
            "paths": paths.len(), "first_path": paths[0],
        })
    );
}
