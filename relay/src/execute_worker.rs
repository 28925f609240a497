//! `polkadot-execute-worker`: the process in which the relay node runs parachain validation code.
//! The node starts it only when `--version` prints the node's own version.

polkadot_node_core_pvf_common::decl_worker_main!(
	"execute-worker",
	polkadot_node_core_pvf_execute_worker::worker_entrypoint,
	polkadot_cli::NODE_VERSION,
	concat!("cpchain-relay-", env!("CARGO_PKG_VERSION")),
);
