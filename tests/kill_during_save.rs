//! `kill -9` in the middle of saving never leaves a partial map or a partial
//! `.bak`: a child process saves a sizeable map in place again and again
//! through the window's save path (the hidden `save-drill` subcommand), is
//! killed with SIGKILL at many different moments, and after every kill both
//! files parse as whole maps, one save apart at most, and the temp files a
//! killed save leaves are cleaned by the next save.
#![cfg(unix)]

use argmark::cli::save_drill::round_of;
use argmark::io::{backup_path, load_map, save_map};
use argmark::model::fixture::synthetic;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Kills attempted (the test stops early once `BUDGET` is spent).
const ROUNDS: u64 = 48;
const BUDGET: Duration = Duration::from_secs(120);

/// Names in `dir` that look like a save's temp files.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".argmark-"))
        .collect()
}

fn drill(map: &Path, rounds: u64) -> Child {
    Command::new(env!("CARGO_BIN_EXE_argmark"))
        .args(["save-drill", &map.to_string_lossy()])
        .args(["--rounds", &rounds.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the binary runs")
}

/// The number on a `ready N` or `saved N` line.
fn number(line: &str, word: &str) -> u64 {
    line.strip_prefix(word)
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("expected `{word} N`, got {line:?}"))
}

#[test]
fn kill_9_mid_save_leaves_a_whole_map_and_a_whole_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.argmap.ron");
    let original = synthetic(300_000, 1_200, 600);
    save_map(&original, &path).unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size > 300_000, "a sizeable map: {size} bytes");

    let started = Instant::now();
    let (mut rounds, mut saves, mut caught_mid_save) = (0, 0, 0);
    for i in 0..ROUNDS {
        if started.elapsed() > BUDGET {
            break;
        }
        rounds += 1;
        let mut child = drill(&path, 1_000_000);
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let ready = lines.next().unwrap().unwrap();
        let first = number(&ready, "ready ");
        // Once the saves are running, spread the kills over the save cycle
        // in uneven steps.
        let running = lines.next().unwrap().unwrap();
        let done = number(&running, "saved ");
        let first = first.max(done - 1);
        std::thread::sleep(Duration::from_millis(i * 53 % 300 + i % 7));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let saved = lines
            .map_while(Result::ok)
            .last()
            // No line after the first "saved": that save is the last one finished.
            .map_or(done, |l| number(&l, "saved "));
        saves += saved - first;

        let map = load_map(&path)
            .unwrap_or_else(|e| panic!("round {i}: the map is not whole after kill -9: {e}"));
        let on_disk = round_of(&map.meta().title);
        assert!(
            on_disk == saved || on_disk == saved + 1,
            "round {i}: the map holds save {on_disk}, the drill had finished save {saved}"
        );
        assert_eq!(map.units(), original.units(), "round {i}");
        assert_eq!(map.text(), original.text(), "round {i}");
        if on_disk > 0 {
            let bak = load_map(&backup_path(&path))
                .unwrap_or_else(|e| panic!("round {i}: the .bak is not whole after kill -9: {e}"));
            let backed = round_of(&bak.meta().title);
            assert!(
                backed + 1 == on_disk || backed == on_disk,
                "round {i}: the .bak holds save {backed}, the map save {on_disk}"
            );
            assert_eq!(bak.units(), original.units(), "round {i}");
            if backed == on_disk {
                // Killed between keeping the backup and replacing the map.
                caught_mid_save += 1;
            }
        }
        let left = leftovers(dir.path());
        if !left.is_empty() {
            caught_mid_save += 1;
        }
        // A killed save leaves at most its own temp file and staged backup;
        // the next save removes them, so they never pile up.
        assert!(left.len() <= 2, "round {i}: temp files pile up: {left:?}");
    }
    eprintln!(
        "{rounds} kills over {saves} saves in {:.1} s; {caught_mid_save} caught a save half done",
        started.elapsed().as_secs_f64()
    );
    assert!(rounds >= 20, "only {rounds} rounds ran within {BUDGET:?}");
    assert!(saves > 0, "the drill saved between kills");

    // One save that is left to finish cleans whatever the last kill left.
    let out = drill(&path, 1).wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
    assert_eq!(load_map(&path).unwrap().units(), original.units());
}
