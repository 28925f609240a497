// This file is part of CPChain. SPDX-License-Identifier: GPL-3.0-only

//! Weights for `pallet_device_registry`, measured by `scripts/benchmark.sh`. Do not edit by hand.
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
// pallet_device_registry
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
// /root/.cache/cpchain-target/benchmarks/pallet_device_registry.json
// --output
// pallets/device-registry/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weights of the calls and hooks of `pallet_device_registry`.
pub trait WeightInfo {
	fn register_device() -> Weight;
	fn update_metadata() -> Weight;
	fn rotate_key() -> Weight;
	fn transfer_device() -> Weight;
	fn suspend_device() -> Weight;
	fn resume_device() -> Weight;
	fn deregister_device() -> Weight;
	fn revoke_device() -> Weight;
	fn anchor_data() -> Weight;
	fn anchor_batch(n: u32, ) -> Weight;
	fn authorize_gateway() -> Weight;
	fn revoke_gateway() -> Weight;
}

/// Measured weights, priced with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `DeviceRegistry::Keys` (r:1 w:1)
	/// Proof: `DeviceRegistry::Keys` (`max_values`: None, `max_size`: Some(87), added: 2562, mode: `MaxEncodedLen`)
	/// Storage: `System::BlockHash` (r:1 w:0)
	/// Proof: `System::BlockHash` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `DeviceRegistry::MetadataOf` (r:0 w:1)
	/// Proof: `DeviceRegistry::MetadataOf` (`max_values`: None, `max_size`: Some(2739), added: 5214, mode: `MaxEncodedLen`)
	/// Storage: `DeviceRegistry::OwnedDevices` (r:0 w:1)
	/// Proof: `DeviceRegistry::OwnedDevices` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `DeviceRegistry::Devices` (r:0 w:1)
	/// Proof: `DeviceRegistry::Devices` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	fn register_device() -> Weight {
		// Proof size: measured `337`, estimated `6196`.
		// Minimum execution time: 213_461_000 picoseconds.
		Weight::from_parts(213_461_000, 6196)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(7_u64))
	}
	/// Storage: `DeviceRegistry::Devices` (r:1 w:1)
	/// Proof: `DeviceRegistry::Devices` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `DeviceRegistry::MetadataOf` (r:0 w:1)
	/// Proof: `DeviceRegistry::MetadataOf` (`max_values`: None, `max_size`: Some(2739), added: 5214, mode: `MaxEncodedLen`)
	fn update_metadata() -> Weight {
		// Proof size: measured `473`, estimated `3748`.
		// Minimum execution time: 98_725_000 picoseconds.
		Weight::from_parts(98_725_000, 3748)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `DeviceRegistry::Devices` (r:1 w:1)
	/// Proof: `DeviceRegistry::Devices` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `DeviceRegistry::Keys` (r:2 w:2)
	/// Proof: `DeviceRegistry::Keys` (`max_values`: None, `max_size`: Some(87), added: 2562, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	fn rotate_key() -> Weight {
		// Proof size: measured `670`, estimated `6196`.
		// Minimum execution time: 193_944_000 picoseconds.
		Weight::from_parts(193_944_000, 6196)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `DeviceRegistry::Devices` (r:1 w:1)
	/// Proof: `DeviceRegistry::Devices` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `DeviceRegistry::MetadataOf` (r:1 w:0)
	/// Proof: `DeviceRegistry::MetadataOf` (`max_values`: None, `max_size`: Some(2739), added: 5214, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:2 w:2)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `DeviceRegistry::OwnedDevices` (r:0 w:2)
	/// Proof: `DeviceRegistry::OwnedDevices` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	fn transfer_device() -> Weight {
		// Proof size: measured `1619`, estimated `6506`.
		// Minimum execution time: 160_191_000 picoseconds.
		Weight::from_parts(160_191_000, 6506)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(7_u64))
	}
	/// Storage: `DeviceRegistry::Devices` (r:1 w:1)
	/// Proof: `DeviceRegistry::Devices` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	fn suspend_device() -> Weight {
		// Proof size: measured `315`, estimated `3647`.
		// Minimum execution time: 24_025_000 picoseconds.
		Weight::from_parts(24_025_000, 3647)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `DeviceRegistry::Devices` (r:1 w:1)
	/// Proof: `DeviceRegistry::Devices` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	fn resume_device() -> Weight {
		// Proof size: measured `315`, estimated `3647`.
		// Minimum execution time: 23_413_000 picoseconds.
		Weight::from_parts(23_413_000, 3647)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `DeviceRegistry::Devices` (r:1 w:1)
	/// Proof: `DeviceRegistry::Devices` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `DeviceRegistry::Keys` (r:1 w:1)
	/// Proof: `DeviceRegistry::Keys` (`max_values`: None, `max_size`: Some(87), added: 2562, mode: `MaxEncodedLen`)
	/// Storage: `DeviceRegistry::MetadataOf` (r:0 w:1)
	/// Proof: `DeviceRegistry::MetadataOf` (`max_values`: None, `max_size`: Some(2739), added: 5214, mode: `MaxEncodedLen`)
	/// Storage: `DeviceRegistry::OwnedDevices` (r:0 w:1)
	/// Proof: `DeviceRegistry::OwnedDevices` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	fn deregister_device() -> Weight {
		// Proof size: measured `551`, estimated `3748`.
		// Minimum execution time: 89_437_000 picoseconds.
		Weight::from_parts(89_437_000, 3748)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Storage: `DeviceRegistry::Devices` (r:1 w:1)
	/// Proof: `DeviceRegistry::Devices` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `DeviceRegistry::Keys` (r:1 w:1)
	/// Proof: `DeviceRegistry::Keys` (`max_values`: None, `max_size`: Some(87), added: 2562, mode: `MaxEncodedLen`)
	fn revoke_device() -> Weight {
		// Proof size: measured `393`, estimated `3647`.
		// Minimum execution time: 30_728_000 picoseconds.
		Weight::from_parts(30_728_000, 3647)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `DeviceRegistry::Devices` (r:1 w:1)
	/// Proof: `DeviceRegistry::Devices` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `DeviceRegistry::Gateways` (r:1 w:0)
	/// Proof: `DeviceRegistry::Gateways` (`max_values`: None, `max_size`: Some(112), added: 2587, mode: `MaxEncodedLen`)
	fn anchor_data() -> Weight {
		// Proof size: measured `453`, estimated `3647`.
		// Minimum execution time: 83_516_000 picoseconds.
		Weight::from_parts(83_516_000, 3647)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `DeviceRegistry::Devices` (r:999 w:999)
	/// Proof: `DeviceRegistry::Devices` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `DeviceRegistry::Gateways` (r:999 w:0)
	/// Proof: `DeviceRegistry::Gateways` (`max_values`: None, `max_size`: Some(112), added: 2587, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[1, 1000]`.
	fn anchor_batch(n: u32, ) -> Weight {
		// Proof size: measured `213 + n * (308 ±0)`, estimated `990 + n * (2657 ±0)`.
		// Minimum execution time: 122_500_000 picoseconds.
		Weight::from_parts(30_387_310, 990)
			.saturating_add(Weight::from_parts(92_112_690, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2657).saturating_mul(n.into()))
	}
	/// Storage: `DeviceRegistry::Gateways` (r:1 w:1)
	/// Proof: `DeviceRegistry::Gateways` (`max_values`: None, `max_size`: Some(112), added: 2587, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	fn authorize_gateway() -> Weight {
		// Proof size: measured `109`, estimated `3748`.
		// Minimum execution time: 84_890_000 picoseconds.
		Weight::from_parts(84_890_000, 3748)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `DeviceRegistry::Gateways` (r:1 w:1)
	/// Proof: `DeviceRegistry::Gateways` (`max_values`: None, `max_size`: Some(112), added: 2587, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	fn revoke_gateway() -> Weight {
		// Proof size: measured `301`, estimated `3748`.
		// Minimum execution time: 74_029_000 picoseconds.
		Weight::from_parts(74_029_000, 3748)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
}

/// The same measurements priced with RocksDB weights, for tests and mock runtimes.
impl WeightInfo for () {
	fn register_device() -> Weight {
		Weight::from_parts(213_461_000, 6196)
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(7_u64))
	}
	fn update_metadata() -> Weight {
		Weight::from_parts(98_725_000, 3748)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn rotate_key() -> Weight {
		Weight::from_parts(193_944_000, 6196)
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn transfer_device() -> Weight {
		Weight::from_parts(160_191_000, 6506)
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(7_u64))
	}
	fn suspend_device() -> Weight {
		Weight::from_parts(24_025_000, 3647)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn resume_device() -> Weight {
		Weight::from_parts(23_413_000, 3647)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn deregister_device() -> Weight {
		Weight::from_parts(89_437_000, 3748)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn revoke_device() -> Weight {
		Weight::from_parts(30_728_000, 3647)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn anchor_data() -> Weight {
		Weight::from_parts(83_516_000, 3647)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn anchor_batch(n: u32, ) -> Weight {
		Weight::from_parts(30_387_310, 990)
			.saturating_add(Weight::from_parts(92_112_690, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2657).saturating_mul(n.into()))
	}
	fn authorize_gateway() -> Weight {
		Weight::from_parts(84_890_000, 3748)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn revoke_gateway() -> Weight {
		Weight::from_parts(74_029_000, 3748)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
}
