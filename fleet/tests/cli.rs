//! The `cpchain-fleet` binary without a chain: usage and exit codes. (With a chain, a broker and
//! a gateway, tests/e2e/gateway.test.mjs runs it end to end.)

use std::process::{Command, Output};

fn fleet(args: &[&str]) -> Output {
	Command::new(env!("CARGO_BIN_EXE_cpchain-fleet"))
		.args(args)
		.env_remove("CPCHAIN_URL")
		.output()
		.expect("the fleet binary runs")
}

fn text(bytes: &[u8]) -> String {
	String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn help_teaches_and_bad_input_gets_the_documented_exit_codes() {
	let help = fleet(&["--help"]);
	assert_eq!(help.status.code(), Some(0));
	let help = text(&help.stdout);
	for words in ["--vehicles", "--rate", "p99", "Exit codes"] {
		assert!(help.contains(words), "--help lacks {words}: {help}");
	}
	assert_eq!(fleet(&["--rate", "many"]).status.code(), Some(2));
	let none = fleet(&["--vehicles", "0"]);
	assert_eq!(none.status.code(), Some(1));
	assert!(text(&none.stderr).contains("at least 1"), "{}", text(&none.stderr));
	let no_node = fleet(&["--url", "ws://127.0.0.1:9"]);
	assert_eq!(no_node.status.code(), Some(4));
	assert!(text(&no_node.stderr).contains("cannot reach a node"), "{}", text(&no_node.stderr));
}
