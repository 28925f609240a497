use crate::*;
use cpchain_pallet_support::queue::Step;
use frame_support::{pallet_prelude::*, storage::with_storage_layer, weights::WeightMeter};
use frame_system::pallet_prelude::BlockNumberFor;
use pallet_access_grants::GrantManager;

impl<T: Config> Pallet<T> {
	/// Refunds pending purchases whose deadline passed, oldest first, within `meter`.
	pub(crate) fn refund_due(now: BlockNumberFor<T>, meter: &mut WeightMeter) {
		let max = T::WeightInfo::refund_expired().max(T::WeightInfo::refund_skipped());
		RefundQueueOf::<T>::drain(meter, T::DbWeight::get(), max, |id| Self::refund_one(id, now));
	}

	/// Refunds purchase `id` if it is pending and past its deadline. One that was settled in
	/// the meantime (delivered, refunded or revoked) costs a read.
	pub(crate) fn refund_one(id: PurchaseId, now: BlockNumberFor<T>) -> Step {
		let Some(purchase) = Purchases::<T>::get(id) else {
			return Step::Done(T::WeightInfo::refund_skipped());
		};
		if now <= purchase.deadline {
			return Step::NotDue(T::WeightInfo::refund_skipped());
		}
		if purchase.status != PurchaseStatus::Pending {
			return Step::Done(T::WeightInfo::refund_skipped());
		}
		// All or nothing; a purchase whose grant cannot be expired was settled already.
		let _ = with_storage_layer(|| {
			T::Grants::expire(id)?;
			Self::refund(id, purchase)
		});
		Step::Done(T::WeightInfo::refund_expired())
	}
}
