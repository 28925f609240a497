use crate::*;
use frame_support::pallet_prelude::*;
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
	/// Prunes settled grants whose retention is over, oldest first, while `remaining` weight
	/// allows. Returns the weight used.
	pub(crate) fn prune(now: BlockNumberFor<T>, remaining: Weight) -> Weight {
		let per_grant = T::WeightInfo::prune_grant();
		let mut used = T::DbWeight::get().reads(1);
		if remaining.any_lt(used) {
			return Weight::zero();
		}
		let (mut head, tail) = PruneBounds::<T>::get();
		let start = head;
		while head < tail && used.saturating_add(per_grant).all_lte(remaining) {
			if !Self::prune_one(head, now) {
				break;
			}
			head.saturating_inc();
			used.saturating_accrue(per_grant);
		}
		if head != start {
			PruneBounds::<T>::put((head, tail));
			used.saturating_accrue(T::DbWeight::get().writes(1));
		}
		used
	}

	/// Prunes the grant at `PruneQueue[index]` if its retention is over; `false` if it is not.
	pub(crate) fn prune_one(index: u64, now: BlockNumberFor<T>) -> bool {
		let Some(id) = PruneQueue::<T>::get(index) else { return true };
		if let Some(grant) = Grants::<T>::get(id) {
			if let GrantStatus::Fulfilled { at }
			| GrantStatus::Revoked { at }
			| GrantStatus::Expired { at } = grant.status
			{
				if now < at.saturating_add(T::Retention::get()) {
					return false;
				}
			}
			// The deposit was held when the grant was opened and only this releases it.
			let _ = Self::release(&grant.grantee, HoldReason::GrantDeposit, grant.deposit);
			Grants::<T>::remove(id);
			Fragments::<T>::remove(id);
			GrantsOf::<T>::remove(&grant.grantee, id);
			Self::deposit_event(Event::GrantPruned { grant: id });
		}
		PruneQueue::<T>::remove(index);
		true
	}
}
