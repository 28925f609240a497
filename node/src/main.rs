//! `cpchain-node`: the CPChain collator.
//!
//! The collator, dev-seal and benchmark machinery come from `polkadot-omni-node-lib`; this
//! binary adds the CPChain chain specs (`dev`, `local`) built from the runtime it embeds, and
//! `benchmark-overhead`, which the library's `benchmark overhead` refuses.

mod chain_spec;

use cumulus_client_service::ParachainHostFunctions;
use frame_benchmarking_cli::{OpaqueBlock, OverheadCmd};
use polkadot_omni_node_lib::{
	extra_subcommand::{DefaultExtraSubcommands, ExtraSubcommand},
	runtime::DefaultRuntimeResolver,
	CliConfig, RunConfig,
};
use std::{ffi::OsString, os::unix::process::CommandExt};

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

/// Subcommands beside omni-node's own.
#[derive(Debug, clap::Subcommand)]
enum Extra {
	#[command(flatten)]
	Default(DefaultExtraSubcommands),
	/// Measure this machine's per-block and per-extrinsic execution overhead of the runtime
	/// (`benchmark overhead`, which omni-node does not serve) and write `BlockExecutionWeight`
	/// and `ExtrinsicBaseWeight` into `--weight-path` (a directory). Example:
	/// `benchmark-overhead --runtime cpchain_runtime.compact.compressed.wasm
	/// --genesis-builder runtime --para-id 2000 --weight-path runtime/src/weights`
	/// (scripts/bench-overhead.sh).
	BenchmarkOverhead(OverheadCmd),
}

impl ExtraSubcommand for Extra {
	fn handle(self, config: &RunConfig) -> sc_cli::Result<()> {
		match self {
			Extra::Default(cmd) => cmd.handle(config),
			Extra::BenchmarkOverhead(cmd) => {
				cmd.run_with_default_builder_and_spec::<OpaqueBlock, ParachainHostFunctions>(None)
			},
		}
	}
}

/// Subcommands of the node: they run without `--database` being added.
const SUBCOMMANDS: &[&str] = &[
	"benchmark",
	"benchmark-overhead",
	"build-spec",
	"chain-spec-builder",
	"check-block",
	"export-blocks",
	"export-chain-spec",
	"export-genesis-head",
	"export-genesis-state",
	"export-genesis-wasm",
	"export-state",
	"help",
	"import-blocks",
	"key",
	"purge-chain",
	"revert",
];

/// The node's arguments with `--database paritydb` added when the node is run (no subcommand)
/// without a database chosen: the runtime's storage weights are ParityDB's, measured on it
/// (`scripts/bench-db.sh`: reads 3.3 and writes 2 times faster than RocksDB here). Arguments
/// after `--` are the embedded relay chain node's and are left as they are.
fn with_default_database(args: Vec<OsString>) -> Vec<OsString> {
	let ours = args.iter().skip(1).take_while(|a| a.as_os_str() != "--");
	let chosen = ours.clone().filter_map(|a| a.to_str()).any(|a| {
		a == "--database" || a == "--db" || a.starts_with("--database=") || a.starts_with("--db=")
	});
	let subcommand = ours.filter_map(|a| a.to_str()).any(|a| SUBCOMMANDS.contains(&a));
	if chosen || subcommand || args.is_empty() {
		return args;
	}
	let mut with = args;
	with.splice(1..1, ["--database".into(), "paritydb".into()]);
	with
}

fn main() -> sc_cli::Result<()> {
	let args: Vec<OsString> = std::env::args_os().collect();
	let with = with_default_database(args.clone());
	if with != args {
		// The CLI reads the process's own arguments: run again with the database added.
		let error = std::process::Command::new(std::env::current_exe()?).args(&with[1..]).exec();
		return Err(sc_cli::Error::Input(format!("cannot run with --database paritydb: {error}")));
	}
	let config = RunConfig::new(Box::new(DefaultRuntimeResolver), Box::new(chain_spec::Loader));
	polkadot_omni_node_lib::run_with_custom_cli::<Cli, Extra>(config)
}
