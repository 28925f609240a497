//! `polkadot-prepare-worker`: the process in which the relay node compiles parachain validation code.
//! The node starts it only when `--version` prints the node's own version.

polkadot_node_core_pvf_common::decl_worker_main!(
	"prepare-worker",
	polkadot_node_core_pvf_prepare_worker::worker_entrypoint,
	polkadot_cli::NODE_VERSION,
	concat!("cpchain-relay-", env!("CARGO_PKG_VERSION")),
);
