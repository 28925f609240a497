//! Storage migrations of the data market, one module per storage version.
//!
//! Each migration is a [`VersionedMigration`]: it runs only when the chain's storage version is
//! the one it migrates from, then sets the new one, so a runtime may keep it in its
//! `Migrations` tuple for a release and drop it after. Its test writes the old layout, runs the
//! migration and reads the new one.

use frame_support::migrations::VersionedMigration;

/// Version 1: [`crate::Subscription`] counts the periods delivered (`delivered_through`), not
/// the periods bought (`paid_through`), so that a refunded period can be bought again.
pub mod v1 {
	use super::*;
	use crate::{Config, OpenPurchase, Pallet, PeriodIndex, Purchases, Subscription};
	use codec::{Decode, Encode};
	use frame_support::traits::Get;
	use frame_support::{traits::UncheckedOnRuntimeUpgrade, weights::Weight};

	/// A subscription in version 0. Its deposit was the amount held, which is how the
	/// runtime's deposit ticket (`HoldConsideration`) is encoded, so it reads as the ticket.
	#[derive(Encode, Decode)]
	pub struct SubscriptionV0<Deposit> {
		/// Last period bought, delivered or not.
		pub paid_through: PeriodIndex,
		/// Taken from the subscriber.
		pub deposit: Deposit,
	}

	/// Rewrites every subscription: the last period bought counts as delivered unless its
	/// purchase is still pending, in which case the period before it does.
	pub struct Inner<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for Inner<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut count = 0u64;
			crate::Subscriptions::<T>::translate::<SubscriptionV0<T::PurchaseDeposit>, _>(
				|listing, buyer, old| {
					count = count.saturating_add(1);
					let pending = OpenPurchase::<T>::get(&buyer, listing)
						.and_then(Purchases::<T>::get)
						.is_some_and(|p| p.period == old.paid_through);
					let delivered_through = if pending {
						old.paid_through.checked_sub(1)
					} else {
						Some(old.paid_through)
					};
					Some(Subscription { delivered_through, deposit: old.deposit })
				},
			);
			T::DbWeight::get().reads_writes(count.saturating_mul(3), count)
		}
	}

	/// The migration to add to the runtime's `Migrations`.
	pub type MigrateV0ToV1<T> =
		VersionedMigration<0, 1, Inner<T>, Pallet<T>, <T as frame_system::Config>::DbWeight>;
}
