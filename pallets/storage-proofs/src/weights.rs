// This file is part of CPChain. SPDX-License-Identifier: GPL-3.0-only

//! Weights for `pallet_storage_proofs`, measured by `scripts/benchmark.sh`. Do not edit by hand.
//!
//! Benchmark CLI 64.0.0, 2026-11-30.
//! Steps: `50`, repeat: `20`, wasm execution: `Compiled`.
//! Machine: `vm`, CPU: `AMD EPYC`.

// Command:
// /root/.cache/cpchain-target/release/cpchain-node
// benchmark
// pallet
// --runtime
// /root/.cache/cpchain-target/debug/wbuild/cpchain-runtime/cpchain_runtime.wasm
// --genesis-builder-preset
// development
// --pallet
// pallet_storage_proofs
// --extrinsic
// *
// --steps
// 50
// --repeat
// 20
// --wasm-execution
// compiled
// --template
// .maintain/frame-weight-template.hbs
// --json-file
// /root/.cache/cpchain-target/benchmarks/pallet_storage_proofs.json
// --output
// pallets/storage-proofs/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weights of the calls and hooks of `pallet_storage_proofs`.
pub trait WeightInfo {
	fn register_provider() -> Weight;
	fn update_provider() -> Weight;
	fn bond_extra() -> Weight;
	fn unregister_provider() -> Weight;
	fn withdraw_stake() -> Weight;
	fn place_order() -> Weight;
	fn accept_order() -> Weight;
	fn leave_replica() -> Weight;
	fn end_order(r: u32, ) -> Weight;
	fn submit_proof() -> Weight;
	fn expire_challenges(n: u32, ) -> Weight;
	fn issue_challenges(n: u32, ) -> Weight;
}

