// This file is part of CPChain. SPDX-License-Identifier: GPL-3.0-only

//! Weights for `pallet_aggregates`, measured by `scripts/benchmark.sh`. Do not edit by hand.
//!
//! Benchmark CLI 64.0.0, 2026-12-01.
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
// pallet_aggregates
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
// /root/.cache/cpchain-target/benchmarks/pallet_aggregates.json
// --output
// pallets/aggregates/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weights of the calls and hooks of `pallet_aggregates`.
pub trait WeightInfo {
	fn create_campaign(n: u32, ) -> Weight;
	fn join() -> Weight;
	fn leave() -> Weight;
	fn commit_key() -> Weight;
	fn publish_key(n: u32, ) -> Weight;
	fn confirm_key() -> Weight;
	fn complain() -> Weight;
	fn contribute(b: u32, ) -> Weight;
	fn submit_share() -> Weight;
	fn submit_total(t: u32, ) -> Weight;
	fn close_window(n: u32, ) -> Weight;
	fn cancel(n: u32, ) -> Weight;
	fn reap(n: u32, ) -> Weight;
}

/// Measured weights, priced with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(337), added: 2812, mode: `MaxEncodedLen`)
	/// Storage: `Aggregates::NextCampaignId` (r:1 w:1)
	/// Proof: `Aggregates::NextCampaignId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Aggregates::Campaigns` (r:0 w:1)
	/// Proof: `Aggregates::Campaigns` (`max_values`: None, `max_size`: Some(3186), added: 5661, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[1, 16]`.
	fn create_campaign(n: u32, ) -> Weight {
		// Proof size: measured `182`, estimated `3802`.
		// Minimum execution time: 87_133_000 picoseconds.
		Weight::from_parts(86_818_772, 3802)
			.saturating_add(Weight::from_parts(314_228, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `Aggregates::Campaigns` (r:1 w:0)
	/// Proof: `Aggregates::Campaigns` (`max_values`: None, `max_size`: Some(3186), added: 5661, mode: `MaxEncodedLen`)
	/// Storage: `Aggregates::Participants` (r:1 w:1)
	/// Proof: `Aggregates::Participants` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(337), added: 2812, mode: `MaxEncodedLen`)
	fn join() -> Weight {
		// Proof size: measured `1399`, estimated `6651`.
		// Minimum execution time: 99_346_000 picoseconds.
		Weight::from_parts(99_346_000, 6651)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Aggregates::Participants` (r:1 w:1)
	/// Proof: `Aggregates::Participants` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(337), added: 2812, mode: `MaxEncodedLen`)
	fn leave() -> Weight {
		// Proof size: measured `442`, estimated `3802`.
		// Minimum execution time: 81_482_000 picoseconds.
		Weight::from_parts(81_482_000, 3802)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Aggregates::Campaigns` (r:1 w:1)
	/// Proof: `Aggregates::Campaigns` (`max_values`: None, `max_size`: Some(3186), added: 5661, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(337), added: 2812, mode: `MaxEncodedLen`)
	fn commit_key() -> Weight {
		// Proof size: measured `2629`, estimated `6651`.
		// Minimum execution time: 137_537_000 picoseconds.
		Weight::from_parts(137_537_000, 6651)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Aggregates::Campaigns` (r:1 w:1)
	/// Proof: `Aggregates::Campaigns` (`max_values`: None, `max_size`: Some(3186), added: 5661, mode: `MaxEncodedLen`)
	/// Storage: `Aggregates::Published` (r:0 w:1)
	/// Proof: `Aggregates::Published` (`max_values`: None, `max_size`: Some(1054), added: 3529, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[2, 16]`.
	fn publish_key(n: u32, ) -> Weight {
		// Proof size: measured `325 + n * (153 ±0)`, estimated `6651`.
		// Minimum execution time: 1_022_318_000 picoseconds.
		Weight::from_parts(0, 6651)
			.saturating_add(Weight::from_parts(822_720_161, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `Aggregates::Campaigns` (r:1 w:1)
	/// Proof: `Aggregates::Campaigns` (`max_values`: None, `max_size`: Some(3186), added: 5661, mode: `MaxEncodedLen`)
	/// Storage: `Aggregates::Published` (r:16 w:16)
	/// Proof: `Aggregates::Published` (`max_values`: None, `max_size`: Some(1054), added: 3529, mode: `MaxEncodedLen`)
	fn confirm_key() -> Weight {
		// Proof size: measured `3057`, estimated `57454`.
		// Minimum execution time: 276_405_000 picoseconds.
		Weight::from_parts(276_405_000, 57454)
			.saturating_add(T::DbWeight::get().reads(17_u64))
			.saturating_add(T::DbWeight::get().writes(17_u64))
	}
	/// Storage: `Aggregates::Campaigns` (r:1 w:1)
	/// Proof: `Aggregates::Campaigns` (`max_values`: None, `max_size`: Some(3186), added: 5661, mode: `MaxEncodedLen`)
	/// Storage: `Aggregates::Published` (r:16 w:16)
	/// Proof: `Aggregates::Published` (`max_values`: None, `max_size`: Some(1054), added: 3529, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:17 w:17)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(337), added: 2812, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:18 w:18)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	fn complain() -> Weight {
		// Proof size: measured `7312`, estimated `57454`.
		// Minimum execution time: 2_009_518_000 picoseconds.
		Weight::from_parts(2_009_518_000, 57454)
			.saturating_add(T::DbWeight::get().reads(52_u64))
			.saturating_add(T::DbWeight::get().writes(52_u64))
	}
	/// Storage: `Aggregates::Campaigns` (r:1 w:1)
	/// Proof: `Aggregates::Campaigns` (`max_values`: None, `max_size`: Some(3186), added: 5661, mode: `MaxEncodedLen`)
	/// Storage: `DeviceRegistry::Devices` (r:1 w:0)
	/// Proof: `DeviceRegistry::Devices` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Aggregates::Participants` (r:1 w:0)
	/// Proof: `Aggregates::Participants` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `System::BlockHash` (r:1 w:0)
	/// Proof: `System::BlockHash` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `Aggregates::Contributed` (r:1 w:1)
	/// Proof: `Aggregates::Contributed` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Aggregates::Windows` (r:1 w:1)
	/// Proof: `Aggregates::Windows` (`max_values`: None, `max_size`: Some(683), added: 3158, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(337), added: 2812, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// The range of component `b` is `[1, 18]`.
	fn contribute(b: u32, ) -> Weight {
		// Proof size: measured `3407`, estimated `6651`.
		// Minimum execution time: 1_417_203_000 picoseconds.
		Weight::from_parts(526_445_513, 6651)
			.saturating_add(Weight::from_parts(890_757_487, 0).saturating_mul(b.into()))
			.saturating_add(T::DbWeight::get().reads(9_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Storage: `Aggregates::Campaigns` (r:1 w:0)
	/// Proof: `Aggregates::Campaigns` (`max_values`: None, `max_size`: Some(3186), added: 5661, mode: `MaxEncodedLen`)
	/// Storage: `Aggregates::Windows` (r:1 w:1)
	/// Proof: `Aggregates::Windows` (`max_values`: None, `max_size`: Some(683), added: 3158, mode: `MaxEncodedLen`)
	fn submit_share() -> Weight {
		// Proof size: measured `2923`, estimated `6651`.
		// Minimum execution time: 476_609_000 picoseconds.
		Weight::from_parts(476_609_000, 6651)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Aggregates::Campaigns` (r:1 w:0)
	/// Proof: `Aggregates::Campaigns` (`max_values`: None, `max_size`: Some(3186), added: 5661, mode: `MaxEncodedLen`)
	/// Storage: `Aggregates::Windows` (r:1 w:1)
	/// Proof: `Aggregates::Windows` (`max_values`: None, `max_size`: Some(683), added: 3158, mode: `MaxEncodedLen`)
	/// The range of component `t` is `[1, 16]`.
	fn submit_total(t: u32, ) -> Weight {
		// Proof size: measured `2959`, estimated `6651`.
		// Minimum execution time: 406_238_000 picoseconds.
		Weight::from_parts(353_446_443, 6651)
			.saturating_add(Weight::from_parts(52_791_557, 0).saturating_mul(t.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Aggregates::Campaigns` (r:1 w:1)
	/// Proof: `Aggregates::Campaigns` (`max_values`: None, `max_size`: Some(3186), added: 5661, mode: `MaxEncodedLen`)
	/// Storage: `Aggregates::Windows` (r:1 w:1)
	/// Proof: `Aggregates::Windows` (`max_values`: None, `max_size`: Some(683), added: 3158, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:17 w:17)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(337), added: 2812, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:18 w:18)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[0, 16]`.
	fn close_window(n: u32, ) -> Weight {
		// Proof size: measured `5704`, estimated `48794 + n * (40 ±15)`.
		// Minimum execution time: 988_754_000 picoseconds.
		Weight::from_parts(988_754_000, 48794)
			.saturating_add(Weight::from_parts(71_297_299, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(37_u64))
			.saturating_add(T::DbWeight::get().writes(37_u64))
			.saturating_add(Weight::from_parts(0, 40).saturating_mul(n.into()))
	}
	/// Storage: `Aggregates::Campaigns` (r:1 w:1)
	/// Proof: `Aggregates::Campaigns` (`max_values`: None, `max_size`: Some(3186), added: 5661, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:17 w:17)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(337), added: 2812, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:18 w:18)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[0, 16]`.
	fn cancel(n: u32, ) -> Weight {
		// Proof size: measured `4973`, estimated `48794 + n * (40 ±15)`.
		// Minimum execution time: 1_006_908_000 picoseconds.
		Weight::from_parts(1_006_908_000, 48794)
			.saturating_add(Weight::from_parts(59_626_941, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(36_u64))
			.saturating_add(T::DbWeight::get().writes(36_u64))
			.saturating_add(Weight::from_parts(0, 40).saturating_mul(n.into()))
	}
	/// Storage: `Aggregates::Campaigns` (r:1 w:1)
	/// Proof: `Aggregates::Campaigns` (`max_values`: None, `max_size`: Some(3186), added: 5661, mode: `MaxEncodedLen`)
	/// Storage: `Aggregates::Contributed` (r:1001 w:1000)
	/// Proof: `Aggregates::Contributed` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Aggregates::Windows` (r:2 w:1)
	/// Proof: `Aggregates::Windows` (`max_values`: None, `max_size`: Some(683), added: 3158, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(337), added: 2812, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[0, 1000]`.
	fn reap(n: u32, ) -> Weight {
		// Proof size: measured `2848 + n * (1 ±0)`, estimated `7306 + n * (2527 ±0)`.
		// Minimum execution time: 114_664_000 picoseconds.
		Weight::from_parts(114_664_000, 7306)
			.saturating_add(Weight::from_parts(8_400_615, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(4_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2527).saturating_mul(n.into()))
	}
}

/// The same measurements priced with RocksDB weights, for tests and mock runtimes.
impl WeightInfo for () {
	fn create_campaign(n: u32, ) -> Weight {
		Weight::from_parts(86_818_772, 3802)
			.saturating_add(Weight::from_parts(314_228, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn join() -> Weight {
		Weight::from_parts(99_346_000, 6651)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn leave() -> Weight {
		Weight::from_parts(81_482_000, 3802)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn commit_key() -> Weight {
		Weight::from_parts(137_537_000, 6651)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn publish_key(n: u32, ) -> Weight {
		Weight::from_parts(0, 6651)
			.saturating_add(Weight::from_parts(822_720_161, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn confirm_key() -> Weight {
		Weight::from_parts(276_405_000, 57454)
			.saturating_add(RocksDbWeight::get().reads(17_u64))
			.saturating_add(RocksDbWeight::get().writes(17_u64))
	}
	fn complain() -> Weight {
		Weight::from_parts(2_009_518_000, 57454)
			.saturating_add(RocksDbWeight::get().reads(52_u64))
			.saturating_add(RocksDbWeight::get().writes(52_u64))
	}
	fn contribute(b: u32, ) -> Weight {
		Weight::from_parts(526_445_513, 6651)
			.saturating_add(Weight::from_parts(890_757_487, 0).saturating_mul(b.into()))
			.saturating_add(RocksDbWeight::get().reads(9_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn submit_share() -> Weight {
		Weight::from_parts(476_609_000, 6651)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn submit_total(t: u32, ) -> Weight {
		Weight::from_parts(353_446_443, 6651)
			.saturating_add(Weight::from_parts(52_791_557, 0).saturating_mul(t.into()))
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn close_window(n: u32, ) -> Weight {
		Weight::from_parts(988_754_000, 48794)
			.saturating_add(Weight::from_parts(71_297_299, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(37_u64))
			.saturating_add(RocksDbWeight::get().writes(37_u64))
			.saturating_add(Weight::from_parts(0, 40).saturating_mul(n.into()))
	}
	fn cancel(n: u32, ) -> Weight {
		Weight::from_parts(1_006_908_000, 48794)
			.saturating_add(Weight::from_parts(59_626_941, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(36_u64))
			.saturating_add(RocksDbWeight::get().writes(36_u64))
			.saturating_add(Weight::from_parts(0, 40).saturating_mul(n.into()))
	}
	fn reap(n: u32, ) -> Weight {
		Weight::from_parts(114_664_000, 7306)
			.saturating_add(Weight::from_parts(8_400_615, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2527).saturating_mul(n.into()))
	}
}
