use crate::*;
use cpchain_pallet_support::queue::Step;
use frame_support::{pallet_prelude::*, weights::WeightMeter};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
	/// Prunes settled grants whose retention is over, oldest first, within `meter`.
	pub(crate) fn prune(meter: &mut WeightMeter) {
		let item = T::WeightInfo::prune_grant();
		// Reading the clock.
		if meter.try_consume(T::DbWeight::get().reads(1)).is_err() {
			return;
		}
		let now = Self::now();
		PruneQueueOf::<T>::drain(meter, T::DbWeight::get(), item, |id| Self::prune_one(id, now));
	}

	/// Prunes grant `id` if its retention is over, charging the path taken: a grant its
	/// grantee released already, or one not due, costs a read (`prune_skipped`).
	pub(crate) fn prune_one(id: GrantId, now: BlockNumberFor<T>) -> Step {
		let skipped = T::WeightInfo::prune_skipped();
		let Some(grant) = Grants::<T>::get(id) else { return Step::Done(skipped) };
		if let GrantStatus::Fulfilled { at }
		| GrantStatus::Revoked { at }
		| GrantStatus::Expired { at } = grant.status
		{
			if now < at.saturating_add(T::Retention::get()) {
				return Step::NotDue(skipped);
			}
		}
		Self::remove_grant(id, grant);
		Step::Done(T::WeightInfo::prune_grant())
	}
}
