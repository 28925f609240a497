use crate::*;
use alloc::vec::Vec;
use cpchain_primitives::storage::{
	proof_len, segment_count, verify_segment, ProofError, MAX_PROOF_LEN,
};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_core::H256;
use sp_runtime::{
	helpers_128bit::multiply_by_rational_with_rounding,
	traits::{Saturating, UniqueSaturatedFrom, UniqueSaturatedInto, Zero},
	ArithmeticError, Rounding,
};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_register_provider(
		provider: T::AccountId,
		stake: BalanceOf<T>,
		capacity: u64,
		endpoint: Endpoint,
	) -> DispatchResult {
		ensure!(!Providers::<T>::contains_key(&provider), Error::<T>::AlreadyProvider);
		ensure!(stake >= T::MinProviderStake::get(), Error::<T>::StakeTooLow);
		Self::hold(&provider, HoldReason::ProviderStake, stake)?;
		Providers::<T>::insert(
			&provider,
			ProviderInfo {
				stake,
				capacity,
				used: 0,
				replicas: 0,
				endpoint: endpoint.clone(),
				status: ProviderStatus::Active,
				stats: ProofStats::default(),
			},
		);
		Self::deposit_event(Event::ProviderRegistered { provider, stake, capacity, endpoint });
		Ok(())
	}

	pub(crate) fn do_update_provider(
		provider: T::AccountId,
		capacity: u64,
		endpoint: Endpoint,
	) -> DispatchResult {
		let mut info = Providers::<T>::get(&provider).ok_or(Error::<T>::UnknownProvider)?;
		ensure!(capacity >= info.used, Error::<T>::CapacityBelowUsed);
		info.capacity = capacity;
		info.endpoint = endpoint.clone();
		Providers::<T>::insert(&provider, info);
		Self::deposit_event(Event::ProviderUpdated { provider, capacity, endpoint });
		Ok(())
	}

	pub(crate) fn do_bond_extra(provider: T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		let mut info = Providers::<T>::get(&provider).ok_or(Error::<T>::UnknownProvider)?;
		Self::hold(&provider, HoldReason::ProviderStake, amount)?;
		info.stake = info.stake.saturating_add(amount);
		let stake = info.stake;
		Providers::<T>::insert(&provider, info);
		Self::deposit_event(Event::StakeBonded { provider, stake });
		Ok(())
	}

	pub(crate) fn do_unregister_provider(provider: T::AccountId) -> DispatchResult {
		let mut info = Providers::<T>::get(&provider).ok_or(Error::<T>::UnknownProvider)?;
		ensure!(info.status == ProviderStatus::Active, Error::<T>::ProviderLeaving);
		let unbonds_at = Self::now().saturating_add(T::UnbondingPeriod::get());
		info.status = ProviderStatus::Leaving { unbonds_at };
		Providers::<T>::insert(&provider, info);
		Self::deposit_event(Event::ProviderLeaving { provider, unbonds_at });
		Ok(())
	}

	pub(crate) fn do_withdraw_stake(provider: T::AccountId) -> DispatchResult {
		let info = Providers::<T>::get(&provider).ok_or(Error::<T>::UnknownProvider)?;
		let ProviderStatus::Leaving { unbonds_at } = info.status else {
			return Err(Error::<T>::NotLeaving.into());
		};
		ensure!(Self::now() >= unbonds_at, Error::<T>::UnbondingNotOver);
		ensure!(info.replicas == 0, Error::<T>::ProviderHasReplicas);
		let stake = T::Currency::release(
			&HoldReason::ProviderStake.into(),
			&provider,
			info.stake,
			Precision::BestEffort,
		)?;
		Providers::<T>::remove(&provider);
		Self::deposit_event(Event::ProviderRemoved { provider, stake });
		Ok(())
	}

	pub(crate) fn do_place_order(
		owner: T::AccountId,
		root: H256,
		size: u64,
		segments: u64,
		replicas: u32,
		duration: BlockNumberFor<T>,
		fee: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(replicas > 0, Error::<T>::ZeroReplicas);
		ensure!(replicas <= T::MaxReplicas::get(), Error::<T>::TooManyReplicas);
		ensure!(!duration.is_zero(), Error::<T>::ZeroDuration);
		ensure!(duration <= T::MaxOrderDuration::get(), Error::<T>::DurationTooLong);
		ensure!(size > 0, Error::<T>::EmptyContent);
		let expected_segments = segment_count(size);
		ensure!(proof_len(expected_segments) <= MAX_PROOF_LEN, Error::<T>::ContentTooLarge);
		ensure!(segments == expected_segments, Error::<T>::SegmentCountMismatch);
		let deposit = T::OrderDeposit::get();
		Self::hold(&owner, HoldReason::OrderFee, fee)?;
		Self::hold(&owner, HoldReason::OrderDeposit, deposit)?;

		let order = NextOrderId::<T>::get();
		NextOrderId::<T>::put(order.checked_add(1).ok_or(ArithmeticError::Overflow)?);
		let placed_at = Self::now();
		let ends_at = placed_at.saturating_add(duration);
		Orders::<T>::insert(
			order,
			Order {
				owner: owner.clone(),
				root,
				size,
				segments,
				replicas,
				filled: 0,
				fee,
				paid: Zero::zero(),
				deposit,
				placed_at,
				ends_at,
			},
		);
		OrdersOf::<T>::insert(&owner, order, ());
		Self::deposit_event(Event::OrderPlaced {
			order,
			owner,
			root,
			size,
			replicas,
			fee,
			ends_at,
		});
		Ok(())
	}

	pub(crate) fn do_accept_order(provider: T::AccountId, id: OrderId) -> DispatchResult {
		let mut info = Providers::<T>::get(&provider).ok_or(Error::<T>::UnknownProvider)?;
		ensure!(info.status == ProviderStatus::Active, Error::<T>::ProviderLeaving);
		ensure!(info.stake >= T::MinProviderStake::get(), Error::<T>::StakeTooLow);
		let mut order = Orders::<T>::get(id).ok_or(Error::<T>::UnknownOrder)?;
		let now = Self::now();
		ensure!(now < order.ends_at, Error::<T>::OrderEnded);
		ensure!(!Replicas::<T>::contains_key(id, &provider), Error::<T>::AlreadyAccepted);
		ensure!(order.filled < order.replicas, Error::<T>::OrderFull);
		info.used = info
			.used
			.checked_add(order.size)
			.filter(|used| *used <= info.capacity)
			.ok_or(Error::<T>::InsufficientCapacity)?;

		let slot = ReplicaCount::<T>::get();
		ReplicaCount::<T>::put(slot.checked_add(1).ok_or(ArithmeticError::Overflow)?);
		ReplicaAt::<T>::insert(slot, (id, provider.clone()));
		Replicas::<T>::insert(
			id,
			&provider,
			Replica { accepted_at: now, paid_until: now, strikes: 0, slot },
		);
		order.filled.saturating_inc();
		info.replicas.saturating_inc();
		Orders::<T>::insert(id, order);
		Providers::<T>::insert(&provider, info);
		Self::deposit_event(Event::OrderAccepted { order: id, provider });
		Ok(())
	}

	pub(crate) fn do_end_order(who: T::AccountId, id: OrderId) -> DispatchResultWithPostInfo {
		let mut order = Orders::<T>::get(id).ok_or(Error::<T>::UnknownOrder)?;
		let now = Self::now();
		let over = now >= order.ends_at;
		ensure!(who == order.owner || over, Error::<T>::OrderNotOver);

		let filled = order.filled;
		// Keys first: removing a replica may move another replica of this order in `ReplicaAt`,
		// which updates its stored slot.
		let providers: Vec<T::AccountId> = Replicas::<T>::iter_key_prefix(id).collect();
		for provider in providers {
			let Some(replica) = Replicas::<T>::take(id, &provider) else { continue };
			let amount = Self::pay(id, &mut order, &provider, &replica, now)?;
			Self::remove_from_slot(replica.slot);
			if let Some(challenge) = OpenChallenge::<T>::take(id, &provider) {
				Challenges::<T>::remove(challenge);
			}
			Providers::<T>::mutate(&provider, |info| {
				if let Some(info) = info {
					info.used = info.used.saturating_sub(order.size);
					info.replicas.saturating_dec();
					info.stats.earned = info.stats.earned.saturating_add(amount);
				}
			});
		}

		let refund = order.fee.saturating_sub(order.paid);
		Self::release(&order.owner, HoldReason::OrderFee, refund)?;
		Self::release(&order.owner, HoldReason::OrderDeposit, order.deposit)?;
		Orders::<T>::remove(id);
		OrdersOf::<T>::remove(&order.owner, id);
		Self::deposit_event(Event::OrderEnded { order: id, refund, early: !over });
		Ok(Some(T::WeightInfo::end_order(filled)).into())
	}

	pub(crate) fn do_submit_proof(
		provider: T::AccountId,
		id: ChallengeId,
		segment: Segment,
		path: MerklePath,
	) -> DispatchResult {
		let challenge = Challenges::<T>::get(id).ok_or(Error::<T>::UnknownChallenge)?;
		ensure!(challenge.provider == provider, Error::<T>::NotChallenged);
		let now = Self::now();
		ensure!(now <= challenge.deadline, Error::<T>::ChallengeExpired);
		let mut order = Orders::<T>::get(challenge.order).ok_or(Error::<T>::UnknownOrder)?;
		verify_segment(&order.root, order.size, challenge.segment, &segment, &path).map_err(
			|e| match e {
				ProofError::WrongSegmentLength => Error::<T>::WrongSegmentLength,
				ProofError::WrongPathLength => Error::<T>::WrongPathLength,
				ProofError::IndexOutOfRange | ProofError::RootMismatch => Error::<T>::InvalidProof,
			},
		)?;
		let mut replica =
			Replicas::<T>::get(challenge.order, &provider).ok_or(Error::<T>::NotChallenged)?;

		Challenges::<T>::remove(id);
		OpenChallenge::<T>::remove(challenge.order, &provider);
		let amount = Self::pay(challenge.order, &mut order, &provider, &replica, now)?;
		replica.paid_until = now.min(order.ends_at);
		Replicas::<T>::insert(challenge.order, &provider, replica);
		Orders::<T>::insert(challenge.order, order);
		Providers::<T>::mutate(&provider, |info| {
			if let Some(info) = info {
				info.stats.proved.saturating_inc();
				info.stats.earned = info.stats.earned.saturating_add(amount);
			}
		});
		Self::deposit_event(Event::ProofAccepted {
			challenge: id,
			order: challenge.order,
			provider,
		});
		Ok(())
	}

	/// What `replica` has earned on `order` since it was last paid, up to `now` or the end of
	/// the order: its share, `fee / replicas`, pro rata to the time over the order's duration.
	pub(crate) fn earned(
		order: &OrderOf<T>,
		replica: &Replica<BlockNumberFor<T>>,
		now: BlockNumberFor<T>,
	) -> BalanceOf<T> {
		let until = now.min(order.ends_at);
		if until <= replica.paid_until {
			return Zero::zero();
		}
		let elapsed: u64 = until.saturating_sub(replica.paid_until).unique_saturated_into();
		let duration: u64 = order.ends_at.saturating_sub(order.placed_at).unique_saturated_into();
		let share: u128 = (order.fee / order.replicas.max(1).into()).unique_saturated_into();
		let amount = multiply_by_rational_with_rounding(
			share,
			elapsed.into(),
			duration.max(1).into(),
			Rounding::Down,
		)
		.unwrap_or(0);
		BalanceOf::<T>::unique_saturated_from(amount).min(order.fee.saturating_sub(order.paid))
	}

	/// Pays `provider` what its replica earned from the order's held fee.
	fn pay(
		id: OrderId,
		order: &mut OrderOf<T>,
		provider: &T::AccountId,
		replica: &Replica<BlockNumberFor<T>>,
		now: BlockNumberFor<T>,
	) -> Result<BalanceOf<T>, DispatchError> {
		let amount = Self::earned(order, replica, now);
		if amount.is_zero() {
			return Ok(amount);
		}
		T::Currency::transfer_on_hold(
			&HoldReason::OrderFee.into(),
			&order.owner,
			provider,
			amount,
			Precision::Exact,
			Restriction::Free,
			Fortitude::Polite,
		)?;
		order.paid = order.paid.saturating_add(amount);
		Self::deposit_event(Event::ProviderPaid { order: id, provider: provider.clone(), amount });
		Ok(amount)
	}

	/// Takes `slot` out of the dense replica list by moving the last entry into it.
	pub(crate) fn remove_from_slot(slot: u32) {
		let last = ReplicaCount::<T>::get().saturating_sub(1);
		let moved = ReplicaAt::<T>::take(last);
		if slot != last {
			if let Some((order, provider)) = moved {
				Replicas::<T>::mutate(order, &provider, |replica| {
					if let Some(replica) = replica {
						replica.slot = slot;
					}
				});
				ReplicaAt::<T>::insert(slot, (order, provider));
			}
		}
		ReplicaCount::<T>::put(last);
	}

	fn hold(who: &T::AccountId, reason: HoldReason, amount: BalanceOf<T>) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		T::Currency::hold(&reason.into(), who, amount)
			.map_err(|_| Error::<T>::InsufficientBalance.into())
	}

	fn release(who: &T::AccountId, reason: HoldReason, amount: BalanceOf<T>) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		T::Currency::release(&reason.into(), who, amount, Precision::Exact).map(|_| ())
	}

	pub(crate) fn now() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}
}