/// Measured weights, priced with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `StorageProofs::Providers` (r:1 w:1)
	/// Proof: `StorageProofs::Providers` (`max_values`: None, `max_size`: Some(399), added: 2874, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	fn register_provider() -> Weight {
		// Proof size: measured `213`, estimated `3864`.
		// Minimum execution time: 85_731_000 picoseconds.
		Weight::from_parts(85_731_000, 3864)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `StorageProofs::Providers` (r:1 w:1)
	/// Proof: `StorageProofs::Providers` (`max_values`: None, `max_size`: Some(399), added: 2874, mode: `MaxEncodedLen`)
	fn update_provider() -> Weight {
		// Proof size: measured `429`, estimated `3864`.
		// Minimum execution time: 23_795_000 picoseconds.
		Weight::from_parts(23_795_000, 3864)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `StorageProofs::Providers` (r:1 w:1)
	/// Proof: `StorageProofs::Providers` (`max_values`: None, `max_size`: Some(399), added: 2874, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	fn bond_extra() -> Weight {
		// Proof size: measured `691`, estimated `3864`.
		// Minimum execution time: 94_628_000 picoseconds.
		Weight::from_parts(94_628_000, 3864)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `StorageProofs::Providers` (r:1 w:1)
	/// Proof: `StorageProofs::Providers` (`max_values`: None, `max_size`: Some(399), added: 2874, mode: `MaxEncodedLen`)
	/// Storage: `ParachainSystem::ValidationData` (r:1 w:0)
	/// Proof: `ParachainSystem::ValidationData` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `ParachainSystem::LastRelayChainBlockNumber` (r:1 w:0)
	/// Proof: `ParachainSystem::LastRelayChainBlockNumber` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	fn unregister_provider() -> Weight {
		// Proof size: measured `429`, estimated `3864`.
		// Minimum execution time: 26_469_000 picoseconds.
		Weight::from_parts(26_469_000, 3864)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `StorageProofs::Providers` (r:1 w:1)
	/// Proof: `StorageProofs::Providers` (`max_values`: None, `max_size`: Some(399), added: 2874, mode: `MaxEncodedLen`)
	/// Storage: `ParachainSystem::ValidationData` (r:1 w:0)
	/// Proof: `ParachainSystem::ValidationData` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	fn withdraw_stake() -> Weight {
		// Proof size: measured `724`, estimated `3864`.
		// Minimum execution time: 82_665_000 picoseconds.
		Weight::from_parts(82_665_000, 3864)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::NextOrderId` (r:1 w:1)
	/// Proof: `StorageProofs::NextOrderId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::Orders` (r:0 w:1)
	/// Proof: `StorageProofs::Orders` (`max_values`: None, `max_size`: Some(160), added: 2635, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::OrdersOf` (r:0 w:1)
	/// Proof: `StorageProofs::OrdersOf` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	fn place_order() -> Weight {
		// Proof size: measured `109`, estimated `3748`.
		// Minimum execution time: 145_603_000 picoseconds.
		Weight::from_parts(145_603_000, 3748)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `StorageProofs::Providers` (r:1 w:1)
	/// Proof: `StorageProofs::Providers` (`max_values`: None, `max_size`: Some(399), added: 2874, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::Orders` (r:1 w:1)
	/// Proof: `StorageProofs::Orders` (`max_values`: None, `max_size`: Some(160), added: 2635, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::Replicas` (r:1 w:1)
	/// Proof: `StorageProofs::Replicas` (`max_values`: None, `max_size`: Some(88), added: 2563, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::ReplicaCount` (r:1 w:1)
	/// Proof: `StorageProofs::ReplicaCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::ReplicaAt` (r:0 w:1)
	/// Proof: `StorageProofs::ReplicaAt` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::DrawWeights` (r:0 w:1)
	/// Proof: `StorageProofs::DrawWeights` (`max_values`: None, `max_size`: Some(20), added: 2495, mode: `MaxEncodedLen`)
	fn accept_order() -> Weight {
		// Proof size: measured `676`, estimated `3864`.
		// Minimum execution time: 50_395_000 picoseconds.
		Weight::from_parts(50_395_000, 3864)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Storage: `StorageProofs::Providers` (r:1 w:1)
	/// Proof: `StorageProofs::Providers` (`max_values`: None, `max_size`: Some(399), added: 2874, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::Orders` (r:1 w:1)
	/// Proof: `StorageProofs::Orders` (`max_values`: None, `max_size`: Some(160), added: 2635, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::Replicas` (r:2 w:2)
	/// Proof: `StorageProofs::Replicas` (`max_values`: None, `max_size`: Some(88), added: 2563, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::OpenChallenge` (r:1 w:0)
	/// Proof: `StorageProofs::OpenChallenge` (`max_values`: None, `max_size`: Some(72), added: 2547, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::ReplicaCount` (r:1 w:1)
	/// Proof: `StorageProofs::ReplicaCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:2 w:2)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:3 w:3)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::ReplicaAt` (r:1 w:2)
	/// Proof: `StorageProofs::ReplicaAt` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::DrawWeights` (r:2 w:3)
	/// Proof: `StorageProofs::DrawWeights` (`max_values`: None, `max_size`: Some(20), added: 2495, mode: `MaxEncodedLen`)
	fn leave_replica() -> Weight {
		// Proof size: measured `2064`, estimated `8799`.
		// Minimum execution time: 256_922_000 picoseconds.
		Weight::from_parts(256_922_000, 8799)
			.saturating_add(T::DbWeight::get().reads(14_u64))
			.saturating_add(T::DbWeight::get().writes(15_u64))
	}
	/// Storage: `StorageProofs::Orders` (r:1 w:1)
	/// Proof: `StorageProofs::Orders` (`max_values`: None, `max_size`: Some(160), added: 2635, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::ReplicaCount` (r:1 w:1)
	/// Proof: `StorageProofs::ReplicaCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::Replicas` (r:9 w:8)
	/// Proof: `StorageProofs::Replicas` (`max_values`: None, `max_size`: Some(88), added: 2563, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:9 w:9)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::ReplicaAt` (r:4 w:8)
	/// Proof: `StorageProofs::ReplicaAt` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::DrawWeights` (r:7 w:8)
	/// Proof: `StorageProofs::DrawWeights` (`max_values`: None, `max_size`: Some(20), added: 2495, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::OpenChallenge` (r:8 w:8)
	/// Proof: `StorageProofs::OpenChallenge` (`max_values`: None, `max_size`: Some(72), added: 2547, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::Providers` (r:8 w:8)
	/// Proof: `StorageProofs::Providers` (`max_values`: None, `max_size`: Some(399), added: 2874, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::OrdersOf` (r:0 w:1)
	/// Proof: `StorageProofs::OrdersOf` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::Challenges` (r:0 w:8)
	/// Proof: `StorageProofs::Challenges` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	/// The range of component `r` is `[1, 8]`.
	fn end_order(r: u32, ) -> Weight {
		// Proof size: measured `1130 + r * (401 ±0)`, estimated `3748 + r * (2874 ±76)`.
		// Minimum execution time: 216_386_000 picoseconds.
		Weight::from_parts(93_509_524, 3748)
			.saturating_add(Weight::from_parts(122_876_476, 0).saturating_mul(r.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().reads((5_u64).saturating_mul(r.into())))
			.saturating_add(T::DbWeight::get().writes(5_u64))
			.saturating_add(T::DbWeight::get().writes((7_u64).saturating_mul(r.into())))
			.saturating_add(Weight::from_parts(0, 2874).saturating_mul(r.into()))
	}
	/// Storage: `StorageProofs::Challenges` (r:1 w:1)
	/// Proof: `StorageProofs::Challenges` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::Orders` (r:1 w:1)
	/// Proof: `StorageProofs::Orders` (`max_values`: None, `max_size`: Some(160), added: 2635, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::Replicas` (r:1 w:1)
	/// Proof: `StorageProofs::Replicas` (`max_values`: None, `max_size`: Some(88), added: 2563, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::Providers` (r:1 w:1)
	/// Proof: `StorageProofs::Providers` (`max_values`: None, `max_size`: Some(399), added: 2874, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::OpenChallenge` (r:0 w:1)
	/// Proof: `StorageProofs::OpenChallenge` (`max_values`: None, `max_size`: Some(72), added: 2547, mode: `MaxEncodedLen`)
	fn submit_proof() -> Weight {
		// Proof size: measured `1421`, estimated `6196`.
		// Minimum execution time: 158_558_000 picoseconds.
		Weight::from_parts(158_558_000, 6196)
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	/// Storage: `StorageProofs::Round` (r:1 w:1)
	/// Proof: `StorageProofs::Round` (`max_values`: Some(1), `max_size`: Some(514), added: 1009, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::Challenges` (r:64 w:64)
	/// Proof: `StorageProofs::Challenges` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::Orders` (r:64 w:64)
	/// Proof: `StorageProofs::Orders` (`max_values`: None, `max_size`: Some(160), added: 2635, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::Replicas` (r:64 w:64)
	/// Proof: `StorageProofs::Replicas` (`max_values`: None, `max_size`: Some(88), added: 2563, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::Providers` (r:64 w:64)
	/// Proof: `StorageProofs::Providers` (`max_values`: None, `max_size`: Some(399), added: 2874, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:64 w:64)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:66 w:66)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::ReplicaCount` (r:1 w:1)
	/// Proof: `StorageProofs::ReplicaCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::ReplicaAt` (r:32 w:64)
	/// Proof: `StorageProofs::ReplicaAt` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::DrawWeights` (r:33 w:64)
	/// Proof: `StorageProofs::DrawWeights` (`max_values`: None, `max_size`: Some(20), added: 2495, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::OpenChallenge` (r:0 w:64)
	/// Proof: `StorageProofs::OpenChallenge` (`max_values`: None, `max_size`: Some(72), added: 2547, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[0, 64]`.
	fn expire_challenges(n: u32, ) -> Weight {
		// Proof size: measured `1058 + n * (539 ±0)`, estimated `6196 + n * (2874 ±0)`.
		// Minimum execution time: 4_028_000 picoseconds.
		Weight::from_parts(4_028_000, 6196)
			.saturating_add(Weight::from_parts(214_899_768, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().reads((7_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(4_u64))
			.saturating_add(T::DbWeight::get().writes((9_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2874).saturating_mul(n.into()))
	}
	/// Storage: `StorageProofs::ReplicaCount` (r:1 w:0)
	/// Proof: `StorageProofs::ReplicaCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: UNKNOWN KEY `0x47170a2135a73b2943b728538762487a` (r:1 w:0)
	/// Proof: UNKNOWN KEY `0x47170a2135a73b2943b728538762487a` (r:1 w:0)
	/// Storage: `StorageProofs::NextChallengeId` (r:1 w:1)
	/// Proof: `StorageProofs::NextChallengeId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::DrawWeights` (r:64 w:0)
	/// Proof: `StorageProofs::DrawWeights` (`max_values`: None, `max_size`: Some(20), added: 2495, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::ReplicaAt` (r:64 w:0)
	/// Proof: `StorageProofs::ReplicaAt` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::Replicas` (r:64 w:0)
	/// Proof: `StorageProofs::Replicas` (`max_values`: None, `max_size`: Some(88), added: 2563, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::Orders` (r:64 w:0)
	/// Proof: `StorageProofs::Orders` (`max_values`: None, `max_size`: Some(160), added: 2635, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::Round` (r:0 w:1)
	/// Proof: `StorageProofs::Round` (`max_values`: Some(1), `max_size`: Some(514), added: 1009, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::OpenChallenge` (r:0 w:64)
	/// Proof: `StorageProofs::OpenChallenge` (`max_values`: None, `max_size`: Some(72), added: 2547, mode: `MaxEncodedLen`)
	/// Storage: `StorageProofs::Challenges` (r:0 w:64)
	/// Proof: `StorageProofs::Challenges` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[0, 64]`.
	fn issue_challenges(n: u32, ) -> Weight {
		// Proof size: measured `324 + n * (229 ±0)`, estimated `3795 + n * (2635 ±0)`.
		// Minimum execution time: 5_290_000 picoseconds.
		Weight::from_parts(5_290_000, 3795)
			.saturating_add(Weight::from_parts(51_211_713, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().reads((4_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(2_u64))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2635).saturating_mul(n.into()))
	}
}

/// The same measurements priced with RocksDB weights, for tests and mock runtimes.
impl WeightInfo for () {
	fn register_provider() -> Weight {
		Weight::from_parts(85_731_000, 3864)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn update_provider() -> Weight {
		Weight::from_parts(23_795_000, 3864)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn bond_extra() -> Weight {
		Weight::from_parts(94_628_000, 3864)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn unregister_provider() -> Weight {
		Weight::from_parts(26_469_000, 3864)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn withdraw_stake() -> Weight {
		Weight::from_parts(82_665_000, 3864)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn place_order() -> Weight {
		Weight::from_parts(145_603_000, 3748)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn accept_order() -> Weight {
		Weight::from_parts(50_395_000, 3864)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn leave_replica() -> Weight {
		Weight::from_parts(256_922_000, 8799)
			.saturating_add(RocksDbWeight::get().reads(14_u64))
			.saturating_add(RocksDbWeight::get().writes(15_u64))
	}
	fn end_order(r: u32, ) -> Weight {
		Weight::from_parts(93_509_524, 3748)
			.saturating_add(Weight::from_parts(122_876_476, 0).saturating_mul(r.into()))
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().reads((5_u64).saturating_mul(r.into())))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
			.saturating_add(RocksDbWeight::get().writes((7_u64).saturating_mul(r.into())))
			.saturating_add(Weight::from_parts(0, 2874).saturating_mul(r.into()))
	}
	fn submit_proof() -> Weight {
		Weight::from_parts(158_558_000, 6196)
			.saturating_add(RocksDbWeight::get().reads(7_u64))
			.saturating_add(RocksDbWeight::get().writes(8_u64))
	}
	fn expire_challenges(n: u32, ) -> Weight {
		Weight::from_parts(4_028_000, 6196)
			.saturating_add(Weight::from_parts(214_899_768, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().reads((7_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
			.saturating_add(RocksDbWeight::get().writes((9_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2874).saturating_mul(n.into()))
	}
	fn issue_challenges(n: u32, ) -> Weight {
		Weight::from_parts(5_290_000, 3795)
			.saturating_add(Weight::from_parts(51_211_713, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().reads((4_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2635).saturating_mul(n.into()))
	}
}
