use crate as pallet_device_registry;
use frame_support::{
	derive_impl, parameter_types,
	traits::{tokens::imbalance::ResolveTo, ConstU32, ConstU64},
};
use frame_system::EnsureRoot;
use sp_keystore::{testing::MemoryKeystore, KeystoreExt};
use sp_runtime::BuildStorage;

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
}

impl pallet_device_registry::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RevokeOrigin = EnsureRoot<u64>;
	type DepositBase = ConstU64<DEPOSIT_BASE>;
	type DepositPerByte = ConstU64<1>;
	type GatewayDeposit = ConstU64<GATEWAY_DEPOSIT>;
	type KeyFee = ConstU64<KEY_FEE>;
	type KeyFeeDestination = ResolveTo<Treasury, Balances>;
	type MaxAttributes = ConstU32<4>;
	type MaxMetadataLen = ConstU32<MAX_METADATA_LEN>;
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
	cpchain_pallet_support::CheckedExt::new(ext, DeviceRegistry::do_try_state)
}
