use crate::*;
use alloc::vec::Vec;
use cpchain_pallet_support::{
	holds,
	stake::{self, StakeError},
	weighted::WeightedList,
};
use cpchain_primitives::storage::{
	proof_len, segment_count, verify_segment, ProofError, MAX_PROOF_LEN, SEGMENT_SIZE,
};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
		Consideration, Footprint,
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_core::H256;
use sp_runtime::{
	helpers_128bit::multiply_by_rational_with_rounding,
	traits::{
		BlockNumberProvider, SaturatedConversion, Saturating, UniqueSaturatedFrom,
		UniqueSaturatedInto, Zero,
	},
	ArithmeticError, Rounding,
};

/// The list challenges are drawn from, weighted by `Replica::weight`.
pub(crate) type DrawList<T> = WeightedList<DrawWeights<T>, ReplicaCount<T>>;

impl<T: Config> From<StakeError> for Error<T> {
	fn from(error: StakeError) -> Self {
		match error {
			StakeError::Leaving => Error::<T>::ProviderLeaving,
			StakeError::NotLeaving => Error::<T>::NotLeaving,
			StakeError::UnbondingNotOver => Error::<T>::UnbondingNotOver,
		}
	}
}

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
				status: StakeStatus::Active,
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
		let unbonds_at = info
			.status
			.leave(T::UnbondingClock::current_block_number(), T::UnbondingPeriod::get())
			.map_err(Error::<T>::from)?;
		Providers::<T>::insert(&provider, info);
		Self::deposit_event(Event::ProviderLeaving { provider, unbonds_at });
		Ok(())
	}

	pub(crate) fn do_withdraw_stake(provider: T::AccountId) -> DispatchResult {
		let info = Providers::<T>::get(&provider).ok_or(Error::<T>::UnknownProvider)?;
		info.status
			.ensure_unbonded(T::UnbondingClock::current_block_number())
			.map_err(Error::<T>::from)?;
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
		ensure!(fee >= Self::min_fee(segments, replicas, duration), Error::<T>::FeeTooLow);
		Self::hold(&owner, HoldReason::OrderFee, fee)?;
		let deposit = T::OrderDeposit::new(&owner, Self::order_footprint())?;

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

	pub(crate) fn do_accept_order(
		provider: T::AccountId,
		id: OrderId,
	) -> DispatchResultWithPostInfo {
		let mut info = Providers::<T>::get(&provider).ok_or(Error::<T>::UnknownProvider)?;
		ensure!(info.status.is_active(), Error::<T>::ProviderLeaving);
		ensure!(info.stake >= T::MinProviderStake::get(), Error::<T>::StakeTooLow);
		let mut order = Orders::<T>::get(id).ok_or(Error::<T>::UnknownOrder)?;
		let now = Self::now();
		ensure!(now < order.ends_at, Error::<T>::OrderEnded);
		ensure!(!Replicas::<T>::contains_key(id, &provider), Error::<T>::AlreadyAccepted);
		ensure!(order.filled < order.replicas, Error::<T>::OrderFull);
		info.used = info
			.used
			.checked_add(Self::stored_bytes(order.segments))
			.filter(|used| *used <= info.capacity)
			.ok_or(Error::<T>::InsufficientCapacity)?;
		ensure!(
			info.stake >= Self::collateral(info.used / SEGMENT_SIZE),
			Error::<T>::InsufficientCollateral
		);

		let depth = Self::depth();
		let slot = DrawList::<T>::push(order.segments).ok_or(ArithmeticError::Overflow)?;
		ReplicaAt::<T>::insert(slot, (id, provider.clone()));
		Replicas::<T>::insert(
			id,
			&provider,
			Replica { accepted_at: now, paid_until: now, strikes: 0, slot, weight: order.segments },
		);
		order.filled.saturating_inc();
		info.replicas.saturating_inc();
		Orders::<T>::insert(id, order);
		Providers::<T>::insert(&provider, info);
		Self::deposit_event(Event::OrderAccepted { order: id, provider });
		Ok(Some(T::WeightInfo::accept_order().saturating_add(Self::draw_list_push(depth))).into())
	}

	pub(crate) fn do_end_order(who: T::AccountId, id: OrderId) -> DispatchResultWithPostInfo {
		let mut order = Orders::<T>::get(id).ok_or(Error::<T>::UnknownOrder)?;
		let now = Self::now();
		let over = now >= order.ends_at;
		ensure!(who == order.owner || over, Error::<T>::OrderNotOver);

		let (filled, depth) = (order.filled, Self::depth());
		// Keys first: removing a replica may move another replica of this order in `ReplicaAt`,
		// which updates its stored slot.
		let providers: Vec<T::AccountId> = Replicas::<T>::iter_key_prefix(id).collect();
		for provider in providers {
			let Some(replica) = Replicas::<T>::take(id, &provider) else { continue };
			let amount = Self::pay(id, &mut order, &provider, &replica, now)?;
			Self::remove_from_slot(replica.slot, replica.weight);
			if let Some(challenge) = OpenChallenge::<T>::take(id, &provider) {
				Challenges::<T>::remove(challenge);
			}
			Providers::<T>::mutate(&provider, |info| {
				if let Some(info) = info {
					info.used = info.used.saturating_sub(Self::stored_bytes(order.segments));
					info.replicas.saturating_dec();
					info.stats.earned = info.stats.earned.saturating_add(amount);
				}
			});
		}

		let refund = order.fee.saturating_sub(order.paid);
		holds::release::<_, T::Currency>(&HoldReason::OrderFee.into(), &order.owner, refund)?;
		order.deposit.drop(&order.owner)?;
		Orders::<T>::remove(id);
		OrdersOf::<T>::remove(&order.owner, id);
		Self::deposit_event(Event::OrderEnded { order: id, refund, early: !over });
		Ok(Some(Self::end_order_weight(filled, depth)).into())
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

	pub(crate) fn do_leave_replica(
		provider: T::AccountId,
		id: OrderId,
	) -> DispatchResultWithPostInfo {
		let mut info = Providers::<T>::get(&provider).ok_or(Error::<T>::UnknownProvider)?;
		let mut order = Orders::<T>::get(id).ok_or(Error::<T>::UnknownOrder)?;
		let replica = Replicas::<T>::get(id, &provider).ok_or(Error::<T>::NotReplica)?;
		let now = Self::now();
		ensure!(now < order.ends_at, Error::<T>::OrderEnded);
		ensure!(!OpenChallenge::<T>::contains_key(id, &provider), Error::<T>::ReplicaChallenged);

		let depth = Self::depth();
		let earned = Self::pay(id, &mut order, &provider, &replica, now)?;
		let penalty = T::LeavePenalty::get() * Self::collateral(order.segments);
		let penalty = Self::slash(&provider, &mut info, penalty, &order.owner);
		Self::reopen_replica(id, &mut order, &provider, &replica, &mut info);
		info.stats.earned.saturating_accrue(earned);
		Orders::<T>::insert(id, order);
		Providers::<T>::insert(&provider, info);
		Self::deposit_event(Event::ReplicaLeft { order: id, provider, penalty });
		Ok(Some(T::WeightInfo::leave_replica().saturating_add(Self::draw_list_remove(depth)))
			.into())
	}

	/// Levels of the draw list's tree: the most nodes one operation on it reads or writes.
	/// Benchmarks run on short lists; the calls add this storage work for the list as it is.
	pub(crate) fn depth() -> u64 {
		let len = ReplicaCount::<T>::get().saturating_add(1);
		u64::from(32 - len.leading_zeros())
	}

	/// Storage work of appending to a draw list of `depth` levels.
	pub(crate) fn draw_list_push(depth: u64) -> Weight {
		T::DbWeight::get().reads_writes(depth, 1)
	}

	/// Storage work of removing from (or re-weighing a slot of) a draw list of `depth` levels.
	pub(crate) fn draw_list_remove(depth: u64) -> Weight {
		T::DbWeight::get().reads_writes(depth.saturating_add(2), depth.saturating_add(2))
	}

	/// Weight of ending an order held by `replicas` providers, on a draw list of `depth`.
	pub(crate) fn end_order_weight(replicas: u32, depth: u64) -> Weight {
		T::WeightInfo::end_order(replicas)
			.saturating_add(Self::draw_list_remove(depth).saturating_mul(replicas.into()))
	}

	/// Least fee for `replicas` copies of `segments` segments over `duration` blocks: each
	/// challenge period begun costs `MinFeePerSegmentPeriod` per segment and replica.
	pub fn min_fee(segments: u64, replicas: u32, duration: BlockNumberFor<T>) -> BalanceOf<T> {
		let period: u128 = T::ChallengePeriod::get().saturated_into::<u128>().max(1);
		let periods = duration.saturated_into::<u128>().div_ceil(period);
		let units = u128::from(segments).saturating_mul(replicas.into()).saturating_mul(periods);
		T::MinFeePerSegmentPeriod::get().saturating_mul(units.saturated_into())
	}

	/// Stake that `segments` kept segments require.
	pub fn collateral(segments: u64) -> BalanceOf<T> {
		T::CollateralPerSegment::get().saturating_mul(segments.saturated_into())
	}

	/// Capacity a replica of `segments` segments takes.
	pub(crate) fn stored_bytes(segments: u64) -> u64 {
		segments.saturating_mul(SEGMENT_SIZE)
	}

	/// Slashes up to `amount` of `provider`'s stake, `SlashToOwner` of it to `owner`; returns
	/// what was slashed and takes it off `info`.
	pub(crate) fn slash(
		provider: &T::AccountId,
		info: &mut ProviderInfoOf<T>,
		amount: BalanceOf<T>,
		owner: &T::AccountId,
	) -> BalanceOf<T> {
		let slashed = stake::slash::<_, T::Currency, T::Slash>(
			&HoldReason::ProviderStake.into(),
			provider,
			amount,
			owner,
			T::SlashToOwner::get(),
		);
		info.stake.saturating_reduce(slashed);
		info.stats.slashed.saturating_accrue(slashed);
		slashed
	}

	/// What `replica` has earned on `order` since it was last paid, up to `now` or the end of
	/// the order: its share, `fee / replicas`, pro rata to the time over the order's duration.
	pub(crate) fn earned(
		order: &StorageOrder<T>,
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
		order: &mut StorageOrder<T>,
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

	/// Takes `provider` off `order` while the order goes on: its replica record and draw slot
	/// go, the provider gets the capacity back and the replica is open to others.
	pub(crate) fn reopen_replica(
		id: OrderId,
		order: &mut StorageOrder<T>,
		provider: &T::AccountId,
		replica: &Replica<BlockNumberFor<T>>,
		info: &mut ProviderInfoOf<T>,
	) {
		Replicas::<T>::remove(id, provider);
		Self::remove_from_slot(replica.slot, replica.weight);
		info.used = info.used.saturating_sub(Self::stored_bytes(order.segments));
		info.replicas.saturating_dec();
		order.filled.saturating_dec();
	}

	/// Takes `slot` (of draw weight `weight`) out of the dense replica list by moving the last
	/// entry into it.
	pub(crate) fn remove_from_slot(slot: u32, weight: u64) {
		let last = ReplicaCount::<T>::get().saturating_sub(1);
		let moved = ReplicaAt::<T>::take(last);
		let mut last_weight = weight;
		if slot != last {
			if let Some((order, provider)) = moved {
				Replicas::<T>::mutate(order, &provider, |replica| {
					if let Some(replica) = replica {
						replica.slot = slot;
						last_weight = replica.weight;
					}
				});
				ReplicaAt::<T>::insert(slot, (order, provider));
			}
		}
		DrawList::<T>::swap_remove(slot, weight, last_weight);
	}

	/// What an order stores, which its deposit pays for: the order and its owner's index entry.
	pub(crate) fn order_footprint() -> Footprint {
		Footprint::from_mel::<(StorageOrder<T>, T::AccountId, OrderId)>()
	}

	fn hold(who: &T::AccountId, reason: HoldReason, amount: BalanceOf<T>) -> DispatchResult {
		holds::hold::<_, T::Currency>(&reason.into(), who, amount)
			.map_err(|_| Error::<T>::InsufficientBalance.into())
	}

	pub(crate) fn now() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}
}
