//! Benchmarks of the data market, each at its worst case: the largest listing (every tag,
//! the longest license, every provenance reference checked against the device registry), a
//! purchase that also opens a subscription and a grant, settlements that remove a delisted
//! listing with their last purchase.

use crate::*;
use alloc::{boxed::Box, vec};
use cpchain_pallet_support::queue::Step;
use cpchain_primitives::market::{GrantOutcome, ListingId};
use cpchain_primitives::{device::ProvenanceRef, storage::segment_count};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, Mutate},
		Get,
	},
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use pallet_access_grants::testing;
use sp_core::H256;
use sp_runtime::traits::{BlockNumberProvider, Bounded, Saturating};

const SIZE: u64 = 1 << 30;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 1_000u32.into());
	who
}

fn price<T: Config>() -> BalanceOf<T> {
	T::Currency::minimum_balance().saturating_add(1_000_000u32.into())
}

fn longest<S: Get<u32>>(byte: u8) -> BoundedVec<u8, S> {
	BoundedVec::truncate_from(vec![byte; S::get() as usize])
}

/// `MaxProvenanceRefs` references, each to anchors of its own device of `seller`.
fn provenance<T: Config>(seller: &T::AccountId) -> BoundedVec<ProvenanceRef, T::MaxProvenanceRefs> {
	BoundedVec::truncate_from(
		(0..T::MaxProvenanceRefs::get())
			.map(|i| ProvenanceRef {
				device: T::BenchmarkHelper::anchored_device(seller, i, 10),
				first_sequence: 1,
				last_sequence: 10,
			})
			.collect(),
	)
}

/// A listing of `seller` with every field at its largest, selling `offer`.
fn largest<T: Config>(seller: &T::AccountId, offer: Offer<BlockNumberFor<T>>) -> NewListing<T> {
	let sealed = testing::Listing::new(1, b"benchmark").sealed();
	let expires_at = T::BlockNumberProvider::current_block_number().saturating_add(1_000u32.into());
	NewListing {
		offer,
		price: price::<T>(),
		content_root: H256::repeat_byte(1),
		size: SIZE,
		segments: segment_count(SIZE),
		capsule: sealed.capsule,
		delegating_key: sealed.delegating_key,
		verifying_key: sealed.verifying_key,
		license: longest(b'l'),
		tags: BoundedVec::truncate_from(vec![
			longest::<MaxTagLen>(b't');
			<MaxTags as Get<u32>>::get() as usize
		]),
		provenance: provenance::<T>(seller),
		expires_at: Some(expires_at),
	}
}

/// Lists [`largest`], without expiry; returns its id.
fn create<T: Config>(seller: &T::AccountId, offer: Offer<BlockNumberFor<T>>) -> ListingId {
	let id = NextListingId::<T>::get();
	let listing = NewListing { expires_at: None, ..largest::<T>(seller, offer) };
	Pallet::<T>::do_create_listing(seller.clone(), listing).expect("valid listing");
	id
}

/// A dataset listing of `seller`, for the access grants benchmarks.
pub fn listing<T: Config>(seller: &T::AccountId) -> ListingId {
	create::<T>(seller, Offer::Dataset)
}

fn subscription<T: Config>() -> Offer<BlockNumberFor<T>> {
	Offer::Subscription { period: 100u32.into() }
}

fn buyer_key() -> [u8; 33] {
	testing::public_key(&testing::secret_key(2))
}

/// A pending purchase of a delisted stream, so that settling it updates the subscription and
/// removes the listing.
fn pending<T: Config>() -> (PurchaseId, T::AccountId) {
	let seller = funded::<T>("seller", 0);
	let listing = create::<T>(&seller, subscription::<T>());
	let buyer = funded::<T>("buyer", 0);
	Pallet::<T>::do_purchase(buyer.clone(), listing, buyer_key(), price::<T>()).expect("buyable");
	let id = OpenPurchase::<T>::get(&buyer, listing).expect("bought");
	Pallet::<T>::do_delist(seller, listing).expect("listed");
	(id, buyer)
}

