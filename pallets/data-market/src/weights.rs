// This file is part of CPChain. SPDX-License-Identifier: GPL-3.0-only

//! Weights for `pallet_data_market`, measured by `scripts/benchmark.sh`. Do not edit by hand.
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
// pallet_data_market
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
// /root/.cache/cpchain-target/benchmarks/pallet_data_market.json
// --output
// pallets/data-market/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weights of the calls and hooks of `pallet_data_market`.
pub trait WeightInfo {
	fn create_listing() -> Weight;
	fn update_listing() -> Weight;
	fn delist() -> Weight;
	fn publish_period() -> Weight;
	fn purchase() -> Weight;
	fn renew() -> Weight;
	fn claim_refund() -> Weight;
	fn rate() -> Weight;
	fn end_subscription() -> Weight;
	fn settle_fulfilled() -> Weight;
	fn settle_revoked() -> Weight;
	fn refund_expired() -> Weight;
	fn refund_skipped() -> Weight;
}

/// Measured weights, priced with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `ParachainSystem::ValidationData` (r:1 w:0)
	/// Proof: `ParachainSystem::ValidationData` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `ParachainSystem::LastRelayChainBlockNumber` (r:1 w:0)
	/// Proof: `ParachainSystem::LastRelayChainBlockNumber` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `DeviceRegistry::Devices` (r:16 w:0)
	/// Proof: `DeviceRegistry::Devices` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `DataMarket::NextListingId` (r:1 w:1)
	/// Proof: `DataMarket::NextListingId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `DataMarket::ListingsOf` (r:0 w:1)
	/// Proof: `DataMarket::ListingsOf` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `DataMarket::Listings` (r:0 w:1)
	/// Proof: `DataMarket::Listings` (`max_values`: None, `max_size`: Some(1768), added: 4243, mode: `MaxEncodedLen`)
	fn create_listing() -> Weight {
		// Proof size: measured `3374`, estimated `43502`.
		// Minimum execution time: 848_462_000 picoseconds.
		Weight::from_parts(848_462_000, 43502)
			.saturating_add(T::DbWeight::get().reads(21_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `DataMarket::Listings` (r:1 w:1)
	/// Proof: `DataMarket::Listings` (`max_values`: None, `max_size`: Some(1768), added: 4243, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	fn update_listing() -> Weight {
		// Proof size: measured `1655`, estimated `5233`.
		// Minimum execution time: 125_165_000 picoseconds.
		Weight::from_parts(125_165_000, 5233)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `DataMarket::Listings` (r:1 w:1)
	/// Proof: `DataMarket::Listings` (`max_values`: None, `max_size`: Some(1768), added: 4243, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `DataMarket::ListingsOf` (r:0 w:1)
	/// Proof: `DataMarket::ListingsOf` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	fn delist() -> Weight {
		// Proof size: measured `1912`, estimated `5233`.
		// Minimum execution time: 113_553_000 picoseconds.
		Weight::from_parts(113_553_000, 5233)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `DataMarket::Listings` (r:1 w:1)
	/// Proof: `DataMarket::Listings` (`max_values`: None, `max_size`: Some(1768), added: 4243, mode: `MaxEncodedLen`)
	/// Storage: `ParachainSystem::ValidationData` (r:1 w:0)
	/// Proof: `ParachainSystem::ValidationData` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `ParachainSystem::LastRelayChainBlockNumber` (r:1 w:0)
	/// Proof: `ParachainSystem::LastRelayChainBlockNumber` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	fn publish_period() -> Weight {
		// Proof size: measured `1856`, estimated `5233`.
		// Minimum execution time: 618_931_000 picoseconds.
		Weight::from_parts(618_931_000, 5233)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `DataMarket::Listings` (r:1 w:1)
	/// Proof: `DataMarket::Listings` (`max_values`: None, `max_size`: Some(1768), added: 4243, mode: `MaxEncodedLen`)
	/// Storage: `ParachainSystem::ValidationData` (r:1 w:0)
	/// Proof: `ParachainSystem::ValidationData` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `ParachainSystem::LastRelayChainBlockNumber` (r:1 w:0)
	/// Proof: `ParachainSystem::LastRelayChainBlockNumber` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `DataMarket::Subscriptions` (r:1 w:1)
	/// Proof: `DataMarket::Subscriptions` (`max_values`: None, `max_size`: Some(85), added: 2560, mode: `MaxEncodedLen`)
	/// Storage: `DataMarket::OpenPurchase` (r:1 w:1)
	/// Proof: `DataMarket::OpenPurchase` (`max_values`: None, `max_size`: Some(72), added: 2547, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `AccessGrants::Delegations` (r:1 w:0)
	/// Proof: `AccessGrants::Delegations` (`max_values`: None, `max_size`: Some(578), added: 3053, mode: `MaxEncodedLen`)
	/// Storage: `AccessGrants::NextGrantId` (r:1 w:1)
	/// Proof: `AccessGrants::NextGrantId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `DataMarket::RefundBounds` (r:1 w:1)
	/// Proof: `DataMarket::RefundBounds` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `AccessGrants::GrantsOf` (r:0 w:1)
	/// Proof: `AccessGrants::GrantsOf` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `AccessGrants::Grants` (r:0 w:1)
	/// Proof: `AccessGrants::Grants` (`max_values`: None, `max_size`: Some(316), added: 2791, mode: `MaxEncodedLen`)
	/// Storage: `DataMarket::RefundQueue` (r:0 w:1)
	/// Proof: `DataMarket::RefundQueue` (`max_values`: None, `max_size`: Some(24), added: 2499, mode: `MaxEncodedLen`)
	/// Storage: `DataMarket::Purchases` (r:0 w:1)
	/// Proof: `DataMarket::Purchases` (`max_values`: None, `max_size`: Some(129), added: 2604, mode: `MaxEncodedLen`)
	fn purchase() -> Weight {
		// Proof size: measured `1914`, estimated `5233`.
		// Minimum execution time: 393_008_000 picoseconds.
		Weight::from_parts(393_008_000, 5233)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(11_u64))
	}
	/// Storage: `DataMarket::Listings` (r:1 w:1)
	/// Proof: `DataMarket::Listings` (`max_values`: None, `max_size`: Some(1768), added: 4243, mode: `MaxEncodedLen`)
	/// Storage: `DataMarket::Subscriptions` (r:1 w:0)
	/// Proof: `DataMarket::Subscriptions` (`max_values`: None, `max_size`: Some(85), added: 2560, mode: `MaxEncodedLen`)
	/// Storage: `DataMarket::OpenPurchase` (r:1 w:1)
	/// Proof: `DataMarket::OpenPurchase` (`max_values`: None, `max_size`: Some(72), added: 2547, mode: `MaxEncodedLen`)
	/// Storage: `ParachainSystem::ValidationData` (r:1 w:0)
	/// Proof: `ParachainSystem::ValidationData` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `ParachainSystem::LastRelayChainBlockNumber` (r:1 w:0)
	/// Proof: `ParachainSystem::LastRelayChainBlockNumber` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `AccessGrants::Delegations` (r:1 w:0)
	/// Proof: `AccessGrants::Delegations` (`max_values`: None, `max_size`: Some(578), added: 3053, mode: `MaxEncodedLen`)
	/// Storage: `AccessGrants::NextGrantId` (r:1 w:1)
	/// Proof: `AccessGrants::NextGrantId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `DataMarket::RefundBounds` (r:1 w:1)
	/// Proof: `DataMarket::RefundBounds` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `AccessGrants::GrantsOf` (r:0 w:1)
	/// Proof: `AccessGrants::GrantsOf` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `AccessGrants::Grants` (r:0 w:1)
	/// Proof: `AccessGrants::Grants` (`max_values`: None, `max_size`: Some(316), added: 2791, mode: `MaxEncodedLen`)
	/// Storage: `DataMarket::RefundQueue` (r:0 w:1)
	/// Proof: `DataMarket::RefundQueue` (`max_values`: None, `max_size`: Some(24), added: 2499, mode: `MaxEncodedLen`)
	/// Storage: `DataMarket::Purchases` (r:0 w:1)
	/// Proof: `DataMarket::Purchases` (`max_values`: None, `max_size`: Some(129), added: 2604, mode: `MaxEncodedLen`)
	fn renew() -> Weight {
		// Proof size: measured `2456`, estimated `5233`.
		// Minimum execution time: 337_463_000 picoseconds.
		Weight::from_parts(337_463_000, 5233)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(10_u64))
	}
	/// Storage: `DataMarket::Purchases` (r:1 w:1)
	/// Proof: `DataMarket::Purchases` (`max_values`: None, `max_size`: Some(129), added: 2604, mode: `MaxEncodedLen`)
	/// Storage: `ParachainSystem::ValidationData` (r:1 w:0)
	/// Proof: `ParachainSystem::ValidationData` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `AccessGrants::Grants` (r:1 w:1)
	/// Proof: `AccessGrants::Grants` (`max_values`: None, `max_size`: Some(316), added: 2791, mode: `MaxEncodedLen`)
	/// Storage: `AccessGrants::PruneBounds` (r:1 w:1)
	/// Proof: `AccessGrants::PruneBounds` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:2 w:2)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `DataMarket::Listings` (r:1 w:1)
	/// Proof: `DataMarket::Listings` (`max_values`: None, `max_size`: Some(1768), added: 4243, mode: `MaxEncodedLen`)
	/// Storage: `DataMarket::Reputations` (r:1 w:1)
	/// Proof: `DataMarket::Reputations` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `AccessGrants::PruneQueue` (r:0 w:1)
	/// Proof: `AccessGrants::PruneQueue` (`max_values`: None, `max_size`: Some(24), added: 2499, mode: `MaxEncodedLen`)
	/// Storage: `DataMarket::ListingsOf` (r:0 w:1)
	/// Proof: `DataMarket::ListingsOf` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `DataMarket::OpenPurchase` (r:0 w:1)
	/// Proof: `DataMarket::OpenPurchase` (`max_values`: None, `max_size`: Some(72), added: 2547, mode: `MaxEncodedLen`)
	fn claim_refund() -> Weight {
		// Proof size: measured `2824`, estimated `6506`.
		// Minimum execution time: 269_777_000 picoseconds.
		Weight::from_parts(269_777_000, 6506)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(12_u64))
	}
	/// Storage: `DataMarket::Purchases` (r:1 w:1)
	/// Proof: `DataMarket::Purchases` (`max_values`: None, `max_size`: Some(129), added: 2604, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `DataMarket::Reputations` (r:1 w:1)
	/// Proof: `DataMarket::Reputations` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	fn rate() -> Weight {
		// Proof size: measured `592`, estimated `3748`.
		// Minimum execution time: 100_959_000 picoseconds.
		Weight::from_parts(100_959_000, 3748)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `DataMarket::Subscriptions` (r:1 w:1)
	/// Proof: `DataMarket::Subscriptions` (`max_values`: None, `max_size`: Some(85), added: 2560, mode: `MaxEncodedLen`)
	/// Storage: `DataMarket::Listings` (r:1 w:0)
	/// Proof: `DataMarket::Listings` (`max_values`: None, `max_size`: Some(1768), added: 4243, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	fn end_subscription() -> Weight {
		// Proof size: measured `2215`, estimated `5233`.
		// Minimum execution time: 125_355_000 picoseconds.
		Weight::from_parts(125_355_000, 5233)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `DataMarket::Purchases` (r:1 w:1)
	/// Proof: `DataMarket::Purchases` (`max_values`: None, `max_size`: Some(129), added: 2604, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:2 w:2)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:3 w:3)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `DataMarket::Subscriptions` (r:1 w:1)
	/// Proof: `DataMarket::Subscriptions` (`max_values`: None, `max_size`: Some(85), added: 2560, mode: `MaxEncodedLen`)
	/// Storage: `DataMarket::Listings` (r:1 w:1)
	/// Proof: `DataMarket::Listings` (`max_values`: None, `max_size`: Some(1768), added: 4243, mode: `MaxEncodedLen`)
	/// Storage: `DataMarket::Reputations` (r:1 w:1)
	/// Proof: `DataMarket::Reputations` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `DataMarket::ListingsOf` (r:0 w:1)
	/// Proof: `DataMarket::ListingsOf` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `DataMarket::OpenPurchase` (r:0 w:1)
	/// Proof: `DataMarket::OpenPurchase` (`max_values`: None, `max_size`: Some(72), added: 2547, mode: `MaxEncodedLen`)
	fn settle_fulfilled() -> Weight {
		// Proof size: measured `2708`, estimated `8799`.
		// Minimum execution time: 274_746_000 picoseconds.
		Weight::from_parts(274_746_000, 8799)
			.saturating_add(T::DbWeight::get().reads(9_u64))
			.saturating_add(T::DbWeight::get().writes(11_u64))
	}
	/// Storage: `DataMarket::Purchases` (r:1 w:1)
	/// Proof: `DataMarket::Purchases` (`max_values`: None, `max_size`: Some(129), added: 2604, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:2 w:2)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `DataMarket::Listings` (r:1 w:1)
	/// Proof: `DataMarket::Listings` (`max_values`: None, `max_size`: Some(1768), added: 4243, mode: `MaxEncodedLen`)
	/// Storage: `DataMarket::Reputations` (r:1 w:1)
	/// Proof: `DataMarket::Reputations` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `DataMarket::ListingsOf` (r:0 w:1)
	/// Proof: `DataMarket::ListingsOf` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `DataMarket::OpenPurchase` (r:0 w:1)
	/// Proof: `DataMarket::OpenPurchase` (`max_values`: None, `max_size`: Some(72), added: 2547, mode: `MaxEncodedLen`)
	fn settle_revoked() -> Weight {
		// Proof size: measured `2389`, estimated `6506`.
		// Minimum execution time: 231_765_000 picoseconds.
		Weight::from_parts(231_765_000, 6506)
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(9_u64))
	}
	/// Storage: `DataMarket::Purchases` (r:1 w:1)
	/// Proof: `DataMarket::Purchases` (`max_values`: None, `max_size`: Some(129), added: 2604, mode: `MaxEncodedLen`)
	/// Storage: `AccessGrants::Grants` (r:1 w:1)
	/// Proof: `AccessGrants::Grants` (`max_values`: None, `max_size`: Some(316), added: 2791, mode: `MaxEncodedLen`)
	/// Storage: `ParachainSystem::ValidationData` (r:1 w:0)
	/// Proof: `ParachainSystem::ValidationData` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `AccessGrants::PruneBounds` (r:1 w:1)
	/// Proof: `AccessGrants::PruneBounds` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:2 w:2)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `DataMarket::Listings` (r:1 w:1)
	/// Proof: `DataMarket::Listings` (`max_values`: None, `max_size`: Some(1768), added: 4243, mode: `MaxEncodedLen`)
	/// Storage: `DataMarket::Reputations` (r:1 w:1)
	/// Proof: `DataMarket::Reputations` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `AccessGrants::PruneQueue` (r:0 w:1)
	/// Proof: `AccessGrants::PruneQueue` (`max_values`: None, `max_size`: Some(24), added: 2499, mode: `MaxEncodedLen`)
	/// Storage: `DataMarket::ListingsOf` (r:0 w:1)
	/// Proof: `DataMarket::ListingsOf` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `DataMarket::OpenPurchase` (r:0 w:1)
	/// Proof: `DataMarket::OpenPurchase` (`max_values`: None, `max_size`: Some(72), added: 2547, mode: `MaxEncodedLen`)
	fn refund_expired() -> Weight {
		// Proof size: measured `2824`, estimated `6506`.
		// Minimum execution time: 279_183_000 picoseconds.
		Weight::from_parts(279_183_000, 6506)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(12_u64))
	}
	/// Storage: `DataMarket::Purchases` (r:1 w:0)
	/// Proof: `DataMarket::Purchases` (`max_values`: None, `max_size`: Some(129), added: 2604, mode: `MaxEncodedLen`)
	fn refund_skipped() -> Weight {
		// Proof size: measured `320`, estimated `3594`.
		// Minimum execution time: 10_670_000 picoseconds.
		Weight::from_parts(10_670_000, 3594)
			.saturating_add(T::DbWeight::get().reads(1_u64))
	}
}

