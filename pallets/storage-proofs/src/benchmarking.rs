//! Benchmarks of the storage proofs pallet, each at its worst case: longest endpoint, deepest
//! Merkle path (1 PiB of content) with a full segment, every challenge of a round missed with
//! the provider evicted, every replica of an order paid when it ends. The draw list's tree is
//! short here; the calls add its storage work for the list as it is on chain.

use crate::*;
use alloc::{vec, vec::Vec};
use cpchain_primitives::storage::{
	leaf_hash, node_hash, segment_count, MAX_PROOF_LEN, SEGMENT_SIZE,
};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, Mutate},
		Consideration, Get,
	},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_core::H256;
use sp_runtime::traits::{BlockNumberProvider, Saturating, Zero};

/// An account with `amount` to spend.
fn funded<T: Config>(name: &'static str, index: u32, amount: BalanceOf<T>) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, amount.saturating_add(T::Currency::minimum_balance()));
	who
}

fn longest_endpoint() -> Endpoint {
	BoundedVec::truncate_from(vec![b'e'; <MaxEndpointLen as Get<u32>>::get() as usize])
}

/// A provider with stake for `bytes` of content.
fn provider<T: Config>(index: u32, bytes: u64) -> T::AccountId {
	let stake = Pallet::<T>::collateral(segment_count(bytes)).max(T::MinProviderStake::get());
	let who = funded::<T>("provider", index, stake);
	Pallet::<T>::do_register_provider(who.clone(), stake, u64::MAX, longest_endpoint())
		.expect("funded");
	who
}

/// The least fee of an order of `size` bytes lasting as long as allowed.
fn fee<T: Config>(size: u64, replicas: u32) -> BalanceOf<T> {
	Pallet::<T>::min_fee(segment_count(size), replicas, T::MaxOrderDuration::get())
}

/// Places an order of `size` bytes with `root`, lasting as long as allowed; gives the owner
/// what it costs.
fn order<T: Config>(owner: &T::AccountId, root: H256, size: u64, replicas: u32) -> OrderId {
	let id = NextOrderId::<T>::get();
	let fee = fee::<T>(size, replicas);
	T::Currency::mint_into(owner, fee).expect("mints");
	T::OrderDeposit::ensure_successful(owner, Pallet::<T>::order_footprint());
	Pallet::<T>::do_place_order(
		owner.clone(),
		root,
		size,
		segment_count(size),
		replicas,
		T::MaxOrderDuration::get(),
		fee,
	)
	.expect("valid order");
	id
}

fn advance<T: Config>(blocks: u32) {
	let now = frame_system::Pallet::<T>::block_number();
	frame_system::Pallet::<T>::set_block_number(now.saturating_add(blocks.into()));
}

