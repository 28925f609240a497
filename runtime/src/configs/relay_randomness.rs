//! Randomness for storage challenges, taken from the relay chain.
//!
//! In every block, parachain-system hands the verified relay state proof to
//! [`RelayRandomness`] (its `OnSystemEvent`), which stores
//! `blake2_256(one-epoch-ago BABE randomness ++ relay block VRF output ++ relay parent storage
//! root)`. The epoch randomness cannot be chosen by anyone on the parachain; the VRF output and
//! the state root change with every relay block, so challenges are not known an epoch ahead.
//! Only a relay chain block author could bias the seed, by withholding its block.
//!
//! The `--dev` chain has no relay chain: the node simulates one, whose "randomness" is the
//! block number. Challenges there are predictable, which is fine for development and never the
//! case on a real relay chain.

use cumulus_pallet_parachain_system::{OnSystemEvent, RelayChainStateProof, ValidationData};
use cumulus_primitives_core::{relay_chain::well_known_keys, PersistedValidationData};
use frame_support::{parameter_types, traits::Randomness, weights::Weight};
use sp_core::H256;
use sp_runtime::traits::{BlakeTwo256, Hash};

use crate::{BlockNumber, Runtime, System};

parameter_types! {
	/// The latest seed drawn from the relay chain.
	pub storage RelaySeed: H256 = H256::zero();
}

/// Feeds [`RelaySeed`] from the relay chain and serves it as [`Randomness`].
pub struct RelayRandomness;

impl OnSystemEvent for RelayRandomness {
	fn on_validation_data(_: &PersistedValidationData) {}

	fn on_validation_code_applied() {}

	fn on_relay_state_proof(proof: &RelayChainStateProof) -> Weight {
		let epoch = proof
			.read_optional_entry::<[u8; 32]>(well_known_keys::ONE_EPOCH_AGO_RANDOMNESS)
			.ok()
			.flatten();
		// Stored by BABE as an `Option`: absent in the first block of an epoch.
		let vrf = proof
			.read_optional_entry::<Option<[u8; 32]>>(well_known_keys::CURRENT_BLOCK_RANDOMNESS)
			.ok()
			.flatten()
			.flatten();
		// Set by parachain-system just before this hook runs.
		let state_root =
			ValidationData::<Runtime>::get().map(|data| data.relay_parent_storage_root);
		RelaySeed::set(&BlakeTwo256::hash_of(&(epoch, vrf, state_root)));
		<Runtime as frame_system::Config>::DbWeight::get().reads_writes(1, 1)
	}
}

impl Randomness<H256, BlockNumber> for RelayRandomness {
	/// The seed of the current block, bound to `subject`.
	fn random(subject: &[u8]) -> (H256, BlockNumber) {
		(BlakeTwo256::hash_of(&(subject, RelaySeed::get())), System::block_number())
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use codec::Encode;
	use cumulus_test_relay_sproof_builder::RelayStateSproofBuilder;

	/// The seed `RelayRandomness` stores for a relay state with these values.
	fn seed(epoch: [u8; 32], vrf: Option<[u8; 32]>) -> H256 {
		let mut builder =
			RelayStateSproofBuilder { randomness: epoch.into(), ..Default::default() };
		if let Some(vrf) = vrf {
			builder
				.additional_key_values
				.push((well_known_keys::CURRENT_BLOCK_RANDOMNESS.to_vec(), Some(vrf).encode()));
		}
		let para_id = builder.para_id;
		let (root, proof) = builder.into_state_root_and_proof();
		let proof = RelayChainStateProof::new(para_id, root, proof).expect("valid proof");
		sp_io::TestExternalities::default().execute_with(|| {
			RelayRandomness::on_relay_state_proof(&proof);
			RelaySeed::get()
		})
	}

	#[test]
	fn the_seed_follows_epoch_randomness_and_the_relay_block_vrf() {
		let base = seed([1; 32], Some([2; 32]));
		assert_ne!(base, H256::zero());
		assert_eq!(base, seed([1; 32], Some([2; 32])));
		assert_ne!(base, seed([3; 32], Some([2; 32])));
		assert_ne!(base, seed([1; 32], Some([4; 32])));
		assert_ne!(base, seed([1; 32], None));
	}

	#[test]
	fn each_subject_gets_its_own_value() {
		sp_io::TestExternalities::default().execute_with(|| {
			RelaySeed::set(&H256::repeat_byte(9));
			let (a, _) = RelayRandomness::random(b"storage");
			let (b, _) = RelayRandomness::random(b"market");
			assert_ne!(a, b);
			RelaySeed::set(&H256::repeat_byte(8));
			assert_ne!(RelayRandomness::random(b"storage").0, a);
		});
	}
}
