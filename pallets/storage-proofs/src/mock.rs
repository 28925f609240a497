use crate as pallet_storage_proofs;
use crate::{HoldReason, Orders};
use cpchain_pallet_support::holds::ExpectedHolds;
use frame_support::{
	derive_impl, parameter_types,
	traits::{
		fungible::HoldConsideration, tokens::imbalance::ResolveTo, ConstU32, ConstU64,
		ConstantStoragePrice, Randomness,
	},
};
use sp_core::H256;
use sp_runtime::{
	traits::{BlakeTwo256, Hash},
	BuildStorage, Perbill, TryRuntimeError,
};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		StorageProofs: pallet_storage_proofs,
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

/// A seed that changes with the block and subject. The runtime reads the relay chain's.
pub struct BlockRandomness;
impl Randomness<H256, u64> for BlockRandomness {
	fn random(subject: &[u8]) -> (H256, u64) {
		let now = System::block_number();
		(BlakeTwo256::hash_of(&(subject, now)), now)
	}
}

pub const MIN_STAKE: u64 = 1_000;
pub const COLLATERAL_PER_SEGMENT: u64 = 50;
pub const MIN_FEE_PER_SEGMENT_PERIOD: u64 = 1;
pub const ORDER_DEPOSIT: u64 = 10;
pub const PERIOD: u64 = 10;
pub const WINDOW: u64 = 3;
/// Content bytes per extra block of response window.
pub const BYTES_PER_BLOCK: u64 = 4096;
pub const MAX_REPLICAS: u32 = 3;
pub const MAX_CHALLENGES: u32 = 4;
pub const MAX_STRIKES: u32 = 2;
pub const UNBONDING: u64 = 20;

parameter_types! {
	pub const SlashFraction: Perbill = Perbill::from_percent(10);
	pub const LeavePenalty: Perbill = Perbill::from_percent(20);
	pub const SlashToOwner: Perbill = Perbill::from_percent(50);
	pub const Treasury: u64 = TREASURY;
	pub const OrderHold: RuntimeHoldReason =
		RuntimeHoldReason::StorageProofs(HoldReason::OrderDeposit);
}

impl pallet_storage_proofs::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Randomness = BlockRandomness;
	type MinProviderStake = ConstU64<MIN_STAKE>;
	type CollateralPerSegment = ConstU64<COLLATERAL_PER_SEGMENT>;
	type MinFeePerSegmentPeriod = ConstU64<MIN_FEE_PER_SEGMENT_PERIOD>;
	type OrderDeposit = HoldConsideration<
		u64,
		Balances,
		OrderHold,
		ConstantStoragePrice<ConstU64<ORDER_DEPOSIT>, u64>,
	>;
	type MaxReplicas = ConstU32<MAX_REPLICAS>;
	type MaxOrderDuration = ConstU64<1_000>;
	type ChallengePeriod = ConstU64<PERIOD>;
	type MaxChallengesPerPeriod = ConstU32<MAX_CHALLENGES>;
	type ResponseWindow = ConstU64<WINDOW>;
	type ResponseBytesPerBlock = ConstU64<BYTES_PER_BLOCK>;
	type SlashFraction = SlashFraction;
	type LeavePenalty = LeavePenalty;
	type SlashToOwner = SlashToOwner;
	type Slash = ResolveTo<Treasury, Balances>;
	type MaxStrikes = ConstU32<MAX_STRIKES>;
	type UnbondingPeriod = ConstU64<UNBONDING>;
	type UnbondingClock = System;
	type WeightInfo = ();
}

pub const OWNER: u64 = 1;
pub const P1: u64 = 11;
pub const P2: u64 = 12;
pub const P3: u64 = 13;
pub const P4: u64 = 14;
/// Can pay fees but no stake.
pub const POOR: u64 = 20;
/// Receives the part of slashes that does not go to an order's owner.
pub const TREASURY: u64 = 99;
pub const INITIAL_BALANCE: u64 = 1_000_000;
pub const ACCOUNTS: [u64; 5] = [OWNER, P1, P2, P3, P4];

pub fn new_test_ext() -> cpchain_pallet_support::CheckedExt {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut balances: Vec<_> = ACCOUNTS.iter().map(|a| (*a, INITIAL_BALANCE)).collect();
	balances.push((POOR, 100));
	balances.push((TREASURY, 1));
	pallet_balances::GenesisConfig::<Test> { balances, ..Default::default() }
		.assimilate_storage(&mut storage)
		.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	cpchain_pallet_support::CheckedExt::new(ext, check)
}

/// The pallet's invariants and, at this mock's price, the deposits held for its orders.
fn check() -> Result<(), TryRuntimeError> {
	StorageProofs::do_try_state()?;
	let mut deposits = ExpectedHolds::default();
	for (_, order) in Orders::<Test>::iter() {
		deposits.add(order.owner, ORDER_DEPOSIT);
	}
	deposits.check::<Balances>(&OrderHold::get())
}

/// Runs the pallet's hook for every block up to `n`.
pub fn run_to_block(n: u64) {
	use frame_support::traits::Hooks;
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		StorageProofs::on_initialize(next);
	}
}
