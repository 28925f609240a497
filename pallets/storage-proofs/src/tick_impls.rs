use crate::{dispatchable_impls::DrawList, *};
use alloc::vec::Vec;
use cpchain_pallet_support::weighted::Draws;
use frame_support::{pallet_prelude::*, traits::Randomness};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_core::H256;
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
		// Misses may evict (remove from the draw list), draws read the list, and a draw on
		// an order that is over re-weighs its slot: storage work the short lists of the
		// benchmarks do not show.
		let depth = Self::depth();
		let (round, missed) = Self::expire_round();
		let (looked, zeroed) = Self::issue_round(now);
		let list = Self::draw_list_remove(depth);
		// A challenge answered in time was removed then: looking for it is one read.
		T::WeightInfo::expire_challenges(missed)
			.saturating_add(T::DbWeight::get().reads(round.saturating_sub(missed).into()))
			.saturating_add(list.saturating_mul(missed.into()))
			.saturating_add(T::WeightInfo::issue_challenges(looked))
			.saturating_add(T::DbWeight::get().reads(depth).saturating_mul(looked.into()))
			.saturating_add(list.saturating_mul(zeroed.into()))
	}

	/// Every challenge of the last round still open is a miss. Returns the round's length and
	/// the misses.
	pub(crate) fn expire_round() -> (u32, u32) {
		let round = Round::<T>::take();
		let mut missed = 0u32;
		for id in &round {
			if let Some(challenge) = Challenges::<T>::take(id) {
				OpenChallenge::<T>::remove(challenge.order, &challenge.provider);
				Self::miss(*id, challenge);
				missed.saturating_inc();
			}
		}
		(round.len() as u32, missed)
	}

	/// A strike on the replica, a slash of `SlashFraction` of its collateral, and the
	/// provider's removal from the order at `MaxStrikes` strikes.
	fn miss(id: ChallengeId, challenge: ChallengeOf<T>) {
		let Challenge { order: order_id, provider, .. } = challenge;
		let (Some(mut order), Some(mut replica), Some(mut info)) = (
			Orders::<T>::get(order_id),
			Replicas::<T>::get(order_id, &provider),
			Providers::<T>::get(&provider),
		) else {
			return;
		};
		let slash = T::SlashFraction::get() * Self::collateral(order.segments);
		let slashed = Self::slash(&provider, &mut info, slash, &order.owner);
		info.stats.missed.saturating_inc();
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
			Self::reopen_replica(order_id, &mut order, &provider, &replica, &mut info);
			info.stats.evicted.saturating_inc();
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

	/// Challenges every replica of an order not yet over when there are at most
	/// `MaxChallengesPerPeriod` replicas. Beyond that, draws that many without replacement,
	/// each replica with a chance in proportion to its weight. A draw that finds its order
	/// over takes the replica out of the draws for good (weight zero) and is made again, up
	/// to `MaxChallengesPerPeriod` times a round: a replica whose order is over costs one
	/// redraw once, and a round is short only if more of them are drawn in it than that.
	/// Returns the replicas looked at and those taken out of the draws.
	pub(crate) fn issue_round(now: BlockNumberFor<T>) -> (u32, u32) {
		let max = T::MaxChallengesPerPeriod::get();
		Self::issue(now, ReplicaCount::<T>::get() > max, max)
	}

	/// Issues up to `max` challenges: to every replica in turn, or drawn (`draw`).
	pub(crate) fn issue(now: BlockNumberFor<T>, draw: bool, max: u32) -> (u32, u32) {
		let count = ReplicaCount::<T>::get();
		if count == 0 || max == 0 {
			return (0, 0);
		}
		let (seed, _) = T::Randomness::random(CHALLENGE_SUBJECT);
		let mut round = Issue::<T> {
			now,
			seed,
			next_id: NextChallengeId::<T>::get(),
			issued: BoundedVec::new(),
		};
		let mut looked = 0u32;
		let mut over = Vec::new();
		if !draw {
			for slot in 0..count.min(max) {
				looked.saturating_inc();
				let Some((order_id, provider)) = ReplicaAt::<T>::get(slot) else { continue };
				round.challenge(slot, order_id, provider);
			}
		} else {
			let mut draws = Draws::<DrawWeights<T>, ReplicaCount<T>>::new();
			while (round.issued.len() as u32) < max && looked < max.saturating_mul(2) {
				let draw = looked;
				looked.saturating_inc();
				let random = round.random(draw, 0);
				let mut drawn = None;
				let weight_of = |slot| {
					drawn = ReplicaAt::<T>::get(slot).and_then(|(order, provider)| {
						Replicas::<T>::get(order, &provider).map(|r| (order, provider, r))
					});
					drawn.as_ref().map_or(0, |(_, _, replica)| replica.weight)
				};
				if draws.draw(random, weight_of).is_none() {
					break;
				}
				let Some((order_id, provider, replica)) = drawn else { continue };
				if !round.challenge(draw, order_id, provider.clone()) {
					over.push((order_id, provider, replica));
				}
			}
		}
		let zeroed = over.len() as u32;
		for (order_id, provider, mut replica) in over {
			DrawList::<T>::set(replica.slot, replica.weight, 0);
			replica.weight = 0;
			Replicas::<T>::insert(order_id, &provider, replica);
		}
		NextChallengeId::<T>::put(round.next_id);
		Round::<T>::put(round.issued);
		(looked, zeroed)
	}

	/// Blocks a provider has to answer a challenge on `size` bytes of content:
	/// `ResponseWindow` plus one per `ResponseBytesPerBlock`, ending before the next round.
	pub fn response_window(size: u64) -> BlockNumberFor<T> {
		let extra: BlockNumberFor<T> = (size / T::ResponseBytesPerBlock::get()).saturated_into();
		let last = T::ChallengePeriod::get().saturating_sub(1u32.into());
		T::ResponseWindow::get().saturating_add(extra).min(last)
	}
}

/// A round being issued.
struct Issue<T: Config> {
	now: BlockNumberFor<T>,
	seed: H256,
	next_id: ChallengeId,
	issued: BoundedVec<ChallengeId, T::MaxChallengesPerPeriod>,
}

impl<T: Config> Issue<T> {
	/// Word `word` (0 or 1) of the randomness of the round's `draw`-th draw.
	fn random(&self, draw: u32, word: usize) -> u64 {
		let bytes = BlakeTwo256::hash_of(&(self.seed, self.now, draw));
		let mut out = [0u8; 8];
		out.copy_from_slice(&bytes.as_bytes()[word * 8..word * 8 + 8]);
		u64::from_le_bytes(out)
	}

	/// Challenges `provider` on a random segment of `order_id`, unless the order is over
	/// (or gone): then returns `false`.
	fn challenge(&mut self, draw: u32, order_id: OrderId, provider: T::AccountId) -> bool {
		let Some(order) = Orders::<T>::get(order_id) else { return false };
		if self.now >= order.ends_at {
			return false;
		}
		// `place_order` refuses empty content, so an order has at least one segment.
		let segment = self.random(draw, 1) % order.segments.max(1);
		let deadline = self.now.saturating_add(Pallet::<T>::response_window(order.size));
		let id = self.next_id;
		if self.issued.try_push(id).is_err() {
			return true;
		}
		self.next_id = id.wrapping_add(1);
		Challenges::<T>::insert(
			id,
			Challenge { order: order_id, provider: provider.clone(), segment, deadline },
		);
		OpenChallenge::<T>::insert(order_id, &provider, id);
		Pallet::<T>::deposit_event(Event::Challenged {
			challenge: id,
			order: order_id,
			provider,
			segment,
			deadline,
		});
		true
	}
}
