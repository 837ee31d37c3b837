//! The `overens` command as an operator uses it: migrate, create-admin,
//! serve with the demo, backup while serving, restore, and a graceful stop.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_overens");

fn overens(dir: &std::path::Path) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("OVERENS_DATA_DIR", dir)
        .env("RUST_LOG", "warn")
        .current_dir(dir);
    cmd
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_until_up(port: u16, child: &mut Child) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(30) {
        if let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) {
            let _ = s.write_all(b"GET /healthz HTTP/1.0\r\n\r\n");
            let mut out = String::new();
            let _ = s.read_to_string(&mut out);
            if out.starts_with("HTTP/1.0 200") || out.starts_with("HTTP/1.1 200") {
                return;
            }
        }
        assert!(child.try_wait().unwrap().is_none(), "server exited early");
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("server did not come up");
}

fn get(port: u16, path: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

fn sigterm(child: &Child) {
    let status = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn first_start_backup_restore_and_graceful_stop() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();

    let out = overens(dir.path()).arg("migrate").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = overens(dir.path())
        .args([
            "create-admin",
            "--email",
            "Drift@Example.org",
            "--password",
            "long enough password",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("drift@example.org is an administrator"));
    let out = overens(dir.path())
        .args([
            "create-admin",
            "--email",
            "x@example.org",
            "--password",
            "short",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success(), "a short password is refused");

    // First start: the demo is loaded and the accounts are printed.
    let mut server = overens(dir.path())
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .env("OVERENS_DEMO_PASSWORD", "demo password for this test")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    wait_until_up(port, &mut server);
    assert!(get(port, "/vg/").contains("Västra Götalandsregionen"));

    // A backup taken while the server runs is a whole, consistent database.
    let backup = dir.path().join("backup.db");
    let out = overens(dir.path())
        .arg("backup")
        .arg(&backup)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = overens(dir.path())
        .arg("backup")
        .arg(&backup)
        .output()
        .unwrap();
    assert!(!out.status.success(), "an existing file is not overwritten");

    // A request still arriving when SIGTERM comes is answered before the stop.
    let mut slow = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let body = "page=%2F&description=slow";
    write!(
        slow,
        "POST /accessibility/report HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{}",
        body.len(),
        &body[..5]
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    sigterm(&server);
    std::thread::sleep(Duration::from_millis(300));
    slow.write_all(&body.as_bytes()[5..]).unwrap();
    let mut answer = String::new();
    slow.read_to_string(&mut answer).unwrap();
    assert!(
        answer.starts_with("HTTP/1.1 403"),
        "answered (no CSRF token): {answer}"
    );
    let status = server.wait().unwrap();
    assert!(status.success(), "clean exit on SIGTERM: {status}");
    let mut printed = String::new();
    server
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut printed)
        .unwrap();
    assert!(printed.contains("admin@demo.example"), "{printed}");
    assert!(printed.contains("demo password for this test"));
    assert!(printed.contains(&format!("http://127.0.0.1:{port}/")));

    // Restore into a new data directory; the demo is not loaded again.
    let other = tempfile::tempdir().unwrap();
    let out = overens(other.path())
        .arg("restore")
        .arg(&backup)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let port = free_port();
    let mut server = overens(other.path())
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    wait_until_up(port, &mut server);
    assert!(get(port, "/vg/").contains("Västra Götalandsregionen"));
    sigterm(&server);
    assert!(server.wait().unwrap().success());
    let mut printed = String::new();
    server
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut printed)
        .unwrap();
    assert!(
        !printed.contains("Demo loaded"),
        "restored data is kept: {printed}"
    );

    // A damaged file is refused and changes nothing.
    let junk = other.path().join("junk.db");
    std::fs::write(&junk, b"this is not a database").unwrap();
    let out = overens(other.path())
        .arg("restore")
        .arg(&junk)
        .output()
        .unwrap();
    assert!(!out.status.success());
}

#[test]
fn configuration_mistakes_are_reported_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let out = overens(dir.path())
        .args(["migrate", "--database-url", "mysql://nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("database_url"));
    std::fs::write(dir.path().join("overens.toml"), "listn = \"x\"").unwrap();
    let out = overens(dir.path()).arg("migrate").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown field"));
}
