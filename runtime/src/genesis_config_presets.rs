//! Genesis presets: `development` (one collator, Alice) and `local_testnet` (Alice and Bob).
//! The well-known dev accounts are funded; Alice is sudo. The treasury exists from genesis, so
//! that slashes and fees too small to open an account are never lost on their way to it.

use alloc::{vec, vec::Vec};
use cumulus_primitives_core::ParaId;
use frame_support::build_struct_json_patch;
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::Sr25519Keyring;

use crate::{
	configs::TreasuryAccount, AccountId, AuraId, BalancesConfig, CollatorSelectionConfig,
	ParachainInfoConfig, PolkadotXcmConfig, RuntimeGenesisConfig, SessionConfig, SessionKeys,
	SudoConfig, CPC, EXISTENTIAL_DEPOSIT, PARA_ID,
};

/// Balance of each funded dev account.
const ENDOWMENT: u128 = 1_000_000 * CPC;
/// Bond a collator candidate puts up.
const CANDIDACY_BOND: u128 = 16 * CPC;
/// Bonded candidates that become collators next to the invulnerables, highest bonds first.
const DESIRED_CANDIDATES: u32 = 8;

fn genesis(collators: Vec<(AccountId, AuraId)>) -> serde_json::Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: Sr25519Keyring::well_known()
				.map(|account| (account.to_account_id(), ENDOWMENT))
				.chain([(TreasuryAccount::get(), EXISTENTIAL_DEPOSIT)])
				.collect(),
		},
		parachain_info: ParachainInfoConfig { parachain_id: ParaId::from(PARA_ID) },
		collator_selection: CollatorSelectionConfig {
			invulnerables: collators.iter().map(|(account, _)| account.clone()).collect(),
			candidacy_bond: CANDIDACY_BOND,
			desired_candidates: DESIRED_CANDIDATES,
		},
		session: SessionConfig {
			keys: collators
				.into_iter()
				.map(|(account, aura)| (account.clone(), account, SessionKeys { aura }))
				.collect(),
		},
		polkadot_xcm: PolkadotXcmConfig {
			safe_xcm_version: Some(staging_xcm::prelude::XCM_VERSION)
		},
		sudo: SudoConfig { key: Some(Sr25519Keyring::Alice.to_account_id()) },
	})
}

fn collator(keyring: Sr25519Keyring) -> (AccountId, AuraId) {
	(keyring.to_account_id(), keyring.public().into())
}

/// The JSON patch of a named preset.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		DEV_RUNTIME_PRESET => genesis(vec![collator(Sr25519Keyring::Alice)]),
		LOCAL_TESTNET_RUNTIME_PRESET => {
			genesis(vec![collator(Sr25519Keyring::Alice), collator(Sr25519Keyring::Bob)])
		},
		_ => return None,
	};
	serde_json::to_vec(&patch).ok()
}

/// Names of the presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![PresetId::from(DEV_RUNTIME_PRESET), PresetId::from(LOCAL_TESTNET_RUNTIME_PRESET)]
}

/// The genesis state of preset `name`, as a node builds it: the preset's patch over the
/// default configuration.
#[cfg(test)]
pub(crate) fn preset_storage(name: &str) -> sp_runtime::Storage {
	let patch = get_preset(&PresetId::from(name)).expect("a known preset");
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	tests::json_patch_merge(&mut config, serde_json::from_slice(&patch).unwrap());
	let config: RuntimeGenesisConfig = serde_json::from_value(config).unwrap();
	sp_runtime::BuildStorage::build_storage(&config).expect("genesis builds")
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn every_preset_builds_a_genesis_state() {
		for name in preset_names() {
			preset_storage(&name);
		}
		assert!(get_preset(&PresetId::from("mainnet")).is_none());
	}

	pub(super) fn json_patch_merge(base: &mut serde_json::Value, patch: serde_json::Value) {
		match (base, patch) {
			(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
				for (key, value) in patch {
					json_patch_merge(base.entry(key).or_insert(serde_json::Value::Null), value);
				}
			},
			(base, patch) => *base = patch,
		}
	}
}
