//! A runtime with the real device registry around the aggregates.

use crate as pallet_aggregates;
use crate::{Campaigns, HoldReason};
use frame_support::{
	derive_impl, parameter_types,
	traits::{
		fungible::HoldConsideration, tokens::imbalance::ResolveTo, ConstU32, ConstU64,
		LinearStoragePrice,
	},
};
use frame_system::EnsureRoot;
use sp_keystore::{testing::MemoryKeystore, KeystoreExt};
use sp_runtime::{BuildStorage, Perbill, TryRuntimeError};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		DeviceRegistry: pallet_device_registry,
		Aggregates: pallet_aggregates,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
	type DbWeight = frame_support::weights::constants::RocksDbWeight;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

parameter_types! {
	pub const DeviceHold: RuntimeHoldReason =
		RuntimeHoldReason::DeviceRegistry(pallet_device_registry::HoldReason::DeviceDeposit);
	pub const GatewayHold: RuntimeHoldReason =
		RuntimeHoldReason::DeviceRegistry(pallet_device_registry::HoldReason::GatewayDeposit);
	pub const MissedShareSlash: Perbill = Perbill::from_percent(10);
	pub const DealerFaultSlash: Perbill = Perbill::from_percent(100);
	pub const SlashToCreator: Perbill = Perbill::from_percent(50);
	pub const Treasury: u64 = TREASURY;
}

type Deposit<Reason> =
	HoldConsideration<u64, Balances, Reason, LinearStoragePrice<ConstU64<10>, ConstU64<0>, u64>>;

impl pallet_device_registry::Config for Test {
	type Currency = Balances;
	type RevokeOrigin = EnsureRoot<u64>;
	type DeviceDeposit = Deposit<DeviceHold>;
	type GatewayDeposit = Deposit<GatewayHold>;
	type KeyFee = ConstU64<0>;
	type KeyFeeDestination = ();
	type MaxAttributes = ConstU32<4>;
	type MaxMetadataLen = ConstU32<300>;
	type MaxBatchAnchors = ConstU32<8>;
	type WeightInfo = ();
}

pub const CAMPAIGN_DEPOSIT: u64 = 100;
pub const WINDOW_DEPOSIT: u64 = 5;
pub const CONTRIBUTION_DEPOSIT: u64 = 2;
pub const PARTICIPANT_DEPOSIT: u64 = 20;
pub const BOND: u64 = 1_000;
pub const MAX_WINDOWS: u32 = 16;
pub const MIN_WINDOW: u64 = 5;
pub const KEY_PERIOD: u64 = 10;
pub const DECRYPTION: u64 = 4;
pub const MIN_CONTRIBUTIONS: u32 = 2;

impl pallet_aggregates::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Devices = DeviceRegistry;
	type CampaignDeposit = ConstU64<CAMPAIGN_DEPOSIT>;
	type WindowDeposit = ConstU64<WINDOW_DEPOSIT>;
	type ContributionDeposit = ConstU64<CONTRIBUTION_DEPOSIT>;
	type ParticipantDeposit = ConstU64<PARTICIPANT_DEPOSIT>;
	type MemberBond = ConstU64<BOND>;
	type MaxWindows = ConstU32<MAX_WINDOWS>;
	type MinWindowLength = ConstU64<MIN_WINDOW>;
	type KeyGenerationPeriod = ConstU64<KEY_PERIOD>;
	type MinContributions = ConstU32<MIN_CONTRIBUTIONS>;
	type DecryptionPeriod = ConstU64<DECRYPTION>;
	type MissedShareSlash = MissedShareSlash;
	type DealerFaultSlash = DealerFaultSlash;
	type SlashToCreator = SlashToCreator;
	type Slash = ResolveTo<Treasury, Balances>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = DeviceRegistry;
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_aggregates::BenchmarkHelper<u64> for DeviceRegistry {
	fn device(
		owner: &u64,
		key: cpchain_primitives::device::DeviceKey,
	) -> cpchain_primitives::device::DeviceId {
		DeviceRegistry::benchmark_device(*owner, key, 0)
	}
}

pub const CREATOR: u64 = 1;
/// Committee members.
pub const M: [u64; 4] = [11, 12, 13, 14];
/// Device owners.
pub const ALICE: u64 = 21;
pub const BOB: u64 = 22;
/// Alice's gateway.
pub const GATEWAY: u64 = 23;
/// Can pay fees but no bond or deposit.
pub const POOR: u64 = 30;
/// Receives the part of slashes that does not go to a campaign's creator.
pub const TREASURY: u64 = 99;
pub const INITIAL_BALANCE: u64 = 1_000_000;

pub fn new_test_ext() -> cpchain_pallet_support::CheckedExt {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut balances: Vec<_> =
		[CREATOR, ALICE, BOB, GATEWAY].into_iter().chain(M).map(|a| (a, INITIAL_BALANCE)).collect();
	balances.push((POOR, 5));
	balances.push((TREASURY, 1));
	pallet_balances::GenesisConfig::<Test> { balances, ..Default::default() }
		.assimilate_storage(&mut storage)
		.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	// Benchmarks sign with device keys through the keystore host functions.
	ext.register_extension(KeystoreExt::new(MemoryKeystore::new()));
	ext.execute_with(|| System::set_block_number(1));
	cpchain_pallet_support::CheckedExt::new(ext, check)
}

/// The pallet's invariants, and nothing held under its reasons without a record.
fn check() -> Result<(), TryRuntimeError> {
	Aggregates::do_try_state()?;
	use frame_support::traits::fungible::InspectHold;
	let creators: Vec<_> = Campaigns::<Test>::iter_values().map(|c| c.creator).collect();
	for who in [CREATOR, ALICE, BOB, GATEWAY] {
		if !creators.contains(&who) {
			let held = Balances::balance_on_hold(
				&RuntimeHoldReason::Aggregates(HoldReason::Campaign),
				&who,
			);
			frame_support::ensure!(held == 0, "campaign funds held without a campaign");
		}
	}
	Ok(())
}

pub fn run_to_block(n: u64) {
	System::set_block_number(n);
}
