//! A runtime with the real device registry and access grants around the data market.

use crate as pallet_data_market;
use crate::{HoldReason, Listing, Listings, Purchase, Purchases, Subscription, Subscriptions};
use cpchain_pallet_support::holds::ExpectedHolds;
use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::HoldConsideration, ConstU32, ConstU64, Footprint, LinearStoragePrice},
	weights::Weight,
};
use frame_system::EnsureRoot;
use sp_runtime::{traits::Convert, BuildStorage, Perbill, TryRuntimeError};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		DeviceRegistry: pallet_device_registry,
		AccessGrants: pallet_access_grants,
		DataMarket: pallet_data_market,
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
	pub const GrantHold: RuntimeHoldReason =
		RuntimeHoldReason::AccessGrants(pallet_access_grants::HoldReason::GrantDeposit);
	pub const DelegationHold: RuntimeHoldReason =
		RuntimeHoldReason::AccessGrants(pallet_access_grants::HoldReason::DelegationDeposit);
	pub const ListingHold: RuntimeHoldReason =
		RuntimeHoldReason::DataMarket(HoldReason::ListingDeposit);
	pub const PurchaseHold: RuntimeHoldReason =
		RuntimeHoldReason::DataMarket(HoldReason::PurchaseDeposit);
}

/// `DEPOSIT_BASE` per record and `DEPOSIT_PER_BYTE` per byte, for every deposit.
pub type DepositPrice = LinearStoragePrice<ConstU64<DEPOSIT_BASE>, ConstU64<DEPOSIT_PER_BYTE>, u64>;
type Deposit<Reason> = HoldConsideration<u64, Balances, Reason, DepositPrice>;

impl pallet_device_registry::Config for Test {
	type Currency = Balances;
	type RevokeOrigin = EnsureRoot<u64>;
	type DeviceDeposit = Deposit<DeviceHold>;
	type GatewayDeposit = Deposit<GatewayHold>;
	// Key records are free here; the registry's own tests price them.
	type KeyFee = ConstU64<0>;
	type KeyFeeDestination = ();
	type MaxAttributes = ConstU32<4>;
	type MaxMetadataLen = ConstU32<300>;
	type MaxBatchAnchors = ConstU32<8>;
	type WeightInfo = ();
}

pub const MIN_PROXY_STAKE: u64 = 10_000;
pub const RETENTION: u64 = 100;

parameter_types! {
	pub const FaultSlash: Perbill = Perbill::from_percent(10);
	pub const ProtocolFee: Perbill = Perbill::from_percent(2);
	pub const Treasury: u64 = TREASURY;
}

impl pallet_access_grants::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Listings = DataMarket;
	type Outcome = DataMarket;
	type BlockNumberProvider = System;
	type MinProxyStake = ConstU64<MIN_PROXY_STAKE>;
	type ProxyUnbonding = ConstU64<20>;
	type FaultSlash = FaultSlash;
	type MaxProxies = ConstU32<4>;
	type MaxThreshold = ConstU32<4>;
	type Retention = ConstU64<RETENTION>;
	type GrantDeposit = Deposit<GrantHold>;
	type DelegationDeposit = Deposit<DelegationHold>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkHelper;
}

pub const WINDOW: u64 = 10;
pub const DEPOSIT_BASE: u64 = 20;
pub const DEPOSIT_PER_BYTE: u64 = 1;

impl pallet_data_market::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Grants = AccessGrants;
	type Provenance = DeviceRegistry;
	type BlockNumberProvider = System;
	type FulfilmentWindow = ConstU64<WINDOW>;
	type ProtocolFee = ProtocolFee;
	type Treasury = Treasury;
	type ListingDeposit = Deposit<ListingHold>;
	type PurchaseDeposit = Deposit<PurchaseHold>;
	type MaxProvenanceRefs = ConstU32<4>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkHelper;
}

/// Makes listings and anchored devices for benchmarks, as the runtime does.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for BenchmarkHelper {
	fn anchored_device(owner: &u64, index: u32, last: u64) -> cpchain_primitives::device::DeviceId {
		DeviceRegistry::benchmark_anchored_device(*owner, index, last)
	}
}
#[cfg(feature = "runtime-benchmarks")]
impl pallet_access_grants::BenchmarkHelper<u64> for BenchmarkHelper {
	fn create_listing(seller: &u64) -> pallet_access_grants::ListingId {
		crate::benchmarking::listing::<Test>(seller)
	}
}

pub const SELLER: u64 = 1;
pub const BUYER: u64 = 2;
pub const BUYER2: u64 = 3;
pub const OTHER: u64 = 4;
pub const TREASURY: u64 = 99;
/// Can pay a small deposit but no price.
pub const POOR: u64 = 30;
pub const INITIAL_BALANCE: u64 = 1_000_000;

pub fn new_test_ext() -> cpchain_pallet_support::CheckedExt {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut balances: Vec<_> =
		[SELLER, BUYER, BUYER2, OTHER].iter().map(|a| (*a, INITIAL_BALANCE)).collect();
	balances.push((POOR, 100));
	pallet_balances::GenesisConfig::<Test> { balances, ..Default::default() }
		.assimilate_storage(&mut storage)
		.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	cpchain_pallet_support::CheckedExt::new(ext, check)
}

/// The invariants of the three pallets and, at this mock's prices, the deposits held for the
/// market's records.
fn check() -> Result<(), TryRuntimeError> {
	DataMarket::do_try_state()?;
	AccessGrants::do_try_state()?;
	DeviceRegistry::do_try_state()?;
	let mut purchases = ExpectedHolds::default();
	for (_, purchase) in Purchases::<Test>::iter() {
		purchases.add(purchase.buyer, purchase_deposit());
	}
	for (_, subscriber, _) in Subscriptions::<Test>::iter() {
		purchases.add(subscriber, subscription_deposit());
	}
	purchases.check::<Balances>(&PurchaseHold::get())?;
	let mut listings = ExpectedHolds::default();
	for (_, listing) in Listings::<Test>::iter() {
		listings.add(listing.seller, listing_deposit(&listing));
	}
	listings.check::<Balances>(&ListingHold::get())
}

/// What `listing` holds from its seller.
pub fn listing_deposit(listing: &Listing<Test>) -> u64 {
	DepositPrice::convert(listing.footprint())
}

/// What a purchase holds from its buyer.
pub fn purchase_deposit() -> u64 {
	DepositPrice::convert(Footprint::from_mel::<Purchase<Test>>())
}

/// What a subscription holds from its subscriber.
pub fn subscription_deposit() -> u64 {
	DepositPrice::convert(Footprint::from_mel::<
		Subscription<<Test as crate::Config>::PurchaseDeposit>,
	>())
}

/// Runs every pallet's `on_idle` with `weight` for every block up to `n`.
pub fn run_to_block_with(n: u64, weight: Weight) {
	use frame_support::traits::Hooks;
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		DataMarket::on_idle(next, weight);
		AccessGrants::on_idle(next, weight);
	}
}

pub fn run_to_block(n: u64) {
	run_to_block_with(n, Weight::MAX);
}
