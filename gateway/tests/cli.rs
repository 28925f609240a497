//! The `cpchain-gateway` binary without a chain: usage and exit codes. (With a chain, a broker
//! and a fleet, tests/e2e/gateway.test.mjs runs it end to end.)

use std::process::{Command, Output};

fn gateway(args: &[&str]) -> Output {
	Command::new(env!("CARGO_BIN_EXE_cpchain-gateway"))
		.args(args)
		.env_remove("CPCHAIN_URL")
		.output()
		.expect("the gateway binary runs")
}

fn text(bytes: &[u8]) -> String {
	String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn help_teaches_and_bad_input_gets_the_documented_exit_codes() {
	let help = gateway(&["run", "--help"]);
	assert_eq!(help.status.code(), Some(0));
	let help = text(&help.stdout);
	for words in ["cpchain/devices/<device id>/readings", "schema", "Exit codes", "--data-dir"] {
		assert!(help.contains(words), "--help lacks {words}: {help}");
	}
	assert_eq!(gateway(&["run", "--data-dir", "x"]).status.code(), Some(2), "no --account");

	let data = tempfile::tempdir().unwrap();
	let data = data.path().to_str().unwrap();
	let bad_broker =
		gateway(&["run", "--account", "//Bob", "--data-dir", data, "--mqtt", "localhost"]);
	assert_eq!(bad_broker.status.code(), Some(1));
	assert!(text(&bad_broker.stderr).contains("is not HOST:PORT"), "{}", text(&bad_broker.stderr));

	let no_node =
		gateway(&["run", "--account", "//Bob", "--data-dir", data, "--url", "ws://127.0.0.1:9"]);
	assert_eq!(no_node.status.code(), Some(4));
	assert!(text(&no_node.stderr).contains("cannot reach a node"), "{}", text(&no_node.stderr));
}
