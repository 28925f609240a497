//! Benchmarks of the access grants pallet, each at its worst case. Fragment verification is
//! elliptic-curve arithmetic in WASM: the benchmarks verify real Umbral fragments, made in
//! the setup from seeded keys, and the grant is fulfilled by a proxy (the submitter whose
//! authorisation costs most) from a full delegation.

use crate::{testing::*, *};
use alloc::vec::Vec;
use cpchain_pallet_support::queue::Step;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Mutate, Get},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_runtime::traits::{BlockNumberProvider, Saturating};

const PLAINTEXT: &[u8] = b"EV battery cell temperatures, fleet 12, week 47";

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, T::MinProxyStake::get().saturating_mul(1_000u32.into()));
	who
}

fn proxy<T: Config>(index: u32) -> T::AccountId {
	let who = funded::<T>("proxy", index);
	Pallet::<T>::do_register_proxy(who.clone(), T::MinProxyStake::get()).expect("funded");
	who
}

/// A listing delegated to `MaxProxies` proxies with `threshold`; returns it, its seller and
/// the last proxy.
fn delegated_listing<T: Config>(threshold: u32) -> (ListingId, T::AccountId, T::AccountId) {
	let seller = funded::<T>("seller", 0);
	let listing = T::BenchmarkHelper::create_listing(&seller);
	let proxies: Vec<_> = (0..T::MaxProxies::get()).map(proxy::<T>).collect();
	let last = proxies.last().cloned().expect("MaxProxies > 0");
	Pallet::<T>::do_set_delegation(
		seller.clone(),
		listing,
		BoundedVec::truncate_from(proxies),
		threshold as u8,
	)
	.expect("valid delegation");
	(listing, seller, last)
}

/// A grant of `listing` for a buyer's key, and the listing and buyer key to fulfil it.
fn grant<T: Config>(listing: ListingId, seller: &T::AccountId) -> (GrantId, Listing, SecretKey) {
	let data = Listing::new(7, PLAINTEXT);
	let buyer_key = secret_key(8);
	let buyer = funded::<T>("buyer", 0);
	let deadline = T::BlockNumberProvider::current_block_number().saturating_add(100u32.into());
	let id = Pallet::<T>::do_request(
		listing,
		seller.clone(),
		buyer,
		public_key(&buyer_key),
		data.sealed(),
		deadline,
	)
	.expect("valid request");
	(id, data, buyer_key)
}

/// A grant needing `MaxThreshold` fragments, all but `n` of them stored: its id, a proxy of
/// the listing, and the `n` missing fragments.
fn partly_fulfilled<T: Config>(n: u32) -> (GrantId, T::AccountId, Vec<CapsuleFrag>) {
	let threshold = T::MaxThreshold::get();
	let (listing, seller, proxy) = delegated_listing::<T>(threshold);
	let (id, data, buyer) = grant::<T>(listing, &seller);
	let mut cfrags = data.fragments(&buyer, threshold as usize, threshold as usize);
	let missing = cfrags.split_off((threshold - n) as usize);
	if !cfrags.is_empty() {
		let stored = batch::<T>(cfrags.iter().map(wire).collect());
		Pallet::<T>::do_submit_fragments(proxy.clone(), id, stored).expect("valid fragments");
	}
	(id, proxy, missing)
}

/// A grant fulfilled with `MaxThreshold` fragments, the most a grant keeps.
fn fulfilled<T: Config>() -> GrantId {
	let (id, proxy, missing) = partly_fulfilled::<T>(1);
	Pallet::<T>::do_submit_fragments(proxy, id, batch::<T>(missing.iter().map(wire).collect()))
		.expect("valid fragments");
	id
}

