// The PostgreSQL half of the test suite runs only when OVERENS_TEST_POSTGRES
// names a server; without it those tests show up as ignored, with the reason.
fn main() {
    println!("cargo::rustc-check-cfg=cfg(overens_pg)");
    println!("cargo::rerun-if-env-changed=OVERENS_TEST_POSTGRES");
    if std::env::var("OVERENS_TEST_POSTGRES").is_ok_and(|v| !v.is_empty()) {
        println!("cargo::rustc-cfg=overens_pg");
    }
}
