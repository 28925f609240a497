//! `cpchain-node`: the CPChain collator.
//!
//! The collator, dev-seal and benchmark machinery come from `polkadot-omni-node-lib`; this
//! binary adds the CPChain chain specs (`dev`, `local`) built from the runtime it embeds.

mod chain_spec;

use polkadot_omni_node_lib::{runtime::DefaultRuntimeResolver, CliConfig, RunConfig};

struct Cli;

impl CliConfig for Cli {
	fn impl_version() -> String {
		let commit = env!("SUBSTRATE_CLI_COMMIT_HASH");
		format!("{}-{commit}", env!("CARGO_PKG_VERSION"))
	}

	fn description(executable_name: String) -> String {
		format!(
			"CPChain collator: IoT data provenance, marketplace and storage proofs.\n\n\
			 Run a single-node dev chain:   {executable_name} --dev\n\
			 Run a collator:                {executable_name} --collator --chain <spec> [parachain-args] -- [relay-chain-args]\n\n\
			 Built-in chains: `dev` (no relay chain needed, blocks sealed on a timer) and `local` \
			 (para id 2000 on `rococo-local`); any other --chain is read as a chain spec file."
		)
	}

	fn author() -> String {
		env!("CARGO_PKG_AUTHORS").into()
	}

	fn support_url() -> String {
		"https://github.com/cpchain/cpchain-substrate/issues".into()
	}

	fn copyright_start_year() -> u16 {
		2026
	}
}

fn main() -> sc_cli::Result<()> {
	let config = RunConfig::new(Box::new(DefaultRuntimeResolver), Box::new(chain_spec::Loader));
	polkadot_omni_node_lib::run::<Cli>(config)
}