fn batch<T: Config>(list: Vec<FragmentBytes>) -> BoundedVec<FragmentBytes, T::MaxThreshold> {
	BoundedVec::truncate_from(list)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// `n` verified fragments from a proxy, completing a grant of threshold `MaxThreshold`
	/// that has the other fragments of the set already.
	#[benchmark]
	fn submit_fragments(n: Linear<1, { T::MaxThreshold::get() }>) {
		let (id, proxy, cfrags) = partly_fulfilled::<T>(n);
		let fragments = batch::<T>(cfrags.iter().map(wire).collect());
		#[extrinsic_call]
		submit_fragments(RawOrigin::Signed(proxy), id, fragments);
		assert!(matches!(
			Grants::<T>::get(id).map(|g| g.status),
			Some(GrantStatus::Fulfilled { .. })
		));
	}

	/// `n` fragments from a proxy that all fail verification: `n` faults and slashes.
	#[benchmark]
	fn submit_faulty_fragments(n: Linear<1, { T::MaxThreshold::get() }>) {
		let (id, proxy, cfrags) = partly_fulfilled::<T>(n);
		let fragments = batch::<T>(cfrags.iter().map(tampered).collect());
		#[extrinsic_call]
		submit_fragments(RawOrigin::Signed(proxy.clone()), id, fragments);
		assert_eq!(Proxies::<T>::get(&proxy).map(|p| p.faults), Some(n));
	}

	#[benchmark]
	fn revoke_grant() {
		let seller = funded::<T>("seller", 0);
		let listing = T::BenchmarkHelper::create_listing(&seller);
		let (id, ..) = grant::<T>(listing, &seller);
		#[extrinsic_call]
		_(RawOrigin::Signed(seller), id);
		assert!(matches!(
			Grants::<T>::get(id).map(|g| g.status),
			Some(GrantStatus::Revoked { .. })
		));
	}

	#[benchmark]
	fn register_proxy() {
		let who = funded::<T>("proxy", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), T::MinProxyStake::get());
		assert!(Proxies::<T>::contains_key(&who));
	}

	#[benchmark]
	fn unregister_proxy() {
		let who = proxy::<T>(0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(matches!(
			Proxies::<T>::get(&who).map(|p| p.status),
			Some(StakeStatus::Leaving { .. })
		));
	}

	#[benchmark]
	fn withdraw_proxy() {
		let who = proxy::<T>(0);
		Pallet::<T>::do_unregister_proxy(who.clone()).expect("active");
		let now = T::BlockNumberProvider::current_block_number();
		T::BlockNumberProvider::set_block_number(now.saturating_add(T::ProxyUnbonding::get()));
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(!Proxies::<T>::contains_key(&who));
	}

	/// Replaces a delegation of `MaxProxies` with one of `p` proxies.
	#[benchmark]
	fn set_delegation(p: Linear<1, { T::MaxProxies::get() }>) {
		let (listing, seller, _) = delegated_listing::<T>(1);
		let proxies: Vec<_> = (0..p).map(|i| account("proxy", i, 0)).collect();
		let threshold = p.min(T::MaxThreshold::get()) as u8;
		#[extrinsic_call]
		_(RawOrigin::Signed(seller), listing, BoundedVec::truncate_from(proxies), threshold);
		assert_eq!(Delegations::<T>::get(listing).map(|d| d.proxies.len() as u32), Some(p));
	}

	/// A fulfilled grant with `MaxThreshold` fragments, pruned from the head of the queue
	/// after its retention.
	#[benchmark]
	fn prune_grant() {
		let id = fulfilled::<T>();
		let now =
			T::BlockNumberProvider::current_block_number().saturating_add(T::Retention::get());
		let step;
		#[block]
		{
			step = Pallet::<T>::prune_one(id, now);
		}
		assert_eq!(step, Step::Done(T::WeightInfo::prune_grant()));
		assert!(!Grants::<T>::contains_key(id));
	}

	/// The head of the queue is a grant with `MaxThreshold` fragments whose retention is not
	/// over: read and left.
	#[benchmark]
	fn prune_skipped() {
		let id = fulfilled::<T>();
		let now = T::BlockNumberProvider::current_block_number();
		let step;
		#[block]
		{
			step = Pallet::<T>::prune_one(id, now);
		}
		assert_eq!(step, Step::NotDue(T::WeightInfo::prune_skipped()));
		assert!(Grants::<T>::contains_key(id));
	}

	/// The grantee releases a fulfilled grant with `MaxThreshold` fragments.
	#[benchmark]
	fn release_grant() {
		let id = fulfilled::<T>();
		let grantee = Grants::<T>::get(id).expect("fulfilled").grantee;
		#[extrinsic_call]
		_(RawOrigin::Signed(grantee), id);
		assert!(!Grants::<T>::contains_key(id));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
