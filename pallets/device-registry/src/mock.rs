use crate as pallet_device_registry;
use crate::{Devices, Gateways, HoldReason, MetadataOf};
use cpchain_pallet_support::holds::ExpectedHolds;
use frame_support::{
	derive_impl, parameter_types,
	traits::{
		fungible::HoldConsideration, tokens::imbalance::ResolveTo, ConstU32, ConstU64,
		ConstantStoragePrice, LinearStoragePrice,
	},
};
use frame_system::EnsureRoot;
use sp_keystore::{testing::MemoryKeystore, KeystoreExt};
use sp_runtime::{traits::Convert, BuildStorage, TryRuntimeError};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		DeviceRegistry: pallet_device_registry,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	// Priced reads, so that the refund of an anchor batch's unread authorizations shows.
	type DbWeight = frame_support::weights::constants::RocksDbWeight;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

pub const DEPOSIT_BASE: u64 = 100;
pub const GATEWAY_DEPOSIT: u64 = 50;
pub const MAX_METADATA_LEN: u32 = 300;
pub const KEY_FEE: u64 = 7;
/// Receives key fees.
pub const TREASURY: u64 = 99;

parameter_types! {
	pub const Treasury: u64 = TREASURY;
	pub const DeviceHold: RuntimeHoldReason =
		RuntimeHoldReason::DeviceRegistry(HoldReason::DeviceDeposit);
	pub const GatewayHold: RuntimeHoldReason =
		RuntimeHoldReason::DeviceRegistry(HoldReason::GatewayDeposit);
}

/// `DEPOSIT_BASE` per device and 1 per byte of metadata.
pub type DevicePrice = LinearStoragePrice<ConstU64<DEPOSIT_BASE>, ConstU64<1>, u64>;

impl pallet_device_registry::Config for Test {
	type Currency = Balances;
	type RevokeOrigin = EnsureRoot<u64>;
	type DeviceDeposit = HoldConsideration<u64, Balances, DeviceHold, DevicePrice>;
	type GatewayDeposit = HoldConsideration<
		u64,
		Balances,
		GatewayHold,
		ConstantStoragePrice<ConstU64<GATEWAY_DEPOSIT>, u64>,
	>;
	type KeyFee = ConstU64<KEY_FEE>;
	type KeyFeeDestination = ResolveTo<Treasury, Balances>;
	type MaxAttributes = ConstU32<4>;
	type MaxMetadataLen = ConstU32<MAX_METADATA_LEN>;
	type MaxBatchAnchors = ConstU32<8>;
	type WeightInfo = ();
}

pub const ALICE: u64 = 1;
pub const BOB: u64 = 2;
pub const GATEWAY: u64 = 3;
/// Can pay fees but not a device deposit.
pub const POOR: u64 = 4;
pub const INITIAL_BALANCE: u64 = 100_000;

pub fn new_test_ext() -> cpchain_pallet_support::CheckedExt {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![
			(ALICE, INITIAL_BALANCE),
			(BOB, INITIAL_BALANCE),
			(GATEWAY, INITIAL_BALANCE),
			(POOR, 20),
			(TREASURY, 1),
		],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	// Benchmarks sign with device keys through the keystore host functions.
	ext.register_extension(KeystoreExt::new(MemoryKeystore::new()));
	ext.execute_with(|| System::set_block_number(1));
	cpchain_pallet_support::CheckedExt::new(ext, check)
}

/// The pallet's invariants and, at this mock's prices, the deposits held for its records.
fn check() -> Result<(), TryRuntimeError> {
	DeviceRegistry::do_try_state()?;
	let mut devices = ExpectedHolds::default();
	for (id, info) in Devices::<Test>::iter() {
		let metadata = MetadataOf::<Test>::get(id).ok_or("device without metadata")?;
		devices
			.add(info.owner, DevicePrice::convert(DeviceRegistry::metadata_footprint(&metadata)?));
	}
	devices.check::<Balances>(&DeviceHold::get())?;
	let mut gateways = ExpectedHolds::default();
	for (owner, _, _) in Gateways::<Test>::iter() {
		gateways.add(owner, GATEWAY_DEPOSIT);
	}
	gateways.check::<Balances>(&GatewayHold::get())
}