fn past_deadline<T: Config>(id: PurchaseId) -> BlockNumberFor<T> {
	let deadline = Purchases::<T>::get(id).expect("pending").deadline;
	let now = deadline.saturating_add(1u32.into());
	T::BlockNumberProvider::set_block_number(now);
	now
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_listing() {
		let seller = funded::<T>("seller", 0);
		let listing = Box::new(largest::<T>(&seller, subscription::<T>()));
		#[extrinsic_call]
		_(RawOrigin::Signed(seller), listing);
		assert!(Listings::<T>::contains_key(0));
	}

	#[benchmark]
	fn update_listing() {
		let seller = funded::<T>("seller", 0);
		let id = create::<T>(&seller, Offer::Dataset);
		Pallet::<T>::do_update_listing(seller.clone(), id, None, Some(BoundedVec::new()), None)
			.expect("listed");
		#[extrinsic_call]
		_(RawOrigin::Signed(seller), id, Some(price::<T>()), Some(longest(b'm')), Some(true));
		assert_eq!(Listings::<T>::get(id).map(|l| l.status), Some(ListingStatus::Paused));
	}

	#[benchmark]
	fn delist() {
		let seller = funded::<T>("seller", 0);
		let id = create::<T>(&seller, Offer::Dataset);
		#[extrinsic_call]
		_(RawOrigin::Signed(seller), id);
		assert!(!Listings::<T>::contains_key(id));
	}

	/// Replaces the next period's publication of a stream that has both periods published.
	#[benchmark]
	fn publish_period() {
		let seller = funded::<T>("seller", 0);
		let id = create::<T>(&seller, subscription::<T>());
		let capsule = testing::Listing::new(3, b"next").sealed().capsule;
		let next = |root: u8| PeriodContent {
			period: 1,
			content_root: H256::repeat_byte(root),
			size: SIZE,
			segments: segment_count(SIZE),
			capsule: capsule.clone(),
		};
		Pallet::<T>::do_publish_period(seller.clone(), id, next(2)).expect("open period");
		#[extrinsic_call]
		_(
			RawOrigin::Signed(seller),
			id,
			1,
			H256::repeat_byte(3),
			SIZE,
			segment_count(SIZE),
			capsule.clone(),
		);
		assert_eq!(Listings::<T>::get(id).map(|l| l.content.len()), Some(2));
	}

	/// The first purchase of a stream: escrow, purchase, subscription and grant.
	#[benchmark]
	fn purchase() {
		let seller = funded::<T>("seller", 0);
		let id = create::<T>(&seller, subscription::<T>());
		let buyer = funded::<T>("buyer", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer.clone()), id, buyer_key(), price::<T>());
		assert!(OpenPurchase::<T>::contains_key(&buyer, id));
		assert!(Subscriptions::<T>::contains_key(id, &buyer));
	}

	#[benchmark]
	fn renew() {
		let seller = funded::<T>("seller", 0);
		let id = create::<T>(&seller, subscription::<T>());
		let buyer = funded::<T>("buyer", 0);
		Pallet::<T>::do_purchase(buyer.clone(), id, buyer_key(), price::<T>()).expect("buyable");
		let first = OpenPurchase::<T>::get(&buyer, id).expect("bought");
		Pallet::<T>::complete(first).expect("pending");
		let capsule = testing::Listing::new(3, b"next").sealed().capsule;
		Pallet::<T>::do_publish_period(
			seller,
			id,
			PeriodContent {
				period: 1,
				content_root: H256::repeat_byte(2),
				size: SIZE,
				segments: segment_count(SIZE),
				capsule,
			},
		)
		.expect("open period");
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer.clone()), id, buyer_key(), price::<T>());
		let renewal = OpenPurchase::<T>::get(&buyer, id).and_then(Purchases::<T>::get);
		assert_eq!(renewal.map(|p| p.period), Some(1));
	}

	#[benchmark]
	fn claim_refund() {
		let (id, buyer) = pending::<T>();
		past_deadline::<T>(id);
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), id);
		assert!(!Purchases::<T>::contains_key(id));
	}

	#[benchmark]
	fn rate() {
		let (id, buyer) = pending::<T>();
		Pallet::<T>::complete(id).expect("pending");
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), id, 5);
		assert!(!Purchases::<T>::contains_key(id));
	}

	#[benchmark]
	fn end_subscription() {
		let seller = funded::<T>("seller", 0);
		let id = create::<T>(&seller, subscription::<T>());
		let buyer = funded::<T>("buyer", 0);
		Pallet::<T>::do_purchase(buyer.clone(), id, buyer_key(), price::<T>()).expect("buyable");
		#[extrinsic_call]
		_(RawOrigin::Signed(seller), id, buyer.clone());
		assert!(!Subscriptions::<T>::contains_key(id, &buyer));
	}

	/// Paying the seller and the treasury when a grant is fulfilled.
	#[benchmark]
	fn settle_fulfilled() {
		let (id, _) = pending::<T>();
		#[block]
		{
			<Pallet<T> as GrantOutcome>::on_fulfilled(id).expect("pending");
		}
		assert_eq!(Purchases::<T>::get(id).map(|p| p.status), Some(PurchaseStatus::Completed));
	}

	/// Refunding the buyer when the seller revokes the grant.
	#[benchmark]
	fn settle_revoked() {
		let (id, _) = pending::<T>();
		#[block]
		{
			<Pallet<T> as GrantOutcome>::on_revoked(id).expect("pending");
		}
		assert!(!Purchases::<T>::contains_key(id));
	}

	/// One purchase refunded by `on_idle` after its deadline, its grant expired.
	#[benchmark]
	fn refund_expired() {
		let (id, _) = pending::<T>();
		let now = past_deadline::<T>(id);
		let step;
		#[block]
		{
			step = Pallet::<T>::refund_one(id, now);
		}
		assert_eq!(step, Step::Done(T::WeightInfo::refund_expired()));
		assert!(!Purchases::<T>::contains_key(id));
	}

	/// The head of the refund queue is a purchase not yet due: read and left.
	#[benchmark]
	fn refund_skipped() {
		let (id, _) = pending::<T>();
		let now = T::BlockNumberProvider::current_block_number();
		let step;
		#[block]
		{
			step = Pallet::<T>::refund_one(id, now);
		}
		assert_eq!(step, Step::NotDue(T::WeightInfo::refund_skipped()));
		assert!(Purchases::<T>::contains_key(id));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
