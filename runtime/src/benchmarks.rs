//! Pallets benchmarked in this runtime (`cpchain-node benchmark pallet`, `scripts/benchmark.sh`).

use alloc::{string::String, vec::Vec};
use codec::Encode;
use frame_benchmarking::{BenchmarkBatch, BenchmarkConfig, BenchmarkError, BenchmarkList};
use frame_support::traits::{StorageInfo, StorageInfoTrait, WhitelistedStorageKeys};

use crate::*;

use alloc::boxed::Box;
use cumulus_pallet_session_benchmarking::Pallet as SessionBench;
use frame_system_benchmarking::{
	extensions::Pallet as SystemExtensionsBench, Pallet as SystemBench,
};
use pallet_xcm::benchmarking::Pallet as PalletXcmBench;
use staging_xcm::latest::prelude::{Asset, Assets, Here, Location, Parent};

frame_benchmarking::define_benchmarks!(
	[frame_system, SystemBench::<Runtime>]
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_session, SessionBench::<Runtime>]
	[pallet_timestamp, Timestamp]
	[pallet_sudo, Sudo]
	[pallet_collator_selection, CollatorSelection]
	[pallet_message_queue, MessageQueue]
	[cumulus_pallet_parachain_system, ParachainSystem]
	[cumulus_pallet_xcmp_queue, XcmpQueue]
	[pallet_xcm, PalletXcmBench::<Runtime>]
	[pallet_device_registry, DeviceRegistry]
	[pallet_data_market, DataMarket]
	[pallet_access_grants, AccessGrants]
	[pallet_storage_proofs, StorageProofs]
	[pallet_aggregates, Aggregates]
);

impl frame_system_benchmarking::Config for Runtime {
	fn setup_set_code_requirements(code: &Vec<u8>) -> Result<(), BenchmarkError> {
		ParachainSystem::initialize_for_set_code_benchmark(code.len() as u32);
		Ok(())
	}

	fn verify_set_code() {
		System::assert_last_event(
			cumulus_pallet_parachain_system::Event::<Runtime>::ValidationFunctionStored.into(),
		);
	}
}

impl cumulus_pallet_session_benchmarking::Config for Runtime {
	fn generate_session_keys_and_proof(owner: Self::AccountId) -> (Self::Keys, Vec<u8>) {
		let keys = SessionKeys::generate(&owner.encode(), None);
		(keys.keys, keys.proof.encode())
	}
}

frame_support::parameter_types! {
	/// An existential deposit of CPC as an XCM asset: what pays for delivery in the benchmarks.
	pub ExistentialDepositAsset: Option<Asset> = Some((Here, EXISTENTIAL_DEPOSIT).into());
}

/// What pallet_xcm's benchmarks send and transfer here: CPC, upward to the relay chain (sibling
/// delivery costs the same on this side, and the relay chain's router is always connected).
/// Teleports are refused (`XcmTeleportFilter = Nothing`): they are weighed `Weight::MAX`.
impl pallet_xcm::benchmarking::Config for Runtime {
	type DeliveryHelper = cumulus_primitives_utility::ToParentDeliveryHelper<
		configs::xcm_config::XcmConfig,
		ExistentialDepositAsset,
		configs::xcm_config::PriceForParentDelivery,
	>;

	fn reachable_dest() -> Option<Location> {
		Some(Parent.into())
	}

	fn reserve_transferable_asset_and_dest() -> Option<(Asset, Location)> {
		Some(((Here, 1000 * EXISTENTIAL_DEPOSIT).into(), Parent.into()))
	}

	/// `transfer_assets` of CPC, which this chain is the reserve of, its fee paid from it.
	fn set_up_complex_asset_transfer() -> Option<(Assets, u32, Location, Box<dyn FnOnce()>)> {
		use frame_support::traits::fungible::{Inspect, Mutate};
		let caller: AccountId = frame_benchmarking::whitelisted_caller();
		let (funds, amount) = (1_000_000 * EXISTENTIAL_DEPOSIT, 1000 * EXISTENTIAL_DEPOSIT);
		Balances::set_balance(&caller, funds);
		let verify = Box::new(move || {
			assert!(Balances::balance(&caller) <= funds - amount, "nothing was transferred");
		});
		Some((Asset::from((Here, amount)).into(), 0, Parent.into(), verify))
	}

	fn get_asset() -> Asset {
		(Here, EXISTENTIAL_DEPOSIT).into()
	}
}

/// Listings and anchored devices for the data market and access grants benchmarks.
pub struct MarketHelper;

impl pallet_data_market::BenchmarkHelper<AccountId> for MarketHelper {
	fn anchored_device(
		owner: &AccountId,
		index: u32,
		last: u64,
	) -> cpchain_primitives::device::DeviceId {
		DeviceRegistry::benchmark_anchored_device(owner.clone(), index, last)
	}
}

impl pallet_aggregates::BenchmarkHelper<AccountId> for MarketHelper {
	fn device(
		owner: &AccountId,
		key: cpchain_primitives::device::DeviceKey,
	) -> cpchain_primitives::device::DeviceId {
		DeviceRegistry::benchmark_device(owner.clone(), key, 0)
	}
}

impl pallet_access_grants::BenchmarkHelper<AccountId> for MarketHelper {
	fn create_listing(seller: &AccountId) -> pallet_access_grants::ListingId {
		pallet_data_market::benchmarking::listing::<Runtime>(seller)
	}
}

pub fn metadata(extra: bool) -> (Vec<BenchmarkList>, Vec<StorageInfo>) {
	let mut list = Vec::<BenchmarkList>::new();
	list_benchmarks!(list, extra);
	(list, AllPalletsWithSystem::storage_info())
}

pub fn dispatch(config: BenchmarkConfig) -> Result<Vec<BenchmarkBatch>, String> {
	let whitelist = AllPalletsWithSystem::whitelisted_storage_keys();
	let mut batches = Vec::<BenchmarkBatch>::new();
	let params = (&config, &whitelist);
	add_benchmarks!(params, batches);
	if batches.is_empty() {
		return Err("Benchmark not found for this pallet.".into());
	}
	Ok(batches)
}
