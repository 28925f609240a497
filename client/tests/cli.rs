//! The `cpchain` binary without a chain: usage, the keystore, input checks and exit codes.
//! (With a chain, tests/e2e/flow.test.mjs runs every command against a dev node.)

use std::{
	io::Write,
	os::unix::fs::PermissionsExt,
	process::{Command, Output, Stdio},
};

fn cpchain(keystore: &std::path::Path, args: &[&str], stdin: Option<&str>) -> Output {
	let mut child = Command::new(env!("CARGO_BIN_EXE_cpchain"))
		.args(args)
		.env("CPCHAIN_KEYSTORE", keystore)
		// A port nothing listens on: commands that need the chain fail fast.
		.env("CPCHAIN_URL", "ws://127.0.0.1:9")
		.stdin(Stdio::piped())
		.stdout(Stdio::piped())
		.stderr(Stdio::piped())
		.spawn()
		.expect("the cpchain binary runs");
	if let Some(input) = stdin {
		child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
	}
	drop(child.stdin.take());
	child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
	String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn help_teaches_and_usage_errors_exit_2() {
	let dir = tempfile::tempdir().unwrap();
	let help = cpchain(dir.path(), &["--help"], None);
	assert_eq!(help.status.code(), Some(0));
	let help = text(&help.stdout);
	for word in ["account", "device", "data", "market", "agent", "Exit codes", "--json"] {
		assert!(help.contains(word), "--help lacks {word}: {help}");
	}
	assert_eq!(cpchain(dir.path(), &["fly"], None).status.code(), Some(2));
	assert_eq!(
		cpchain(dir.path(), &["market", "rate", "1", "9", "--from", "x"], None).status.code(),
		Some(2)
	);
}

#[test]
fn accounts_live_in_a_private_keystore() {
	let dir = tempfile::tempdir().unwrap();
	let made = cpchain(dir.path(), &["--json", "account", "new", "seller"], None);
	assert_eq!(made.status.code(), Some(0), "{}", text(&made.stderr));
	let made: serde_json::Value = serde_json::from_slice(&made.stdout).unwrap();
	assert!(made["secret"].is_null(), "the phrase is printed only when asked");
	let file = dir.path().join("accounts/seller.json");
	assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);

	let imported =
		cpchain(dir.path(), &["--json", "account", "import", "alice"], Some("//Alice\n"));
	assert_eq!(imported.status.code(), Some(0), "{}", text(&imported.stderr));
	let listed = cpchain(dir.path(), &["--json", "account", "list"], None);
	let listed: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
	let names: Vec<_> =
		listed["accounts"].as_array().unwrap().iter().map(|a| a["name"].clone()).collect();
	assert_eq!(names, ["alice", "seller"]);
	assert_eq!(
		listed["accounts"][0]["address"],
		"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
	);

	let again = cpchain(dir.path(), &["account", "import", "alice"], Some("//Bob"));
	assert_eq!(again.status.code(), Some(1));
	assert!(text(&again.stderr).contains("exists already"));
	let empty = cpchain(dir.path(), &["account", "import", "nobody"], Some(""));
	assert_eq!(empty.status.code(), Some(1));
	let bad = cpchain(dir.path(), &["account", "import", "bad"], Some("not a valid phrase at all"));
	assert_eq!(bad.status.code(), Some(1));
	assert!(!text(&bad.stderr).contains("valid phrase at"), "the secret is not echoed");
}

#[test]
fn bad_input_fails_before_the_chain_and_no_node_exits_4() {
	let dir = tempfile::tempdir().unwrap();
	let amount =
		cpchain(dir.path(), &["account", "transfer", "--from", "//Alice", "//Bob", "1.2.3"], None);
	assert_eq!(amount.status.code(), Some(1));
	assert!(text(&amount.stderr).contains("not an amount"));

	let readings = dir.path().join("readings.csv");
	std::fs::write(&readings, "timestamp,v\n1,2\nlater,3\n").unwrap();
	cpchain(dir.path(), &["device", "new", "meter"], None);
	let anchor = cpchain(
		dir.path(),
		&["device", "anchor", "meter", readings.to_str().unwrap(), "--from", "//Alice"],
		None,
	);
	assert_eq!(anchor.status.code(), Some(1));
	assert!(text(&anchor.stderr).contains("not registered yet"), "{}", text(&anchor.stderr));

	let offline = cpchain(dir.path(), &["--json", "account", "balance", "//Alice"], None);
	assert_eq!(offline.status.code(), Some(4));
	let error: serde_json::Value = serde_json::from_slice(&offline.stderr).unwrap();
	assert_eq!(error["exit_code"], 4);
	assert!(error["error"].as_str().unwrap().contains("cannot reach a node"));
}
