use crate::*;
use frame_support::{
	pallet_prelude::*,
	storage::with_storage_layer,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
		Randomness,
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{BlakeTwo256, Hash, SaturatedConversion, Saturating, Zero};

/// Subject under which challenge seeds are asked of `Config::Randomness`.
const CHALLENGE_SUBJECT: &[u8] = b"cpchain/storage-proofs/challenge";

impl<T: Config> Pallet<T> {
	/// At the start of every challenge period: settle the previous round's unanswered
	/// challenges, then issue the next round. Other blocks do nothing.
	pub(crate) fn do_tick(now: BlockNumberFor<T>) -> Weight {
		if !(now % T::ChallengePeriod::get()).is_zero() {
			return Weight::zero();
		}
		let expired = Self::expire_round();
		let issued = Self::issue_round(now);
		T::WeightInfo::expire_challenges(expired)
			.saturating_add(T::WeightInfo::issue_challenges(issued))
	}

	/// Every challenge of the last round still open is a miss. Returns the round's length.
	pub(crate) fn expire_round() -> u32 {
		let round = Round::<T>::take();
		for id in &round {
			if let Some(challenge) = Challenges::<T>::take(id) {
				OpenChallenge::<T>::remove(challenge.order, &challenge.provider);
				Self::miss(*id, challenge);
			}
		}
		round.len() as u32
	}

	/// A strike on the replica, a slash of the provider's stake to the order's owner, and
	/// the provider's removal from the order at `MaxStrikes` strikes.
	fn miss(id: ChallengeId, challenge: ChallengeOf<T>) {
		let Challenge { order: order_id, provider, .. } = challenge;
		let (Some(mut order), Some(mut replica), Some(mut info)) = (
			Orders::<T>::get(order_id),
			Replicas::<T>::get(order_id, &provider),
			Providers::<T>::get(&provider),
		) else {
			return;
		};
		let slash = T::SlashFraction::get() * info.stake;
		// The transfer either happens whole or not at all; a failed one leaves the strike.
		let slashed = with_storage_layer(|| {
			T::Currency::transfer_on_hold(
				&HoldReason::ProviderStake.into(),
				&provider,
				&order.owner,
				slash,
				Precision::BestEffort,
				Restriction::Free,
				Fortitude::Force,
			)
		})
		.unwrap_or_default();
		info.stake = info.stake.saturating_sub(slashed);
		info.stats.missed.saturating_inc();
		info.stats.slashed = info.stats.slashed.saturating_add(slashed);
		replica.strikes.saturating_inc();
		let strikes = replica.strikes;
		Self::deposit_event(Event::ChallengeMissed {
			challenge: id,
			order: order_id,
			provider: provider.clone(),
			slashed,
			strikes,
		});

		if strikes >= T::MaxStrikes::get() {
			Replicas::<T>::remove(order_id, &provider);
			Self::remove_from_slot(replica.slot);
			info.used = info.used.saturating_sub(order.size);
			info.replicas.saturating_dec();
			info.stats.evicted.saturating_inc();
			order.filled.saturating_dec();
			Orders::<T>::insert(order_id, order);
			Self::deposit_event(Event::ReplicaReopened {
				order: order_id,
				provider: provider.clone(),
			});
		} else {
			Replicas::<T>::insert(order_id, &provider, replica);
		}
		Providers::<T>::insert(&provider, info);
	}

	/// Challenges every replica when there are at most `MaxChallengesPerPeriod`, else that
	/// many drawn at random (a replica drawn twice is challenged once). Returns the number of
	/// draws.
	pub(crate) fn issue_round(now: BlockNumberFor<T>) -> u32 {
		let count = ReplicaCount::<T>::get();
		let max = T::MaxChallengesPerPeriod::get();
		let draws = count.min(max);
		if draws == 0 {
			return 0;
		}
		let (seed, _) = T::Randomness::random(CHALLENGE_SUBJECT);
		let mut next_id = NextChallengeId::<T>::get();
		let mut round = BoundedVec::<ChallengeId, T::MaxChallengesPerPeriod>::new();
		for draw in 0..draws {
			let bytes = BlakeTwo256::hash_of(&(seed, now, draw));
			let random = |at: usize| {
				let mut word = [0u8; 8];
				word.copy_from_slice(&bytes.as_bytes()[at..at + 8]);
				u64::from_le_bytes(word)
			};
			let slot = if count <= max { draw } else { (random(0) % u64::from(count)) as u32 };
			let Some((order_id, provider)) = ReplicaAt::<T>::get(slot) else { continue };
			if OpenChallenge::<T>::contains_key(order_id, &provider) {
				continue;
			}
			let Some(order) = Orders::<T>::get(order_id) else { continue };
			if now >= order.ends_at {
				continue;
			}
			// `place_order` refuses empty content, so an order has at least one segment.
			let segment = random(8) % order.segments;
			let deadline = now.saturating_add(Self::response_window(order.size));
			let id = next_id;
			next_id = next_id.wrapping_add(1);
			if round.try_push(id).is_err() {
				break;
			}
			Challenges::<T>::insert(
				id,
				Challenge { order: order_id, provider: provider.clone(), segment, deadline },
			);
			OpenChallenge::<T>::insert(order_id, &provider, id);
			Self::deposit_event(Event::Challenged {
				challenge: id,
				order: order_id,
				provider,
				segment,
				deadline,
			});
		}
		NextChallengeId::<T>::put(next_id);
		Round::<T>::put(round);
		draws
	}

	/// Blocks a provider has to answer a challenge on `size` bytes of content:
	/// `ResponseWindow` plus one per `ResponseBytesPerBlock`, ending before the next round.
	pub fn response_window(size: u64) -> BlockNumberFor<T> {
		let extra: BlockNumberFor<T> = (size / T::ResponseBytesPerBlock::get()).saturated_into();
		let last = T::ChallengePeriod::get().saturating_sub(1u32.into());
		T::ResponseWindow::get().saturating_add(extra).min(last)
	}
}