/// The same measurements priced with RocksDB weights, for tests and mock runtimes.
impl WeightInfo for () {
	fn create_listing() -> Weight {
		Weight::from_parts(848_462_000, 43502)
			.saturating_add(RocksDbWeight::get().reads(21_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn update_listing() -> Weight {
		Weight::from_parts(125_165_000, 5233)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn delist() -> Weight {
		Weight::from_parts(113_553_000, 5233)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn publish_period() -> Weight {
		Weight::from_parts(618_931_000, 5233)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn purchase() -> Weight {
		Weight::from_parts(393_008_000, 5233)
			.saturating_add(RocksDbWeight::get().reads(10_u64))
			.saturating_add(RocksDbWeight::get().writes(11_u64))
	}
	fn renew() -> Weight {
		Weight::from_parts(337_463_000, 5233)
			.saturating_add(RocksDbWeight::get().reads(10_u64))
			.saturating_add(RocksDbWeight::get().writes(10_u64))
	}
	fn claim_refund() -> Weight {
		Weight::from_parts(269_777_000, 6506)
			.saturating_add(RocksDbWeight::get().reads(10_u64))
			.saturating_add(RocksDbWeight::get().writes(12_u64))
	}
	fn rate() -> Weight {
		Weight::from_parts(100_959_000, 3748)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn end_subscription() -> Weight {
		Weight::from_parts(125_355_000, 5233)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn settle_fulfilled() -> Weight {
		Weight::from_parts(274_746_000, 8799)
			.saturating_add(RocksDbWeight::get().reads(9_u64))
			.saturating_add(RocksDbWeight::get().writes(11_u64))
	}
	fn settle_revoked() -> Weight {
		Weight::from_parts(231_765_000, 6506)
			.saturating_add(RocksDbWeight::get().reads(7_u64))
			.saturating_add(RocksDbWeight::get().writes(9_u64))
	}
	fn refund_expired() -> Weight {
		Weight::from_parts(279_183_000, 6506)
			.saturating_add(RocksDbWeight::get().reads(10_u64))
			.saturating_add(RocksDbWeight::get().writes(12_u64))
	}
	fn refund_skipped() -> Weight {
		Weight::from_parts(10_670_000, 3594)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
	}
}
