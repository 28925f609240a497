use crate as pallet_access_grants;
use crate::{
	grant_footprint, Delegation, Delegations, GrantId, GrantOutcome, Grants, HoldReason, ListingId,
	ListingSeller,
};
use core::cell::RefCell;
use cpchain_pallet_support::{holds::ExpectedHolds, CheckedExt};
use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::HoldConsideration, ConstU32, ConstU64, Footprint, LinearStoragePrice},
	weights::Weight,
};
use sp_runtime::{traits::Convert, BuildStorage, DispatchResult, Perbill, TryRuntimeError};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		AccessGrants: pallet_access_grants,
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

pub const SELLER: u64 = 1;
pub const BUYER: u64 = 2;
pub const P1: u64 = 11;
pub const P2: u64 = 12;
pub const P3: u64 = 13;
pub const OTHER: u64 = 20;
/// Can pay a deposit but no stake.
pub const POOR: u64 = 30;
pub const INITIAL_BALANCE: u64 = 1_000_000;

/// Listings `0..10` exist and are sold by `SELLER`, others if `add_listing` made them. In the
/// runtime, the data market says.
pub struct Listings;
impl ListingSeller<u64> for Listings {
	fn seller(listing: ListingId) -> Option<u64> {
		if listing < 10 {
			return Some(SELLER);
		}
		EXTRA_LISTINGS.with(|l| l.borrow().get(&listing).copied())
	}
}

/// A new listing of `seller`.
pub fn add_listing(seller: u64) -> ListingId {
	EXTRA_LISTINGS.with(|l| {
		let mut l = l.borrow_mut();
		let id = 10 + l.len() as ListingId;
		l.insert(id, seller);
		id
	})
}

/// The listing is gone (delisted and settled, in the data market).
pub fn remove_listing(listing: ListingId) {
	EXTRA_LISTINGS.with(|l| l.borrow_mut().remove(&listing));
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for Listings {
	fn create_listing(seller: &u64) -> ListingId {
		add_listing(*seller)
	}
}

thread_local! {
	static EXTRA_LISTINGS: RefCell<std::collections::BTreeMap<ListingId, u64>> =
		const { RefCell::new(std::collections::BTreeMap::new()) };
	/// What the pallet told its `GrantOutcome`, in order.
	pub static OUTCOMES: RefCell<Vec<(&'static str, GrantId)>> = const { RefCell::new(Vec::new()) };
}

/// Records outcomes. In the runtime, the data market settles the escrow.
pub struct Outcomes;
impl GrantOutcome for Outcomes {
	fn on_fulfilled(grant: GrantId) -> DispatchResult {
		OUTCOMES.with(|o| o.borrow_mut().push(("fulfilled", grant)));
		Ok(())
	}
	fn on_revoked(grant: GrantId) -> DispatchResult {
		OUTCOMES.with(|o| o.borrow_mut().push(("revoked", grant)));
		Ok(())
	}
	fn weight() -> Weight {
		Weight::zero()
	}
}

pub fn outcomes() -> Vec<(&'static str, GrantId)> {
	OUTCOMES.with(|o| o.borrow().clone())
}

pub const MIN_STAKE: u64 = 10_000;
pub const UNBONDING: u64 = 20;
pub const RETENTION: u64 = 50;
pub const MAX_THRESHOLD: u32 = 4;
pub const DEPOSIT_BASE: u64 = 5;
pub const DEPOSIT_PER_BYTE: u64 = 1;

parameter_types! {
	pub const FaultSlash: Perbill = Perbill::from_percent(10);
	pub const GrantHold: RuntimeHoldReason =
		RuntimeHoldReason::AccessGrants(HoldReason::GrantDeposit);
	pub const DelegationHold: RuntimeHoldReason =
		RuntimeHoldReason::AccessGrants(HoldReason::DelegationDeposit);
}

/// `DEPOSIT_BASE` per record and `DEPOSIT_PER_BYTE` per byte.
pub type DepositPrice = LinearStoragePrice<ConstU64<DEPOSIT_BASE>, ConstU64<DEPOSIT_PER_BYTE>, u64>;

impl pallet_access_grants::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Listings = Listings;
	type Outcome = Outcomes;
	type BlockNumberProvider = System;
	type MinProxyStake = ConstU64<MIN_STAKE>;
	type ProxyUnbonding = ConstU64<UNBONDING>;
	type FaultSlash = FaultSlash;
	type MaxProxies = ConstU32<4>;
	type MaxThreshold = ConstU32<MAX_THRESHOLD>;
	type Retention = ConstU64<RETENTION>;
	type GrantDeposit = HoldConsideration<u64, Balances, GrantHold, DepositPrice>;
	type DelegationDeposit = HoldConsideration<u64, Balances, DelegationHold, DepositPrice>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Listings;
}

pub fn new_test_ext() -> CheckedExt {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut balances: Vec<_> =
		[SELLER, BUYER, P1, P2, P3, OTHER].iter().map(|a| (*a, INITIAL_BALANCE)).collect();
	balances.push((POOR, 100));
	pallet_balances::GenesisConfig::<Test> { balances, ..Default::default() }
		.assimilate_storage(&mut storage)
		.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		OUTCOMES.with(|o| o.borrow_mut().clear());
	});
	CheckedExt::new(ext, check)
}

/// The pallet's invariants and, at this mock's prices, the deposits held for its records.
fn check() -> Result<(), TryRuntimeError> {
	AccessGrants::do_try_state()?;
	let mut grants = ExpectedHolds::default();
	for (_, grant) in Grants::<Test>::iter() {
		grants.add(grant.grantee, grant_deposit(grant.threshold));
	}
	grants.check::<Balances>(&GrantHold::get())?;
	let mut delegations = ExpectedHolds::default();
	for (_, delegation) in Delegations::<Test>::iter() {
		delegations.add(
			delegation.owner,
			DepositPrice::convert(Footprint::from_mel::<Delegation<Test>>()),
		);
	}
	delegations.check::<Balances>(&DelegationHold::get())
}

/// What a grant needing `threshold` fragments holds from its grantee.
pub fn grant_deposit(threshold: u8) -> u64 {
	DepositPrice::convert(grant_footprint::<Test>(threshold))
}

/// Runs `on_idle` with unlimited weight for every block up to `n`.
pub fn run_to_block(n: u64) {
	use frame_support::traits::Hooks;
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		AccessGrants::on_idle(next, Weight::MAX);
	}
}
