use crate::*;
use frame_support::{pallet_prelude::*, storage::with_storage_layer};
use frame_system::pallet_prelude::BlockNumberFor;
use pallet_access_grants::GrantManager;
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
	/// Refunds pending purchases whose deadline passed, oldest first, while `remaining` weight
	/// allows. Returns the weight used.
	pub(crate) fn refund_due(now: BlockNumberFor<T>, remaining: Weight) -> Weight {
		let per_item = T::WeightInfo::refund_expired();
		let mut used = T::DbWeight::get().reads(1);
		if remaining.any_lt(used) {
			return Weight::zero();
		}
		let (mut head, tail) = RefundBounds::<T>::get();
		let start = head;
		while head < tail && used.saturating_add(per_item).all_lte(remaining) {
			if !Self::refund_at(head, now) {
				break;
			}
			head.saturating_inc();
			used.saturating_accrue(per_item);
		}
		if head != start {
			RefundBounds::<T>::put((head, tail));
			used.saturating_accrue(T::DbWeight::get().writes(1));
		}
		used
	}

	/// Refunds the purchase at `RefundQueue[index]` if it is pending and past its deadline;
	/// `false` if its deadline has not passed yet.
	pub(crate) fn refund_at(index: u64, now: BlockNumberFor<T>) -> bool {
		let Some(id) = RefundQueue::<T>::get(index) else { return true };
		if let Some(purchase) = Purchases::<T>::get(id) {
			if now <= purchase.deadline {
				return false;
			}
			// All or nothing; a purchase whose grant cannot be expired was settled already.
			if purchase.status == PurchaseStatus::Pending {
				let _ = with_storage_layer(|| {
					T::Grants::expire(id)?;
					Self::refund(id, purchase)
				});
			}
		}
		RefundQueue::<T>::remove(index);
		true
	}
}