/// `n` replicas, each of its own order and provider.
fn replicas<T: Config>(n: u32) -> Vec<(OrderId, T::AccountId)> {
	let owner = funded::<T>("owner", 0, 0u32.into());
	(0..n)
		.map(|i| {
			let provider = provider::<T>(i, 4 * SEGMENT_SIZE);
			let id = order::<T>(&owner, H256::repeat_byte(1), 4 * SEGMENT_SIZE, 1);
			Pallet::<T>::do_accept_order(provider.clone(), id).expect("room");
			(id, provider)
		})
		.collect()
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_provider() {
		let stake = T::MinProviderStake::get();
		let who = funded::<T>("provider", 0, stake);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), stake, u64::MAX, longest_endpoint());
		assert!(Providers::<T>::contains_key(&who));
	}

	#[benchmark]
	fn update_provider() {
		let who = provider::<T>(0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), 1u64 << 40, longest_endpoint());
		assert_eq!(Providers::<T>::get(&who).map(|info| info.capacity), Some(1 << 40));
	}

	#[benchmark]
	fn bond_extra() {
		let who = provider::<T>(0, 0);
		let amount = T::MinProviderStake::get();
		T::Currency::mint_into(&who, amount).expect("mints");
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), amount);
		assert_eq!(
			Providers::<T>::get(&who).map(|info| info.stake),
			Some(T::MinProviderStake::get().saturating_mul(2u32.into()))
		);
	}

	#[benchmark]
	fn unregister_provider() {
		let who = provider::<T>(0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(matches!(
			Providers::<T>::get(&who).map(|info| info.status),
			Some(StakeStatus::Leaving { .. })
		));
	}

	#[benchmark]
	fn withdraw_stake() {
		let who = provider::<T>(0, 0);
		Pallet::<T>::do_unregister_provider(who.clone()).expect("active");
		let unbonding = T::UnbondingPeriod::get();
		let now = T::UnbondingClock::current_block_number();
		T::UnbondingClock::set_block_number(now.saturating_add(unbonding));
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(!Providers::<T>::contains_key(&who));
	}

	#[benchmark]
	fn place_order() {
		let size = (1u64 << MAX_PROOF_LEN) * SEGMENT_SIZE;
		let fee = fee::<T>(size, T::MaxReplicas::get());
		let owner = funded::<T>("owner", 0, fee);
		T::OrderDeposit::ensure_successful(&owner, Pallet::<T>::order_footprint());
		#[extrinsic_call]
		_(
			RawOrigin::Signed(owner),
			H256::repeat_byte(1),
			size,
			segment_count(size),
			T::MaxReplicas::get(),
			T::MaxOrderDuration::get(),
			fee,
		);
		assert!(Orders::<T>::contains_key(0));
	}

	#[benchmark]
	fn accept_order() {
		let owner = funded::<T>("owner", 0, 0u32.into());
		let id = order::<T>(&owner, H256::repeat_byte(1), 1 << 30, T::MaxReplicas::get());
		let who = provider::<T>(0, 1 << 30);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), id);
		assert!(Replicas::<T>::contains_key(id, &who));
	}

	/// The provider is paid and penalised, and the last replica of the list moves into its slot.
	#[benchmark]
	fn leave_replica() {
		let owner = funded::<T>("owner", 1, 0u32.into());
		let id = order::<T>(&owner, H256::repeat_byte(1), 1 << 30, 1);
		let who = provider::<T>(100, 1 << 30);
		Pallet::<T>::do_accept_order(who.clone(), id).expect("room");
		replicas::<T>(2);
		advance::<T>(1);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), id);
		assert!(!Replicas::<T>::contains_key(id, &who));
		assert!(Providers::<T>::get(&who).is_some_and(|info| !info.stats.slashed.is_zero()));
	}

	/// Ended by a third party once over; each of the `r` providers has an open challenge and
	/// is paid.
	#[benchmark]
	fn end_order(r: Linear<1, { T::MaxReplicas::get() }>) {
		let owner = funded::<T>("owner", 0, 0u32.into());
		let id = order::<T>(&owner, H256::repeat_byte(1), 1 << 30, r);
		for i in 0..r {
			let who = provider::<T>(i, 1 << 30);
			Pallet::<T>::do_accept_order(who, id).expect("room");
		}
		let period = T::ChallengePeriod::get();
		frame_system::Pallet::<T>::set_block_number(period);
		assert_eq!(Pallet::<T>::issue_round(period), (r, 0));
		let ends_at = Orders::<T>::get(id).expect("placed").ends_at;
		frame_system::Pallet::<T>::set_block_number(ends_at);
		let caller = funded::<T>("caller", 0, 0u32.into());
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);
		assert!(!Orders::<T>::contains_key(id));
	}

	/// A full segment of 1 PiB of content: the deepest path the chain accepts.
	#[benchmark]
	fn submit_proof() {
		let segment: Segment = BoundedVec::truncate_from(vec![7u8; SEGMENT_SIZE as usize]);
		let index = (1u64 << MAX_PROOF_LEN) - 2;
		let path: MerklePath = BoundedVec::truncate_from(
			(0..MAX_PROOF_LEN).map(|level| H256::repeat_byte(level as u8)).collect(),
		);
		let mut root = leaf_hash(&segment);
		for (level, sibling) in path.iter().enumerate() {
			root = if (index >> level) & 1 == 0 {
				node_hash(&root, sibling)
			} else {
				node_hash(sibling, &root)
			};
		}
		let owner = funded::<T>("owner", 0, 0u32.into());
		let size = (1u64 << MAX_PROOF_LEN) * SEGMENT_SIZE;
		let id = order::<T>(&owner, root, size, 1);
		let who = provider::<T>(0, size);
		Pallet::<T>::do_accept_order(who.clone(), id).expect("room");
		advance::<T>(1);
		let now = frame_system::Pallet::<T>::block_number();
		let challenge = NextChallengeId::<T>::get();
		Challenges::<T>::insert(
			challenge,
			Challenge { order: id, provider: who.clone(), segment: index, deadline: now },
		);
		OpenChallenge::<T>::insert(id, &who, challenge);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), challenge, segment, path);
		assert!(!Challenges::<T>::contains_key(challenge));
		assert!(Providers::<T>::get(&who).is_some_and(|info| info.stats.proved == 1));
	}

	/// `n` challenges missed, each slashing its provider and evicting it from the order.
	#[benchmark]
	fn expire_challenges(n: Linear<0, { T::MaxChallengesPerPeriod::get() }>) {
		let replicas = replicas::<T>(n);
		let period = T::ChallengePeriod::get();
		frame_system::Pallet::<T>::set_block_number(period);
		assert_eq!(Pallet::<T>::issue_round(period), (n, 0));
		for (order, provider) in &replicas {
			Replicas::<T>::mutate(order, provider, |replica| {
				if let Some(replica) = replica {
					replica.strikes = T::MaxStrikes::get().saturating_sub(1);
				}
			});
		}
		frame_system::Pallet::<T>::set_block_number(period.saturating_add(period));
		#[block]
		{
			Pallet::<T>::expire_round();
		}
		assert_eq!(ReplicaCount::<T>::get(), 0);
	}

	/// `n` challenges drawn and issued, one to each of `n` replicas.
	#[benchmark]
	fn issue_challenges(n: Linear<0, { T::MaxChallengesPerPeriod::get() }>) {
		replicas::<T>(n);
		let period = T::ChallengePeriod::get();
		frame_system::Pallet::<T>::set_block_number(period);
		#[block]
		{
			Pallet::<T>::issue(period, true, n);
		}
		assert_eq!(Round::<T>::get().len() as u32, n);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
