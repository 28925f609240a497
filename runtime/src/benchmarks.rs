//! Pallets benchmarked in this runtime (`cpchain-node benchmark pallet`, `scripts/benchmark.sh`).

use alloc::{string::String, vec::Vec};
use codec::Encode;
use frame_benchmarking::{BenchmarkBatch, BenchmarkConfig, BenchmarkError, BenchmarkList};
use frame_support::traits::{StorageInfo, StorageInfoTrait, WhitelistedStorageKeys};

use crate::*;

use cumulus_pallet_session_benchmarking::Pallet as SessionBench;
use frame_system_benchmarking::{
	extensions::Pallet as SystemExtensionsBench, Pallet as SystemBench,
};

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
	[pallet_device_registry, DeviceRegistry]
	[pallet_data_market, DataMarket]
	[pallet_access_grants, AccessGrants]
	[pallet_storage_proofs, StorageProofs]
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
