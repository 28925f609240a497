//! The chain specs built into the node.

use cpchain_primitives::chain::{PARA_ID, TOKEN_DECIMALS, TOKEN_SYMBOL};
use polkadot_omni_node_lib::chain_spec::{ChainSpec, Extensions, GenericChainSpec, LoadSpec};
use sc_chain_spec::{ChainType, Properties};
use sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};

/// Relay chain the built-in specs name; the dev chain never connects to it.
const RELAY_CHAIN: &str = "rococo-local";

/// Resolves `--chain`: `dev`, `local`, or a path to a chain spec file.
pub struct Loader;

impl LoadSpec for Loader {
	fn load_spec(&self, id: &str) -> Result<Box<dyn ChainSpec>, String> {
		match id {
			"dev" => built_in("CPChain Development", "cpchain_dev", ChainType::Development, DEV_RUNTIME_PRESET),
			"local" => built_in(
				"CPChain Local Testnet",
				"cpchain_local",
				ChainType::Local,
				LOCAL_TESTNET_RUNTIME_PRESET,
			),
			"" => Err("no chain given: use `--dev`, `--chain dev`, `--chain local` or `--chain <path to a chain spec JSON file>`".into()),
			path if std::path::Path::new(path).is_file() => {
				Ok(Box::new(GenericChainSpec::from_json_file(path.into())?))
			},
			other => Err(format!(
				"unknown chain `{other}`: expected `dev`, `local` or the path to a chain spec JSON file (no such file)"
			)),
		}
	}
}

fn built_in(
	name: &str,
	id: &str,
	chain_type: ChainType,
	preset: &str,
) -> Result<Box<dyn ChainSpec>, String> {
	let wasm = cpchain_runtime_wasm::WASM_BINARY
		.ok_or("this node was built without the runtime WASM (SKIP_WASM_BUILD was set)")?;
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), 42.into());
	Ok(Box::new(
		GenericChainSpec::builder(wasm, Extensions::new(RELAY_CHAIN.into(), PARA_ID))
			.with_name(name)
			.with_id(id)
			.with_chain_type(chain_type)
			.with_protocol_id(id)
			.with_genesis_config_preset_name(preset)
			.with_properties(properties)
			.build(),
	))
}
