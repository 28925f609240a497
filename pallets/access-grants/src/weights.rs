// This file is part of CPChain. SPDX-License-Identifier: GPL-3.0-only

//! Weights for `pallet_access_grants`, measured by `scripts/benchmark.sh`. Do not edit by hand.
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
// pallet_access_grants
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
// /root/.cache/cpchain-target/benchmarks/pallet_access_grants.json
// --output
// pallets/access-grants/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weights of the calls and hooks of `pallet_access_grants`.
pub trait WeightInfo {
	fn submit_fragments(n: u32, ) -> Weight;
	fn submit_faulty_fragments(n: u32, ) -> Weight;
	fn revoke_grant() -> Weight;
	fn register_proxy() -> Weight;
	fn unregister_proxy() -> Weight;
	fn withdraw_proxy() -> Weight;
	fn set_delegation(p: u32, ) -> Weight;
	fn prune_grant() -> Weight;
	fn prune_skipped() -> Weight;
	fn release_grant() -> Weight;
}

/// Measured weights, priced with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `AccessGrants::Grants` (r:1 w:1)
	/// Proof: `AccessGrants::Grants` (`max_values`: None, `max_size`: Some(316), added: 2791, mode: `MaxEncodedLen`)
	/// Storage: `ParachainSystem::ValidationData` (r:1 w:0)
	/// Proof: `ParachainSystem::ValidationData` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `ParachainSystem::LastRelayChainBlockNumber` (r:1 w:0)
	/// Proof: `ParachainSystem::LastRelayChainBlockNumber` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `AccessGrants::Delegations` (r:1 w:0)
	/// Proof: `AccessGrants::Delegations` (`max_values`: None, `max_size`: Some(578), added: 3053, mode: `MaxEncodedLen`)
	/// Storage: `AccessGrants::Proxies` (r:1 w:1)
	/// Proof: `AccessGrants::Proxies` (`max_values`: None, `max_size`: Some(93), added: 2568, mode: `MaxEncodedLen`)
	/// Storage: `AccessGrants::Fragments` (r:1 w:1)
	/// Proof: `AccessGrants::Fragments` (`max_values`: None, `max_size`: Some(3497), added: 5972, mode: `MaxEncodedLen`)
	/// Storage: `AccessGrants::PruneBounds` (r:1 w:1)
	/// Proof: `AccessGrants::PruneBounds` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `DataMarket::Purchases` (r:1 w:0)
	/// Proof: `DataMarket::Purchases` (`max_values`: None, `max_size`: Some(129), added: 2604, mode: `MaxEncodedLen`)
	/// Storage: `AccessGrants::PruneQueue` (r:0 w:1)
	/// Proof: `AccessGrants::PruneQueue` (`max_values`: None, `max_size`: Some(24), added: 2499, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[1, 8]`.
	fn submit_fragments(n: u32, ) -> Weight {
		// Proof size: measured `5045`, estimated `6962`.
		// Minimum execution time: 529_504_000 picoseconds.
		Weight::from_parts(86_816_738, 6962)
			.saturating_add(Weight::from_parts(442_687_262, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `AccessGrants::Grants` (r:1 w:0)
	/// Proof: `AccessGrants::Grants` (`max_values`: None, `max_size`: Some(316), added: 2791, mode: `MaxEncodedLen`)
	/// Storage: `ParachainSystem::ValidationData` (r:1 w:0)
	/// Proof: `ParachainSystem::ValidationData` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `ParachainSystem::LastRelayChainBlockNumber` (r:1 w:0)
	/// Proof: `ParachainSystem::LastRelayChainBlockNumber` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `AccessGrants::Delegations` (r:1 w:0)
	/// Proof: `AccessGrants::Delegations` (`max_values`: None, `max_size`: Some(578), added: 3053, mode: `MaxEncodedLen`)
	/// Storage: `AccessGrants::Proxies` (r:1 w:1)
	/// Proof: `AccessGrants::Proxies` (`max_values`: None, `max_size`: Some(93), added: 2568, mode: `MaxEncodedLen`)
	/// Storage: `AccessGrants::Fragments` (r:1 w:0)
	/// Proof: `AccessGrants::Fragments` (`max_values`: None, `max_size`: Some(3497), added: 5972, mode: `MaxEncodedLen`)
	/// Storage: `AccessGrants::Faults` (r:1 w:1)
	/// Proof: `AccessGrants::Faults` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[1, 8]`.
	fn submit_faulty_fragments(n: u32, ) -> Weight {
		// Proof size: measured `5615`, estimated `7103`.
		// Minimum execution time: 576_511_000 picoseconds.
		Weight::from_parts(230_874_440, 7103)
			.saturating_add(Weight::from_parts(345_636_560, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `AccessGrants::Grants` (r:1 w:1)
	/// Proof: `AccessGrants::Grants` (`max_values`: None, `max_size`: Some(316), added: 2791, mode: `MaxEncodedLen`)
	/// Storage: `ParachainSystem::ValidationData` (r:1 w:0)
	/// Proof: `ParachainSystem::ValidationData` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `ParachainSystem::LastRelayChainBlockNumber` (r:1 w:0)
	/// Proof: `ParachainSystem::LastRelayChainBlockNumber` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `AccessGrants::PruneBounds` (r:1 w:1)
	/// Proof: `AccessGrants::PruneBounds` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `DataMarket::Purchases` (r:1 w:0)
	/// Proof: `DataMarket::Purchases` (`max_values`: None, `max_size`: Some(129), added: 2604, mode: `MaxEncodedLen`)
	/// Storage: `AccessGrants::PruneQueue` (r:0 w:1)
	/// Proof: `AccessGrants::PruneQueue` (`max_values`: None, `max_size`: Some(24), added: 2499, mode: `MaxEncodedLen`)
	fn revoke_grant() -> Weight {
		// Proof size: measured `507`, estimated `3781`.
		// Minimum execution time: 54_432_000 picoseconds.
		Weight::from_parts(54_432_000, 3781)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `AccessGrants::Proxies` (r:1 w:1)
	/// Proof: `AccessGrants::Proxies` (`max_values`: None, `max_size`: Some(93), added: 2568, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	fn register_proxy() -> Weight {
		// Proof size: measured `146`, estimated `3748`.
		// Minimum execution time: 84_278_000 picoseconds.
		Weight::from_parts(84_278_000, 3748)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `AccessGrants::Proxies` (r:1 w:1)
	/// Proof: `AccessGrants::Proxies` (`max_values`: None, `max_size`: Some(93), added: 2568, mode: `MaxEncodedLen`)
	/// Storage: `ParachainSystem::ValidationData` (r:1 w:0)
	/// Proof: `ParachainSystem::ValidationData` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `ParachainSystem::LastRelayChainBlockNumber` (r:1 w:0)
	/// Proof: `ParachainSystem::LastRelayChainBlockNumber` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	fn unregister_proxy() -> Weight {
		// Proof size: measured `122`, estimated `3558`.
		// Minimum execution time: 24_246_000 picoseconds.
		Weight::from_parts(24_246_000, 3558)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `AccessGrants::Proxies` (r:1 w:1)
	/// Proof: `AccessGrants::Proxies` (`max_values`: None, `max_size`: Some(93), added: 2568, mode: `MaxEncodedLen`)
	/// Storage: `ParachainSystem::ValidationData` (r:1 w:0)
	/// Proof: `ParachainSystem::ValidationData` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	fn withdraw_proxy() -> Weight {
		// Proof size: measured `350`, estimated `3748`.
		// Minimum execution time: 80_070_000 picoseconds.
		Weight::from_parts(80_070_000, 3748)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `AccessGrants::Delegations` (r:1 w:1)
	/// Proof: `AccessGrants::Delegations` (`max_values`: None, `max_size`: Some(578), added: 3053, mode: `MaxEncodedLen`)
	/// Storage: `DataMarket::Listings` (r:1 w:0)
	/// Proof: `DataMarket::Listings` (`max_values`: None, `max_size`: Some(1768), added: 4243, mode: `MaxEncodedLen`)
	/// Storage: `AccessGrants::Proxies` (r:16 w:0)
	/// Proof: `AccessGrants::Proxies` (`max_values`: None, `max_size`: Some(93), added: 2568, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// The range of component `p` is `[1, 16]`.
	fn set_delegation(p: u32, ) -> Weight {
		// Proof size: measured `3367 + p * (59 ±0)`, estimated `5233 + p * (2568 ±0)`.
		// Minimum execution time: 196_999_000 picoseconds.
		Weight::from_parts(192_973_107, 5233)
			.saturating_add(Weight::from_parts(4_025_893, 0).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(p.into())))
			.saturating_add(T::DbWeight::get().writes(3_u64))
			.saturating_add(Weight::from_parts(0, 2568).saturating_mul(p.into()))
	}
	/// Storage: `AccessGrants::Grants` (r:1 w:1)
	/// Proof: `AccessGrants::Grants` (`max_values`: None, `max_size`: Some(316), added: 2791, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `AccessGrants::GrantsOf` (r:0 w:1)
	/// Proof: `AccessGrants::GrantsOf` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `AccessGrants::Fragments` (r:0 w:1)
	/// Proof: `AccessGrants::Fragments` (`max_values`: None, `max_size`: Some(3497), added: 5972, mode: `MaxEncodedLen`)
	fn prune_grant() -> Weight {
		// Proof size: measured `1177`, estimated `3781`.
		// Minimum execution time: 111_049_000 picoseconds.
		Weight::from_parts(111_049_000, 3781)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `AccessGrants::Grants` (r:1 w:0)
	/// Proof: `AccessGrants::Grants` (`max_values`: None, `max_size`: Some(316), added: 2791, mode: `MaxEncodedLen`)
	fn prune_skipped() -> Weight {
		// Proof size: measured `575`, estimated `3781`.
		// Minimum execution time: 13_946_000 picoseconds.
		Weight::from_parts(13_946_000, 3781)
			.saturating_add(T::DbWeight::get().reads(1_u64))
	}
	/// Storage: `AccessGrants::Grants` (r:1 w:1)
	/// Proof: `AccessGrants::Grants` (`max_values`: None, `max_size`: Some(316), added: 2791, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `AccessGrants::GrantsOf` (r:0 w:1)
	/// Proof: `AccessGrants::GrantsOf` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `AccessGrants::Fragments` (r:0 w:1)
	/// Proof: `AccessGrants::Fragments` (`max_values`: None, `max_size`: Some(3497), added: 5972, mode: `MaxEncodedLen`)
	fn release_grant() -> Weight {
		// Proof size: measured `1177`, estimated `3781`.
		// Minimum execution time: 126_888_000 picoseconds.
		Weight::from_parts(126_888_000, 3781)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
}

/// The same measurements priced with RocksDB weights, for tests and mock runtimes.
impl WeightInfo for () {
	fn submit_fragments(n: u32, ) -> Weight {
		Weight::from_parts(86_816_738, 6962)
			.saturating_add(Weight::from_parts(442_687_262, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn submit_faulty_fragments(n: u32, ) -> Weight {
		Weight::from_parts(230_874_440, 7103)
			.saturating_add(Weight::from_parts(345_636_560, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(10_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn revoke_grant() -> Weight {
		Weight::from_parts(54_432_000, 3781)
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn register_proxy() -> Weight {
		Weight::from_parts(84_278_000, 3748)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn unregister_proxy() -> Weight {
		Weight::from_parts(24_246_000, 3558)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn withdraw_proxy() -> Weight {
		Weight::from_parts(80_070_000, 3748)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn set_delegation(p: u32, ) -> Weight {
		Weight::from_parts(192_973_107, 5233)
			.saturating_add(Weight::from_parts(4_025_893, 0).saturating_mul(p.into()))
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(p.into())))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
			.saturating_add(Weight::from_parts(0, 2568).saturating_mul(p.into()))
	}
	fn prune_grant() -> Weight {
		Weight::from_parts(111_049_000, 3781)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn prune_skipped() -> Weight {
		Weight::from_parts(13_946_000, 3781)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
	}
	fn release_grant() -> Weight {
		Weight::from_parts(126_888_000, 3781)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
}
