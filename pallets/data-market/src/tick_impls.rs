use crate::*;
use cpchain_pallet_support::queue::Step;
use cpchain_primitives::market::GrantManager;
use frame_support::{pallet_prelude::*, storage::with_storage_layer, weights::WeightMeter};
use frame_system::pallet_prelude::BlockNumberFor;

impl<T: Config> Pallet<T> {
	/// Refunds pending purchases whose deadline passed, oldest first, within `meter`.
	pub(crate) fn refund_due(meter: &mut WeightMeter) {
		let item = T::WeightInfo::refund_expired();
		// Reading the clock.
		if meter.try_consume(T::DbWeight::get().reads(1)).is_err() {
			return;
		}
		let now = Self::now();
		RefundQueueOf::<T>::drain(meter, T::DbWeight::get(), item, |id| Self::refund_one(id, now));
	}

	/// Refunds purchase `id` if it is pending and past its deadline, charging the path taken:
	/// a purchase settled in the meantime, or not due, costs a read (`refund_skipped`).
	pub(crate) fn refund_one(id: PurchaseId, now: BlockNumberFor<T>) -> Step {
		let skipped = T::WeightInfo::refund_skipped();
		let Some(purchase) = Purchases::<T>::get(id) else { return Step::Done(skipped) };
		if now <= purchase.deadline {
			return Step::NotDue(skipped);
		}
		if purchase.status != PurchaseStatus::Pending {
			return Step::Done(skipped);
		}
		let weight = T::WeightInfo::refund_expired();
		// All or nothing; a purchase whose grant cannot be expired was settled already.
		let _ = with_storage_layer(|| {
			T::Grants::expire(id)?;
			Self::refund(id, purchase)
		});
		Step::Done(weight)
	}
}
